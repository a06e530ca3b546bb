"""Records to table rows and back: Documents, Events and their evidence spans.

Rows go into DuckDB as Arrow tables (one INSERT ... SELECT per batch, not one
statement per row), with their types spelled out so that an all-null column
in a small batch is still the right type.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import typing
from typing import Any

import duckdb
import pyarrow as pa

from frontline.record import Document, Event, Span

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("content_hash", pa.string()), ("url", pa.string()),
    ("outlet", pa.string()), ("title", pa.string()), ("published", pa.string()),
    ("language", pa.string()), ("source_path", pa.string()), ("text", pa.string()),
    ("event_count", pa.int32()), ("ingested_at", pa.timestamp("us")),
])

_ARROW = {"str": pa.string(), "int": pa.int32(), "float": pa.float64(), "bool": pa.bool_(),
          "list[str]": pa.list_(pa.string()), "int8": pa.int8(), "int64": pa.int64()}
_RENAMED = {"doc_id": "article_id"}            # the record's name -> the column's
_OWN_TABLE = ("evidence",)                       # spans go to the evidence table


def _stored_type(field: dataclasses.Field, hint: object) -> pa.DataType:
    """The Arrow type of one record field: its storage mark, else its Python type without None."""
    if field.name == "event_date":
        return pa.date32()  # an ISO day in the record
    if "storage" in field.metadata:
        return _ARROW[field.metadata["storage"]]
    present = [a for a in typing.get_args(hint) if a is not type(None)] if typing.get_origin(hint) is not list else []
    hint = present[0] if present else hint
    return _ARROW["list[str]" if typing.get_origin(hint) is list else hint.__name__]  # type: ignore[union-attr]


def _event_schema() -> pa.Schema:
    """The events table's columns, from record.Event's fields: one name and type each."""
    hints = typing.get_type_hints(Event)
    return pa.schema([(_RENAMED.get(f.name, f.name), _stored_type(f, hints[f.name]))
                      for f in dataclasses.fields(Event) if f.name not in _OWN_TABLE])


EVENT_SCHEMA = _event_schema()

EVIDENCE_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("role", pa.string()), ("start_char", pa.int32()),
    ("end_char", pa.int32()), ("text", pa.string()),
])


def content_hash(text: str) -> str:
    """The article's identity by content: the same text under another id is the same article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_row(doc: Document, event_count: int, now: dt.datetime) -> dict[str, Any]:
    return {
        "article_id": doc.doc_id, "content_hash": content_hash(doc.text), "url": doc.url,
        "outlet": doc.outlet, "title": doc.title, "published": str(doc.published) if doc.published else None,
        "language": doc.lang, "source_path": doc.source_path, "text": doc.text,
        "event_count": event_count, "ingested_at": now,
    }


def event_row(event: Event) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in EVENT_SCHEMA.names if name not in ("article_id", "event_date")}
    row["article_id"] = event.doc_id
    row["event_date"] = dt.date.fromisoformat(event.event_date)
    return row


def evidence_rows(event: Event) -> list[dict[str, Any]]:
    return [{"event_id": event.event_id, "role": span.role, "start_char": span.start,
             "end_char": span.end, "text": span.text} for span in event.evidence]


def arrow(rows: list[dict[str, Any]], arrow_schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=arrow_schema)


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], arrow_schema: pa.Schema) -> None:
    """INSERT every row at once; `table` is one of the store's own table names, never user input."""
    if not rows:
        return
    con.register("frontline_new_rows", arrow(rows, arrow_schema))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM frontline_new_rows")  # noqa: S608 - fixed names
    finally:
        con.unregister("frontline_new_rows")


def event_from_row(row: dict[str, Any], evidence: list[Span] | None = None) -> Event:
    """An Event as stored (evidence only when asked for: the merge does not need it)."""
    values = {name: row[name] for name in Event.__dataclass_fields__ if name in row}
    values["doc_id"] = row["article_id"]
    values["event_date"] = row["event_date"].isoformat()
    for name in ("assoc_actor_1", "assoc_actor_2", "sources"):
        values[name] = list(row[name] or [])
    values["evidence"] = evidence or []
    return Event(**values)


def fetch_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


CANONICAL_SCHEMA = pa.schema([
    ("canonical_id", pa.string()), ("component_id", pa.string()),
    *[column for column in EVENT_SCHEMA if column.name not in ("event_id", "article_id", "modality", "claimed_by",
                                                              "sources", "lang")],
    ("modality", pa.string()), ("asserted_reports", pa.int32()), ("claimed_reports", pa.int32()),
    ("claimed_by", pa.list_(pa.string())), ("sources", pa.list_(pa.string())),
    ("article_count", pa.int32()), ("report_count", pa.int32()),
    ("content_hash", pa.string()), ("updated_at", pa.timestamp("us")),
])

REPORT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("canonical_id", pa.string()), ("component_id", pa.string()),
    ("article_id", pa.string()), ("modality", pa.string()), ("claimed_by", pa.string()),
])
