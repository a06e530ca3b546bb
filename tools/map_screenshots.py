"""The README's screenshots of the map page: docs/map-world.png (desktop, as it opens), docs/map.png (desktop,
Albu Kamal's events spread from the table) and docs/map-phone.png (phone width, the whole page).

    frontline ingest ../shared/eval/vi-dev/articles.jsonl examples/albu_kamal_2017-11.txt \
        ../shared/corpus/dantri-2020-21.jsonl --db /tmp/demo.duckdb
    python tools/map_screenshots.py /tmp/demo.duckdb

Serves the store on 127.0.0.1 and drives /usr/bin/chromium headless, as tests/test_map_browser.py does.
"""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def serve(db: Path, port: int = 8765):
    import uvicorn

    from frontline.api import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def main(db: Path, out: Path = ROOT / "docs") -> None:
    from playwright.sync_api import sync_playwright

    server, url = serve(db)
    with sync_playwright() as playwright:  # launch() gives the browser a fresh profile of its own
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 820})
        page.on("console", lambda message: print("console:", message.text, file=sys.stderr))
        page.goto(f"{url}/")
        page.wait_for_selector("body[data-ready=true]", timeout=30_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(out / "map-world.png"))
        page.uncheck("#in-view")
        page.locator("#events tbody tr", has_text="Albu Kamal").first.click()
        page.wait_for_selector(".leaflet-popup-content", timeout=10_000)
        page.wait_for_timeout(2000)
        page.screenshot(path=str(out / "map.png"))
        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                 device_scale_factor=2)
        phone.goto(f"{url}/")
        phone.wait_for_selector("body[data-ready=true]", timeout=30_000)
        phone.wait_for_timeout(1500)
        phone.screenshot(path=str(out / "map-phone.png"), full_page=True)
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs")
