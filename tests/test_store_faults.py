"""Faults during ingest, with real processes: a SIGKILL mid-run, and readers while it writes."""
from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_store import CLI, corpus_file, run, seed_versions, write_jsonl
from test_store_support import signature

from frontline.store.db import Store, StoreError, transaction
from frontline.store.remerge import rebuild

pytestmark = pytest.mark.slow  # processes, stores and whole parts of the corpus: not the quick loop

BATCH = 20
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"
POOL = ROOT.parent / "shared" / "corpus" / "vi-conflict-pool.jsonl"


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


def signal_inside_a_write(process: subprocess.Popen, db: Path, at_least: int, stop: int) -> None:
    """Once `at_least` articles are stored, send `stop` while the writer holds the file (inside a batch's
    write), and wait for the process to end."""
    try:
        wait_for(db, process, at_least=at_least)
        while stored_articles(db) is not None and process.poll() is None:
            time.sleep(0.005)  # until the writer holds the file: the signal lands inside a batch's write
    finally:
        process.send_signal(stop)
        process.wait(timeout=60)


def test_a_kill_mid_ingest_keeps_every_committed_batch_and_a_rerun_completes(tmp_path):
    articles = news_with_copies_of_one_story(tmp_path)
    db = tmp_path / "store.duckdb"
    process = start_ingest(articles, db, tmp_path)
    signal_inside_a_write(process, db, 3 * BATCH, signal.SIGKILL)
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


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_or_sigterm_mid_ingest_stops_with_one_line_and_keeps_whole_batches(stop, tmp_path):
    # a signal landing inside a DuckDB query made DuckDB raise "Query interrupted": a traceback, exit 1
    articles = corpus_file(tmp_path, "dantri.jsonl", 290)
    db = tmp_path / "store.duckdb"
    process = start_ingest(articles, db, tmp_path)
    signal_inside_a_write(process, db, 2 * BATCH, stop)
    said = (tmp_path / "ingest.log").read_text()
    assert process.returncode == 130, said
    assert "Traceback" not in said and said.rstrip().splitlines()[-1].startswith("stopped;"), said
    stored, _ = check_whole(db)
    assert stored % BATCH == 0


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


@contextlib.contextmanager
def small_filesystem(folder: Path, megabytes: int) -> Iterator[Path]:
    """A tmpfs of a few MB mounted at `folder` (root only: the test is skipped elsewhere)."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def _exported_lines(db: Path) -> list[str]:
    done = subprocess.run([*CLI, "export", "--db", str(db), "--format", "jsonl"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


@pytest.mark.slow
def test_disk_full_at_commit_is_one_line_and_the_committed_store_stays(tmp_path):
    if not POOL.exists():
        pytest.skip(f"corpus not found: {POOL}")
    articles = tmp_path / "pool.jsonl"
    with POOL.open(encoding="utf-8") as handle:
        articles.write_text("".join(itertools.islice(handle, 400)), encoding="utf-8")
    with small_filesystem(tmp_path / "small", 5) as small:
        db = small / "store.duckdb"
        first = subprocess.run([*CLI, "ingest", str(SEED), "--db", str(db)], capture_output=True, text=True,
                               timeout=300)
        assert first.returncode == 0, first.stderr
        before = _exported_lines(db)
        assert before and stored_articles(db) == 1
        full = subprocess.run([*CLI, "ingest", str(articles), "--db", str(db), "--batch-size", "20"],
                              capture_output=True, text=True, timeout=600)
        assert full.returncode == 1
        errors = [line for line in full.stderr.splitlines() if line.startswith("error:") and "store.duckdb" in line]
        assert len(errors) == 1 and "No space left on device" in errors[0], full.stderr[-2000:]
        assert "Traceback" not in full.stderr
        # still a readable store: the seed and every batch committed before the disk filled
        assert len(_exported_lines(db)) >= len(before)
        assert stored_articles(db) >= 1


@pytest.mark.slow
def test_a_truncated_store_is_one_clear_line_for_every_command(tmp_path):
    db = tmp_path / "store.duckdb"
    made = subprocess.run([*CLI, "ingest", str(SEED), "--db", str(db)], capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    for command in (["export", "--format", "jsonl"], ["export", "--format", "parquet", "-o", str(tmp_path / "x.pq")],
                    ["control", "Abu Kamal"], ["ingest", str(SEED)]):
        done = subprocess.run([*CLI, *command, "--db", str(db)], capture_output=True, text=True, timeout=300)
        assert "Traceback" not in done.stderr and "╭" not in done.stderr, (command, done.stderr[-1500:])
        if done.returncode != 0:
            assert done.returncode == 1 and done.stderr.strip().startswith("error:"), (command, done.stderr)
            assert len(done.stderr.strip().splitlines()) == 1, (command, done.stderr)


@pytest.mark.slow
def test_two_ingests_of_the_same_articles_at_once_count_each_article_new_once(tmp_path):
    articles = corpus_file(tmp_path, "same.jsonl", 120)
    db = tmp_path / "store.duckdb"
    runs = [subprocess.Popen([*CLI, "ingest", str(articles), "--db", str(db), "--batch-size", "10"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [process.communicate(timeout=600)[1] for process in runs]
    added, known = 0, 0
    for output in outputs:
        summary = re.search(r"stored (\d+) new article\(s\) with \d+ event\(s\); (\d+) already stored", output)
        assert summary, output[-1500:]
        added += int(summary[1])
        known += int(summary[2])
    assert added == stored_articles(db) == 120
    assert known == 120  # each article is new to exactly one of the two runs
