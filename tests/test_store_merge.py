"""Merging reports across articles, on a real DuckDB file: which reports are one event, in any order."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from test_store_support import (
    ABU_KAMAL,
    AL_QAIM,
    DEIR_EZ_ZOR,
    HAJIN,
    KHAN_YUNIS,
    RAFAH,
    SYRIA,
    fixed_clock,
    make_event,
    make_result,
    new_store,
    signature,
    synthetic_corpus,
)

from frontline.store import merge
from frontline.store.db import transaction
from frontline.store.ingest import store_batch
from frontline.store.remerge import rebuild
from frontline.store.reports import Report

pytestmark = pytest.mark.slow  # processes, stores and whole parts of the corpus: not the quick loop


def canonical_count(store) -> int:
    with store.reading() as con:
        return con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]


def one_canonical(store) -> dict:
    with store.reading() as con:
        rows = con.execute("SELECT * FROM canonical_events").fetchall()
        names = [d[0] for d in con.description]
    assert len(rows) == 1, rows
    return dict(zip(names, rows[0]))


def test_two_articles_one_clash_become_one_canonical_event(tmp_path):
    store = new_store(tmp_path)
    store_batch(store, [make_result("a", [make_event("a", 0, "2017-11-15", sources=("Al Masdar News",))],
                                    outlet="Dân Trí")], fixed_clock)
    store_batch(store, [make_result("b", [make_event("b", 0, "2017-11-15", actor1="Islamic State",
                                                     actor2="Military Forces of Syria (2000-)", fatalities=12)],
                                    outlet="VnExpress")], fixed_clock)
    record = one_canonical(store)
    assert record["article_count"] == 2 and record["report_count"] == 2
    assert record["sources"] == ["Al Masdar News", "Dân Trí", "VnExpress"]
    assert record["fatalities"] == 12 and record["fatalities_known"]
    with store.reading() as con:
        linked = con.execute("SELECT article_id FROM canonical_reports ORDER BY 1").fetchall()
        spans = con.execute("SELECT count(*) FROM evidence v JOIN canonical_reports r USING (event_id)").fetchone()
    assert linked == [("a",), ("b",)] and spans[0] == 2


def test_the_most_precise_date_and_place_are_kept(tmp_path):
    store = new_store(tmp_path)
    store_batch(store, [
        make_result("a", [make_event("a", 0, "2017-11-14", precision=2, where=DEIR_EZ_ZOR)]),
        make_result("b", [make_event("b", 0, "2017-11-16", precision=1, where=ABU_KAMAL)]),
        make_result("c", [make_event("c", 0, "2017-11-15", precision=3, where=DEIR_EZ_ZOR)]),
    ], fixed_clock)
    record = one_canonical(store)
    assert (record["event_date"], record["time_precision"]) == (dt.date(2017, 11, 16), 1)
    assert (record["location"], record["geo_precision"], record["geonameid"]) == ("Albu Kamal", 1, 174448)
    assert record["article_count"] == 3


def test_a_claim_and_a_report_of_fact_stay_visibly_distinct(tmp_path):
    store = new_store(tmp_path)
    store_batch(store, [
        make_result("a", [make_event("a", 0, "2017-11-08", "Government regains territory", modality="claimed",
                                     claimed_by="Military Forces of Syria")]),
        make_result("b", [make_event("b", 0, "2017-11-08", "Government regains territory")]),
    ], fixed_clock)
    record = one_canonical(store)
    assert record["modality"] == "asserted"
    assert (record["asserted_reports"], record["claimed_reports"]) == (1, 1)
    assert record["claimed_by"] == ["Military Forces of Syria"]
    assert "1 as fact; 1 as a claim by Military Forces of Syria" in record["notes"]
    with store.reading() as con:
        kinds = con.execute("SELECT article_id, modality FROM canonical_reports ORDER BY 1").fetchall()
    assert kinds == [("a", "claimed"), ("b", "asserted")]


@pytest.mark.parametrize("other, why", [
    (dict(date="2017-11-16"), "another day, both to the day"),
    (dict(where=HAJIN), "28 km away, both at a town"),
    (dict(where=AL_QAIM), "9 km away but in Iraq"),
    (dict(sub_event_type="Air/drone strike"), "another event type"),
    (dict(actor1="Military Forces of Russia", actor2="Hezbollah"), "other actors"),
    (dict(modality="negated"), "denied, not reported"),
    (dict(where=SYRIA), "placed only at the country: it cannot say which of the week's clashes it was"),
])
def test_reports_that_cannot_be_one_event_stay_apart(tmp_path, other, why):
    store = new_store(tmp_path)
    values = dict(date="2017-11-15") | other
    date = values.pop("date")
    store_batch(store, [make_result("a", [make_event("a", 0, "2017-11-15")]),
                        make_result("b", [make_event("b", 0, date, **values)])], fixed_clock)
    assert canonical_count(store) == 2, why


@pytest.mark.parametrize("other, why", [
    (dict(date="2017-11-13", precision=2), "a week-precise date around the day"),
    (dict(shift_km=20), "20 km off"),
    (dict(where=DEIR_EZ_ZOR), "only the governorate"),
    (dict(actor1="Unidentified Armed Group (Syria)", actor2=None), "unnamed actors"),
    (dict(actor1="Islamic State", actor2="Military Forces of Syria"), "actors in the other order"),
])
def test_reports_that_fit_merge(tmp_path, other, why):
    store = new_store(tmp_path)
    values = dict(date="2017-11-15") | other
    date = values.pop("date")
    store_batch(store, [make_result("a", [make_event("a", 0, "2017-11-15")]),
                        make_result("b", [make_event("b", 0, date, **values)])], fixed_clock)
    assert canonical_count(store) == 1, why


@pytest.mark.parametrize("other, merged", [("Shelling/artillery/missile attack", True),
                                           ("Remote explosive/landmine/IED", False)])
def test_a_strike_may_be_called_shelling_but_not_a_bomb(tmp_path, other, merged):
    store = new_store(tmp_path)
    store_batch(store, [make_result("a", [make_event("a", 0, "2017-11-15", "Air/drone strike")]),
                        make_result("b", [make_event("b", 0, "2017-11-15", other)])], fixed_clock)
    assert canonical_count(store) == (1 if merged else 2)


def test_one_article_never_merges_with_itself(tmp_path):
    """Two clashes the same day in one article are two events: the article's extraction said so."""
    store = new_store(tmp_path)
    store_batch(store, [make_result("a", [make_event("a", 0, "2017-11-15"), make_event("a", 1, "2017-11-15",
                                                                                       shift_km=3)]),
                        make_result("b", [make_event("b", 0, "2017-11-15", shift_km=1)])], fixed_clock)
    with store.reading() as con:
        sizes = con.execute("SELECT report_count FROM canonical_events ORDER BY 1").fetchall()
    assert sizes == [(1,), (2,)]


