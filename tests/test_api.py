"""The HTTP API against a real DuckDB file: the seed article and a few dev-set articles, ingested.

Bad input (malformed parameters, a 2 MB body, an unknown id, a bbox at latitude
200, extraction switched off) gets a clear 4xx JSON error, never a 500; and
schemathesis, driven by the app's OpenAPI, finds no server error.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
import itertools
import json
import time
import unicodedata
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from frontline.api import create_app
from frontline.ingest import ingest
from frontline.store.db import Store
from frontline.store.errors import StoreError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"
DEV = ROOT.parent / "shared" / "eval" / "vi-dev" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    paths = [str(SEED)]
    if DEV.exists():
        few = folder / "dev-few.jsonl"
        with DEV.open(encoding="utf-8") as handle:
            few.write_text("".join(itertools.islice(handle, 6)), encoding="utf-8")
        paths.append(str(few))
    path = folder / "api.duckdb"
    ingest(paths, Store(path), on_problem=lambda problem: None)
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def extracting(db) -> TestClient:
    with TestClient(create_app(db, allow_extract=True)) as test_client:
        yield test_client


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["message"] and body["error"]
    return body


def test_min_confidence_filters_and_is_checked(client):
    everything = client.get("/events").json()["events"]
    cut = sorted(e["confidence"] for e in everything)[len(everything) // 2]
    sure = client.get("/events", params={"min_confidence": cut}).json()
    assert 0 < sure["total"] <= len(everything) and all(e["confidence"] >= cut for e in sure["events"])
    assert sure["total"] == sum(1 for e in everything if e["confidence"] >= cut)
    _error(client.get("/events", params={"min_confidence": 1.5}), 422)


def test_events_page_and_filters(client):
    everything = client.get("/events").json()
    assert everything["total"] >= 6 and len(everything["events"]) == min(100, everything["total"])
    seed = client.get("/events", params={"country": "SYR", "since": "2017-11-01", "until": "2017-11-30"}).json()
    assert seed["total"] == 5 and {e["location"] for e in seed["events"]} == {"Albu Kamal"}
    iraq = client.get("/events", params={"bbox": "40.5,34,41.5,35", "country": "Iraq"}).json()
    assert [e["location"] for e in iraq["events"]] == ["Al Qa'im"]
    battles = client.get("/events", params=[("event_type", "Battles"), ("since", "2017-11-01"),
                                            ("until", "2017-11-30")]).json()
    assert battles["total"] == 4 and all(e["event_type"] == "Battles" for e in battles["events"])
    strikes = client.get("/events", params={"sub_event_type": "Air/drone strike", "until": "2017-12-31"}).json()
    assert {e["sub_event_type"] for e in strikes["events"]} == {"Air/drone strike"}
    by_actor = client.get("/events", params={"actor": "islamic state", "since": "2017-11-01",
                                             "until": "2017-11-30"}).json()
    assert by_actor["total"] >= 4
    assert client.get("/events", params={"q": "withdrew", "country": "IRQ"}).json()["total"] >= 1
    planned = client.get("/events", params={"modality": "planned", "country": "Syria"}).json()
    assert planned["total"] >= 1 and {e["modality"] for e in planned["events"]} == {"planned"}
    page = client.get("/events", params={"limit": 2, "offset": 1}).json()
    assert len(page["events"]) == 2 and page["events"][0]["id"] == everything["events"][1]["id"]
    assert client.get("/events", params={"q": "100%_\\"}).json()["total"] == 0  # LIKE wildcards are literal


def test_event_detail_article_and_geojson(client):
    found = client.get("/events", params={"country": "Iraq", "bbox": "40.5,34,41.5,35"}).json()["events"][0]
    detail = client.get(f"/events/{found['id']}").json()
    assert detail["sub_event_type"] == "Non-violent transfer of territory"
    report = detail["reports"][0]
    assert report["article_id"] == "albu_kamal_2017-11"
    article = client.get(f"/articles/{report['article_id']}").json()
    for span in report["evidence"]:
        assert article["text"][span["start"]:span["end"]] == span["text"]
    assert {"trigger", "place"} <= {span["role"] for span in report["evidence"]}
    geojson = client.get("/events.geojson", params={"country": "SYR", "until": "2017-12-31"})
    assert geojson.headers["content-type"].startswith("application/geo+json")
    features = geojson.json()["features"]
    assert len(features) == 5 and all(f["geometry"]["coordinates"] == [pytest.approx(40.91854), pytest.approx(34.45226)]
                                      for f in features)


def test_control_timeline_and_stats(client):
    timeline = client.get("/places/174448/control").json()
    assert timeline["place"] == "Albu Kamal"
    assert [(c["from"], c["holder"], c["modality"]) for c in timeline["changes"]] == [
        ("2017-11-08", "Military Forces of Syria", "claimed"), ("2017-11-11", "Islamic State", "asserted")]
    assert timeline["changes"][0]["contradicted_by"]
    stats = client.get("/stats", params={"since": "2017-11-01", "until": "2017-11-30"}).json()
    assert stats["total"] == 6 and stats["by_month"] == [{"key": "2017-11", "count": 6}]
    assert {c["key"]: c["count"] for c in stats["by_country"]} == {"Syria": 5, "Iraq": 1}


def test_bad_input_is_a_clear_4xx(client):
    assert "bbox" in _error(client.get("/events", params={"bbox": "0,0,10,200"}), 422)["message"]
    assert "latitude" in _error(client.get("/events", params={"bbox": "0,200,10,20"}), 422)["message"]
    _error(client.get("/events", params={"bbox": "a,b,c,d"}), 422)
    _error(client.get("/events", params={"bbox": "1,2,3"}), 422)
    _error(client.get("/events", params={"bbox": "nan,0,1,1"}), 422)
    assert "limit" in _error(client.get("/events", params={"limit": "lots"}), 422)["message"]
    _error(client.get("/events", params={"limit": 100_000}), 422)
    _error(client.get("/events", params={"offset": -1}), 422)
    assert "since" in _error(client.get("/events", params={"since": "2017-13-45"}), 422)["message"]
    _error(client.get("/events", params={"since": "2018-01-01", "until": "2017-01-01"}), 422)
    assert "modality" in _error(client.get("/events", params={"modality": "rumoured"}), 422)["message"]
    assert "no event" in _error(client.get("/events/c0000000000000000"), 404)["message"]
    _error(client.get("/articles/nope"), 404)
    _error(client.get("/places/1/control"), 404)
    _error(client.get("/places/abc/control"), 422)
    _error(client.get("/no/such/page"), 404)
    _error(client.delete("/events"), 405)


def test_extract_off_by_default_and_capped(client, extracting):
    assert "--allow-extract" in _error(client.post("/extract", json={"text": "Quân đội Syria không kích"}), 403)["message"]
    two_mb = "a" * (2 * 1024 * 1024)
    assert "1,000,000 bytes" in _error(extracting.post("/extract", json={"text": two_mb}), 413)["message"]
    chunks = (b"x" * 65536 for _ in range(32))  # 2 MB with no Content-Length: counted as it arrives
    _error(extracting.post("/extract", content=chunks, headers={"content-type": "application/json"}), 413)
    _error(extracting.post("/extract", content=b"{not json", headers={"content-type": "application/json"}), 422)
    _error(extracting.post("/extract", json={"text": ""}), 422)
    _error(extracting.post("/extract", json={"text": "abc", "published": "yesterday"}), 422)


def test_extract_returns_events_and_stores_nothing(extracting, client):
    before = client.get("/stats").json()["total"]
    response = extracting.post("/extract", json={"text": SEED.read_text(encoding="utf-8"), "published": "2017-11"})
    events = response.json()["events"]
    assert response.status_code == 200 and len(events) == 6
    assert all(event["evidence"] for event in events)
    assert client.get("/stats").json()["total"] == before


def test_a_foreign_file_is_refused_at_start_and_a_missing_one_served_empty_until_made(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        create_app(tmp_path / "no-such-folder" / "none.duckdb")
    with TestClient(create_app(tmp_path / "none.duckdb")) as client:  # serve first, ingest later
        assert client.get("/events").json() == {"total": 0, "limit": 100, "offset": 0, "events": []}
        assert client.get("/healthz").json()["snapshot"]["generation"] == 0
        assert not (tmp_path / "none.duckdb").exists()
        ingest([str(SEED)], Store(tmp_path / "none.duckdb"), on_problem=lambda problem: None)
        client.app.state.database.refresh()  # what the server's thread does within a second
        assert client.get("/events").json()["total"] >= 5
        assert client.get("/healthz").json()["snapshot"]["generation"] == 1
    (tmp_path / "junk.duckdb").write_bytes(b"not a database at all")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        create_app(tmp_path / "junk.duckdb")


@pytest.mark.slow
def test_no_server_error_for_any_input(db):
    """schemathesis makes valid and invalid requests for every operation of the OpenAPI spec (15 each, fixed seed)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db, allow_extract=True))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {f"{op.method.upper()} {op.path}" for op in operations} >= {
        "GET /events", "GET /events/{event_id}", "GET /events.geojson", "GET /stats",
        "GET /places/{geonameid}/control", "POST /extract", "GET /healthz"}
    for operation, mode in itertools.product(operations, schemathesis.GenerationMode):
        if mode == schemathesis.GenerationMode.NEGATIVE and not list(operation.iter_parameters()) \
                and not operation.body:
            continue  # GET /healthz: no parameter, no body, so no invalid request to make
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def no_server_error(case) -> None:
            response = case.call()
            assert response.status_code < 500, (f"{case.method} {case.formatted_path} {case.query}: "
                                                f"{response.text[:300]}")
            if response.status_code >= 400:
                assert response.json()["message"]

        no_server_error()


