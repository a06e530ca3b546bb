"""Faults during ingest, with real processes: a SIGKILL mid-run, and readers while it writes."""
from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest

from frontline.store.db import Store, StoreError, transaction
from frontline.store.remerge import rebuild
from test_store import CLI, corpus_file, run, seed_versions, write_jsonl
from test_store_support import signature

BATCH = 20


def stored_articles(db: Path) -> int | None:
    """Articles committed so far, read as another process would; None while the file is busy or not made."""
    try:
        with Store(db, wait=0).reading() as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except StoreError:
        return None


def start_ingest(articles: Path, db: Path, tmp_path: Path) -> subprocess.Popen:
    log = (tmp_path / "ingest.log").open("w")
    return subprocess.Popen([*CLI, "ingest", str(articles), "--db", str(db), "--batch-size", str(BATCH)],
                            stdout=log, stderr=subprocess.STDOUT)


def wait_for(db: Path, process: subprocess.Popen, at_least: int) -> int:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        stored = stored_articles(db)
        if stored is not None and stored >= at_least:
            return stored
        if process.poll() is not None:
            pytest.fail("ingest ended before the test could act on it")
        time.sleep(0.02)
    pytest.fail("ingest stored nothing in 90 s")


def check_whole(db: Path) -> tuple[int, int]:
    """Every stored article has all its events, every event its evidence and its canonical event."""
    with Store(db).reading() as con:
        articles, events = con.execute("SELECT count(*), coalesce(sum(event_count), 0) FROM articles").fetchone()
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == events
        assert con.execute("""SELECT count(*) FROM articles a WHERE event_count <>
                              (SELECT count(*) FROM events e WHERE e.article_id = a.article_id)""").fetchone()[0] == 0
        assert con.execute("""SELECT count(*) FROM events e WHERE NOT EXISTS
                              (SELECT 1 FROM evidence v WHERE v.event_id = e.event_id)""").fetchone()[0] == 0
        assert con.execute("""SELECT count(*) FROM events e LEFT JOIN canonical_reports r USING (event_id)
                              LEFT JOIN canonical_events c USING (canonical_id)
                              WHERE c.canonical_id IS NULL""").fetchone()[0] == 0
        assert con.execute("""SELECT count(*) FROM canonical_events c WHERE report_count <>
                              (SELECT count(*) FROM canonical_reports r WHERE r.canonical_id = c.canonical_id)
                           """).fetchone()[0] == 0
    return articles, events


def news_with_copies_of_one_story(tmp_path: Path) -> Path:
    """290 real articles and, every 29th, one of ten outlets' copies of the seed story (events to merge)."""
    news = [json.loads(line) for line in corpus_file(tmp_path, "dantri.jsonl", 290).read_text().splitlines()]
    for number, copy in enumerate(seed_versions(10)):
        news.insert(number * 30, copy)
    return write_jsonl(tmp_path / "news.jsonl", news)


def test_a_kill_mid_ingest_keeps_every_committed_batch_and_a_rerun_completes(tmp_path):
    articles = news_with_copies_of_one_story(tmp_path)
    db = tmp_path / "store.duckdb"
    process = start_ingest(articles, db, tmp_path)
    try:
        wait_for(db, process, at_least=3 * BATCH)
        while stored_articles(db) is not None and process.poll() is None:
            time.sleep(0.005)  # until the writer holds the file: the kill lands inside a batch's write
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    stored, _ = check_whole(db)
    assert 3 * BATCH <= stored < 300 and stored % BATCH == 0  # whole batches, nothing of the one cut off
    again = run("ingest", str(articles), "--db", str(db), "--batch-size", str(BATCH))
    assert again.returncode == 0, again.stderr
    assert f"{stored} already stored" in again.stderr
    articles_stored, events_stored = check_whole(db)
    assert articles_stored == 300 and events_stored >= 10
    merged = signature(Store(db))
    with Store(db).writing() as con, transaction(con):
        rebuild(con, dt.datetime(2024, 1, 1))
    assert signature(Store(db)) == merged  # the merge survived the kill: as if done in one go


def test_readers_during_an_ingest_get_data_or_a_clear_busy_message(tmp_path):
    articles = corpus_file(tmp_path, "dantri.jsonl", 160)
    db = tmp_path / "store.duckdb"
    process = start_ingest(articles, db, tmp_path)
    outcomes = []
    try:
        wait_for(db, process, at_least=BATCH)
        while process.poll() is None and len(outcomes) < 6:
            done = subprocess.run([*CLI, "export", "--db", str(db), "--wait", "0", "-o", str(tmp_path / "out.csv")],
                                  capture_output=True, text=True, timeout=120)
            assert "Traceback" not in done.stderr
            assert done.returncode in (0, 75), done.stderr
            if done.returncode == 75:
                assert "database is busy" in done.stderr
            outcomes.append(done.returncode)
    finally:
        process.wait(timeout=120)
    assert process.returncode == 0, (tmp_path / "ingest.log").read_text()
    assert outcomes and 0 in outcomes, outcomes
    assert check_whole(db)[0] == 160
