/* The offline basemap: Natural Earth countries, lakes and rivers (1:50m), admin-1 boundaries (1:10m,
   simplified) fetched per country as they come into view, and town labels from the server's gazetteer. */
import { getJSON } from "./util.js";

const PROVINCES_FROM = 5;   // zoom from which admin-1 boundaries and rivers are drawn
const TOWNS_FROM = 6;       // ... and town labels
const TOWNS_AT = { 6: 25, 7: 40, 8: 60 };  // how many towns a view shows at each zoom (80 beyond)

/**
 * Rings that cross the 180th meridian come from the TopoJSON as a jump from +180 to -180 and back,
 * which Leaflet draws as a line across the whole world (the grey bands at 70°N and 17°S). Unwrapping
 * each such ring to continuous longitudes (Chukotka at 180..190 instead of -180..-170) keeps it in one
 * piece. A ring that goes round a pole (Antarctica) crosses once and cannot be unwrapped: left as it is.
 */
export function unwrapRing(ring) {
  let shift = 0;
  const out = [[ring[0][0], ring[0][1]]];
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  if (shift !== 0) return ring;  // it went round the pole
  if (out.every(([lon, lat], i) => lon === ring[i][0] && lat === ring[i][1])) return ring;
  const west = Math.min(...out.map(([lon]) => lon));
  return west < -180 ? out.map(([lon, lat]) => [lon + 360, lat]) : out;
}

export function unwrapFeatures(collection) {
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (!g) continue;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((p) => p.map(unwrapRing));
  }
  return collection;
}

function feature(topo, name) {
  return unwrapFeatures(topojson.feature(topo, topo.objects[name]));
}

function intersects(box, bounds) {
  const [west, south, east, north] = box;
  return !(north < bounds.getSouth() || south > bounds.getNorth() || east < bounds.getWest() ||
           west > bounds.getEast());
}

/** A view's box for the API (west,south,east,north within -180..180), or null when it shows the whole world. */
export function viewBox(bounds) {
  const round = (v) => Math.round(v * 1e4) / 1e4;
  const south = round(Math.max(-90, bounds.getSouth())), north = round(Math.min(90, bounds.getNorth()));
  if (bounds.getEast() - bounds.getWest() >= 360) return south <= -85 && north >= 85 ? null : [-180, south, 180, north];
  const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
  let west = round(wrap(bounds.getWest())), east = round(wrap(bounds.getEast()));
  if (east === -180 && bounds.getEast() > bounds.getWest()) east = 180;
  return [west, south, east, north];
}

export class Basemap {
  constructor(map) {
    this.map = map;
    this.countries = null;
    this.provinces = L.layerGroup();
    this.water = L.layerGroup();
    this.towns = L.layerGroup();
    this.loadedProvinces = new Map();  // ISO3 -> its layer, or a promise while it loads
    this.provinceIndex = {};
    this.townRequest = 0;
  }

  async draw() {
    const map = this.map;
    map.createPane("provinces").style.zIndex = 410;
    map.createPane("water").style.zIndex = 405;
    map.createPane("towns").style.zIndex = 450;
    map.getPane("towns").style.pointerEvents = "none";
    const [topo, index] = await Promise.all([getJSON("/static/natural-earth/world_50m.json"),
                                             getJSON("/static/admin1/index.json")]);
    this.provinceIndex = index;
    this.countries = L.geoJSON(feature(topo, "countries"), {
      style: { color: "#8c8c8c", weight: 0.7, fillColor: "#f2efe6", fillOpacity: 1 }, interactive: false,
    }).addTo(map);
    L.geoJSON(feature(topo, "lakes"), {
      pane: "water", style: { color: "#7fa7c9", weight: 0.5, fillColor: "#b9d3e6", fillOpacity: 1 }, interactive: false,
    }).addTo(this.water);
    L.geoJSON(topojson.feature(topo, topo.objects.rivers), {
      pane: "water", style: { color: "#6d9cc5", weight: 1.1, opacity: 0.9 }, interactive: false,
    }).addTo(this.water);
    L.control.layers(null, { "Provinces (admin-1)": this.provinces, "Rivers and lakes": this.water,
                             "Towns": this.towns }, { collapsed: true, position: "topright" }).addTo(map);
    for (const layer of [this.provinces, this.water, this.towns]) layer.addTo(map);
    map.on("moveend", () => this.refresh());
    this.refresh();
  }

  /** The bounds of a country's shape (ISO3), or null when the basemap does not know it. */
  countryBounds(iso3) {
    let found = null;
    this.countries?.eachLayer((layer) => { if (layer.feature.id === iso3) found = layer.getBounds(); });
    return found;
  }

  refresh() {
    const zoom = this.map.getZoom(), bounds = this.map.getBounds();
    document.body.dataset.zoom = String(zoom);
    for (const pane of ["provinces", "water"]) {
      this.map.getPane(pane).style.display = zoom >= PROVINCES_FROM ? "" : "none";
    }
    if (zoom >= PROVINCES_FROM && this.map.hasLayer(this.provinces)) {
      for (const [iso3, box] of Object.entries(this.provinceIndex)) {
        if (!this.loadedProvinces.has(iso3) && intersects(box, bounds)) this.loadProvinces(iso3);
      }
    }
    this.refreshTowns(zoom, bounds).catch((error) => console.warn("towns:", error));
  }

  loadProvinces(iso3) {
    const loading = getJSON(`/static/admin1/${iso3}.json`).then((topo) => {
      const layer = L.geoJSON(feature(topo, "admin1"), {
        pane: "provinces", interactive: false,
        style: { color: "#a07a9c", weight: 0.8, dashArray: "4 3", fill: false },
      });
      this.loadedProvinces.set(iso3, layer);
      layer.addTo(this.provinces);
      document.body.dataset.provinces = String(this.provinces.getLayers().length);
    });
    this.loadedProvinces.set(iso3, loading);
    loading.catch((error) => { console.warn(`admin-1 ${iso3}:`, error); this.loadedProvinces.delete(iso3); });
  }

  async refreshTowns(zoom, bounds) {
    const ask = ++this.townRequest;
    if (zoom < TOWNS_FROM || !this.map.hasLayer(this.towns)) {
      this.towns.clearLayers();
      return;
    }
    const box = viewBox(bounds);
    if (!box) return;
    const limit = TOWNS_AT[zoom] || 80;
    const towns = await getJSON(`/places/towns?bbox=${box.join(",")}&limit=${limit}`);
    if (ask !== this.townRequest) return;  // the view moved on while this was asked
    this.towns.clearLayers();
    for (const town of towns) {
      const big = town.capital || town.population >= 1_000_000;
      L.marker([town.latitude, town.longitude], {
        pane: "towns", interactive: false, keyboard: false,
        icon: L.divIcon({ className: `town${big ? " big" : ""}`, iconSize: null,
                          html: `<i></i><span>${town.name.replace(/[<&>"]/g, "")}</span>` }),
      }).addTo(this.towns);
    }
    document.body.dataset.towns = String(towns.length);
  }
}
