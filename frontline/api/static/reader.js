/* The side panels: an article with the evidence of one event highlighted, and a place's control timeline. */
import { $, el, getJSON } from "./util.js";

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

export async function showArticle(eventId) {
  const event = await getJSON(`/events/${encodeURIComponent(eventId)}`);
  const report = event.reports[0];
  if (!report) return;
  const article = await getJSON(`/articles/${encodeURIComponent(report.article_id)}`);
  $("reader-title").textContent = article.title || article.article_id;
  const meta = [article.outlet, article.published, `${event.sub_event_type}, ${event.event_date}`,
    event.reports.length > 1 ? `${event.reports.length} reports; showing the first` : ""].filter(Boolean).join(" · ");
  const parts = [document.createTextNode(meta)];
  if (article.url && /^https?:\/\//i.test(article.url)) {
    parts.push(document.createTextNode(" · "),
               el("a", { href: article.url, target: "_blank", rel: "noopener noreferrer", textContent: "original" }));
  }
  $("reader-meta").replaceChildren(...parts);
  $("reader-text").replaceChildren(...highlighted(article.text, report.evidence));
  $("reader").hidden = false;
  const first = $("reader-text").querySelector("mark.ev-trigger") || $("reader-text").querySelector("mark");
  const box = $("reader-text");
  if (first) box.scrollTop = Math.max(0, first.offsetTop - box.offsetTop - box.clientHeight / 3);
  if (matchMedia("(max-width: 700px)").matches) $("reader").scrollIntoView({ behavior: "smooth" });
}

export async function showTimeline(geonameid) {
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
  if (matchMedia("(max-width: 700px)").matches) $("timeline").scrollIntoView({ behavior: "smooth" });
}
