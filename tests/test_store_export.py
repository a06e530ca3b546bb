"""Exports read back the way analysts read them: pandas, pyarrow, a GeoJSON parser."""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_store_support import ABU_KAMAL, AL_QAIM, FIXED_CLOCK, RAFAH, fixed_clock, make_event, make_result

from frontline.store.acled import COLUMNS
from frontline.store.db import Store
from frontline.store.export import ExportFilter, ExportFormat
from frontline.store.export import export as export_events
from frontline.store.ingest import store_batch

pytestmark = pytest.mark.slow  # processes, stores and whole parts of the corpus: not the quick loop

CLI = [sys.executable, "-m", "frontline.cli"]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "albu_kamal_2017-11.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "store.duckdb"
    store_batch(Store(path), [
        make_result("a", [
            make_event("a", 0, "2017-11-08", "Government regains territory", modality="claimed",
                       claimed_by="Military Forces of Syria", sources=("Al Masdar News",)),
            make_event("a", 1, "2017-11-05", "Non-violent transfer of territory", "Islamic State", None,
                       where=AL_QAIM, precision=2),
            make_event("a", 2, "2017-11-20", "Air/drone strike", "Military Forces of Russia", "Islamic State",
                       modality="planned"),
        ], outlet="Dân Trí"),
        make_result("b", [make_event("b", 0, "2017-11-08", "Government regains territory", fatalities=7)],
                    outlet="VnExpress"),
        make_result("c", [make_event("c", 0, "2024-05-26", "Air/drone strike", "Military Forces of Israel",
                                     "Civilians (Palestine)", where=RAFAH, fatalities=45)], outlet="Tuổi Trẻ"),
    ], fixed_clock)
    return path


def export(db, *options: str) -> subprocess.CompletedProcess:
    done = subprocess.run([*CLI, "export", "--db", str(db), *options], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done


def test_acled_csv_has_acleds_columns_types_and_values(db, tmp_path):
    out = tmp_path / "acled.csv"
    export(db, "--format", "acled-csv", "-o", str(out))
    frame = pd.read_csv(out)
    assert list(frame.columns) == [*COLUMNS, "source_urls"]   # ACLED's own, in order, then the articles' addresses
    assert all(str(urls).startswith("https://example.vn/") for urls in frame["source_urls"])
    assert len(frame) == 3  # the planned strike is not exported by default
    for column in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                   "fatalities", "timestamp"):
        assert frame[column].dtype == "int64", column
    assert frame["latitude"].dtype == frame["longitude"].dtype == "float64"
    assert pd.to_datetime(frame["event_date"], format="%Y-%m-%d").notna().all()
    regains = frame[frame["sub_event_type"] == "Government regains territory"].iloc[0]
    assert regains["event_id_cnty"].startswith("SYR") and regains["event_id_cnty"][3:].isdigit()
    assert (regains["event_date"], regains["year"], regains["time_precision"]) == ("2017-11-08", 2017, 1)
    assert (regains["iso"], regains["region"], regains["country"]) == (760, "Middle East", "Syria")
    assert (regains["disorder_type"], regains["interaction"], regains["inter1"]) == ("Political violence", 12, 1)
    assert regains["source"] == "Al Masdar News; Dân Trí; VnExpress"
    assert regains["source_scale"] == "International"
    assert regains["fatalities"] == 7 and regains["timestamp"] == int(FIXED_CLOCK)
    assert "Reported by 2 articles" in regains["notes"]
    assert all(math.isnan(regains[column]) for column in ("admin2", "admin3", "tags", "assoc_actor_2"))
    strike = frame[frame["sub_event_type"] == "Air/drone strike"].iloc[0]
    assert strike["civilian_targeting"] == "Civilian targeting" and strike["iso"] == 275
    assert (strike["inter2"], strike["interaction"]) == (7, 17)
    withdrawal = frame[frame["country"] == "Iraq"].iloc[0]
    assert withdrawal["inter2"] == 0 and withdrawal["interaction"] == 20  # ACLED: 0 and "sole" when no actor2
    assert pd.isna(withdrawal["civilian_targeting"])