def _until_answered(client: TestClient, text: str, seconds: float = 120) -> object:
    """POST /extract until a slot answers (a slot's process warms up after start or a kill)."""
    deadline = time.monotonic() + seconds
    while True:
        response = client.post("/extract", json={"text": text, "published": "2017-11-20"})
        if response.status_code != 503 or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


# the seed's real sentences repeated to ~500 KB of UTF-8 (under the 1 MB cap even with JSON's
# escapes): about a second of work
LONG_WAR_TEXT = (SEED.read_text(encoding="utf-8") + "\n") * (500_000 // len(SEED.read_bytes()))
SHORT_TEXT = "Quân đội Syria không kích thị trấn Albu Kamal hôm 11/11, khiến 5 phiến quân IS thiệt mạng."


@pytest.mark.slow
def test_extract_at_its_cap_answers_503_while_reads_stay_fast(db):
    with TestClient(create_app(db, allow_extract=True, extract_slots=1, extract_seconds=120)) as client:
        assert _until_answered(client, SHORT_TEXT).status_code == 200
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            long_one = pool.submit(client.post, "/extract", json={"text": LONG_WAR_TEXT, "published": "2020-01-01"})
            time.sleep(0.5)
            assert not long_one.done()
            busy = client.post("/extract", json={"text": SHORT_TEXT})
            body = _error(busy, 503)
            assert "busy" in body["message"] and int(busy.headers["retry-after"]) > 0
            started = time.monotonic()
            for _ in range(5):
                assert client.get("/events", params={"limit": 5}).status_code == 200
            assert time.monotonic() - started < 2.0  # reads are not queued behind the extraction
            assert not long_one.done()
            assert long_one.result(timeout=300).status_code == 200


@pytest.mark.slow
def test_extract_over_its_time_budget_is_stopped_and_the_slot_recovers(db):
    # the long text takes about a second in-process on this machine: a budget well under it
    with TestClient(create_app(db, allow_extract=True, extract_slots=1, extract_seconds=0.25)) as client:
        assert _until_answered(client, SHORT_TEXT).status_code == 200
        started = time.monotonic()
        body = _error(client.post("/extract", json={"text": LONG_WAR_TEXT}), 503)
        assert "time budget of 0.25 s" in body["message"]
        assert time.monotonic() - started < 10
        assert _until_answered(client, SHORT_TEXT).status_code == 200  # a fresh process took the slot


def test_extract_refuses_a_publication_date_in_the_future(extracting):
    body = _error(extracting.post("/extract", json={"text": SHORT_TEXT, "published": "2999-01-01"}), 422)
    assert "in the future" in body["message"]


def test_a_busy_database_is_a_503_that_does_not_show_where_the_file_lives(db):
    from frontline.store.errors import StoreBusy

    app = create_app(db)

    def busy():
        raise StoreBusy(f"{Path(db).resolve()}: database is busy (another frontline process is writing to it)")

    app.add_api_route("/busy-for-test", busy)
    with TestClient(app) as client:
        response = client.get("/busy-for-test")
    body = _error(response, 503)
    assert str(Path(db).parent) not in body["message"] and "the database: database is busy" in body["message"]
    assert int(response.headers["retry-after"]) > 0


@pytest.mark.parametrize("value", ["0", "1700000000", "2017-11", "11/11/2017", "2017-13-01"])
def test_dates_in_filters_are_days_as_yyyy_mm_dd_only(client, value):
    body = _error(client.get("/events", params={"until": value}), 422)
    assert "until" in body["message"]


def test_no_page_loads_scripts_from_another_host(client):
    assert client.get("/redoc").status_code == 404
    docs = client.get("/docs").text
    assert "cdn." not in docs and "https://" not in docs.replace("https://swagger.io", "")


@pytest.mark.parametrize("params, name, nearest", [
    ({"event_type": "Battle"}, "event_type", "Battles"),
    ({"sub_event_type": "Air strike"}, "sub_event_type", "Air/drone strike"),
    ({"country": "Syrai"}, "country", "Syria"),
    ({"country": "Narnia"}, "country", None),
])
def test_unknown_filter_values_are_422_with_the_nearest_valid_ones(client, params, name, nearest):
    body = _error(client.get("/events", params=params), 422)
    assert f"'{name}'" in body["message"]
    if nearest:
        assert repr(nearest) in body["message"]


def test_filter_values_in_any_case_or_iso3_still_match(client):
    assert client.get("/events", params={"country": "SYR", "event_type": "battles"}).status_code == 200


def test_q_finds_events_by_the_words_of_their_articles(client):
    found = client.get("/events", params={"q": "tái chiếm", "limit": 50}).json()
    assert found["total"] >= 1
    assert "Non-state actor overtakes territory" in {e["sub_event_type"] for e in found["events"]}
    decomposed = unicodedata.normalize("NFD", "TÁI CHIẾM")  # as some keyboards and pages send it
    assert client.get("/events", params={"q": decomposed, "limit": 50}).json()["total"] == found["total"]


def test_each_event_carries_its_source_article_and_when_it_arrived(client):
    seed = client.get("/events", params={"country": "SYR", "since": "2017-11-01", "until": "2017-11-30"}).json()
    article = client.get("/articles/albu_kamal_2017-11").json()
    for event in seed["events"]:
        assert event["source_url"] == article["url"] and event["source_outlet"] == article["outlet"]
        assert event["added_at"].endswith("Z")  # UTC, said so
    feature = client.get("/events.geojson", params={"country": "SYR", "until": "2017-12-31"}).json()["features"][0]
    assert "source_url" in feature["properties"] and feature["properties"]["added_at"]
    detail = client.get(f"/events/{seed['events'][0]['id']}").json()
    assert detail["source_outlet"] == article["outlet"]


def test_min_fatalities_and_added_after_filter(client):
    everything = client.get("/events", params={"limit": 500}).json()["events"]
    deadly = client.get("/events", params={"min_fatalities": 1, "limit": 500}).json()
    assert 0 < deadly["total"] < len(everything)
    assert sorted(e["id"] for e in deadly["events"]) == sorted(e["id"] for e in everything if e["fatalities"] >= 1)
    _error(client.get("/events", params={"min_fatalities": -1}), 422)
    last = client.get("/stats").json()["last_added"]
    assert client.get("/events", params={"added_after": last}).json()["total"] == 0
    assert client.get("/events", params={"added_after": "2000-01-01T00:00:00+07:00"}).json()["total"] == len(everything)
    assert "added_after" in _error(client.get("/events", params={"added_after": "soon"}), 422)["message"]


def test_sub_event_type_actor_and_modality_filters(client):
    everything = client.get("/events", params={"limit": 500, "modality": ["asserted", "claimed"]}).json()["events"]
    claimed = client.get("/events", params={"modality": "claimed", "limit": 500}).json()["events"]
    assert claimed and {e["modality"] for e in claimed} == {"claimed"}
    strikes = client.get("/events", params={"sub_event_type": "Air/drone strike", "limit": 500}).json()["events"]
    assert len(strikes) == sum(1 for e in everything if e["sub_event_type"] == "Air/drone strike")
    isis = client.get("/events", params={"actor": "islamic state", "limit": 500}).json()["events"]
    assert isis and all("Islamic State" in (e["actor1"] or "") + (e["actor2"] or "") + " ".join(
        e["assoc_actor_1"] + e["assoc_actor_2"]) for e in isis)
    stats = client.get("/stats").json()
    assert {"Islamic State"} <= {c["key"] for c in stats["by_actor"]}
    assert sum(c["count"] for c in stats["by_sub_event_type"]) == stats["total"]
    assert {c["key"] for c in stats["by_modality"]} <= {"asserted", "claimed"}


def test_export_downloads_the_filtered_view_as_acled_csv_and_geojson(client):
    import csv
    import io

    from frontline.store.acled import COLUMNS, event_id_cnty

    params = {"country": "SYR", "since": "2017-11-01", "until": "2017-11-30", "bbox": "40,34,42,35"}
    view = client.get("/events", params=params).json()["events"]
    assert len(view) == 5
    response = client.get("/export", params=params | {"format": "acled-csv"})
    assert response.headers["content-type"].startswith("text/csv")
    assert 'attachment; filename="frontline-events.csv"' == response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == (*COLUMNS, "source_urls")   # ACLED's columns in order, then the sources' addresses
    assert sorted(r["event_id_cnty"] for r in rows) == sorted(event_id_cnty(e["id"], e["iso3"]) for e in view)
    by_id = {event_id_cnty(e["id"], e["iso3"]): e for e in view}
    for row in rows:   # the seed article has no address; where an article has one, it is listed
        assert (by_id[row["event_id_cnty"]]["source_url"] or "") in row["source_urls"].split("; ")
    geojson = client.get("/export", params=params | {"format": "geojson"})
    assert geojson.headers["content-type"].startswith("application/geo+json")
    features = geojson.json()["features"]
    assert sorted(f["properties"]["canonical_id"] for f in features) == sorted(e["id"] for e in view)
    lines = client.get("/export", params=params | {"format": "jsonl"}).text.splitlines()
    assert len(lines) == 5
    strikes = client.get("/export", params={"format": "acled-csv", "min_fatalities": 1}).text
    assert all(int(r["fatalities"]) >= 1 for r in csv.DictReader(io.StringIO(strikes)))
    assert "format" in _error(client.get("/export", params={"format": "xlsx"}), 422)["message"]
    assert "'country'" in _error(client.get("/export", params={"country": "Narnia"}), 422)["message"]


def test_towns_in_a_box_most_populous_first(client):
    towns = client.get("/places/towns", params={"bbox": "35,32,40,37", "limit": 5}).json()
    assert [t["name"] for t in towns][:2] == ["Aleppo", "Beirut"]
    assert all(35 <= t["longitude"] <= 40 and 32 <= t["latitude"] <= 37 for t in towns)
    populations = [t["population"] for t in towns]
    assert populations == sorted(populations, reverse=True) and len(towns) == 5
    across = client.get("/places/towns", params={"bbox": "170,-20,-170,-10", "limit": 50}).json()
    assert across and all(t["longitude"] >= 170 or t["longitude"] <= -170 for t in across)  # Fiji, Samoa, Tonga
    _error(client.get("/places/towns", params={"bbox": "0,0,10,200"}), 422)
    _error(client.get("/places/towns"), 422)


def test_the_served_json_and_filters_are_the_stores_own(db):
    """The server's read model (its JSON per event, its filter columns in memory) answers as the
    store's tables and the Event model do, for every event and a few filters."""
    from frontline.api import queries
    from frontline.api.database import Database
    from frontline.api.models import Event
    from frontline.api.queries import BBox, EventQuery
    from frontline.store import rows
    from frontline.store.selection import ExportFilter

    database = Database(db)
    database.check()
    filters = [EventQuery(), EventQuery(actor="islamic"), EventQuery(text="albu"), EventQuery(text="tái chiếm"),
               EventQuery(text="100%_"), EventQuery(base=ExportFilter(country="syr"), actor="syria", text="kamal"),
               EventQuery(min_fatalities=1), EventQuery(added_after=dt.datetime(2000, 1, 1)),
               EventQuery(base=ExportFilter(event_types=["battles", "Armed clash"], since=dt.date(2017, 11, 1),
                                            until=dt.date(2017, 11, 30), modalities=["asserted", "claimed"])),
               EventQuery(sub_event_types=["Non-state actor overtakes territory"], bbox=BBox(30, 28, 48, 42)),
               EventQuery(bbox=BBox(170, -90, 60, 90)), EventQuery(base=ExportFilter(min_confidence=0.5)),
               EventQuery(actor="a")]  # many actors: the gather path of Coded.where
    try:
        with database.index() as index, Store(db).reading() as store:
            for query in filters:
                chosen = index.select(query)
                where, params = query.where()
                expected = queries.with_source(store, rows.fetch_dicts(
                    store, f"SELECT * FROM canonical_events WHERE {where} "  # noqa: S608
                           "ORDER BY event_date DESC, canonical_id", params))
                assert len(chosen) == len(expected) and (len(chosen) > 0 or query.text == "100%_"), query
                assert [json.loads(row[3]) for row in index.page(chosen)] == \
                    [Event.of(r).model_dump(mode="json") for r in expected]
                assert index.stats(query) == queries.stats(store, query)
            assert index.size > 0
    finally:
        database.close()
