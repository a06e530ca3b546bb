/* frontline map page: everything comes from this server (no CDN, no tile server). */
"use strict";

const COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
const CLUSTER_ABOVE = 200;   // markers are clustered only when there are more than this many
const MAP_LIMIT = 5000;      // the API's cap for /events.geojson
const DAY = 86400000;
const WATCH_MS = 3000;       // how often the page asks whether the server serves newer data

const $ = (id) => document.getElementById(id);
const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([20, 60], 3);
map.attributionControl.addAttribution("Country shapes: Natural Earth (world-atlas)");
let layer = null;
let firstDay = null;
let generation = null;       // the snapshot the markers come from (GET /healthz)
const byId = new Map();

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

function isoDay(offset) {
  return new Date(firstDay + offset * DAY).toISOString().slice(0, 10);
}

async function drawBasemap() {
  const topo = await getJSON("/static/world-atlas/countries-110m.json");
  L.geoJSON(topojson.feature(topo, topo.objects.countries), {
    style: { color: "#8c8c8c", weight: 0.6, fillColor: "#f2efe6", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
}

async function setUpFilters() {
  for (const [type, colour] of Object.entries(COLOURS)) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = colour;
    $("legend").append(el("li", {}, [swatch, " " + type]));
  }
  fillFilters(await getJSON("/stats"));
}

// The choices and the date range from /stats; again whenever newer data is served, keeping what the
// user chose (a date range left whole stays whole, so events of new dates show).
function fillFilters(stats) {
  for (const [id, counts] of [["event-type", stats.by_event_type], ["country", stats.by_country]]) {
    const chosen = $(id).value;
    $(id).replaceChildren($(id).options[0],
      ...counts.map(({ key, count }) => el("option", { value: key, textContent: `${key} (${count})` })));
    $(id).value = chosen;
  }
  if (!stats.first_date) return showDates();
  const days = Math.round((Date.parse(stats.last_date) - Date.parse(stats.first_date)) / DAY);
  let since = 0, until = days;
  if (firstDay !== null) {
    const whole = Number($("since").value) === 0 && Number($("until").value) === Number($("until").max);
    const shift = Math.round((firstDay - Date.parse(stats.first_date)) / DAY);
    if (!whole) [since, until] = [Number($("since").value) + shift, Number($("until").value) + shift];
  }
  firstDay = Date.parse(stats.first_date);
  for (const id of ["since", "until"]) $(id).max = String(days);
  $("since").value = String(Math.max(0, since));
  $("until").value = String(Math.min(days, until));
  showDates();
}

function showDates() {
  if (firstDay === null) return;
  $("since-label").value = isoDay(Number($("since").value));
  $("until-label").value = isoDay(Number($("until").value));
}

function query() {
  const params = new URLSearchParams({ limit: String(MAP_LIMIT) });
  if (firstDay !== null) {
    let since = Number($("since").value), until = Number($("until").value);
    if (since > until) [since, until] = [until, since];
    params.set("since", isoDay(since));
    params.set("until", isoDay(until));
  }
  if ($("event-type").value) params.set("event_type", $("event-type").value);
  if ($("country").value) params.set("country", $("country").value);
  if ($("q").value.trim()) params.set("q", $("q").value.trim());
  return params;
}

function marker(feature) {
  const p = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  const icon = L.divIcon({
    className: "event-marker", iconSize: [16, 16],
    html: `<span class="dot" style="background:${COLOURS[p.event_type] || "#555"}"></span>`,
  });
  const m = L.marker([lat, lon], { icon, title: `${p.location || "?"}: ${p.sub_event_type} (${p.event_date})`,
                                   alt: p.event_type, riseOnHover: true });
  m.on("add", () => {
    const node = m.getElement();
    node.dataset.eventId = p.id;
    node.dataset.lat = String(lat);
    node.dataset.lon = String(lon);
  });
  m.bindPopup(() => popup(p), { maxWidth: 320 });
  return m;
}

function popup(p) {
  const fields = [
    ["Date", `${p.event_date}${p.time_precision > 1 ? ` (precision ${p.time_precision})` : ""}`],
    ["Type", `${p.event_type}: ${p.sub_event_type}`],
    ["Actor 1", p.actor1], ["Actor 2", p.actor2],
    ["Place", [p.location, p.admin1, p.country].filter(Boolean).join(", ")],
    ["Fatalities", p.fatalities_known ? String(p.fatalities) : "not given"],
    ["Modality", p.modality + (p.claimed_by.length ? ` by ${p.claimed_by.join(", ")}` : "")],
    ["Sources", p.sources.join("; ")], ["Articles", String(p.article_count)], ["Notes", p.notes],
  ];
  const list = el("dl");
  for (const [name, value] of fields) {
    if (value) list.append(el("dt", { textContent: name }), el("dd", { textContent: value }));
  }
  const read = el("a", { href: `#event=${encodeURIComponent(p.id)}`, className: "article-link",
                         textContent: "Article text, evidence highlighted" });
  read.addEventListener("click", () => {  // the same link twice: no hashchange, so show it here
    if (location.hash === read.getAttribute("href")) showArticle(p.id).catch(problem);
  });
  const actions = el("p", { className: "actions" }, [read]);
  if (p.geonameid) {
    const control = el("a", { href: "#", className: "control-link", textContent: "Control timeline" });
    control.addEventListener("click", (e) => { e.preventDefault(); showTimeline(p.geonameid); });
    actions.append(control);
  }
  return el("div", { className: "popup" }, [list, actions]);
}

async function loadEvents() {
  $("count").textContent = "loading…";
  const data = await getJSON(`/events.geojson?${query()}`);
  if (layer) map.removeLayer(layer);
  const placed = data.features.filter((f) => f.geometry);
  layer = placed.length > CLUSTER_ABOVE ? L.markerClusterGroup({ chunkedLoading: true }) : L.featureGroup();
  byId.clear();
  for (const feature of placed) {
    const m = marker(feature);
    byId.set(feature.properties.id, m);
    layer.addLayer(m);
  }
  layer.addTo(map);
  const shown = data.total > data.features.length ? ` (first ${data.features.length} of ${data.total})` : "";
  $("count").textContent = `${data.total} event(s)${shown}; ${placed.length} on the map`;
  document.body.dataset.markers = String(placed.length);
  return placed;
}

function highlighted(text, spans) {
  const marks = spans.filter((s) => s.role !== "sentence").sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let at = 0;
  for (const span of marks) {
    if (span.start < at || span.end > text.length) continue;  // overlapping or outside the text
    out.push(document.createTextNode(text.slice(at, span.start)));
    out.push(el("mark", { className: `ev ev-${span.role}`, title: span.role, textContent: text.slice(span.start, span.end) }));
    at = span.end;
  }
  out.push(document.createTextNode(text.slice(at)));
  return out;
}

async function showArticle(eventId) {
  const event = await getJSON(`/events/${encodeURIComponent(eventId)}`);
  const report = event.reports[0];
  if (!report) return;
  const article = await getJSON(`/articles/${encodeURIComponent(report.article_id)}`);
  $("reader-title").textContent = article.title || article.article_id;
  $("reader-meta").textContent = [article.outlet, article.published, `${event.sub_event_type}, ${event.event_date}`,
    event.reports.length > 1 ? `${event.reports.length} reports; showing the first` : ""].filter(Boolean).join(" · ");
  $("reader-text").replaceChildren(...highlighted(article.text, report.evidence));
  $("reader").hidden = false;
  const first = $("reader-text").querySelector("mark.ev-trigger") || $("reader-text").querySelector("mark");
  const box = $("reader-text");
  if (first) box.scrollTop = Math.max(0, first.offsetTop - box.offsetTop - box.clientHeight / 3);
}

async function showTimeline(geonameid) {
  const timeline = await getJSON(`/places/${geonameid}/control`);
  $("timeline-title").textContent = `Who held ${timeline.place} (${timeline.country || ""})`;
  const items = timeline.changes.map((c) => el("li", { className: [c.modality, c.contradicted_by ? "contradicted" : ""].join(" ") }, [
    el("strong", { textContent: `${c.from} → ${c.until || "now"}: ` +
      (c.holder || (c.previous ? `${c.previous} left; no new holder named` : "nobody named")) }),
    el("br"), document.createTextNode(`${c.how}; ${c.status}`),
  ]));
  if (!items.length) items.push(el("li", { textContent: "no change of holder reported" }));
  $("timeline-changes").replaceChildren(...items);
  $("timeline").hidden = false;
}

// New events are ingested while the page is open: the server swaps in a new snapshot of the store
// (a new generation) and the page redraws the markers with the same filters.
async function watchSnapshot() {
  try {
    const seen = (await getJSON("/healthz")).snapshot.generation;
    if (generation !== null && seen !== generation) {
      fillFilters(await getJSON("/stats"));
      await loadEvents();
    }
    generation = seen;
  } catch (error) {
    console.warn("frontline: could not ask for newer events", error);  // the next tick tries again
  }
}

function fromHash() {
  const match = /^#event=(.+)$/.exec(location.hash);
  if (match) showArticle(decodeURIComponent(match[1])).catch(problem);
}

function problem(error) {
  console.error(error);
  $("count").textContent = `error: ${error.message || error}`;
}

async function start() {
  await Promise.all([drawBasemap(), setUpFilters()]);
  const placed = await loadEvents();
  if (placed.length) map.fitBounds(layer.getBounds(), { maxZoom: 6, padding: [40, 40] });
  for (const id of ["since", "until"]) {
    $(id).addEventListener("input", showDates);
    $(id).addEventListener("change", () => loadEvents().catch(problem));
  }
  for (const id of ["event-type", "country", "q"]) $(id).addEventListener("change", () => loadEvents().catch(problem));
  for (const button of document.querySelectorAll("[data-close]")) {
    button.addEventListener("click", () => { $(button.dataset.close).hidden = true; });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  await watchSnapshot();
  setInterval(watchSnapshot, WATCH_MS);
  document.body.dataset.ready = "true";
}

start().catch(problem);
