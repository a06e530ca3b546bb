"""The server's snapshots of a real store: refreshed when a writer commits, kept when the store goes bad."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from frontline.api.database import Database
from frontline.ingest import ingest
from frontline.store.db import Store
from frontline.store.errors import StoreError

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("snap") / "seed.duckdb"
    ingest([str(SEED)], Store(path), on_problem=lambda problem: None)
    return path


def _served(database: Database) -> int:
    with database.cursor() as con:
        row = con.execute("SELECT count(*) FROM canonical_events").fetchone()
    return int(row[0]) if row else 0


def test_a_store_gone_bad_keeps_the_last_snapshot_served_and_says_why(seed_store, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(seed_store, db)
    database = Database(db, poll=0.05, folder=tmp_path)
    database.check()
    before = _served(database)
    assert before > 0 and database.status()["snapshot"]["generation"] == 1
    database.start()
    try:
        db.write_bytes(b"this is no longer a database")
        deadline = time.monotonic() + 20
        while database.status()["refresh_error"] is None:
            assert time.monotonic() < deadline, "the refresh problem was never told"
            time.sleep(0.05)
        assert "not a DuckDB database" in database.status()["refresh_error"]
        assert _served(database) == before and database.status()["snapshot"]["generation"] == 1
    finally:
        database.close()
    assert [p.name for p in tmp_path.iterdir()] == ["store.duckdb"]  # no snapshot file left
    with pytest.raises(StoreError, match="closing"), database.cursor():
        pass


def test_a_request_keeps_its_snapshot_while_a_newer_one_is_swapped_in(seed_store, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(seed_store, db)
    database = Database(db, folder=tmp_path)
    database.check()
    try:
        with database.cursor() as old:
            with Store(db).writing() as con:
                con.execute("DELETE FROM canonical_events")
            assert database.refresh()
            assert _served(database) == 0  # new requests read the new snapshot
            assert old.execute("SELECT count(*) FROM canonical_events").fetchone()[0] > 0  # this one, its own
        assert not database.refresh()  # nothing changed since
    finally:
        database.close()