def test_acled_csv_ids_are_stable(db):
    assert export(db).stdout == export(db).stdout


def test_filters(db):
    def count(**options) -> int:
        out = io.StringIO()
        with Store(db).reading() as con:
            return export_events(con, ExportFormat.acled_csv, None, ExportFilter(**options), out=out)

    assert count(since=dt.date(2017, 11, 7), until=dt.date(2017, 11, 30)) == 1
    assert count(country="Iraq") == count(country="irq") == 1
    assert count(event_types=["Battles"]) == 1
    assert count(event_types=["air/drone strike", "Strategic developments"]) == 2
    assert count(modalities=["planned"]) == 1
    assert count(modalities=["asserted", "claimed", "planned"]) == 4
    assert count(min_confidence=0.8) == count() and count(min_confidence=0.81) == 0  # every report here is 0.8
    assert len(pd.read_csv(io.StringIO(export(db, "--min-confidence", "0.9").stdout))) == 0
    assert len(pd.read_csv(io.StringIO(export(db, "--since", "2017-11-07", "--country", "SYR").stdout))) == 1
    refused = subprocess.run([*CLI, "export", "--db", str(db), "--modality", "rumoured"], capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 2 and "unknown modality" in refused.stderr


def test_jsonl_keeps_every_report_and_its_evidence(db):
    records = [json.loads(line) for line in export(db, "--format", "jsonl").stdout.splitlines()]
    regains = next(r for r in records if r["sub_event_type"] == "Government regains territory")
    assert (regains["modality"], regains["asserted_reports"], regains["claimed_reports"]) == ("asserted", 1, 1)
    assert [(r["article_id"], r["modality"]) for r in regains["reports"]] == [("a", "claimed"), ("b", "asserted")]
    assert all(r["evidence"] and r["evidence"][0]["role"] == "trigger" for r in regains["reports"])
    assert regains["reports"][0]["url"] == "https://example.vn/a"


def check_rfc7946(collection: dict) -> None:
    """RFC 7946's rules that a careless writer breaks: types, lon/lat order and range, no crs member."""
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        assert isinstance(feature.get("id", ""), (str, int, float))
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lat, lon) == (feature["properties"]["latitude"], feature["properties"]["longitude"])


