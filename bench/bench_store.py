"""How fast the store ingests, and how the merge's cost grows from 10,000 to 100,000 events.

    python bench/bench_store.py [ARTICLES.jsonl ...] [--sizes 10000 100000] [--no-write]

1. Ingest: the real thing (read, extract, store, merge) over real articles
   (by default the Dân Trí corpus, the dev set and the seed): articles/s, events/s.
2. Merge at scale: the events extracted in 1, replicated with shifted dates and
   places (each copy after the previous one in time and moved up to 6 degrees, so
   that the density of events per day and place stays that of the real data) up
   to each size, then
     - merged from scratch in memory (merge.merge), and
     - stored into a new DuckDB file in batches of 500 events, as ingest does
       (DB writes and incremental merge timed apart).
The figures are printed and written to bench/results.md under their own heading.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import platform
import tempfile
import time
from pathlib import Path

from results_md import replace_section  # bench/, beside this script

from frontline.batch import ItemResult
from frontline.ingest import ingest
from frontline.record import Document, Event
from frontline.store import merge, remerge, rows
from frontline.store.db import Store
from frontline.store.ingest import store_batch
from frontline.store.reports import Report

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_INPUTS = [SHARED / "corpus" / "dantri-2020-21.jsonl", SHARED / "eval" / "vi-dev" / "articles.jsonl",
                  SHARED / "eval" / "seed" / "albu_kamal_2017-11.txt"]
HEADING = "## Store: ingest and merge (bench/bench_store.py)"
BATCH_EVENTS = 500


def real_ingest(inputs: list[Path], folder: Path) -> tuple[dict[str, float], list[ItemResult]]:
    """Ingest the real articles; the stored articles with their events, for replication."""
    store = Store(folder / "real.duckdb")
    summary = ingest([str(p) for p in inputs], store, batch_size=100, on_problem=lambda problem: None)
    with store.reading() as con:
        articles = rows.fetch_dicts(con, "SELECT * FROM articles WHERE event_count > 0 ORDER BY article_id")
        events = rows.fetch_dicts(con, "SELECT * FROM events ORDER BY article_id, event_id")
    by_article: dict[str, list[Event]] = {}
    for row in events:
        by_article.setdefault(row["article_id"], []).append(rows.event_from_row(row))
    results = [ItemResult(doc=Document(doc_id=a["article_id"], text=a["text"], lang=a["language"], url=a["url"],
                                       outlet=a["outlet"], title=a["title"]), events=by_article[a["article_id"]])
               for a in articles]
    figures = {"articles": summary.articles_added, "events": summary.events_added, "seconds": summary.seconds}
    return figures, results


def replicas(base: list[ItemResult], size: int) -> list[ItemResult]:
    """Copies of the real articles and events, each copy moved in time and space, until `size` events.

    Each copy comes after the one before it (its dates moved by the whole span of
    the real events and a month), so ten times the events is ten times the days
    at the real data's density: the cost of merging should grow ten times, not more.
    Every third article is also carried by a second outlet (its events 2 km off),
    so that a quarter of the events have a report from another article to merge with.
    """
    dates = [dt.date.fromisoformat(e.event_date) for r in base for e in r.events]
    span = (max(dates) - min(dates)).days + 30
    out, total, copy = [], 0, 0
    while total < size:
        days = dt.timedelta(days=span * copy)
        north, east = ((copy * 7) % 41 - 20) * 0.3, ((copy * 13) % 41 - 20) * 0.3
        for number, result in enumerate(base):
            for outlet in ("", "b")[: 2 if number % 3 == 0 else 1]:
                doc = dataclasses.replace(result.doc, doc_id=f"{result.doc.doc_id}#r{copy}{outlet}",
                                          outlet=f"{result.doc.outlet or ''}{outlet}",
                                          text=f"{result.doc.text}\n[bản sao {copy}{outlet}]")
                events = [_moved(event, doc.doc_id, f"r{copy}{outlet}", days, north + (0.018 if outlet else 0), east)
                          for event in result.events[: size - total]]
                total += len(events)
                out.append(ItemResult(doc=doc, events=events))
            if total >= size:
                break
        copy += 1
    return out


def _moved(event: Event, doc_id: str, suffix: str, days: dt.timedelta, north: float, east: float) -> Event:
    moved = dataclasses.replace(event, doc_id=doc_id, event_id=f"{event.event_id}{suffix}",
                                event_date=(dt.date.fromisoformat(event.event_date) + days).isoformat())
    if moved.latitude is not None and moved.longitude is not None:
        moved.latitude = max(-89.0, min(89.0, moved.latitude + north))
        moved.longitude = (moved.longitude + east + 180.0) % 360.0 - 180.0
    return moved


def in_memory_merges(sets: dict[int, list[ItemResult]], repeat: int = 3) -> dict[int, dict[str, float]]:
    """Merge each set from scratch in memory, the sizes taken in turn, `repeat` times; the best CPU time of each.

    CPU time of this process, and the sizes interleaved, so that other work on a
    shared machine does not decide the ratio between the sizes.
    """
    reports = {size: [Report.of(e, r.doc.outlet) for r in results for e in r.events] for size, results in sets.items()}
    best = {size: float("inf") for size in sets}
    found: dict[int, int] = {}
    for _ in range(repeat):
        for size, batch in reports.items():
            began = time.process_time()
            found[size] = len(merge.merge(batch))
            best[size] = min(best[size], time.process_time() - began)
    return {size: {"events": len(reports[size]), "seconds": best[size], "canonical": found[size]} for size in sets}


def stored_merge(results: list[ItemResult], folder: Path, size: int) -> dict[str, float]:
    """Store in batches as ingest does; the incremental merge's share of the time measured apart."""
    merging = 0.0
    real_merge_new = remerge.merge_new

    def timed_merge_new(*args, **kwargs):
        nonlocal merging
        began = time.process_time()
        try:
            return real_merge_new(*args, **kwargs)
        finally:
            merging += time.process_time() - began

    import frontline.store.ingest as ingest_module
    ingest_module.merge_new = timed_merge_new
    try:
        store = Store(folder / f"bench-{size}.duckdb")
        batch, in_batch, began = [], 0, time.perf_counter()
        for result in results:
            batch.append(result)
            in_batch += len(result.events)
            if in_batch >= BATCH_EVENTS:
                store_batch(store, batch)
                batch, in_batch = [], 0
        if batch:
            store_batch(store, batch)
        seconds = time.perf_counter() - began
    finally:
        ingest_module.merge_new = real_merge_new
    with store.reading() as con:
        canonical = con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
    events = sum(len(r.events) for r in results)
    return {"events": events, "articles": len(results), "seconds": seconds, "merge_seconds": merging,
            "canonical": canonical}


