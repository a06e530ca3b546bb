"""`frontline serve` and `frontline ingest` on one store at once, as real processes on 127.0.0.1.

The analyst keeps the map open while news is ingested: the ingest must finish (exit 0), every
request made meanwhile must be answered, the new events must be served within seconds, and
what is served must always be whole batches (never part of one). A server started in the
middle of an ingest must not make it fail, and a server stopped by a signal leaves no snapshot
file behind.
"""
from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from live_server import get, serve

from frontline.ingest import ingest
from frontline.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"
POOL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "vi-conflict-pool.jsonl"
ARTICLES, BATCH = 90, 5
SERVED_WITHIN = 15.0  # seconds after the ingest ends (the server looks every second)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not POOL.exists(), reason=f"corpus not found: {POOL}")]


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """Real conflict news from the corpus (not the eval sets)."""
    path = tmp_path_factory.mktemp("pool") / "pool.jsonl"
    with POOL.open(encoding="utf-8") as handle:
        path.write_text("".join(itertools.islice(handle, ARTICLES)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def whole_batch_totals(articles, tmp_path_factory) -> list[int]:
    """GET /events' total after 0, 1, 2, ... whole batches of BATCH articles (ingested here, one
    batch at a time; merging does not depend on batching, so these are the ingest's own)."""
    folder = tmp_path_factory.mktemp("reference")
    store = Store(folder / "reference.duckdb")
    lines = articles.read_text(encoding="utf-8").splitlines(keepends=True)
    totals = [0]
    for start in range(0, len(lines), BATCH):
        chunk = folder / f"chunk-{start}.jsonl"
        chunk.write_text("".join(lines[start:start + BATCH]), encoding="utf-8")
        ingest([str(chunk)], store, batch_size=BATCH, on_problem=lambda problem: None)
        with store.reading() as con:
            row = con.execute("SELECT count(*) FROM canonical_events WHERE modality IN ('asserted', 'claimed')"
                              ).fetchone()
        totals.append(int(row[0]) if row else 0)
    assert totals[-1] > 20 and len(set(totals)) > 5, totals  # the batches do add events
    return totals


def _ingest(db: Path, articles: Path, log: Path) -> subprocess.Popen:
    with log.open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", "frontline.cli", "ingest", str(articles), "--db", str(db),
                                 "--batch-size", str(BATCH)], stdout=subprocess.DEVNULL, stderr=err)


def _served_total(base: str, expected: int) -> int:
    """Poll GET /events until its total is `expected` or SERVED_WITHIN seconds pass; the last total."""
    deadline = time.monotonic() + SERVED_WITHIN
    while True:
        status, body = get(f"{base}/events?limit=1")
        assert status == 200
        if body["total"] == expected or time.monotonic() > deadline:
            return int(body["total"])
        time.sleep(0.2)


def test_ingest_while_serving_completes_and_reads_are_answered_throughout(articles, whole_batch_totals, tmp_path):
    db = tmp_path / "live.duckdb"  # not made yet: the server starts first, as the analyst does
    with serve(db, tmp_path / "serve.log") as (base, server):
        assert get(f"{base}/events")[1]["total"] == 0
        ingesting = _ingest(db, articles, tmp_path / "ingest.log")
        seen: list[tuple[int, int]] = []  # (status, total) of every request made while the ingest runs

        def ask() -> None:
            while ingesting.poll() is None:
                status, body = get(f"{base}/events?limit=5")
                seen.append((status, body.get("total", -1)))
                seen.append((get(f"{base}/healthz")[0], body.get("total", -1)))

        asker = threading.Thread(target=ask)
        asker.start()
        code = ingesting.wait(timeout=600)
        asker.join()
        assert code == 0, (tmp_path / "ingest.log").read_text()[-2000:]
        assert len(seen) >= 20 and {status for status, _ in seen} == {200}, seen[:20]
        totals = {total for _, total in seen}
        assert totals <= set(whole_batch_totals), sorted(totals - set(whole_batch_totals))  # whole batches only
        assert len(totals) >= 3, totals  # new events were shown while the ingest still ran
        assert _served_total(base, whole_batch_totals[-1]) == whole_batch_totals[-1]
        health = get(f"{base}/healthz")[1]
        assert health["snapshot"]["events"] >= whole_batch_totals[-1] and health["refresh_error"] is None
        assert server.poll() is None


def test_serve_started_during_an_ingest_does_not_make_it_fail(articles, whole_batch_totals, tmp_path):
    db = tmp_path / "busy.duckdb"
    ingesting = _ingest(db, articles, tmp_path / "ingest.log")
    deadline = time.monotonic() + 60
    while not db.exists() and ingesting.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    with serve(db, tmp_path / "serve.log") as (base, _):
        running = ingesting.poll() is None
        code = ingesting.wait(timeout=600)
        assert code == 0, (tmp_path / "ingest.log").read_text()[-2000:]
        assert running, "the ingest ended before the server started: the test proved nothing"
        assert _served_total(base, whole_batch_totals[-1]) == whole_batch_totals[-1]
    assert "error" not in (tmp_path / "serve.log").read_text()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_no_snapshot_file_is_left_behind(stop, articles, tmp_path):
    db, snapshots = tmp_path / "seed.duckdb", tmp_path / "tmp"
    snapshots.mkdir()
    ingest([str(SEED)], Store(db), on_problem=lambda problem: None)
    with serve(db, tmp_path / "serve.log", env={"TMPDIR": str(snapshots)}) as (base, server):
        first = get(f"{base}/healthz")[1]["snapshot"]
        ingest([str(articles)], Store(db, wait=60), batch_size=30, on_problem=lambda problem: None)
        deadline = time.monotonic() + SERVED_WITHIN
        while get(f"{base}/healthz")[1]["snapshot"]["generation"] == first["generation"]:
            assert time.monotonic() < deadline, "the server never took a new snapshot"
            time.sleep(0.2)
        while list(snapshots.iterdir()) and time.monotonic() < deadline:  # a newer snapshot may be being made
            time.sleep(0.1)
        assert list(snapshots.iterdir()) == []  # a snapshot's file is unlinked as soon as it is open
        server.send_signal(stop)
        assert server.wait(timeout=30) == 128 + stop  # uvicorn shuts down, then re-raises the signal
    assert list(snapshots.iterdir()) == []
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
