/* Events over time: bars per day, week or month (by the span shown), stacked by event type. Dragging
   across the chart brushes the date range; a click picks one bar; a double click shows everything. */
import { COLOURS, TYPES } from "./util.js";

const DAY = 86400000;
const SVG = "http://www.w3.org/2000/svg";
const HEIGHT = 96, AXIS = 16;

const iso = (time) => new Date(time).toISOString().slice(0, 10);

/** Buckets of time from `first` to `last` (ISO days): days up to 4 months, weeks up to 3 years, else months. */
export class Buckets {
  constructor(first, last) {
    this.t0 = Date.parse(first);
    this.t1 = Date.parse(last);
    const days = Math.round((this.t1 - this.t0) / DAY) + 1;
    this.unit = days <= 120 ? "day" : days <= 1100 ? "week" : "month";
    const [y, m] = first.split("-").map(Number);
    this.y0 = y;
    this.m0 = m - 1;
    this.count = this.index(last) + 1;
  }

  index(day) {
    if (this.unit === "month") {
      const [y, m] = day.split("-").map(Number);
      return (y - this.y0) * 12 + (m - 1 - this.m0);
    }
    return Math.floor((Date.parse(day) - this.t0) / DAY / (this.unit === "week" ? 7 : 1));
  }

  start(b) {
    if (this.unit === "month") return iso(Math.max(this.t0, Date.UTC(this.y0, this.m0 + b, 1)));
    return iso(this.t0 + b * (this.unit === "week" ? 7 : 1) * DAY);
  }

  end(b) {
    if (this.unit === "month") return iso(Math.min(this.t1, Date.UTC(this.y0, this.m0 + b + 1, 1) - DAY));
    return iso(Math.min(this.t1, this.t0 + ((b + 1) * (this.unit === "week" ? 7 : 1) - 1) * DAY));
  }
}

export class TimeChart {
  constructor(svg, { onBrush }) {
    this.svg = svg;
    this.onBrush = onBrush;
    this.buckets = null;
    this.range = null;
    this.dragFrom = null;
    svg.addEventListener("pointerdown", (e) => {
      if (!this.buckets) return;
      svg.setPointerCapture(e.pointerId);
      this.dragFrom = this.bucketAt(e);
      this.drawBrush(this.dragFrom, this.dragFrom);
    });
    svg.addEventListener("pointermove", (e) => {
      if (this.dragFrom !== null) this.drawBrush(this.dragFrom, this.bucketAt(e));
    });
    svg.addEventListener("pointerup", (e) => {
      if (this.dragFrom === null) return;
      const a = this.dragFrom, b = this.bucketAt(e);
      this.dragFrom = null;
      this.onBrush(this.buckets.start(Math.min(a, b)), this.buckets.end(Math.max(a, b)));
    });
    svg.addEventListener("dblclick", () => {
      if (this.buckets) this.onBrush(this.buckets.start(0), this.buckets.end(this.buckets.count - 1));
    });
  }

  bucketAt(event) {
    const box = this.svg.getBoundingClientRect();
    const x = Math.min(Math.max(event.clientX - box.left, 0), box.width - 1);
    return Math.floor((x / box.width) * this.buckets.count);
  }

  /** Bars for these events over first..last, the range since..until brushed. */
  draw(events, first, last, since, until) {
    this.buckets = new Buckets(first, last);
    const n = this.buckets.count;
    const counts = Array.from({ length: n }, () => Object.fromEntries(TYPES.map((t) => [t, 0])));
    for (const p of events) {
      const b = this.buckets.index(p.event_date);
      if (b >= 0 && b < n) counts[b][p.event_type] = (counts[b][p.event_type] || 0) + 1;
    }
    const most = Math.max(1, ...counts.map((c) => Object.values(c).reduce((a, b) => a + b, 0)));
    const width = Math.max(this.svg.clientWidth, 100);
    const step = width / n;
    this.svg.setAttribute("viewBox", `0 0 ${width} ${HEIGHT}`);
    const bars = document.createElementNS(SVG, "g");
    counts.forEach((count, b) => {
      let y = HEIGHT - AXIS;
      for (const type of TYPES) {
        if (!count[type]) continue;
        const h = (count[type] / most) * (HEIGHT - AXIS - 4);
        y -= h;
        const rect = document.createElementNS(SVG, "rect");
        Object.entries({ x: b * step + (step > 3 ? 0.5 : 0), y, width: Math.max(step - (step > 3 ? 1 : 0), 0.8),
                         height: h, fill: COLOURS[type], class: "bar" }).forEach(([k, v]) => rect.setAttribute(k, v));
        rect.dataset.bucket = String(b);
        const title = document.createElementNS(SVG, "title");
        title.textContent = `${this.buckets.start(b)}: ${count[type]} ${type}`;
        rect.append(title);
        bars.append(rect);
      }
    });
    const labels = document.createElementNS(SVG, "g");
    for (const [x, anchor, text] of [[2, "start", first], [width - 2, "end", last],
                                     [width / 2, "middle", `per ${this.buckets.unit}`]]) {
      const t = document.createElementNS(SVG, "text");
      Object.entries({ x, y: HEIGHT - 3, "text-anchor": anchor, class: "axis" }).forEach(([k, v]) => t.setAttribute(k, v));
      t.textContent = text;
      labels.append(t);
    }
    this.brush = document.createElementNS(SVG, "rect");
    this.brush.setAttribute("class", "brush");
    this.brush.setAttribute("y", "0");
    this.brush.setAttribute("height", String(HEIGHT - AXIS));
    this.svg.replaceChildren(bars, this.brush, labels);
    this.svg.dataset.buckets = String(n);
    this.svg.dataset.unit = this.buckets.unit;
    this.showRange(since, until);
  }

  showRange(since, until) {
    if (!this.buckets) return;
    this.drawBrush(this.buckets.index(since), this.buckets.index(until));
  }

  drawBrush(a, b) {
    const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
    const step = Math.max(this.svg.clientWidth, 100) / this.buckets.count;
    this.brush.setAttribute("x", String(lo * step));
    this.brush.setAttribute("width", String((hi - lo + 1) * step));
    for (const rect of this.svg.querySelectorAll("rect.bar")) {
      const bucket = Number(rect.dataset.bucket);
      rect.classList.toggle("out", bucket < lo || bucket > hi);
    }
  }
}
