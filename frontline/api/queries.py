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

MAX_ACTORS = 300  # the stats' actor list: the filter's suggestions, most frequent first

# What the actor and text filters search (lower-cased) and when an event's first report arrived, over
# the store's own tables: computed per row. The server keeps them ready (serving.SEARCH_COLUMNS).
# Text is matched with contains(), which needs no escaping of % and _ as LIKE does.
SEARCH_COLUMNS = {
    "actor1": "lower(actor1)", "actor2": "lower(actor2)",
    "assoc_actors": "lower(array_to_string(assoc_actor_1 || assoc_actor_2, chr(10)))",
    "notes": "lower(notes)", "location": "lower(location)", "admin1": "lower(admin1)",
    "actors": "lower(coalesce(actor1, '') || ' ' || coalesce(actor2, ''))",
    "evidence": "(SELECT DISTINCT r.canonical_id, lower(v.text) AS text_l FROM canonical_reports r "
                "JOIN evidence v ON v.event_id = r.event_id)",
    "evidence_key": "canonical_id",
    "added_at": "(SELECT min(a.ingested_at) FROM canonical_reports r JOIN articles a "
                "ON a.article_id = r.article_id WHERE r.canonical_id = canonical_events.canonical_id)",
}


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

    def where(self, columns: dict[str, str] = SEARCH_COLUMNS) -> tuple[str, list[Any]]:
        """A WHERE clause of fixed fragments and its parameters: the export's selection, and more.

        `columns` say where the actor and text filters look and when an event arrived: computed per
        row over the store's tables (SEARCH_COLUMNS), or kept ready in the server's
        (serving.SEARCH_COLUMNS).
        """
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
            params.append(self.actor.strip().casefold())
            n = len(params)
            clauses.append(f"(contains({columns['actor1']}, ${n}) OR contains({columns['actor2']}, ${n}) OR "
                           f"contains({columns['assoc_actors']}, ${n}))")
        if self.text:
            # the English fields, and the words of the articles behind the event (its evidence, in
            # the article's language: "tái chiếm" finds the retakes the articles tell)
            params.append(unicodedata.normalize("NFC", self.text.strip()).casefold())
            n = len(params)
            clauses.append(f"(contains({columns['notes']}, ${n}) OR contains({columns['location']}, ${n}) OR "
                           f"contains({columns['admin1']}, ${n}) OR contains({columns['actors']}, ${n}) OR "
                           f"{columns['evidence_key']} IN (SELECT {columns['evidence_key']} "
                           f"FROM {columns['evidence']} WHERE contains(text_l, ${n})))")
        if self.min_fatalities:
            params.append(int(self.min_fatalities))
            clauses.append(f"fatalities >= ${len(params)}")
        if self.added_after is not None:
            params.append(self.added_after)
            clauses.append(f"{columns['added_at']} > ${len(params)}")
        return " AND ".join(clauses), params


def event(con: duckdb.DuckDBPyConnection, canonical_id: str) -> dict[str, Any] | None:
    found = rows.fetch_dicts(con, "SELECT * FROM canonical_events WHERE canonical_id = $1", [canonical_id])
    return with_source(con, found)[0] if found else None


# Each event's source: its first article's link, outlet and title, and when its first report was ingested.
SOURCES = """SELECT r.canonical_id,
           first(a.url ORDER BY coalesce(a.published, ''), a.article_id) AS source_url,
           first(a.outlet ORDER BY coalesce(a.published, ''), a.article_id) AS source_outlet,
           first(a.title ORDER BY coalesce(a.published, ''), a.article_id) AS source_title,
           min(a.ingested_at) AS added_at
    FROM canonical_reports r JOIN articles a ON a.article_id = r.article_id {where} GROUP BY r.canonical_id"""


def with_source(con: duckdb.DuckDBPyConnection, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event with its first article's link, outlet and title, and when its first report arrived.

    A second query for just this page's events: joining every report to every event before the
    LIMIT would aggregate the whole store for each page."""
    if not found:
        return found
    sources = {row.pop("canonical_id"): row for row in rows.fetch_dicts(
            con, SOURCES.format(where="WHERE r.canonical_id IN (SELECT unnest($1))"),
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
    """Counts of the matching events by type, country and month, and their first and last dates, over
    the store's tables (`frontline stats`; the server counts its snapshot's: EventIndex.stats)."""
    where, params = query.where()
    table = "canonical_events"
    head = con.execute(f"SELECT count(*), min(event_date), max(event_date) FROM {table} "  # noqa: S608
                       f"WHERE {where}", params).fetchone() or (0, None, None)

    def counts(key: str) -> list[dict[str, Any]]:
        return [{"key": k, "count": int(n)} for k, n in con.execute(
            f"SELECT {key} AS k, count(*) AS n FROM {table} WHERE {where} "  # noqa: S608 - fixed keys
            f"GROUP BY k ORDER BY n DESC, k", params).fetchall()]

    last = con.execute("SELECT max(ingested_at) FROM articles").fetchone()
    actors = [{"key": k, "count": int(n)} for k, n in con.execute(
        f"SELECT actor AS k, count(*) AS n FROM (SELECT unnest([actor1, actor2]) AS actor FROM {table} "  # noqa: S608
        f"WHERE {where}) WHERE actor IS NOT NULL GROUP BY k ORDER BY n DESC, k LIMIT {MAX_ACTORS}", params).fetchall()]
    return {"total": int(head[0]), "first_date": head[1], "last_date": head[2],
            "last_added": last[0] if last else None,
            "by_event_type": counts("event_type"), "by_sub_event_type": counts("sub_event_type"),
            "by_country": counts("coalesce(country, '(unknown)')"), "by_modality": counts("modality"),
            "by_actor": actors,
            "by_month": sorted(counts("strftime(event_date, '%Y-%m')"), key=lambda c: c["key"])}
