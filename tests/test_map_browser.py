"""The map page in a real headless Chromium, against a real server on 127.0.0.1 and a real DuckDB file.

The seed article is ingested; the page must show its events as markers at Abu
Kamal and Al Qaim, open a popup and the article with the evidence highlighted,
change its markers when the date slider moves, and ask nothing of any host but
127.0.0.1. The screenshot goes to docs/map.png (shown in the README).
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"
SCREENSHOT = ROOT / "docs" / "map.png"
ABU_KAMAL = (34.452, 40.919)
AL_QAIM = (34.393, 40.989)  # the gazetteer's Al Qa'im (GeoNames 92138)

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
              pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> Path:
    from frontline.ingest import ingest
    from frontline.store.db import Store

    db = tmp_path_factory.mktemp("map") / "seed.duckdb"
    ingest([str(SEED)], Store(db), on_problem=lambda problem: None)
    return db


@contextlib.contextmanager
def _serving(db: Path) -> Iterator[str]:
    import uvicorn

    from frontline.api import create_app

    port = _free_port()
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


def _near(marker: dict, place: tuple[float, float], km: float = 5.0) -> bool:
    return abs(marker["lat"] - place[0]) * 111 < km and abs(marker["lon"] - place[1]) * 92 < km


def _markers(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".event-marker", "nodes => nodes.map(n => ({id: n.dataset.eventId, title: n.title, "
                         "lat: Number(n.dataset.lat), lon: Number(n.dataset.lon)}))")


def test_map_page(server, browser):
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1100, "height": 700})
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)

    markers = _markers(page)
    assert len(markers) == 6, markers  # the seed's asserted and claimed events
    assert any(_near(m, ABU_KAMAL) for m in markers), markers
    assert any(_near(m, AL_QAIM) for m in markers), markers
    assert page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() > 100  # country shapes

    # a popup with the event's fields, and the article with the evidence highlighted
    page.locator(".event-marker[title^=\"Al Qa\"]").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert "Non-violent transfer of territory" in popup.inner_text()
    popup.locator("a.article-link").click()
    page.wait_for_selector("#reader-text mark.ev-trigger", timeout=5_000)
    marks = page.eval_on_selector_all("#reader-text mark", "nodes => nodes.map(n => [n.className, n.textContent])")
    assert any("ev-trigger" in cls and text.strip() for cls, text in marks), marks
    assert any("ev-place" in cls and "Qa" in text for cls, text in marks), marks
    page.screenshot(path=str(SCREENSHOT))

    # the control timeline of Abu Kamal, from a popup there
    page.locator(".leaflet-popup-close-button").click()
    popup.wait_for(state="detached", timeout=5_000)
    # Al Qa'im's marker lies over Abu Kamal's at this zoom: click that very element
    page.locator(".event-marker[title^=\"Albu Kamal\"]").first.dispatch_event("click")
    page.wait_for_selector(".leaflet-popup-content:has-text('Albu Kamal')", timeout=5_000)
    page.locator(".leaflet-popup-content a.control-link").click()
    page.wait_for_selector("#timeline-changes li", timeout=5_000)
    assert "Islamic State" in page.inner_text("#timeline-changes")

    # moving the start of the date range to its end leaves only the last day's events
    page.focus("#since")
    page.keyboard.press("End")
    page.wait_for_function("Number(document.body.dataset.markers) < 6", timeout=5_000)
    fewer = _markers(page)
    assert 0 < len(fewer) < len(markers)
    page.focus("#since")
    page.keyboard.press("Home")
    page.wait_for_function("Number(document.body.dataset.markers) === 6", timeout=5_000)

    hosts = {urlparse(url).hostname for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, sorted(set(requests))
    page.close()


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
            FROM canonical_events, range(1, 300) AS r(copy)""")
    with _serving(db) as url:
        page = browser.new_page(viewport={"width": 900, "height": 600})
        page.goto(f"{url}/")
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
        assert page.evaluate("Number(document.body.dataset.markers)") == 6 * 300
        assert page.locator(".marker-cluster").count() > 0
        assert page.locator(".event-marker").count() < 300
        page.close()


def test_the_open_page_shows_events_ingested_meanwhile(seed_db, tmp_path, browser):
    """The analyst keeps the map open while news is ingested: the new events appear without a reload."""
    import itertools

    from frontline.ingest import ingest
    from frontline.store.db import Store

    pool = ROOT.parent / "shared" / "corpus" / "vi-conflict-pool.jsonl"
    if not pool.exists():
        pytest.skip(f"corpus not found: {pool}")
    db, news = tmp_path / "live.duckdb", tmp_path / "news.jsonl"
    shutil.copy(seed_db, db)
    with pool.open(encoding="utf-8") as handle:
        news.write_text("".join(itertools.islice(handle, 60)), encoding="utf-8")
    with _serving(db) as url:
        page = browser.new_page(viewport={"width": 900, "height": 600})
        page.goto(f"{url}/")
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
        assert page.evaluate("Number(document.body.dataset.markers)") == 6
        ingest([str(news)], Store(db, wait=60), batch_size=20, on_problem=lambda problem: None)
        page.wait_for_function("Number(document.body.dataset.markers) > 6", timeout=30_000)
        page.close()