def report(real: dict[str, float], scale: dict[int, tuple[dict, dict]]) -> str:
    lines = [HEADING, "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}; "
             f"run {dt.date.today().isoformat()}.", "",
             f"Real ingest (read, extract, store, merge): {real['articles']} articles with {real['events']} events "
             f"in {real['seconds']:.1f} s = {real['articles'] / real['seconds']:.0f} articles/s, "
             f"{real['events'] / real['seconds']:.1f} events/s.", "",
             "Merge times are CPU seconds of the benchmark process (best of 3 for the in-memory merge); the "
             "stored figures are wall-clock seconds for writes and merge together.", "",
             "| events | in-memory merge | canonical | stored in batches of 500 (writes + merge) "
             "| of which merge (CPU) | "
             "store events/s |", "|---:|---:|---:|---:|---:|---:|"]
    for _, (memory, stored) in sorted(scale.items()):
        lines.append(f"| {memory['events']:,} | {memory['seconds']:.2f} s | {memory['canonical']:,} | "
                     f"{stored['seconds']:.1f} s | {stored['merge_seconds']:.1f} s | "
                     f"{stored['events'] / stored['seconds']:,.0f} |")
    sizes = sorted(scale)
    if len(sizes) >= 2:
        small, large = scale[sizes[0]], scale[sizes[-1]]
        factor = sizes[-1] / sizes[0]
        lines += ["", f"{factor:.0f}x the events: in-memory merge {large[0]['seconds'] / small[0]['seconds']:.1f}x "
                      f"the time, stored merge {large[1]['merge_seconds'] / small[1]['merge_seconds']:.1f}x, "
                      f"store in total {large[1]['seconds'] / small[1]['seconds']:.1f}x (20x is the ceiling)."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000])
    parser.add_argument("--no-write", action="store_true", help="Print only; leave bench/results.md alone.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        folder = Path(tmp)
        real, base = real_ingest(args.inputs, folder)
        print(f"real ingest: {real['articles']} articles, {real['events']} events, {real['seconds']:.1f} s", flush=True)
        sets = {size: replicas(base, size) for size in args.sizes}
        memory = in_memory_merges(sets)
        for size in args.sizes:
            print(f"{size:,} events: in-memory merge {memory[size]['seconds']:.2f} s CPU", flush=True)
        scale = {}
        for size in args.sizes:
            stored = stored_merge(sets[size], folder, size)
            print(f"{size:,} events: stored {stored['seconds']:.1f} s (merge {stored['merge_seconds']:.1f} s CPU)",
                  flush=True)
            scale[size] = (memory[size], stored)
    text = report(real, scale)
    print(text)
    if not args.no_write:
        replace_section(HEADING, text)


if __name__ == "__main__":
    main()
