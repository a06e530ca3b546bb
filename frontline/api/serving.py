"""The server's read model: a private copy of the store, with tables made for answering pages fast.

The server never reads the store's file itself (store/snapshot.py copies it). In its
own copy it can add what the store has no reason to keep, once per copy rather
than once per request:

- `api_events`: the canonical events in the API's order (newest first, then id),
  numbered by `position`, with their source (first article, arrival time), the
  lower-cased text the actor and text filters search, and each event's JSON as
  GET /events returns it, made once rather than every matching row sorted, then
  turned into Python and back, per request. The server reads it once into its
  events index (event_index.py), which answers pages without SQL.
- `api_evidence`: the lower-cased words of each event's evidence, by position (an integer
  semi-join costs a quarter of one on the canonical id's string): where a text term is
  looked for the first time a snapshot sees it.

The copy is then reopened read-only and unlinked: the open handle keeps it
readable, and nothing is left on disk when the server stops, however it stops.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable

import duckdb

from frontline.api.models import Event
from frontline.store import schema
from frontline.store.snapshot import StoreCopy

EVENTS = "api_events"
ORDER = "ORDER BY position"  # = event_date DESC, canonical_id: numbered so when the table was made

# The filters' lower-cased columns in api_events (queries.SEARCH_COLUMNS says what they stand for).
SEARCH_COLUMNS = {
    "actor1": "actor1_l", "actor2": "actor2_l", "assoc_actors": "assoc_l", "notes": "notes_l",
    "location": "location_l", "admin1": "admin1_l", "actors": "actors_l",
    "evidence": "api_evidence", "evidence_key": "position", "added_at": "added_at",
}

# a stored time (naive, UTC) as the Event model writes it: ISO 8601 with a Z, microseconds when any
UTC_JSON = ("CASE WHEN microsecond(added_at) % 1000000 = 0 THEN strftime(added_at, '%Y-%m-%dT%H:%M:%SZ') "
            "ELSE strftime(added_at, '%Y-%m-%dT%H:%M:%S.%fZ') END")


def _json_of_event() -> str:
    """SQL for one row's JSON with the fields of the API's Event model, in its order."""
    made = {"id": "canonical_id", "added_at": UTC_JSON}
    fields = ", ".join(f"{name} := {made.get(name, name)}" for name in Event.model_fields)
    return f"to_json(struct_pack({fields}))::VARCHAR"


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Add the serving tables to a writable copy of a store (or an empty in-memory store)."""
    from frontline.api.queries import SEARCH_COLUMNS as PLAIN
    from frontline.api.queries import SOURCES  # each event's first article and arrival, for every event

    lowered = ", ".join(f"{PLAIN[key]} AS {column}" for key, column in SEARCH_COLUMNS.items()
                        if not key.startswith("evidence") and key != "added_at")
    # numbered first, then the per-row expressions: about 2.5x faster than one SELECT doing both
    con.execute(f"""CREATE TABLE {EVENTS} AS
        SELECT *, {lowered}, {_json_of_event()} AS api_json
        FROM (SELECT e.*, s.* EXCLUDE (canonical_id),
                     row_number() OVER (ORDER BY e.event_date DESC, e.canonical_id) AS position
              FROM canonical_events e LEFT JOIN ({SOURCES.format(where="")}) s ON s.canonical_id = e.canonical_id)
        ORDER BY position""")  # noqa: S608 - fixed fragments
    con.execute(f"""CREATE TABLE api_evidence AS SELECT DISTINCT e.position, v.text_l
        FROM {PLAIN['evidence']} v JOIN {EVENTS} e ON e.canonical_id = v.canonical_id""")  # noqa: S608


def open_copy(copy: StoreCopy, on_connect: Callable[[duckdb.DuckDBPyConnection | None], None] = lambda c: None,
              ) -> duckdb.DuckDBPyConnection:
    """Build the serving tables in `copy`, then open it read-only and unlink it; the files go in any case.

    `on_connect` is told of the writable connection while the tables are built (so a shutdown can
    interrupt it), then of None.
    """
    try:
        with contextlib.closing(duckdb.connect(str(copy.path))) as con:
            on_connect(con)
            try:
                con.execute("SET preserve_insertion_order = true")
                build(con)
                con.execute("CHECKPOINT")
            finally:
                on_connect(None)
        return duckdb.connect(str(copy.path), read_only=True)
    finally:
        copy.remove()


def empty() -> duckdb.DuckDBPyConnection:
    """A store with no events, in memory: what is served before `frontline ingest` makes the file."""
    con = duckdb.connect(":memory:")
    schema.create(con)
    build(con)
    return con
