"""The event's fields are defined once, in record.Event: the store's events table is derived from it
(store/rows.py), and the places that must spell them again (the store's migrations, which are
history and never change; the API's response model) are held to it here, so none can drift.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import typing

import pyarrow as pa

from frontline.api.models import Event as ApiEvent
from frontline.record import Event
from frontline.store.db import Store
from frontline.store.rows import EVENT_SCHEMA

SQL_OF_ARROW = {pa.string(): "VARCHAR", pa.int8(): "TINYINT", pa.int32(): "INTEGER", pa.int64(): "BIGINT",
                pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN", pa.date32(): "DATE",
                pa.list_(pa.string()): "VARCHAR[]"}
# Where a canonical event (the merge of reports) differs from one report, by design:
CANONICAL_DIFFERS = {"claimed_by": "every party that claimed it, not the one of a report"}
RECORD_ONLY = {"doc_id", "event_id", "evidence", "lang"}   # a report's own: its article, id, spans, language


def _columns(tmp_path, table: str) -> dict[str, str]:
    store = Store(tmp_path / "fields.duckdb")
    with store.writing() as con:
        return {name: kind for name, kind, *_ in con.execute(f"DESCRIBE {table}").fetchall()}


def test_the_events_table_is_the_record(tmp_path):
    derived = {field.name: SQL_OF_ARROW[field.type] for field in EVENT_SCHEMA}
    assert _columns(tmp_path, "events") == derived
    record = {f.name for f in dataclasses.fields(Event)} - {"evidence"} - {"doc_id"} | {"article_id"}
    assert set(derived) == record


def test_canonical_events_share_the_records_fields_and_types(tmp_path):
    canonical = _columns(tmp_path, "canonical_events")
    derived = {field.name: SQL_OF_ARROW[field.type] for field in EVENT_SCHEMA}
    shared = {f.name for f in dataclasses.fields(Event)} - RECORD_ONLY
    for name in sorted(shared):
        assert name in canonical, name
        if name not in CANONICAL_DIFFERS:
            assert canonical[name] == derived[name], name


def test_the_api_model_has_the_records_fields_with_their_types():
    record = typing.get_type_hints(Event)
    api = typing.get_type_hints(ApiEvent)
    for name in sorted({f.name for f in dataclasses.fields(Event)} - RECORD_ONLY):
        assert name in api, name
        if name == "event_date":
            assert api[name] is dt.date  # the record keeps the ISO string, the API the day
        elif name not in CANONICAL_DIFFERS:
            assert api[name] == record[name], name
