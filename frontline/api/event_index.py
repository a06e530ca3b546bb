"""A snapshot's events in memory, for answering pages without SQL: filter columns as arrays, pages in SQLite.

A request for a page of 100 events spent most of its time in DuckDB (planning a
query, scanning 100,000 rows, a semi-join to fetch the page), about 7-12 ms of
CPU: under 8 connections the server then queues past 100 ms. A snapshot never
changes, so each one gets, once, when it is taken:

- the columns the filters read, by position (the API's order), as numpy arrays;
  text columns with few distinct values (types, countries, actors, modality)
  coded against their distinct values, so a filter tests each distinct value
  once and picks rows by code;
- each event's ready JSON (api_events.api_json) in a small SQLite file beside the
  snapshot, read by position: a page is 100 primary-key reads;
- the positions a text term (`q`) matches, asked of DuckDB the first time a term is
  seen and kept for the snapshot's life (the map asks again for the same term with
  every pan and date change).

The filters mean what `EventQuery.where()` means over the store's tables: a test
checks both give the same events and counts (tests/test_api.py).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import tempfile
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from frontline.api import serving
from frontline.api.queries import MAX_ACTORS, EventQuery
from frontline.record import MODALITIES
from frontline.store.selection import ExportFilter

TERMS_KEPT = 256  # text terms whose matching positions a snapshot keeps
COLUMNS = ("event_date", "modality", "event_type", "sub_event_type", "country", "iso3", "actor1", "actor2",
           "assoc_l", "latitude", "longitude", "fatalities", "confidence", "added_at")


@dataclass(frozen=True, slots=True)
class Coded:
    """A text column as codes into its distinct values (-1 for null): a test runs once per distinct value."""

    values: tuple[str, ...]
    codes: np.ndarray  # int32, one per event

    @classmethod
    def of(cls, column: Iterable[str | None]) -> Coded:
        seen: dict[str, int] = {}
        codes = np.fromiter((-1 if value is None else seen.setdefault(value, len(seen)) for value in column),
                            np.int32)
        return cls(tuple(seen), codes)

    def where(self, test: Callable[[str], bool]) -> np.ndarray:
        """Which events' values pass `test` (a null never does)."""
        passed = np.flatnonzero(np.fromiter((test(value) for value in self.values), bool, len(self.values)))
        if len(passed) == len(self.values):
            return self.codes >= 0
        if len(passed) <= 4:  # a few values (a type, a country): comparing codes beats a gather
            chosen = np.zeros(len(self.codes), dtype=bool)
            for code in passed:
                chosen |= self.codes == code
            return chosen
        lookup = np.zeros(len(self.values) + 1, dtype=bool)
        lookup[passed] = True
        return lookup[self.codes]  # code -1 reads the last entry: False

    def counts(self, chosen: np.ndarray, null: str | None = None) -> list[tuple[str, int]]:
        """(value, events) over the chosen events, most first, then by value; nulls as `null` or left out."""
        codes = self.codes[chosen]
        tally = np.bincount(codes + 1, minlength=len(self.values) + 1)
        found = [(value, int(n)) for value, n in zip(self.values, tally[1:], strict=True) if n]
        if null is not None and tally[0]:
            found.append((null, int(tally[0])))
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))


