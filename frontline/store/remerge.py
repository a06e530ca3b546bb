"""Keeping the canonical events right as reports arrive, inside the batch's transaction.

New reports are compared only with stored reports of the same type and
country whose dates can overlap (one SQL join), then grouped by merge.py's
blocks. Every stored component that a new report touches is merged again
from all its reports together, so the result is what merging everything
from scratch gives (`rebuild` does that, and the tests compare the two).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from frontline.store import rows
from frontline.store.blocks import BlockIndex, UnionFind
from frontline.store.canonical import Canonical, compose
from frontline.store.merge import clusters, compatible_pairs, components, no_cycle_collection
from frontline.store.reports import MAX_HALF_WIDTH, Report

GROUP_SQL = "CASE WHEN e.modality IN ('asserted', 'claimed') THEN 'happened' ELSE e.modality END"
COUNTRY_SQL = "upper(trim(coalesce(nullif(trim(e.iso3), ''), e.country)))"
STORED_SQL = ("SELECT e.*, a.outlet, r.component_id FROM events e "
              "JOIN canonical_reports r ON r.event_id = e.event_id JOIN articles a ON a.article_id = e.article_id")
COMPONENT = "component:"  # union-find node standing for a whole stored component


@dataclass(slots=True)
class MergeStats:
    new_reports: int = 0
    components: int = 0
    canonical_written: int = 0


def merge_new(con: duckdb.DuckDBPyConnection, new: list[Report], now: dt.datetime) -> MergeStats:
    """Merge freshly stored reports into the canonical events (call inside the batch's transaction)."""
    stats = MergeStats(new_reports=len(new))
    if not new:
        return stats
    with no_cycle_collection():
        return _merge_new(con, new, now, stats)


def _merge_new(con: duckdb.DuckDBPyConnection, new: list[Report], now: dt.datetime, stats: MergeStats) -> MergeStats:
    stored = _stored_candidates(con, new)
    component_of = {report.event_id: component for report, component in stored}
    index = BlockIndex()
    for report in [*(report for report, _ in stored), *new]:
        index.add(report)
    found = UnionFind()
    for report in new:
        found.add(report.event_id)
    for report, other in compatible_pairs(new, index):
        node = COMPONENT + component_of[other.event_id] if other.event_id in component_of else other.event_id
        found.add(node)
        found.union(report.event_id, node)
    groups = list(found.groups().values())
    touched = sorted({node.removeprefix(COMPONENT) for nodes in groups for node in nodes
                      if node.startswith(COMPONENT)})
    members = _load_components(con, touched)
    by_id = {report.event_id: report for report in new}
    canonicals: list[Canonical] = []
    for nodes in groups:
        reports = [by_id[node] for node in nodes if node in by_id]
        for node in nodes:
            if node.startswith(COMPONENT):
                reports.extend(members[node.removeprefix(COMPONENT)])
        canonicals.extend(merge_component(reports))
    replace(con, touched, canonicals, now)
    stats.components, stats.canonical_written = len(groups), len(canonicals)
    return stats


def rebuild(con: duckdb.DuckDBPyConnection, now: dt.datetime) -> int:
    """Merge every stored report from scratch (e.g. after the merge rules change); the canonical count."""
    reports = [_report(row) for row in rows.fetch_dicts(
        con, "SELECT e.*, a.outlet FROM events e JOIN articles a ON a.article_id = e.article_id")]
    canonicals = [c for component in components(reports) for c in merge_component(component)]
    everything = [row[0] for row in con.execute("SELECT DISTINCT component_id FROM canonical_reports").fetchall()]
    replace(con, everything, canonicals, now)
    return len(canonicals)


def merge_component(reports: list[Report]) -> list[Canonical]:
    """The canonical events of one component, named after its smallest event_id."""
    component_id = min(report.event_id for report in reports)
    return [compose(cluster, component_id) for cluster in clusters(reports)]


def replace(con: duckdb.DuckDBPyConnection, old_components: list[str], canonicals: list[Canonical],
            now: dt.datetime) -> None:
    """Swap the canonical rows of `old_components` for `canonicals`; unchanged records keep their time."""
    before = {row[0]: (row[1], row[2]) for row in con.execute(
        "SELECT canonical_id, content_hash, updated_at FROM canonical_events "
        "WHERE component_id IN (SELECT unnest($1))", [old_components]).fetchall()}
    con.execute("DELETE FROM canonical_reports WHERE component_id IN (SELECT unnest($1))", [old_components])
    con.execute("DELETE FROM canonical_events WHERE component_id IN (SELECT unnest($1))", [old_components])
    event_rows: list[dict] = []
    report_rows: list[dict] = []
    for canonical in canonicals:
        digest = canonical.content_hash()
        old = before.get(canonical.canonical_id)
        event_rows.append(_canonical_row(canonical, digest, old[1] if old and old[0] == digest else now))
        report_rows.extend({
            "event_id": r.event_id, "canonical_id": canonical.canonical_id,
            "component_id": canonical.component_id, "article_id": r.article_id,
            "modality": r.event.modality, "claimed_by": r.event.claimed_by,
        } for r in canonical.reports)
    rows.insert(con, "canonical_events", event_rows, rows.CANONICAL_SCHEMA)
    rows.insert(con, "canonical_reports", report_rows, rows.REPORT_SCHEMA)


def _canonical_row(canonical: Canonical, digest: str, updated_at: dt.datetime) -> dict[str, Any]:
    row = rows.event_row(canonical.event)
    for name in ("event_id", "article_id", "claimed_by", "lang"):
        row.pop(name)
    return row | {
        "canonical_id": canonical.canonical_id, "component_id": canonical.component_id,
        "modality": canonical.modality, "asserted_reports": canonical.asserted_reports,
        "claimed_reports": canonical.claimed_reports, "claimed_by": canonical.claimed_by,
        "sources": canonical.sources, "article_count": canonical.article_count,
        "report_count": len(canonical.reports), "content_hash": digest, "updated_at": updated_at,
    }


def _report(row: dict[str, Any]) -> Report:
    return Report.of(rows.event_from_row(row), row.get("outlet"))


def _stored_candidates(con: duckdb.DuckDBPyConnection, new: list[Report]) -> list[tuple[Report, str]]:
    """Stored reports (and their component) of a new report's type, modality group and country, dates within reach."""
    keyed = [r for r in new if r.country is not None]
    if not keyed:
        return []
    reach = [r.half_width + MAX_HALF_WIDTH for r in keyed]
    lows = [dt.date.fromordinal(r.day - w) for r, w in zip(keyed, reach)]
    highs = [dt.date.fromordinal(r.day + w) for r, w in zip(keyed, reach)]
    params = [[r.event.event_type for r in keyed], [r.group for r in keyed], [r.country for r in keyed],
              lows, highs, min(lows), max(highs)]
    # The constant date range lets DuckDB skip whole row groups by their min/max dates.
    sql = f"""
        WITH k AS (SELECT unnest($1) AS event_type, unnest($2) AS grp, unnest($3) AS country,
                          unnest($4) AS lo, unnest($5) AS hi)
        {STORED_SQL}
        WHERE e.event_date BETWEEN $6 AND $7 AND e.event_id IN (
            SELECT e.event_id FROM events e JOIN k
              ON e.event_type = k.event_type AND {GROUP_SQL} = k.grp AND {COUNTRY_SQL} = k.country
             AND e.event_date BETWEEN k.lo AND k.hi
            WHERE e.event_date BETWEEN $6 AND $7)
        ORDER BY e.event_id"""
    return [(_report(row), row["component_id"]) for row in rows.fetch_dicts(con, sql, params)]


def _load_components(con: duckdb.DuckDBPyConnection, component_ids: list[str]) -> dict[str, list[Report]]:
    found: dict[str, list[Report]] = {component: [] for component in component_ids}
    if component_ids:
        sql = f"{STORED_SQL} WHERE r.component_id IN (SELECT unnest($1)) ORDER BY e.event_id"
        for row in rows.fetch_dicts(con, sql, [component_ids]):
            found[row["component_id"]].append(_report(row))
    return found
