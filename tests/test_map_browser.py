"""The map page in a real headless Chromium, against a real server on 127.0.0.1 and a real DuckDB file.

The seed article (five events on Albu Kamal, one at Al Qaim) and a few dev-set
articles are ingested. The page must let each event of a shared point be
opened, open events from the table, follow a brushed date range in the map and
the table, download the view as ACLED CSV and GeoJSON with the rows it shows,
draw provinces and towns at zoom 8, work at phone width, show events ingested
while it is open, and ask nothing of any host but 127.0.0.1.
"""
from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"
DEV = ROOT.parent / "shared" / "eval" / "vi-dev" / "articles.jsonl"
ALEPPO = "Quân đội Nga không kích thành phố Aleppo hôm 3/3, khiến 12 dân thường thiệt mạng.\n"

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
              pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ingest(db: Path, *paths: Path) -> None:
    from frontline.ingest import ingest
    from frontline.store.db import Store

    ingest([str(p) for p in paths], Store(db), on_problem=lambda problem: None)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("map")
    db = folder / "seed.duckdb"
    paths = [SEED]
    if DEV.exists():
        few = folder / "dev-few.jsonl"
        with DEV.open(encoding="utf-8") as handle:
            few.write_text("".join(itertools.islice(handle, 6)), encoding="utf-8")
        paths.append(few)
    _ingest(db, *paths)
    return db


@contextlib.contextmanager
def _serving(db: Path, port: int | None = None) -> Iterator[str]:
    import uvicorn

    from frontline.api import create_app

    port = port or _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(seed_db) -> Iterator[str]:
    with _serving(seed_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run"])
        yield chromium
        chromium.close()


@contextlib.contextmanager
def _page(browser, url: str, **options) -> Iterator:
    """A page of the map, ready; on leaving, no request may have gone to a host but 127.0.0.1."""
    context = browser.new_context(accept_downloads=True, **options)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=40_000)
    yield page
    hosts = {urlparse(u).hostname for u in requests if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(set(requests))
    assert not errors, errors
    context.close()


def _api(url: str, path: str) -> dict:
    with urlopen(f"{url}{path}") as response:  # noqa: S310 - our own server on 127.0.0.1
        return json.load(response)


def _rows(page) -> list[str]:
    return page.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.eventId)")


def _open_popup_id(page) -> str:
    page.wait_for_selector(".leaflet-popup-content .popup", timeout=10_000)
    return page.get_attribute(".leaflet-popup-content .popup", "data-event-id")


def _close_popup(page) -> None:
    """Close the open popup and wait until it is gone (Leaflet fades it out for 200 ms)."""
    page.locator(".leaflet-popup-close-button").click()
    page.wait_for_selector(".leaflet-popup", state="detached", timeout=5_000)


def test_every_event_on_a_shared_point_opens(server, browser):
    """Albu Kamal has five events on one point: opening one spreads them, and each opens its own popup."""
    albu_kamal = _api(server, "/events?country=SYR&since=2017-11-01&until=2017-11-30")["events"]
    assert len(albu_kamal) == 5 and len({(e["latitude"], e["longitude"]) for e in albu_kamal}) == 1
    with _page(browser, server, viewport={"width": 1300, "height": 800}) as page:
        page.click(f"#events tbody tr[data-event-id='{albu_kamal[0]['id']}']")
        assert _open_popup_id(page) == albu_kamal[0]["id"]
        page.wait_for_function("document.querySelectorAll('.event-marker').length >= 5", timeout=10_000)
        seen = set()
        for event in albu_kamal:
            _close_popup(page)
            page.locator(f".event-marker[data-event-id='{event['id']}']").click()
            assert _open_popup_id(page) == event["id"]
            assert event["sub_event_type"] in page.inner_text(".leaflet-popup-content")
            assert page.is_visible(f"#events tr.selected[data-event-id='{event['id']}']")  # the table follows
            seen.add(event["id"])
        assert len(seen) == 5

        # the popup's links: the article with its evidence, the control timeline
        popup = page.locator(".leaflet-popup-content")
        popup.locator("a.article-link").click()
        page.wait_for_selector("#reader-text mark.ev-trigger", timeout=5_000)
        marks = page.eval_on_selector_all("#reader-text mark", "ns => ns.map(n => [n.className, n.textContent])")
        assert any("ev-place" in cls and text.strip() for cls, text in marks), marks
        popup.locator("a.control-link").click()
        page.wait_for_selector("#timeline-changes li", timeout=5_000)
        assert "Islamic State" in page.inner_text("#timeline-changes")

        # at zoom 8 the map has provinces, rivers and towns, not just country outlines
        assert int(page.evaluate("document.body.dataset.zoom")) >= 8
        page.wait_for_function("Number(document.body.dataset.provinces) > 0 && Number(document.body.dataset.towns) > 0",
                               timeout=10_000)
        assert page.locator(".leaflet-provinces-pane path").count() > 5
        assert page.locator(".town").count() >= 5