@dataclass(slots=True)
class EventIndex:
    """One snapshot's events by position (0 = newest): what the filters read, and each event's JSON."""

    size: int
    days: np.ndarray          # event_date as datetime64[D]
    added_at: np.ndarray      # datetime64[us], NaT when unknown
    latitude: np.ndarray      # float64, NaN when unplaced
    longitude: np.ndarray
    fatalities: np.ndarray    # int64
    confidence: np.ndarray    # float64, NaN when unknown
    coded: dict[str, Coded]   # modality, event_type, sub_event_type, country, iso3, actor1, actor2, assoc_l
    last_added: dt.datetime | None
    pages: sqlite3.Connection
    text_matches: Callable[[str], np.ndarray]  # a text term -> the positions it matches (asked of DuckDB)
    _terms: OrderedDict[str, np.ndarray] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection, folder: Path | None) -> EventIndex:
        """Read a snapshot's serving tables (serving.py) once; its pages go to a SQLite file in `folder`
        (in memory when None), opened read-only and unlinked at once, as the snapshot's copy is."""
        events = serving.EVENTS
        found = con.execute(f"SELECT {', '.join(COLUMNS)} FROM {events} {serving.ORDER}").fetchnumpy()  # noqa: S608
        last = con.execute("SELECT max(ingested_at) FROM articles").fetchone()
        size = len(found["event_date"])

        def matches(term: str) -> np.ndarray:
            query = EventQuery(base=ExportFilter(modalities=list(MODALITIES)), text=term)
            where, params = query.where(serving.SEARCH_COLUMNS)
            with contextlib.closing(con.cursor()) as cursor:
                hits = cursor.execute(f"SELECT position FROM {events} WHERE {where}",  # noqa: S608
                                      params).fetchnumpy()["position"]
            return np.asarray(hits, dtype=np.int64) - 1

        return cls(
            size=size, days=np.asarray(found["event_date"]).astype("datetime64[D]"),
            added_at=_filled(found["added_at"], "datetime64[us]", np.datetime64("NaT")),
            latitude=_filled(found["latitude"], np.float64, np.nan),
            longitude=_filled(found["longitude"], np.float64, np.nan),
            fatalities=_filled(found["fatalities"], np.int64, -1),
            confidence=_filled(found["confidence"], np.float64, np.nan),
            coded={name: Coded.of(_strings(found[name])) for name in
                   ("modality", "event_type", "sub_event_type", "country", "iso3", "actor1", "actor2", "assoc_l")},
            last_added=last[0] if last else None, pages=_pages(con, folder), text_matches=matches)

    def close(self) -> None:
        self.pages.close()

    def select(self, query: EventQuery) -> np.ndarray:
        """The positions of the events `query` selects, in the API's order."""
        chosen = np.ones(self.size, dtype=bool)
        base, coded = query.base, self.coded
        chosen &= coded["modality"].where(set(base.modalities).__contains__)
        if base.since:
            chosen &= self.days >= np.datetime64(base.since, "D")
        if base.until:
            chosen &= self.days <= np.datetime64(base.until, "D")
        if base.country:
            country = base.country.strip().casefold()
            chosen &= coded["country"].where(lambda v: v.casefold() == country) | \
                coded["iso3"].where(lambda v: v.casefold() == country)
        if base.event_types:
            names = {name.strip().casefold() for name in base.event_types}
            chosen &= coded["event_type"].where(lambda v: v.casefold() in names) | \
                coded["sub_event_type"].where(lambda v: v.casefold() in names)
        if base.min_confidence is not None:
            chosen &= self.confidence >= float(base.min_confidence)
        if query.sub_event_types:
            subs = {name.strip().casefold() for name in query.sub_event_types}
            chosen &= coded["sub_event_type"].where(lambda v: v.casefold() in subs)
        if query.bbox:
            box = query.bbox
            chosen &= (self.latitude >= box.south) & (self.latitude <= box.north)
            if box.west <= box.east:
                chosen &= (self.longitude >= box.west) & (self.longitude <= box.east)
            else:  # the box crosses the antimeridian
                chosen &= (self.longitude >= box.west) | (self.longitude <= box.east)
        if query.actor:
            actor = query.actor.strip().casefold()
            chosen &= (coded["actor1"].where(lambda v: actor in v.casefold())
                       | coded["actor2"].where(lambda v: actor in v.casefold())
                       | coded["assoc_l"].where(lambda v: actor in v.casefold()))
        if query.min_fatalities:
            chosen &= self.fatalities >= int(query.min_fatalities)
        if query.added_after is not None:
            chosen &= self.added_at > np.datetime64(query.added_after, "us")
        if query.text:
            matched = np.zeros(self.size, dtype=bool)
            matched[self._text(query.text)] = True
            chosen &= matched
        return np.flatnonzero(chosen)

    def _text(self, term: str) -> np.ndarray:
        with self._lock:
            hits = self._terms.get(term)
            if hits is not None:
                self._terms.move_to_end(term)
                return hits
        hits = self.text_matches(term)
        with self._lock:
            self._terms[term] = hits
            while len(self._terms) > TERMS_KEPT:
                self._terms.popitem(last=False)
        return hits

    def page(self, positions: np.ndarray) -> list[tuple[str, float | None, float | None, str]]:
        """(canonical_id, longitude, latitude, JSON) of the events at `positions`, in that order."""
        wanted = [int(p) for p in positions]
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        with self._lock:
            rows = self.pages.execute(f"SELECT position, canonical_id, longitude, latitude, api_json FROM pages "  # noqa: S608
                                      f"WHERE position IN ({marks})", wanted).fetchall()
        by_position = {row[0]: row[1:] for row in rows}
        return [by_position[p] for p in wanted]

    def stats(self, query: EventQuery) -> dict[str, Any]:
        """What queries.stats() counts over the store, over the events `query` selects."""
        chosen = self.select(query)
        coded = self.coded
        days = self.days[chosen]
        by_actor: Counter[str] = Counter()
        for column in ("actor1", "actor2"):
            by_actor.update(dict(coded[column].counts(chosen)))
        months, per_month = np.unique(days.astype("datetime64[M]"), return_counts=True)  # sorted by month

        def listed(pairs: Iterable[tuple[str, int]]) -> list[dict[str, Any]]:
            return [{"key": key, "count": count} for key, count in pairs]

        return {"total": len(chosen),
                "first_date": days.min().item() if len(days) else None,
                "last_date": days.max().item() if len(days) else None,
                "last_added": self.last_added,
                "by_event_type": listed(coded["event_type"].counts(chosen)),
                "by_sub_event_type": listed(coded["sub_event_type"].counts(chosen)),
                "by_country": listed(coded["country"].counts(chosen, null="(unknown)")),
                "by_modality": listed(coded["modality"].counts(chosen)),
                "by_actor": listed(sorted(by_actor.items(), key=lambda pair: (-pair[1], pair[0]))[:MAX_ACTORS]),
                "by_month": listed((str(month), int(n)) for month, n in zip(months, per_month, strict=True))}


