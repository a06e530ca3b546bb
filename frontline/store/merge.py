"""Which reports, from different articles, are the same real event.

Two reports *may* be one event (reports.py: same kind of event, overlapping
dates, places within 25 km or one admin1, compatible actors, different
articles). That relation is not transitive (A near B, B near C, A far from C),
so the merge works in two steps, each a function of the set of reports alone,
never of the order they arrived in:

1. components: the connected groups of the "may be one event" graph
   (union-find over every compatible pair, found through blocks keyed by date
   bucket and grid cell or admin1, so no pair outside a block is compared);
2. clusters: inside a component, reports are taken most precise first (ties by
   event_id) and each joins the closest cluster whose every member it is
   compatible with and which holds no report from its own article; otherwise it
   starts one. Every cluster is one canonical event.

The store keeps the component of each report: a new report can only join or
bridge the components of reports it is compatible with, so an ingest re-merges
those components and nothing else.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator

from frontline.store.blocks import BUCKET_DAYS, BlockIndex, UnionFind
from frontline.store.reports import Report, compatible, distance_km

__all__ = ["Report", "clusters", "compatible", "compatible_pairs", "components", "merge", "no_cycle_collection"]


def compatible_pairs(new: Iterable[Report], index: BlockIndex) -> Iterator[tuple[Report, Report]]:
    """Each (report, filed report) pair that may be one event; a report is not paired with itself."""
    for report in new:
        seen: set[str] = set()
        for other in index.candidates(report):
            if other.event_id == report.event_id or other.event_id in seen:
                continue
            seen.add(other.event_id)
            if compatible(report, other):
                yield report, other


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: indexing makes many small objects and no cycles, and with
    100,000 reports alive each full collection would walk all of them again (a quadratic cost)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def components(reports: list[Report]) -> list[list[Report]]:
    """The connected groups of the compatibility graph, each sorted, in a canonical order."""
    with no_cycle_collection():
        return _components(reports)


def _components(reports: list[Report]) -> list[list[Report]]:
    """A sweep through time: each report, earliest window first, is paired with those filed before it."""
    found = UnionFind()
    for report in reports:
        found.add(report.event_id)
    index = BlockIndex()
    for report in sorted(reports, key=lambda r: (r.day - r.half_width, r.event_id)):
        index.forget_before((report.day - report.half_width) // BUCKET_DAYS)
        for _, other in compatible_pairs([report], index):
            found.union(report.event_id, other.event_id)
        index.add(report)
    by_id = {report.event_id: report for report in reports}
    groups = [sorted((by_id[i] for i in ids), key=Report.sort_key) for ids in found.groups().values()]
    return sorted(groups, key=lambda group: group[0].event_id)


def clusters(component: list[Report]) -> list[list[Report]]:
    """One component's reports as real events: complete linkage, one report per article per event."""
    formed: list[list[Report]] = []
    articles: list[set[str]] = []
    for report in sorted(component, key=Report.sort_key):
        best: tuple | None = None
        for number, members in enumerate(formed):
            if report.article_id in articles[number]:
                continue
            if all(compatible(report, member) for member in members):
                seed = members[0]
                closeness = (abs(report.day - seed.day), _km_or_zero(report, seed), number)
                if best is None or closeness < best:
                    best = closeness
        if best is None:
            formed.append([report])
            articles.append({report.article_id})
        else:
            formed[best[2]].append(report)
            articles[best[2]].add(report.article_id)
    return formed


def _km_or_zero(a: Report, b: Report) -> float:
    return distance_km(a.event, b.event) if a.has_point and b.has_point else 0.0


def merge(reports: list[Report]) -> list[list[Report]]:
    """Every real event among `reports`: the same answer for the same set, in any order."""
    with no_cycle_collection():
        return [cluster for component in components(reports) for cluster in clusters(component)]