def test_table_sorts_and_opens_events_and_follows_the_map(server, browser):
    with _page(browser, server, viewport={"width": 1300, "height": 800}) as page:
        page.uncheck("#in-view")
        everything = _api(server, "/events?limit=500")
        total = everything["total"]
        assert len(_rows(page)) == total
        # each event's source article, linked where the article has a URL (the seed, a .txt, has none)
        linked = {e["id"]: e["source_url"] for e in everything["events"] if e["source_url"]}
        links = page.eval_on_selector_all("#events tbody tr", "rows => Object.fromEntries(rows.map(r => "
                                          "[r.dataset.eventId, r.querySelector('a.source-link')?.href]).filter(p => p[1]))")
        assert links == linked
        if DEV.exists():
            assert linked
        page.click("#events th[data-sort=deaths]")
        deaths = page.eval_on_selector_all("#events tbody td.num", "cells => cells.map(c => Number(c.textContent || 0))")
        assert deaths == sorted(deaths, reverse=True) and deaths[0] > 0
        page.click("#events th[data-sort=place]")
        places = page.eval_on_selector_all("#events tbody td:nth-child(3)", "cells => cells.map(c => c.title)")
        assert places == sorted(places, key=str.lower)
        last = _rows(page)[-1]
        page.click(f"#events tbody tr[data-event-id='{last}']")
        assert _open_popup_id(page) == last
        # with "only in the map view", the table lists just the events inside the map's bounds
        page.check("#in-view")
        inside = page.evaluate("""() => {
            const rows = [...document.querySelectorAll('#events tbody tr')];
            return rows.length; }""")
        assert 0 < inside <= total


def test_brushing_the_time_chart_narrows_map_and_table(server, browser):
    with _page(browser, server, viewport={"width": 1300, "height": 800}) as page:
        page.uncheck("#in-view")
        first, last = page.evaluate("[document.body.dataset.since, document.body.dataset.until]")
        box = page.locator("#chart").bounding_box()
        bars = sorted({round(b["x"] + b["width"] / 2) for b in (
            page.locator("#chart rect.bar").nth(i).bounding_box() for i in range(page.locator("#chart rect.bar").count()))})
        assert len(bars) >= 4, bars  # events in at least four buckets of time
        y = box["y"] + box["height"] / 3
        page.mouse.move(bars[1], y)  # from the second bar with events to the one before last
        page.mouse.down()
        page.mouse.move(bars[-2], y, steps=5)
        page.mouse.up()
        page.wait_for_function(f"document.body.dataset.since !== '{first}'", timeout=5_000)
        since, until = page.evaluate("[document.body.dataset.since, document.body.dataset.until]")
        assert first < since <= until < last
        expected = _api(server, f"/events?since={since}&until={until}&limit=500")
        rows = _rows(page)
        assert sorted(rows) == sorted(e["id"] for e in expected["events"])
        assert page.evaluate("Number(document.body.dataset.markers)") == sum(
            1 for e in expected["events"] if e["latitude"] is not None)
        assert page.locator("#chart rect.bar:not(.out)").count() > 0 and page.locator("#chart rect.bar.out").count() > 0

        # play steps a window through time; a double click brings back the whole range
        page.click("#play")
        page.wait_for_function(f"document.body.dataset.since === '{first}'", timeout=5_000)
        page.wait_for_function(f"document.body.dataset.since !== '{first}'", timeout=5_000)
        page.click("#play")
        page.dblclick("#chart")
        page.wait_for_function(f"document.body.dataset.since === '{first}' && document.body.dataset.until === '{last}'",
                               timeout=5_000)