def test_a_chain_of_nearby_reports_is_split_the_same_way_in_every_order(tmp_path):
    """A-B 20 km, B-C 20 km, A-C 40 km: not transitive; the answer must still not depend on arrival."""
    chain = [("a", 0.0), ("b", 20.0), ("c", 40.0), ("d", 2.0), ("e", 38.0)]
    answers = set()
    for number, order in enumerate([chain, chain[::-1], [chain[2], chain[0], chain[4], chain[1], chain[3]]]):
        store = new_store(tmp_path, f"chain{number}.duckdb")
        for doc_id, km in order:
            store_batch(store, [make_result(doc_id, [make_event(doc_id, 0, "2017-11-15", shift_km=km)])],
                        fixed_clock)
        answers.add(tuple(signature(store)))
        assert canonical_count(store) == 2
    assert len(answers) == 1


def test_order_and_batching_do_not_change_the_canonical_events(tmp_path):
    results, true_events = synthetic_corpus(seed=7, true_events=30)
    signatures = []
    for number, batch_size in enumerate((1, 7, 100)):
        shuffled = results[:]
        random.Random(number).shuffle(shuffled)
        store = new_store(tmp_path, f"order{number}.duckdb")
        for start in range(0, len(shuffled), batch_size):
            store_batch(store, shuffled[start:start + batch_size], fixed_clock)
        signatures.append(signature(store))
    assert signatures[0] == signatures[1] == signatures[2]
    assert len(signatures[0]) == true_events  # every real event once, none merged with another


def test_dense_reports_merge_alike_in_any_order_and_as_a_rebuild_does(tmp_path):
    results, _ = synthetic_corpus(seed=11, true_events=24, dense=True)
    signatures = []
    for number in range(2):
        shuffled = results[:]
        random.Random(100 + number).shuffle(shuffled)
        store = new_store(tmp_path, f"dense{number}.duckdb")
        for start in range(0, len(shuffled), 5):
            store_batch(store, shuffled[start:start + 5], fixed_clock)
        signatures.append(signature(store))
    assert signatures[0] == signatures[1]
    with store.writing() as con, transaction(con):
        rebuild(con, dt.datetime(2023, 1, 1))
    assert signature(store) == signatures[0]


def test_stored_twice_adds_nothing(tmp_path):
    store = new_store(tmp_path)
    results, _ = synthetic_corpus(seed=3, true_events=10)
    assert store_batch(store, results, fixed_clock) == len(results)
    before = signature(store)
    assert store_batch(store, results, fixed_clock) == 0
    assert signature(store) == before


def test_merging_compares_near_linearly_not_every_pair(monkeypatch):
    """Blocking by date bucket and grid cell: 8x the reports costs about 8x the comparisons, not 64x."""
    calls = 0
    real = merge.compatible

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(merge, "compatible", counting)
    costs = []
    for size in (500, 4000):
        rng = random.Random(size)
        reports = [Report.of(make_event(f"d{n}", 0, (dt.date(2017, 1, 1) + dt.timedelta(
            days=rng.randrange(size // 4))).isoformat(), where=rng.choice([ABU_KAMAL, RAFAH, KHAN_YUNIS]),
            shift_km=rng.uniform(-300, 300))) for n in range(size)]
        calls = 0
        merge.merge(reports)
        costs.append(calls)
    assert costs[1] < 16 * costs[0], costs
