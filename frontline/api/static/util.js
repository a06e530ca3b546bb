/* Small helpers shared by the page's modules. */
export const COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
export const TYPES = Object.keys(COLOURS);

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

export async function getJSON(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

/** The place of an event in words: "Albu Kamal, Deir ez-Zor, Syria". */
export function placeOf(p) {
  return [p.location, p.admin1, p.country].filter(Boolean).join(", ");
}

/** A link to the article an event came from (opens on its own site), or null when there is none. */
export function sourceLink(p) {
  if (!p.source_url || !/^https?:\/\//i.test(p.source_url)) return null;
  return el("a", { href: p.source_url, target: "_blank", rel: "noopener noreferrer", className: "source-link",
                   textContent: p.source_outlet || new URL(p.source_url).hostname });
}
