/* frontline's map page: everything comes from this server (no CDN, no tile server).
   The events matching the filters are fetched once per filter change; the date range (sliders, time
   chart, play) and the map's view then narrow them here, and the downloads ask the server for the same. */
import { $, getJSON } from "./util.js";
import { Basemap, viewBox } from "./basemap.js";
import { TimeChart } from "./chart.js";
import { EventLayer } from "./events.js";
import { FILTER_INPUTS, fillFilters, filterParams } from "./filters.js";
import { arrivedAfter, watchStore } from "./live.js";
import { showArticle, showTimeline } from "./reader.js";
import { EventTable } from "./table.js";

const MAP_LIMIT = 5000;  // the API's cap for /events.geojson
const DAY = 86400000;
const PLAY_MS = 900;

const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([20, 60], 3);
map.attributionControl.addAttribution("Natural Earth; towns: GeoNames");
const basemap = new Basemap(map);
const state = { features: [], total: 0, first: null, last: null, openedAt: null, fresh: new Set(), playing: null };

const problem = (error) => { console.error(error); $("count").textContent = `error: ${error.message || error}`; };
const events = new EventLayer(map, { onOpen: (id) => table.select(id), onArticle: (id) => showArticle(id).catch(problem),
                                     onTimeline: (id) => showTimeline(id).catch(problem) });
const table = new EventTable($("events"), { onPick: (id) => events.open(id) });
const chart = new TimeChart($("chart"), { onBrush: (since, until) => { stopPlaying(); setRange(since, until); } });

const isoDay = (offset) => new Date(Date.parse(state.first) + offset * DAY).toISOString().slice(0, 10);
const offsetOf = (day) => Math.round((Date.parse(day) - Date.parse(state.first)) / DAY);

function range() {
  let since = Number($("since").value), until = Number($("until").value);
  if (since > until) [since, until] = [until, since];
  return [isoDay(since), isoDay(until)];
}

function setRange(since, until) {
  $("since").value = String(offsetOf(since));
  $("until").value = String(offsetOf(until));
  render();
}

/** Fetch the events matching the filters (dates aside), and re-range the dates around them. */
async function load() {
  $("count").textContent = "loading…";
  const whole = state.first && Number($("since").value) === 0 && $("until").value === $("until").max;
  const keep = state.first ? range() : null;
  const params = filterParams();
  params.set("limit", String(MAP_LIMIT));
  const data = await getJSON(`/events.geojson?${params}`);
  state.features = data.features;
  state.total = data.total;
  state.fresh = new Set(data.features.filter((f) => arrivedAfter(f.properties, state.openedAt)).map((f) => f.properties.id));
  const days = data.features.map((f) => f.properties.event_date).sort();
  state.first = days[0] || new Date().toISOString().slice(0, 10);
  state.last = days[days.length - 1] || state.first;
  const span = offsetOf(state.last);
  $("since").max = $("until").max = String(span);
  const [since, until] = !keep || whole ? [state.first, state.last] : keep;
  $("since").value = String(Math.min(Math.max(offsetOf(since), 0), span));
  $("until").value = String(Math.min(Math.max(offsetOf(until), 0), span));
  render();
}

/** Map, chart and table for the date range. */
function render() {
  const [since, until] = range();
  $("since-label").value = since;
  $("until-label").value = until;
  document.body.dataset.since = since;
  document.body.dataset.until = until;
  const shown = state.features.filter((f) => f.properties.event_date >= since && f.properties.event_date <= until);
  state.shown = shown;
  events.show(shown, state.fresh);
  chart.draw(state.features.map((f) => f.properties), state.first, state.last, since, until);
  follow();
}

function inBox(feature, box) {
  if (!box) return true;
  if (!feature.geometry) return false;
  const [lon, lat] = feature.geometry.coordinates;
  const [west, south, east, north] = box;
  return lat >= south && lat <= north && (west <= east ? lon >= west && lon <= east : lon >= west || lon <= east);
}

