/* The filter form: filled from /stats, read into the API's query parameters (all but the dates,
   which the time chart and the sliders hold). */
import { $, COLOURS, el } from "./util.js";

export const MODALITIES = ["asserted", "claimed", "planned", "negated", "hypothetical"];
const SHOWN_BY_DEFAULT = ["asserted", "claimed"];  // the API's and the exports' default
export const FILTER_INPUTS = ["event-type", "sub-event-type", "country", "actor", "min-deaths", "q"];

function options(select, counts) {
  for (const { key, count } of counts) select.append(el("option", { value: key, textContent: `${key} (${count})` }));
}

export function fillFilters(stats) {
  options($("event-type"), stats.by_event_type);
  options($("sub-event-type"), stats.by_sub_event_type);
  options($("country"), stats.by_country.filter((c) => c.key !== "(unknown)"));
  $("actors").replaceChildren(...stats.by_actor.map(({ key }) => el("option", { value: key })));
  $("modality").append(...MODALITIES.map((name) => el("label", { className: "check" }, [
    el("input", { type: "checkbox", value: name, checked: SHOWN_BY_DEFAULT.includes(name) }), ` ${name}`])));
  for (const [type, colour] of Object.entries(COLOURS)) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = colour;
    $("legend").append(el("li", {}, [swatch, " " + type]));
  }
}

/** The filters as query parameters, dates and view aside. */
export function filterParams() {
  const params = new URLSearchParams();
  const value = (id) => $(id).value.trim();
  if (value("event-type")) params.set("event_type", value("event-type"));
  if (value("sub-event-type")) params.set("sub_event_type", value("sub-event-type"));
  if (value("country")) params.set("country", value("country"));
  if (value("actor")) params.set("actor", value("actor"));
  if (value("q")) params.set("q", value("q"));
  const deaths = Number(value("min-deaths"));
  if (Number.isInteger(deaths) && deaths > 0) params.set("min_fatalities", String(deaths));
  for (const box of $("modality").querySelectorAll("input:checked")) params.append("modality", box.value);
  return params;
}
