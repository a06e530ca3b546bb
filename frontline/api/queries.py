"""The API's reads: fixed SQL fragments with every value passed as a parameter.

Events are the store's canonical events (one per real event); the filters
extend the export's (`ExportFilter`) with a bounding box, sub-event types,
an actor, a text search, a least number of deaths and a time of arrival.
Each event carries its source: the first article that reported it (link,
outlet, title) and when its first report was ingested (the map's "new").
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import duckdb

from frontline.store import rows
from frontline.store.selection import ExportFilter

ORDER = "ORDER BY event_date DESC, canonical_id"
MAX_ACTORS = 300  # the stats' actor list: the filter's suggestions, most frequent first


@dataclass(slots=True)
class BBox:
    west: float
    south: float
    east: float
    north: float


@dataclass(slots=True)
class EventQuery:
    """Which canonical events: the export's filters and a few the map needs."""

    base: ExportFilter = field(default_factory=ExportFilter)
    sub_event_types: list[str] = field(default_factory=list)
    bbox: BBox | None = None
    actor: str | None = None
    text: str | None = None
    min_fatalities: int | None = None
    added_after: dt.datetime | None = None  # naive UTC, as the store keeps ingested_at

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause of fixed fragments and its parameters: the export's selection, and more."""
        where, params = self.base.where()
        clauses = [where]
        if self.sub_event_types:
            params.append([name.strip().casefold() for name in self.sub_event_types])
            clauses.append(f"list_contains(${len(params)}, lower(sub_event_type))")
        if self.bbox:
            box = self.bbox
            params += [box.south, box.north]
            clauses.append(f"latitude BETWEEN ${len(params) - 1} AND ${len(params)}")
            if box.west <= box.east:
                params += [box.west, box.east]
                clauses.append(f"longitude BETWEEN ${len(params) - 1} AND ${len(params)}")
            else:  # the box crosses the antimeridian
                params += [box.west, box.east]
                clauses.append(f"(longitude >= ${len(params) - 1} OR longitude <= ${len(params)})")
        if self.actor:
            params.append(f"%{_escape(self.actor.strip().casefold())}%")
            n = len(params)
            clauses.append(f"(lower(actor1) LIKE ${n} ESCAPE '\\' OR lower(actor2) LIKE ${n} ESCAPE '\\' OR "
                           f"lower(array_to_string(assoc_actor_1 || assoc_actor_2, chr(10))) LIKE ${n} ESCAPE '\\')")
        if self.text:
            # the English fields, and the words of the articles behind the event (its evidence, in
            # the article's language: "tái chiếm" finds the retakes the articles tell)
            params.append(f"%{_escape(unicodedata.normalize('NFC', self.text.strip()).casefold())}%")
            n = len(params)
            clauses.append(f"(lower(notes) LIKE ${n} ESCAPE '\\' OR lower(location) LIKE ${n} ESCAPE '\\' OR "
                           f"lower(admin1) LIKE ${n} ESCAPE '\\' OR lower(coalesce(actor1, '') || ' ' || "
                           f"coalesce(actor2, '')) LIKE ${n} ESCAPE '\\' OR canonical_id IN ("
                           f"SELECT r.canonical_id FROM canonical_reports r JOIN evidence v ON v.event_id = r.event_id "
                           f"WHERE lower(v.text) LIKE ${n} ESCAPE '\\'))")
        if self.min_fatalities:
            params.append(int(self.min_fatalities))
            clauses.append(f"fatalities >= ${len(params)}")
        if self.added_after is not None:
            params.append(self.added_after)
            clauses.append(f"canonical_id IN (SELECT r.canonical_id FROM canonical_reports r JOIN articles a "
                           f"ON a.article_id = r.article_id GROUP BY r.canonical_id "
                           f"HAVING min(a.ingested_at) > ${len(params)})")
        return " AND ".join(clauses), params


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def events_page(con: duckdb.DuckDBPyConnection, query: EventQuery, limit: int, offset: int,
                ) -> tuple[int, list[dict[str, Any]]]:
    """How many events match, and the page of them, newest first."""
    where, params = query.where()
    total = con.execute(f"SELECT count(*) FROM canonical_events WHERE {where}", params).fetchone()  # noqa: S608
    found = rows.fetch_dicts(con, f"SELECT * FROM canonical_events WHERE {where} {ORDER} "  # noqa: S608
                                  f"LIMIT {int(limit)} OFFSET {int(offset)}", params)
    return int(total[0]) if total else 0, with_source(con, found)


