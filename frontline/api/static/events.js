/* The events on the map: one marker each, clustered; co-located events spread out (spiderfy) when
   their cluster is clicked, at any zoom, so every event can be opened. */
import { COLOURS, el, placeOf, sourceLink } from "./util.js";

const OPEN_AT = 8;  // the zoom an event opened from the table is shown at: its town, the towns around

export class EventLayer {
  constructor(map, { onOpen, onArticle, onTimeline }) {
    this.map = map;
    this.onOpen = onOpen;
    this.onArticle = onArticle;
    this.onTimeline = onTimeline;
    this.byId = new Map();
    this.group = L.markerClusterGroup({
      maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true, chunkedLoading: true,
      animate: false,  // no cluster animation: spreading and opening happen at once, after the map has moved
      spiderfyDistanceMultiplier: 1.4,
      iconCreateFunction: (cluster) => this.clusterIcon(cluster),
    }).addTo(map);
  }

  clusterIcon(cluster) {
    const markers = cluster.getAllChildMarkers();
    const count = cluster.getChildCount();
    const fresh = markers.some((m) => m.options.fresh);
    const size = count < 10 ? 30 : count < 100 ? 36 : 44;
    return L.divIcon({ className: `event-cluster${fresh ? " fresh" : ""}`, iconSize: [size, size],
                       html: `<span>${count}</span>` });
  }

  /** Draw these GeoJSON features; `fresh` is the set of ids that arrived after the page opened. */
  show(features, fresh) {
    this.group.clearLayers();
    this.byId.clear();
    const markers = [];
    for (const feature of features) {
      if (!feature.geometry) continue;
      const m = this.marker(feature, fresh.has(feature.properties.id));
      this.byId.set(feature.properties.id, m);
      markers.push(m);
    }
    this.group.addLayers(markers);
    document.body.dataset.markers = String(markers.length);
  }

  marker(feature, fresh) {
    const p = feature.properties;
    const [lon, lat] = feature.geometry.coordinates;
    const icon = L.divIcon({
      className: `event-marker${fresh ? " fresh" : ""}`, iconSize: [16, 16],
      html: `<span class="dot" style="background:${COLOURS[p.event_type] || "#555"}"></span>`,
    });
    const m = L.marker([lat, lon], { icon, title: `${p.location || "?"}: ${p.sub_event_type} (${p.event_date})`,
                                     alt: p.event_type, riseOnHover: true, fresh });
    m.on("add", () => {
      const node = m.getElement();
      node.dataset.eventId = p.id;
      node.dataset.lat = String(lat);
      node.dataset.lon = String(lon);
    });
    m.bindPopup(() => this.popup(p, fresh), { maxWidth: 320, autoPanPadding: [30, 30] });
    m.on("popupopen", () => this.onOpen(p.id));
    return m;
  }

  popup(p, fresh) {
    const fields = [
      ["Date", `${p.event_date}${p.time_precision > 1 ? ` (precision ${p.time_precision})` : ""}`],
      ["Type", `${p.event_type}: ${p.sub_event_type}`],
      ["Actor 1", p.actor1], ["Actor 2", p.actor2],
      ["Place", placeOf(p)],
      ["Fatalities", p.fatalities_known ? String(p.fatalities) : "not given"],
      ["Modality", p.modality + (p.claimed_by.length ? ` by ${p.claimed_by.join(", ")}` : "")],
      ["Sources", p.sources.join("; ")], ["Articles", String(p.article_count)], ["Notes", p.notes],
    ];
    const list = el("dl");
    for (const [name, value] of fields) {
      if (value) list.append(el("dt", { textContent: name }), el("dd", { textContent: value }));
    }
    const link = sourceLink(p);
    if (link) list.append(el("dt", { textContent: "Article" }), el("dd", {}, [link]));
    const read = el("a", { href: `#event=${encodeURIComponent(p.id)}`, className: "article-link",
                           textContent: "Article text, evidence highlighted" });
    read.addEventListener("click", () => {  // the same link twice: no hashchange, so show it here
      if (location.hash === read.getAttribute("href")) this.onArticle(p.id);
    });
    const actions = el("p", { className: "actions" }, [read]);
    if (p.geonameid) {
      const control = el("a", { href: "#", className: "control-link", textContent: "Control timeline" });
      control.addEventListener("click", (e) => { e.preventDefault(); this.onTimeline(p.geonameid); });
      actions.append(control);
    }
    const head = fresh ? [el("p", { className: "fresh-label", textContent: "new since you opened the page" })] : [];
    const box = el("div", { className: "popup" }, [...head, list, actions]);
    box.dataset.eventId = p.id;
    return box;
  }

  /** Fly to an event and open its popup, spreading its cluster if it shares a point with others. */
  open(id) {
    const m = this.byId.get(id);
    if (!m) return false;
    const show = () => {
      const parent = this.group.getVisibleParent(m);
      if (!parent || parent === m) return m.openPopup();
      const box = parent.getBounds();
      if (box.getNorthEast().equals(box.getSouthWest()) || this.map.getZoom() >= this.map.getMaxZoom()) {
        this.group.once("spiderfied", () => m.openPopup());  // all on one point: spread them here
        return parent.spiderfy();
      }
      this.map.once("moveend", show);  // still in a cluster with other places: closer, and look again
      this.map.setView(m.getLatLng(), Math.min(this.map.getZoom() + 2, this.map.getMaxZoom()));
    };
    if (this.map.getZoom() >= OPEN_AT && this.map.getBounds().pad(-0.1).contains(m.getLatLng())) {
      show();
    } else {
      this.map.once("moveend", show);
      this.map.flyTo(m.getLatLng(), Math.max(this.map.getZoom(), OPEN_AT), { duration: 0.6 });
    }
    return true;
  }

  bounds() {
    return this.group.getBounds();
  }
}
