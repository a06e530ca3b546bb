"""The bundled seed article, field by field: the row an analyst gets for each of its six events."""
from __future__ import annotations

from pathlib import Path

import pytest

from frontline.batch import process_item
from frontline.io import read_inputs

SEED = Path(__file__).resolve().parents[1] / "examples" / "albu_kamal_2017-11.txt"


@pytest.fixture(scope="module")
def seed_events():
    [result] = [process_item(item) for item in read_inputs([str(SEED)])]
    return result.events


def test_the_six_events_with_their_actors_dates_and_modality(seed_events):
    reported = sorted((e.event_date, e.time_precision, e.sub_event_type, e.actor1, e.location, e.modality,
                       e.claimed_by) for e in seed_events if e.exported_by_default)
    assert reported == [
        ("2017-11-05", 2, "Non-violent transfer of territory", "Islamic State", "Al Qa'im", "asserted", None),
        ("2017-11-08", 1, "Government regains territory", "Military Forces of Syria", "Albu Kamal", "claimed",
         "Military Forces of Syria"),
        ("2017-11-11", 1, "Non-state actor overtakes territory", "Islamic State", "Albu Kamal", "asserted", None),
        ("2017-11-15", 1, "Armed clash", "Military Forces of Syria", "Albu Kamal", "asserted", None),
        ("2017-11-15", 2, "Air/drone strike", "Military Forces of Russia", "Albu Kamal", "asserted", None),
        ("2017-11-16", 2, "Armed clash", "Islamic State", "Albu Kamal", "asserted", None),
    ]


def test_futures_are_kept_apart_and_damascus_is_no_place(seed_events):
    planned = [e for e in seed_events if e.modality == "planned"]
    assert planned, "the planned assault and air strikes are kept, as planned"
    assert all(e.location != "Damascus" for e in seed_events)


def test_places_sources_and_evidence(seed_events):
    abu_kamal = next(e for e in seed_events if e.sub_event_type == "Non-state actor overtakes territory"
                     and e.exported_by_default)  # the retake of 11/11, not a planned assault of the same type
    assert (abu_kamal.geonameid, abu_kamal.admin1, abu_kamal.country, abu_kamal.iso3) == (
        174448, "Deir ez-Zor", "Syria", "SYR")
    assert abs(abu_kamal.latitude - 34.45226) < 1e-4 and abs(abu_kamal.longitude - 40.91854) < 1e-4
    assert abu_kamal.sources == ["Al Masdar News", "Amaq News Agency", "Fars News Agency"]
    text = SEED.read_text(encoding="utf-8")
    trigger = next(s for s in abu_kamal.evidence if s.role == "trigger")
    assert trigger.text == "tái chiếm"
    # offsets are into the article text as read (the leading " date 2017-11 " is not part of it)
    assert trigger.text in text


@pytest.mark.parametrize("published", ["2017-11", "2017-11-18", "2017-11-20", "2017-11-25"])
def test_a_full_publication_date_changes_nothing_the_article_says(published, tmp_path):
    """The seed is a photo story: its captions are its body, so a dated caption is news, not a file photo."""
    text = SEED.read_text(encoding="utf-8").replace(" date 2017-11 ", f" date {published} ", 1)
    article = tmp_path / SEED.name
    article.write_text(text, encoding="utf-8")
    [result] = [process_item(item) for item in read_inputs([str(article)])]
    reported = sorted((e.event_date, e.sub_event_type, e.actor1, e.modality) for e in result.events
                      if e.exported_by_default)
    assert reported == sorted([
        ("2017-11-05", "Non-violent transfer of territory", "Islamic State", "asserted"),
        ("2017-11-08", "Government regains territory", "Military Forces of Syria", "claimed"),
        ("2017-11-11", "Non-state actor overtakes territory", "Islamic State", "asserted"),
        ("2017-11-15", "Armed clash", "Military Forces of Syria", "asserted"),
        ("2017-11-15", "Air/drone strike", "Military Forces of Russia", "asserted"),
        ("2017-11-16", "Armed clash", "Islamic State", "asserted"),
    ])