def test_geojson_is_valid_rfc7946(db, tmp_path):
    out = tmp_path / "events.geojson"
    export(db, "--format", "geojson", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    collection = json.loads(text)
    check_rfc7946(collection)
    assert len(collection["features"]) == 3
    point = next(f for f in collection["features"] if f["properties"]["location"] == "Albu Kamal")
    assert point["geometry"]["coordinates"] == [round(ABU_KAMAL.longitude, 4), round(ABU_KAMAL.latitude, 4)]
    geojson = pytest.importorskip("geojson", reason="the geojson package (python-geojson) is a test dependency")
    parsed = geojson.loads(text)
    assert parsed.is_valid, parsed.errors()
    assert all(feature.is_valid for feature in parsed["features"])


def test_parquet_is_read_by_pyarrow_and_pandas(db, tmp_path):
    out = tmp_path / "events.parquet"
    export(db, "--format", "parquet", "-o", str(out))
    table = pq.read_table(out)
    assert table.column_names[:len(COLUMNS)] == list(COLUMNS)
    assert str(table.schema.field("event_date").type) == "date32[day]"
    assert str(table.schema.field("fatalities").type) == "int64"
    frame = pd.read_parquet(out)
    assert len(frame) == 3 and set(frame["modality"]) == {"asserted"}
    assert sorted(frame["article_count"]) == [1, 1, 2]


def test_parquet_needs_a_file(db):
    done = subprocess.run([*CLI, "export", "--db", str(db), "--format", "parquet"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and "parquet is binary" in done.stderr


# -- the output path: written through, never clobbered ------------------------------------------

@pytest.mark.parametrize("fmt", ["acled-csv", "parquet"])
def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(db, tmp_path, fmt):
    target = tmp_path / "shared" / "events.out"
    target.parent.mkdir()
    target.write_text("yesterday's export\n")
    link = tmp_path / "latest.out"
    link.symlink_to(target)
    export(db, "--format", fmt, "-o", str(link))
    assert link.is_symlink() and link.resolve() == target.resolve()
    frame = pd.read_csv(target) if fmt == "acled-csv" else pq.read_table(target).to_pandas()
    assert len(frame) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.out", "shared"]  # no .part left


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "parquet"])
def test_export_keeps_a_private_files_mode(db, tmp_path, fmt):
    out = tmp_path / "private.out"
    out.write_text("")
    out.chmod(0o600)
    export(db, "--format", fmt, "-o", str(out))
    assert out.stat().st_mode & 0o777 == 0o600
    assert out.stat().st_size > 100


def test_export_to_a_fifo_streams_into_it(db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    export(db, "--format", "jsonl", "-o", str(fifo))
    received, _ = reader.communicate(timeout=60)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not a regular file
    assert len(received.decode().splitlines()) == 3


def test_export_to_a_device_node_writes_to_the_device(db, tmp_path):
    export(db, "--format", "geojson", "-o", "/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
@pytest.mark.parametrize("fmt", ["acled-csv", "parquet"])
def test_export_to_a_full_device_fails_in_one_line(db, fmt):
    done = subprocess.run([*CLI, "export", "--db", str(db), "--format", fmt, "-o", "/dev/full"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_extract_output_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.jsonl"
    target.write_text("")
    target.chmod(0o640)
    link = tmp_path / "events.jsonl"
    link.symlink_to(target)
    done = subprocess.run([*CLI, "extract", str(EXAMPLE), "-o", str(link)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and target.stat().st_mode & 0o777 == 0o640
    assert len(target.read_text().splitlines()) >= 1


@pytest.mark.parametrize("option, value, nearest", [
    ("--event-type", "Battle", "Battles"), ("--country", "Syrai", "Syria"), ("--country", "Narnia", None)])
def test_unknown_filter_values_exit_2_naming_the_nearest(db, option, value, nearest):
    done = subprocess.run([*CLI, "export", "--db", str(db), option, value], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert f"unknown {'country' if option == '--country' else 'event type'} '{value}'" in " ".join(done.stderr.split())
    if nearest:
        assert repr(nearest) in done.stderr


def test_excel_csv_opens_with_a_byte_order_mark_and_reads_the_same(db, tmp_path):
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    export(db, "--format", "acled-csv", "-o", str(plain))
    export(db, "--format", "acled-csv", "--excel", "-o", str(excel))
    assert excel.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert pd.read_csv(excel, encoding="utf-8-sig").equals(pd.read_csv(plain))


def test_excel_is_only_for_the_acled_csv(db):
    done = subprocess.run([*CLI, "export", "--db", str(db), "--format", "jsonl", "--excel"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and "--excel" in done.stderr


def test_stats_counts_by_type_country_and_month(db):
    done = subprocess.run([*CLI, "stats", "--db", str(db), "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["total"] == 3  # asserted and claimed only, as the export
    assert sum(row["count"] for row in found["by_month"]) == 3
    assert {row["key"] for row in found["by_country"]} == {"Syria", "Iraq", "Palestine"}
    shown = subprocess.run([*CLI, "stats", "--db", str(db), "--country", "Syria"], capture_output=True, text=True,
                           timeout=120, env={**os.environ, "COLUMNS": "80"})
    assert shown.returncode == 0 and "by event type" in shown.stdout and "█" in shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()) <= 80
