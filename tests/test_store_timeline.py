"""Who held a place: the seed article's Abu Kamal, and the rules for claims and contradictions."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_store_support import ABU_KAMAL, HAJIN, SEED, fixed_clock, make_event, make_result

from frontline.store.db import Store, StoreError
from frontline.store.ingest import store_batch
from frontline.store.timeline import control_timeline, resolve_place

pytestmark = pytest.mark.slow  # processes, stores and whole parts of the corpus: not the quick loop

CLI = [sys.executable, "-m", "frontline.cli"]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    done = subprocess.run([*CLI, "ingest", str(SEED), "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return db


def control(db, place: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "control", place, "--db", str(db), *options], capture_output=True, text=True,
                          timeout=120)


def test_the_seed_timeline_of_abu_kamal(seed_db):
    """8/11 the Syrian army claims the city (contradicted: IS retakes it 11/11); from 11/11 IS holds it."""
    done = control(seed_db, "Abu Kamal", "--json")
    assert done.returncode == 0, done.stderr
    timeline = json.loads(done.stdout)
    assert (timeline["place"], timeline["geonameid"]) == ("Albu Kamal", 174448)
    first, second = timeline["changes"][:2]
    assert (first["from"], first["holder"], first["modality"]) == ("2017-11-08", "Military Forces of Syria", "claimed")
    assert first["claimed_by"] == ["Military Forces of Syria"]
    assert first["until"] == "2017-11-11"
    assert first["contradicted_by"].startswith("Islamic State held it on 2017-11-11")
    assert (second["from"], second["holder"], second["modality"]) == ("2017-11-11", "Islamic State", "asserted")
    assert second["contradicted_by"] is None
    assert "2017-11-15" in second["fighting"]  # the siege of 15/11: the place is contested
    assert all(change["holder"] != "Military Forces of Syria" for change in timeline["changes"][1:])


@pytest.mark.parametrize("spelling", ["Albu Kamal", "abu kamal", "Al Bu Kamal", "174448"])
def test_the_place_can_be_named_in_any_known_spelling(seed_db, spelling):
    done = control(seed_db, spelling)
    assert done.returncode == 0, done.stderr
    assert "Military Forces of Syria" in done.stdout and "contradicted" in done.stdout


def test_an_unknown_place_is_a_clear_error(seed_db):
    done = control(seed_db, "Xyzzyville")
    assert done.returncode == 1 and "no place called 'Xyzzyville'" in done.stderr
    assert "Traceback" not in done.stderr


def timeline_of(tmp_path, results, where=ABU_KAMAL):
    store = Store(tmp_path / "t.duckdb")
    store_batch(store, results, fixed_clock)
    with store.reading() as con:
        return control_timeline(con, resolve_place(str(where.geonameid))).changes


def test_a_confirmed_claim_is_not_contradicted_and_other_towns_stay_out(tmp_path):
    changes = timeline_of(tmp_path, [
        make_result("a", [make_event("a", 0, "2017-11-08", "Government regains territory", modality="claimed",
                                     claimed_by="Military Forces of Syria")]),
        make_result("b", [make_event("b", 0, "2017-11-20", "Government regains territory")]),
        make_result("c", [make_event("c", 0, "2017-11-09", "Non-state actor overtakes territory", "Islamic State",
                                     "Military Forces of Syria", where=HAJIN)]),
    ])
    assert [(c.start, c.holder, c.modality, c.contradicted_by) for c in changes] == [
        ("2017-11-08", "Military Forces of Syria", "claimed", None),
        ("2017-11-20", "Military Forces of Syria", "asserted", None)]


def test_reports_naming_different_holders_the_same_day_conflict(tmp_path):
    changes = timeline_of(tmp_path, [
        make_result("a", [make_event("a", 0, "2017-11-11", "Non-state actor overtakes territory", "Islamic State",
                                     "Military Forces of Syria")]),
        make_result("b", [make_event("b", 0, "2017-11-11", "Government regains territory", modality="claimed",
                                     actor2="Hezbollah", claimed_by="Military Forces of Syria")]),
    ])
    assert len(changes) == 2
    assert all(len(change.conflicts_with) == 1 for change in changes)
    assert "conflicts with" in changes[0].status


def test_a_withdrawal_leaves_the_holder_unnamed(tmp_path):
    changes = timeline_of(tmp_path, [make_result("a", [make_event(
        "a", 0, "2017-11-05", "Non-violent transfer of territory", "Islamic State", None, precision=2)])])
    assert [(c.holder, c.previous) for c in changes] == [(None, "Islamic State")]


def test_resolve_place_refuses_an_unknown_geonameid():
    with pytest.raises(StoreError, match="no place with geonameid"):
        resolve_place("999999999999")
