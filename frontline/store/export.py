"""Canonical events out, in the formats analysts load: ACLED CSV, JSON lines, GeoJSON, Parquet.

Only asserted and claimed events are exported unless other modalities are
asked for. Files are written by output_file.replacing: a failed export never
leaves half a file under its name, links are written through, modes kept.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa

from frontline.output_file import replacing, text_output
from frontline.store import rows
from frontline.store.acled import COLUMNS, INTEGER_COLUMNS, SEPARATOR, acled_row
from frontline.store.selection import ExportFilter, ExportFormat, Selection

EXTRA_COLUMNS = ("canonical_id", "modality", "asserted_reports", "claimed_reports", "claimed_by",
                 "article_count", "geonameid")


def canonical_rows(con: duckdb.DuckDBPyConnection, selection: Selection) -> list[dict[str, Any]]:
    where, params = selection.where()
    return rows.fetch_dicts(con, f"SELECT * FROM canonical_events WHERE {where} "  # noqa: S608 - fixed fragments
                                 "ORDER BY event_date, canonical_id", params)


def export(con: duckdb.DuckDBPyConnection, fmt: ExportFormat, output: Path | None,
           selection: Selection | None = None, out: IO[str] | None = None, excel: bool = False) -> int:
    """Write the selected canonical events to `output` (or `out`, or stdout for None or "-"); how many.
    `excel`: the CSV opens with a byte-order mark, which Excel needs to read UTF-8 (Vietnamese names)
    as UTF-8 rather than the machine's code page."""
    found = canonical_rows(con, selection or ExportFilter())
    if fmt is ExportFormat.parquet:
        if output is None or str(output) == "-":
            raise ValueError("parquet is binary: give a file with -o")
        with replacing(output) as part:
            with duckdb.connect() as writer:  # DuckDB writes the file; the store stays read-only
                writer.from_arrow(_table(found)).write_parquet(str(part))
        return len(found)
    with text_output(output, out) as stream:
        if fmt is ExportFormat.acled_csv:
            if excel:
                stream.write("\ufeff")
            write_acled_csv(con, found, stream)
        elif fmt is ExportFormat.jsonl:
            write_jsonl(con, found, stream)
        else:
            write_geojson(found, stream)
    return len(found)


def export_row(row: dict[str, Any]) -> dict[str, Any]:
    """ACLED's columns, then frontline's own (which canonical event, how it was reported)."""
    return acled_row(row) | {
        "canonical_id": row["canonical_id"], "modality": row["modality"],
        "asserted_reports": row["asserted_reports"], "claimed_reports": row["claimed_reports"],
        "claimed_by": SEPARATOR.join(row["claimed_by"] or []), "article_count": row["article_count"],
        "geonameid": row["geonameid"],
    }



# After ACLED's own columns (a script reading ACLED's by name reads these files unchanged): the
# address of every article that reported the event, so an analyst can open the sources.
CSV_SOURCE_COLUMNS = ("source_urls",)


def write_acled_csv(con: duckdb.DuckDBPyConnection, found: list[dict[str, Any]], out: IO[str]) -> None:
    urls = source_urls(con, [row["canonical_id"] for row in found])
    writer = csv.DictWriter(out, fieldnames=[*COLUMNS, *CSV_SOURCE_COLUMNS], lineterminator="\n")
    writer.writeheader()
    for row in found:
        writer.writerow(acled_row(row) | {"source_urls": SEPARATOR.join(urls.get(row["canonical_id"], []))})


def source_urls(con: duckdb.DuckDBPyConnection, canonical_ids: list[str]) -> dict[str, list[str]]:
    """canonical_id -> the URLs of the articles that reported it, earliest published first."""
    found: dict[str, list[str]] = defaultdict(list)
    for canonical_id, url, _ in con.execute("""
            SELECT DISTINCT r.canonical_id, a.url, coalesce(a.published, '') AS day FROM canonical_reports r
            JOIN articles a ON a.article_id = r.article_id
            WHERE r.canonical_id IN (SELECT unnest($1)) AND coalesce(a.url, '') <> ''
            ORDER BY r.canonical_id, day, a.url""", [canonical_ids]).fetchall():
        found[canonical_id].append(url)
    return found


def write_geojson(found: list[dict[str, Any]], out: IO[str]) -> None:
    """An RFC 7946 FeatureCollection: [longitude, latitude] in WGS 84; no coordinates, null geometry."""
    features = []
    for row in found:
        properties = export_row(row)
        point = None
        if properties["latitude"] is not None and properties["longitude"] is not None:
            point = {"type": "Point", "coordinates": [properties["longitude"], properties["latitude"]]}
        features.append({"type": "Feature", "id": properties["event_id_cnty"], "geometry": point,
                         "properties": properties})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


def write_jsonl(con: duckdb.DuckDBPyConnection, found: list[dict[str, Any]], out: IO[str]) -> None:
    """One canonical event a line, with every report behind it: article, modality and evidence spans."""
    reports = _reports(con, [row["canonical_id"] for row in found])
    for row in found:
        record = {key: _plain(value) for key, value in row.items() if key not in ("component_id", "content_hash")}
        record["event_id_cnty"] = acled_row(row)["event_id_cnty"]
        record["reports"] = reports.get(row["canonical_id"], [])
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _reports(con: duckdb.DuckDBPyConnection, canonical_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    spans: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for span in rows.fetch_dicts(con, """
            SELECT v.event_id, v.role, v.start_char AS start, v.end_char AS "end", v.text FROM evidence v
            JOIN canonical_reports r ON r.event_id = v.event_id WHERE r.canonical_id IN (SELECT unnest($1))
            ORDER BY v.event_id, v.start_char, v.role""", [canonical_ids]):
        spans[span.pop("event_id")].append(span)
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for report in rows.fetch_dicts(con, """
            SELECT r.canonical_id, r.event_id, r.article_id, r.modality, r.claimed_by, a.url, a.outlet,
                   a.published, a.title FROM canonical_reports r JOIN articles a ON a.article_id = r.article_id
            WHERE r.canonical_id IN (SELECT unnest($1)) ORDER BY r.canonical_id, r.article_id""",
            [canonical_ids]):
        report["evidence"] = spans.get(report["event_id"], [])
        found[report.pop("canonical_id")].append(report)
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _table(found: list[dict[str, Any]]) -> pa.Table:
    """Export rows as Arrow with fixed types, so an empty export still has its columns."""
    types = {name: pa.int64() for name in INTEGER_COLUMNS} | {
        "latitude": pa.float64(), "longitude": pa.float64(), "event_date": pa.date32(),
        "asserted_reports": pa.int32(), "claimed_reports": pa.int32(), "article_count": pa.int32(),
        "geonameid": pa.int64()}
    names = [*COLUMNS, *EXTRA_COLUMNS]
    schema = pa.schema([(name, types.get(name, pa.string())) for name in names])
    records = []
    for row in found:
        record = export_row(row)
        record["event_date"] = row["event_date"]
        records.append(record)
    return pa.Table.from_pylist(records, schema=schema)