/** The table and the downloads follow the map: the date range, and the view when "in the map view" is on. */
function follow() {
  const [since, until] = range();
  const box = $("in-view").checked ? viewBox(map.getBounds()) : null;
  const listed = state.shown.filter((f) => inBox(f, box));
  table.show(listed.map((f) => f.properties), state.fresh);
  const cut = state.total > state.features.length ? ` (the newest ${state.features.length} of ${state.total})` : "";
  $("count").textContent = `${state.shown.length} event(s) ${since} to ${until}${cut}`;
  $("listed").textContent = `${listed.length} listed`;
  const params = filterParams();
  params.set("since", since);
  params.set("until", until);
  if (box) params.set("bbox", box.join(","));
  $("download-csv").href = `/export?format=acled-csv&${params}`;
  $("download-geojson").href = `/export?format=geojson&${params}`;
  $("new-badge").hidden = state.fresh.size === 0;
  $("new-badge").textContent = `${state.fresh.size} new since you opened`;
}

function stopPlaying() {
  if (state.playing) clearInterval(state.playing);
  state.playing = null;
  $("play").textContent = "▶ play";
  $("play").setAttribute("aria-pressed", "false");
}

/** Step a window (the brushed width, or a tenth of the span) through time, a bucket a beat. */
function play() {
  if (state.playing) return stopPlaying();
  const buckets = chart.buckets;
  if (!buckets) return;
  const [since, until] = range();
  let width = buckets.index(until) - buckets.index(since) + 1;
  if (width >= buckets.count) width = Math.max(1, Math.round(buckets.count / 10));
  let at = 0;
  const step = () => {
    const end = Math.min(at + width - 1, buckets.count - 1);
    $("since").value = String(offsetOf(buckets.start(at)));
    $("until").value = String(offsetOf(buckets.end(end)));
    render();
    if (end >= buckets.count - 1) stopPlaying();
    at += 1;
  };
  $("play").textContent = "❚❚ pause";
  $("play").setAttribute("aria-pressed", "true");
  step();
  state.playing = setInterval(step, PLAY_MS);
}

function zoomToCountry() {
  const name = $("country").value;
  if (!name) return;
  const one = state.features.find((f) => f.properties.country === name && f.properties.iso3);
  const bounds = (one && basemap.countryBounds(one.properties.iso3)) || L.latLngBounds(
    state.features.filter((f) => f.geometry).map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]));
  if (bounds.isValid()) map.flyToBounds(bounds, { maxZoom: 7, padding: [20, 20], duration: 0.8 });
}

function fromHash() {
  const match = /^#event=(.+)$/.exec(location.hash);
  if (match) showArticle(decodeURIComponent(match[1])).catch(problem);
}

async function start() {
  if (matchMedia("(max-width: 700px)").matches) $("filters-box").open = false;
  const [stats] = await Promise.all([getJSON("/stats"), basemap.draw()]);
  state.openedAt = stats.last_added;
  fillFilters(stats);
  await load();
  const placed = state.features.filter((f) => f.geometry);
  if (placed.length) map.fitBounds(events.bounds(), { maxZoom: 6, padding: [40, 40] });
  for (const id of ["since", "until"]) {
    $(id).addEventListener("input", () => { const [s, u] = range(); $("since-label").value = s; $("until-label").value = u; });
    $(id).addEventListener("change", () => { stopPlaying(); render(); });
  }
  for (const id of FILTER_INPUTS) $(id).addEventListener("change", () => load().catch(problem));
  $("modality").addEventListener("change", () => load().catch(problem));
  $("country").addEventListener("change", () => load().then(zoomToCountry).catch(problem));
  $("in-view").addEventListener("change", follow);
  $("play").addEventListener("click", play);
  $("new-badge").addEventListener("click", () => {
    const newest = state.features.filter((f) => state.fresh.has(f.properties.id))
      .sort((a, b) => (a.properties.added_at < b.properties.added_at ? 1 : -1))[0];
    if (newest) events.open(newest.properties.id);
  });
  map.on("moveend", follow);
  for (const button of document.querySelectorAll("[data-close]")) {
    button.addEventListener("click", () => { $(button.dataset.close).hidden = true; });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  watchStore(stats.last_added, () => load(), (up) => {
    document.body.dataset.server = up ? "up" : "away";
    $("away").hidden = up;
  });
  document.body.dataset.ready = "true";
}

start().catch(problem);