def _filled(column: np.ndarray, dtype: Any, null: Any) -> np.ndarray:
    """A fetched column as `dtype`, `null` where the store has NULL (DuckDB gives a masked array then)."""
    return np.ma.filled(column.astype(dtype), null) if np.ma.isMaskedArray(column) else column.astype(dtype)


def _strings(column: Any) -> list[str | None]:
    """A fetched text column as Python values, None where null."""
    if np.ma.isMaskedArray(column):
        return [None if masked else value for value, masked in zip(column.data, np.ma.getmaskarray(column),
                                                                   strict=True)]
    return list(column)


def _pages(con: duckdb.DuckDBPyConnection, folder: Path | None) -> sqlite3.Connection:
    """Each event's page fields by position, in SQLite: read-only, and its file unlinked, once written."""
    if folder is None:
        pages = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(con, pages)
        return pages
    handle, name = tempfile.mkstemp(prefix="frontline-pages-", suffix=".sqlite", dir=folder)
    os.close(handle)
    path = Path(name)
    try:
        with contextlib.closing(sqlite3.connect(path)) as writing:
            writing.execute("PRAGMA journal_mode = OFF")
            _fill(con, writing)
        pages = sqlite3.connect(f"file:{path}?immutable=1", uri=True, check_same_thread=False)
        pages.execute("SELECT count(*) FROM pages").fetchone()  # the file is open before it is unlinked
        return pages
    finally:
        path.unlink(missing_ok=True)


def _fill(con: duckdb.DuckDBPyConnection, pages: sqlite3.Connection) -> None:
    pages.execute("CREATE TABLE pages (position INTEGER PRIMARY KEY, canonical_id TEXT, longitude REAL, "
                  "latitude REAL, api_json TEXT)")
    with contextlib.closing(con.cursor()) as cursor:
        cursor.execute(f"SELECT position - 1, canonical_id, longitude, latitude, api_json "  # noqa: S608
                       f"FROM {serving.EVENTS} {serving.ORDER}")
        while rows := cursor.fetchmany(10_000):
            pages.executemany("INSERT INTO pages VALUES (?, ?, ?, ?, ?)", rows)
    pages.commit()