def test_download_the_view_as_acled_csv_and_geojson(server, browser):
    from frontline.store.acled import event_id_cnty

    with _page(browser, server, viewport={"width": 1300, "height": 800}) as page:
        page.uncheck("#in-view")
        everything = len(_rows(page))
        page.select_option("#country", "Syria")  # the map zooms to Syria; the table lists what it shows
        page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length < {everything}", timeout=5_000)
        page.wait_for_function("Number(document.body.dataset.zoom) >= 5", timeout=5_000)  # flown to Syria
        page.check("#in-view")
        page.wait_for_timeout(1000)
        shown = sorted(_rows(page))
        expected = _api(server, "/events?country=Syria&limit=500")["events"]
        assert shown and set(shown) <= {e["id"] for e in expected}
        assert page.evaluate("document.getElementById('download-csv').href").count("bbox=") == 1
        with page.expect_download() as download:
            page.click("#download-geojson")
        features = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))["features"]
        assert sorted(f["properties"]["canonical_id"] for f in features) == shown
        assert all(f["properties"]["country"] == "Syria" for f in features)
        with page.expect_download() as download:
            page.click("#download-csv")
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
        iso3 = {f["properties"]["canonical_id"]: f["properties"]["iso"] for f in features}
        assert len(rows) == len(shown) and {r["event_id_cnty"] for r in rows} == {
            event_id_cnty(i, next(f["properties"]["event_id_cnty"][:3] for f in features
                                  if f["properties"]["canonical_id"] == i)) for i in iso3}


