/* The event table beside the map: the events the map shows (in its view), sortable by date, type, place
   and deaths. Clicking a row opens the event on the map; opening an event on the map marks its row. */
import { COLOURS, el, placeOf, sourceLink } from "./util.js";

const MAX_ROWS = 1000;  // rows drawn at once; the count says when there are more
const KEYS = {
  date: (p) => p.event_date,
  type: (p) => `${p.event_type}\u0000${p.sub_event_type}`,
  place: (p) => placeOf(p).toLocaleLowerCase(),
  deaths: (p) => p.fatalities,
};

export class EventTable {
  constructor(table, { onPick }) {
    this.table = table;
    this.body = table.querySelector("tbody");
    this.onPick = onPick;
    this.sort = { key: "date", descending: true };
    this.rows = [];
    this.fresh = new Set();
    this.selected = null;
    for (const th of table.querySelectorAll("th[data-sort]")) {
      th.addEventListener("click", () => this.sortBy(th.dataset.sort));
      th.tabIndex = 0;
      th.addEventListener("keydown", (e) => { if (e.key === "Enter") this.sortBy(th.dataset.sort); });
    }
  }

  sortBy(key) {
    this.sort = { key, descending: this.sort.key === key ? !this.sort.descending : key !== "place" && key !== "type" };
    this.draw();
  }

  show(properties, fresh) {
    const key = `${properties.map((p) => p.id).join()}|${[...fresh].join()}`;
    if (key === this.shownKey) return;  // the map moved but the list is the same: keep the rows (and focus)
    this.shownKey = key;
    this.rows = properties;
    this.fresh = fresh;
    this.draw();
  }

  draw() {
    const { key, descending } = this.sort;
    const value = KEYS[key];
    const sorted = [...this.rows].sort((a, b) => {
      const x = value(a), y = value(b);
      const order = x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
      return descending ? -order : order;
    });
    for (const th of this.table.querySelectorAll("th[data-sort]")) {
      th.setAttribute("aria-sort", th.dataset.sort === key ? (descending ? "descending" : "ascending") : "none");
    }
    this.body.replaceChildren(...sorted.slice(0, MAX_ROWS).map((p) => this.row(p)));
    this.table.dataset.rows = String(sorted.length);
  }

  row(p) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = COLOURS[p.event_type] || "#555";
    const type = el("td", {}, [swatch, " " + p.sub_event_type]);
    if (this.fresh.has(p.id)) type.append(" ", el("span", { className: "badge", textContent: "new" }));
    const link = sourceLink(p);
    const tr = el("tr", { tabIndex: 0 }, [
      el("td", { className: "day", textContent: p.event_date }), type,
      el("td", { textContent: [...new Set([p.location, p.country].filter(Boolean))].join(", "), title: placeOf(p) }),
      el("td", { className: "num", textContent: p.fatalities_known ? String(p.fatalities) : "" }),
      el("td", {}, link ? [link] : []),
    ]);
    tr.dataset.eventId = p.id;
    tr.classList.toggle("selected", p.id === this.selected);
    tr.classList.toggle("fresh", this.fresh.has(p.id));
    const pick = (e) => { if (!e.target.closest("a")) this.onPick(p.id); };
    tr.addEventListener("click", pick);
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") pick(e); });
    return tr;
  }

  /** Mark the row of the event open on the map and bring it into view. */
  select(id) {
    this.selected = id;
    for (const tr of this.body.querySelectorAll("tr.selected")) tr.classList.remove("selected");
    const tr = this.body.querySelector(`tr[data-event-id="${CSS.escape(id)}"]`);
    if (!tr) return;
    tr.classList.add("selected");
    // scroll the table's own box only: scrollIntoView would scroll the page too (the map out of sight)
    const box = this.table.closest(".scroll");
    const top = tr.offsetTop - this.table.querySelector("thead").offsetHeight;
    if (box && (top < box.scrollTop || tr.offsetTop + tr.offsetHeight > box.scrollTop + box.clientHeight)) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }
}