def event(con: duckdb.DuckDBPyConnection, canonical_id: str) -> dict[str, Any] | None:
    found = rows.fetch_dicts(con, "SELECT * FROM canonical_events WHERE canonical_id = $1", [canonical_id])
    return with_source(con, found)[0] if found else None


def with_source(con: duckdb.DuckDBPyConnection, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event with its first article's link, outlet and title, and when its first report arrived.

    A second query for just this page's events: joining every report to every event before the
    LIMIT would aggregate the whole store for each page."""
    if not found:
        return found
    sources = {row.pop("canonical_id"): row for row in rows.fetch_dicts(con, """
            SELECT r.canonical_id,
                   first(a.url ORDER BY coalesce(a.published, ''), a.article_id) AS source_url,
                   first(a.outlet ORDER BY coalesce(a.published, ''), a.article_id) AS source_outlet,
                   first(a.title ORDER BY coalesce(a.published, ''), a.article_id) AS source_title,
                   min(a.ingested_at) AS added_at
            FROM canonical_reports r JOIN articles a ON a.article_id = r.article_id
            WHERE r.canonical_id IN (SELECT unnest($1)) GROUP BY r.canonical_id""",
            [[row["canonical_id"] for row in found]])}
    return [row | sources.get(row["canonical_id"], {}) for row in found]


def reports(con: duckdb.DuckDBPyConnection, canonical_id: str) -> list[dict[str, Any]]:
    """Every article's report of the event, each with its evidence spans."""
    spans: dict[str, list[dict[str, Any]]] = {}
    for span in rows.fetch_dicts(con, """
            SELECT v.event_id, v.role, v.start_char AS start, v.end_char AS "end", v.text FROM evidence v
            JOIN canonical_reports r ON r.event_id = v.event_id WHERE r.canonical_id = $1
            ORDER BY v.event_id, v.start_char, v.role""", [canonical_id]):
        spans.setdefault(span.pop("event_id"), []).append(span)
    found = rows.fetch_dicts(con, """
            SELECT r.event_id, r.article_id, r.modality, r.claimed_by, a.url, a.outlet, a.title, a.published
            FROM canonical_reports r JOIN articles a ON a.article_id = r.article_id
            WHERE r.canonical_id = $1 ORDER BY r.article_id, r.event_id""", [canonical_id])
    for report in found:
        report["evidence"] = spans.get(report["event_id"], [])
    return found


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    found = rows.fetch_dicts(con, """SELECT article_id, url, outlet, title, published, language, text
                                     FROM articles WHERE article_id = $1""", [article_id])
    return found[0] if found else None


def stats(con: duckdb.DuckDBPyConnection, query: EventQuery) -> dict[str, Any]:
    """Counts of the matching events by type, country and month, and their first and last dates."""
    where, params = query.where()
    head = con.execute(f"SELECT count(*), min(event_date), max(event_date) FROM canonical_events "  # noqa: S608
                       f"WHERE {where}", params).fetchone() or (0, None, None)

    def counts(key: str) -> list[dict[str, Any]]:
        return [{"key": k, "count": int(n)} for k, n in con.execute(
            f"SELECT {key} AS k, count(*) AS n FROM canonical_events WHERE {where} "  # noqa: S608 - fixed keys
            f"GROUP BY k ORDER BY n DESC, k", params).fetchall()]

    last = con.execute("SELECT max(ingested_at) FROM articles").fetchone()
    actors = [{"key": k, "count": int(n)} for k, n in con.execute(
        f"SELECT actor AS k, count(*) AS n FROM (SELECT unnest([actor1, actor2]) AS actor FROM canonical_events "  # noqa: S608
        f"WHERE {where}) WHERE actor IS NOT NULL GROUP BY k ORDER BY n DESC, k LIMIT {MAX_ACTORS}", params).fetchall()]
    return {"total": int(head[0]), "first_date": head[1], "last_date": head[2],
            "last_added": last[0] if last else None,
            "by_event_type": counts("event_type"), "by_sub_event_type": counts("sub_event_type"),
            "by_country": counts("coalesce(country, '(unknown)')"), "by_modality": counts("modality"),
            "by_actor": actors,
            "by_month": sorted(counts("strftime(event_date, '%Y-%m')"), key=lambda c: c["key"])}
