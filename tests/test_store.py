"""The store's file: made, versioned, ingested into once per article, and never taken over from someone else."""
from __future__ import annotations

import itertools
import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from test_store_support import CORPUS, SEED, fixed_clock, make_event, make_result, signature

from frontline.store import schema
from frontline.store.db import Store, StoreError
from frontline.store.ingest import store_batch

pytestmark = pytest.mark.slow  # processes, stores and whole parts of the corpus: not the quick loop

CLI = [sys.executable, "-m", "frontline.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def corpus_file(tmp_path: Path, name: str, lines: int, rename: str | None = None) -> Path:
    """The first `lines` real Dân Trí articles; with `rename`, the same texts under new ids."""
    if not CORPUS.exists():
        pytest.skip(f"corpus not found: {CORPUS}")
    path = tmp_path / name
    with CORPUS.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for line in itertools.islice(source, lines):
            article = json.loads(line)
            if rename:
                article["id"] = f"{rename}-{article['id']}"
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def world_news() -> list[dict]:
    """Dân Trí's world news section: real articles, some about wars."""
    if not CORPUS.exists():
        pytest.skip(f"corpus not found: {CORPUS}")
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if '"dantri-news_world_' in line]


def seed_versions(count: int) -> list[dict]:
    """The seed article as `count` outlets would carry it: the same story, each with its own last line.

    Copies of one story are how one real event reaches many articles; their
    reports must become one canonical event each.
    """
    text = SEED.read_text(encoding="utf-8").removeprefix(" date 2017-11").strip()
    return [{"id": f"seed-copy-{n}", "text": f"{text}\nBản tin số {n + 1}.", "published": "2017-11",
             "outlet": f"Báo {n + 1}", "lang": "vi"} for n in range(count)]


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def counts(db: Path) -> tuple[int, int, int]:
    with Store(db).reading() as con:
        return tuple(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
                     for table in ("articles", "events", "canonical_events"))


def test_a_new_store_has_its_tables_and_version(tmp_path):
    store = Store(tmp_path / "new.duckdb")
    with store.writing():
        pass
    with store.reading() as con:
        assert schema.is_store(con)
        assert schema.current_version(con) == schema.latest_version()
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "events", "evidence", "canonical_events", "canonical_reports", "schema_version"} <= tables