def test_phone_width_stacks_and_still_works(server, browser):
    with _page(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 392, width  # no sideways scrolling
        map_box = page.locator("#map").bounding_box()
        assert map_box["width"] >= 380 and map_box["height"] >= 300
        assert not page.locator("#filters-box").evaluate("d => d.open")  # folded on a phone
        assert page.locator("#chart").bounding_box()["y"] > map_box["y"] + map_box["height"] - 1
        page.wait_for_timeout(500)  # the first fit of the map to the events
        row = page.locator(f"#events tbody tr[data-event-id='{_rows(page)[0]}']")
        row.scroll_into_view_if_needed()
        row.tap()
        page.wait_for_selector(".leaflet-popup-content .popup", timeout=10_000)


def test_country_shapes_do_not_cross_the_world_at_the_antimeridian(server, browser):
    with _page(browser, server, viewport={"width": 900, "height": 600}) as page:
        crossing = page.evaluate("""async () => {
            const { unwrapFeatures } = await import('/static/basemap.js');
            const topo = await (await fetch('/static/natural-earth/world_50m.json')).json();
            const out = [];
            for (const f of unwrapFeatures(topojson.feature(topo, topo.objects.countries)).features) {
                const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
                for (const ring of polys.flat()) {
                    for (let i = 1; i < ring.length; i++) {
                        if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { out.push(f.id); break; }
                    }
                }
            }
            return [...new Set(out)];
        }""")
        assert crossing == ["ATA"]  # only Antarctica, which goes round the pole (at the map's bottom edge)


def test_api_docs_work_offline(server, browser):
    requests: list[str] = []
    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=15_000)
    paths = page.eval_on_selector_all(".opblock-summary-path", "nodes => nodes.map(n => n.textContent)")
    assert "/events" in " ".join(paths)
    page.wait_for_timeout(300)
    hosts = {urlparse(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(set(requests))
    page.close()


def test_many_events_are_clustered(seed_db, tmp_path, browser):
    """300 copies of the seed's events (moved in space): the page clusters them instead of drawing 1,800 markers."""
    import duckdb

    db = tmp_path / "many.duckdb"
    shutil.copy(seed_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("""INSERT INTO canonical_events BY NAME
            SELECT * EXCLUDE (copy) REPLACE (canonical_id || '-' || copy AS canonical_id,
                                             latitude + (copy % 20) * 0.2 AS latitude, longitude + (copy // 20) * 0.2 AS longitude)
            FROM canonical_events, range(1, 300) AS r(copy) WHERE canonical_id IN (
                SELECT canonical_id FROM canonical_events WHERE iso3 IN ('SYR', 'IRQ') AND event_date < '2018-01-01')""")
        placed = con.execute("SELECT count(*) FROM canonical_events WHERE latitude IS NOT NULL "
                             "AND modality IN ('asserted', 'claimed')").fetchone()[0]
    with _serving(db) as url, _page(browser, url, viewport={"width": 900, "height": 600}) as page:
        assert page.evaluate("Number(document.body.dataset.markers)") == placed
        assert page.locator(".event-cluster").count() > 0
        assert page.locator(".event-marker").count() < 300


def test_events_ingested_while_the_page_is_open_appear_marked_new(tmp_path, browser):
    """The page polls the store's last ingest. The server holds its store open (DuckDB lets one process
    write), so the article is ingested while the server is briefly stopped, and the page, left open,
    picks the new event up when the server is back on the same port."""
    db = tmp_path / "live.duckdb"
    _ingest(db, SEED)
    article = tmp_path / "aleppo_2018-03.txt"
    article.write_text(f" date 2018-03-05 \n{ALEPPO}", encoding="utf-8")
    port = _free_port()
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(_serving(db, port))
        opened = _api(url, "/stats")["last_added"]
        page = browser.new_page(viewport={"width": 1300, "height": 800})
        page.goto(f"{url}/")
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=20_000)
        page.uncheck("#in-view")
        before = set(_rows(page))
        assert page.locator("#new-badge").is_hidden()
        stack.close()  # the server stops; the page stays open
        page.wait_for_function("document.body.dataset.server === 'away'", timeout=15_000)
        assert page.is_visible("#away")
        _ingest(db, article)
        with _serving(db, port):
            page.wait_for_selector("#new-badge:visible", timeout=20_000)
            assert page.is_hidden("#away")
            fresh = _api(url, f"/events?added_after={opened}")["events"]
            assert len(fresh) == 1 and fresh[0]["location"] == "Aleppo"
            assert "1 new" in page.inner_text("#new-badge")
            assert set(_rows(page)) == before | {fresh[0]["id"]}
            assert page.is_visible(f"#events tr.fresh[data-event-id='{fresh[0]['id']}'] .badge")
            page.click("#new-badge")
            assert _open_popup_id(page) == fresh[0]["id"]
            assert "new since you opened" in page.inner_text(".leaflet-popup-content")
        page.close()


def test_events_ingested_while_the_server_runs_appear_on_the_open_page(tmp_path, browser):
    """The analyst keeps the map open and news is ingested while the server runs (it serves snapshots
    and never holds the store): the new event appears, marked new, without stopping anything."""
    db = tmp_path / "live.duckdb"
    _ingest(db, SEED)
    article = tmp_path / "aleppo_2018-03.txt"
    article.write_text(f" date 2018-03-05 \n{ALEPPO}", encoding="utf-8")
    with _serving(db) as url:
        page = browser.new_page(viewport={"width": 1300, "height": 800})
        page.goto(f"{url}/")
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=20_000)
        page.uncheck("#in-view")
        before = set(_rows(page))
        _ingest(db, article)
        page.wait_for_selector("#new-badge:visible", timeout=30_000)
        assert "1 new" in page.inner_text("#new-badge")
        assert len(set(_rows(page)) - before) == 1
        page.close()
