"""`frontline serve` and `frontline watch` on one store at once, as real processes on 127.0.0.1.

The analyst keeps the map open while a watch polls the news: the feed (feed_site.py, a thread of
this test process) gets new items between polls, every request made meanwhile must be answered,
the served totals must grow as the watch stores its batches and end equal to what the store
holds, and a SIGTERM must stop the watch cleanly (exit 130, as Ctrl-C) with the server still up.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from feed_site import Feed, Site, SiteServer, corpus
from live_server import get, serve

from frontline.store.db import Store

pytestmark = pytest.mark.slow

FAST = ["--timeout", "2", "--host-delay", "0", "--retries", "1", "--batch-size", "4"]
RELEASES = (8, 6, 6)      # items in the feed at the start, then added after the first poll and after the second
WATCHED_WITHIN = 60.0     # seconds for the watch to store all of them (about 15 here)
SERVED_WITHIN = 15.0      # seconds after the watch stops (the server looks every second)


def stored_totals(db: Path) -> tuple[int, int, int]:
    """(articles, canonical events, events GET /events serves: asserted and claimed) in the store."""
    with Store(db).reading() as con:
        row = con.execute("SELECT (SELECT count(*) FROM articles), count(*), "
                          "count(*) FILTER (WHERE modality IN ('asserted', 'claimed')) FROM canonical_events"
                          ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


def stored_by(polls: list[str]) -> list[int]:
    """The new articles each poll line says it stored."""
    return [int(line.split("stored ", 1)[1].split()[0]) for line in polls]


def test_watch_while_serving_every_request_is_answered_and_the_served_totals_catch_up(tmp_path):
    pool = corpus("vi-conflict-pool.jsonl", sum(RELEASES))
    db = tmp_path / "live.duckdb"  # not made yet: the server starts first, the watch makes it
    site = Site()
    paths = [site.add(article) for article in pool]
    releases = [paths[sum(RELEASES[:n]):sum(RELEASES[:n + 1])] for n in range(len(RELEASES))]
    site.feeds["/rss/the-gioi.rss"] = Feed(releases[0][::-1])  # newest first
    lines: list[str] = []
    released = [0]  # the releases in the feed
    caught_up: list[tuple[int, int]] = []  # after each release but the last: (events stored, events served)
    all_stored = threading.Event()
    seen: list[tuple[int, int, int, int]] = []  # GET /events' status and total, GET /healthz's and its events

    def served_events() -> int:
        return seen[-1][3] if seen else -1

    def follow(stderr) -> None:
        """Read the watch's stderr to its end. When the polls have stored what the feed lists, wait until
        the server serves the store they leave, then publish the next items; say when all are stored."""
        for line in stderr:
            lines.append(line)
            if not line.startswith("poll ") or sum(stored_by(polls())) < sum(RELEASES[:len(released)]):
                continue
            if len(released) == len(releases):
                all_stored.set()
                continue
            canonical = int(line.split(" canonical event(s)", 1)[0].rsplit(" ", 1)[1])
            deadline = time.monotonic() + SERVED_WITHIN
            while served_events() != canonical and time.monotonic() < deadline:
                time.sleep(0.1)
            caught_up.append((canonical, served_events()))
            released.append(len(released))
            site.feeds["/rss/the-gioi.rss"].links[:0] = releases[released[-1]][::-1]

    def polls() -> list[str]:
        return [line for line in lines if line.startswith("poll ")]

    with SiteServer(site), serve(db, tmp_path / "serve.log") as (base, server):
        assert get(f"{base}/events?limit=1") == (200, {"total": 0, "limit": 1, "offset": 0, "events": []})
        watching = subprocess.Popen([sys.executable, "-m", "frontline.cli", "watch", site.url("/rss/the-gioi.rss"),
                                     "--every", "1s", "--db", str(db), *FAST],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        follower = threading.Thread(target=follow, args=(watching.stderr,))
        follower.start()
        try:
            deadline = time.monotonic() + WATCHED_WITHIN
            while not all_stored.is_set():
                assert watching.poll() is None, "".join(lines)[-2000:]
                assert time.monotonic() < deadline, f"the watch did not store everything: {''.join(lines)[-2000:]}"
                status, body = get(f"{base}/events?limit=5")
                health_status, health = get(f"{base}/healthz")
                seen.append((status, body.get("total", -1), health_status, health.get("snapshot", {}).get("events", -1)))
                time.sleep(0.1)
        finally:
            watching.terminate()  # SIGTERM, as a service manager stops it
            code = watching.wait(timeout=60)
            follower.join(timeout=60)
        stderr = "".join(lines)

        assert code == 130, stderr  # stopped as by Ctrl-C
        assert "stopped;" in stderr and "Traceback" not in stderr, stderr
        assert [line for line in lines if line.startswith("error")] == [], stderr
        assert len([n for n in stored_by(polls()) if n]) >= 2, polls()  # the releases came over several polls

        articles, events, exported = stored_totals(db)
        assert articles == sum(RELEASES) and exported > 0, (articles, events, exported)
        assert len(seen) >= 20 and {(s, h) for s, _, h, _ in seen} == {(200, 200)}, seen[:20]
        # what each release's poll stored was served (within SERVED_WITHIN) before the next release came
        assert len(caught_up) == len(RELEASES) - 1 and all(a == b for a, b in caught_up), caught_up
        totals = [total for _, total, _, _ in seen]
        assert len(set(totals)) >= 3, totals  # new events were served while the watch still ran

        # once the watch has stopped, the server serves all that the store holds, within seconds
        deadline = time.monotonic() + SERVED_WITHIN
        while True:
            served = get(f"{base}/events?limit=1")[1]["total"]
            health = get(f"{base}/healthz")[1]
            if (served, health["snapshot"]["events"]) == (exported, events) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert (served, health["snapshot"]["events"]) == (exported, events), health
        assert health["refresh_error"] is None
        assert get(f"{base}/stats")[1]["total"] == exported
        assert server.poll() is None
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