def test_ingesting_the_same_articles_again_adds_nothing(tmp_path):
    articles = corpus_file(tmp_path, "dantri.jsonl", 60)
    same_texts = corpus_file(tmp_path, "renamed.jsonl", 60, rename="copy")
    seed_copy = tmp_path / "seed_under_another_name.txt"
    seed_copy.write_bytes(SEED.read_bytes())
    db = tmp_path / "store.duckdb"
    first = run("ingest", str(articles), str(SEED), "--db", str(db))
    assert first.returncode == 0, first.stderr
    stored = counts(db)
    assert stored[0] == 61 and stored[1] > 0, stored
    again = run("ingest", str(articles), str(SEED), str(same_texts), str(seed_copy), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert "stored 0 new article(s)" in again.stderr and "122 already stored" in again.stderr
    assert counts(db) == stored


def test_real_articles_ingested_in_two_shuffled_orders_give_the_same_canonical_events(tmp_path):
    """World news and three outlets' copies of one story, through the real extraction, in two orders."""
    articles = world_news()[:30] + seed_versions(3)
    answers = []
    for number, batch in enumerate(("7", "50")):
        random.Random(number).shuffle(articles)
        path = write_jsonl(tmp_path / f"news{number}.jsonl", articles)
        db = tmp_path / f"news{number}.duckdb"
        done = run("ingest", str(path), "--db", str(db), "--batch-size", batch)
        assert done.returncode == 0, done.stderr
        answers.append(signature(Store(db)))
    assert answers[0] == answers[1]
    with Store(tmp_path / "news0.duckdb").reading() as con:
        copies = con.execute("SELECT min(article_count), count(*) FROM canonical_events "
                             "WHERE list_contains(sources, 'Báo 1')").fetchone()
    assert copies[1] > 0 and copies[0] == 3  # each of the story's events: one record, three articles


def test_an_id_already_stored_with_other_text_keeps_the_stored_one(tmp_path):
    store = Store(tmp_path / "store.duckdb")
    store_batch(store, [make_result("a", [make_event("a", 0, "2017-11-15")])], fixed_clock)
    before = signature(store)
    other = make_result("a", [make_event("a", 1, "2017-11-16")])
    other.doc.text += " (sửa)"
    assert store_batch(store, [other], fixed_clock) == 0
    assert signature(store) == before


FOREIGN = {
    "text": lambda path: path.write_text("event_id,notes\n1,not a database\n"),
    "binary": lambda path: path.write_bytes(bytes(range(256)) * 40),
    "empty": lambda path: path.write_bytes(b""),
    "sqlite": lambda path: sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit(),
    "other duckdb": lambda path: duckdb.connect(str(path)).execute("CREATE TABLE customers (id INTEGER)").close(),
}


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_a_foreign_file_is_refused_and_left_untouched(tmp_path, kind):
    db = tmp_path / "data.duckdb"
    FOREIGN[kind](db)
    before = db.read_bytes()
    article = tmp_path / "a.txt"
    article.write_text(" date 2017-11 Quân đội Syria giao tranh với IS tại Albu Kamal ngày 15/11.", encoding="utf-8")
    for command in (["ingest", str(article)], ["export"], ["control", "Albu Kamal"]):
        done = run(*command, "--db", str(db))
        assert done.returncode == 1, (command, done.stderr)
        assert "Traceback" not in done.stderr and str(db) in done.stderr and "error:" in done.stderr
    assert db.read_bytes() == before
    assert not Path(f"{db}.wal").exists()


def test_a_corrupt_store_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "store.duckdb"
    store_batch(Store(db), [make_result("a", [make_event("a", 0, "2017-11-15")])], fixed_clock)
    data = bytearray(db.read_bytes())
    data[12288:] = bytes(len(data) - 12288)  # keep DuckDB's header, zero every block after it
    db.write_bytes(bytes(data))
    done = run("export", "--db", str(db))
    assert done.returncode == 1 and "cannot be opened as a DuckDB database" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert db.read_bytes() == bytes(data)


def test_a_store_made_by_an_older_version_is_upgraded_on_opening(tmp_path):
    db = tmp_path / "old.duckdb"
    old = Store(db, migrations=schema.MIGRATIONS[:1])
    store_batch(old, [make_result("a", [make_event("a", 0, "2017-11-15")])], fixed_clock)
    before = signature(old)
    later = schema.Migration(schema.latest_version() + 1, "a later change",
                             ("ALTER TABLE articles ADD COLUMN reviewed BOOLEAN DEFAULT false",))
    upgraded = Store(db, migrations=(*schema.MIGRATIONS, later))
    with upgraded.reading() as con:
        assert schema.current_version(con) == later.version
        assert con.execute("SELECT reviewed FROM articles").fetchall() == [(False,)]
    assert signature(upgraded) == before
    with pytest.raises(StoreError, match="newer frontline"):
        with Store(db).reading():
            pass


def test_a_busy_store_gets_a_clear_message(tmp_path):
    db = tmp_path / "store.duckdb"
    store_batch(Store(db), [make_result("a", [make_event("a", 0, "2017-11-15")])], fixed_clock)
    writer = duckdb.connect(str(db))  # another process's writer, as DuckDB sees it: this one holds the lock
    try:
        done = run("export", "--db", str(db), "--wait", "0.2")
    finally:
        writer.close()
    assert done.returncode == 75, done.stderr
    assert "database is busy (another frontline process is writing to it); try again" in done.stderr
    assert "Traceback" not in done.stderr
    assert run("export", "--db", str(db)).returncode == 0


@pytest.mark.parametrize("command", ["ingest", "control", "export"])
def test_every_store_command_has_help(command):
    done = run(command, "--help")
    assert done.returncode == 0 and "--db" in done.stdout
