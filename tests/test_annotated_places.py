"""Villages GeoNames lacks, learned from the train coding (frontline/learn/places.py, geo/annotated.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontline.geo.annotated import load_annotated
from frontline.geo.gazetteer import gazetteer
from frontline.learn.places import harvest, name_forms, written_as

TRAIN = Path(__file__).resolve().parents[1] / "data" / "annotated" / "vi" / "train"


@pytest.mark.slow
def test_the_shipped_places_are_what_the_train_coding_makes():
    assert harvest(TRAIN) == load_annotated()


def test_every_place_comes_from_train_articles():
    train_ids = {json.loads(line)["id"] for line in (TRAIN / "articles.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()}
    places = load_annotated()
    assert len(places) >= 40
    for place in places:
        assert place.docs and set(place.docs) <= train_ids, place.name


def test_a_coders_name_is_found_as_the_article_writes_it():
    # the coder writes the kind of place and a second name; the article writes the name alone
    assert {"Tiyas", "T-4"} <= name_forms("Tiyas (T-4) airbase")
    assert "Mazzeh" in name_forms("Mazzeh Air Base")
    text = "Quân đội Syria vẫn đang đấu tranh giành giật ngọn đồi chủ chốt Tal al - Malah hôm qua"
    assert written_as(text, "Tal al-Malah") == "Tal al - Malah"
    assert written_as("trục xuất phiến quân khỏi thị trấn Jibeen gần đó", "Jibeen") == "Jibeen"
    assert written_as("ngọn đồi jibeen", "Jibeen") is None   # a name begins with a capital letter


def test_a_village_geonames_lacks_is_read_after_its_cue():
    # vietnews-029591, an article of another corpus than the train coding
    text = ("Tới thời điểm này, phiến quân đã chiếm được 2 làng Jibeen và Tell Meleh ở phía Bắc Hama "
            "từ tay các binh sĩ chính phủ")
    found = {m.text: m.place for m in gazetteer().find(text)}
    assert found["Jibeen"].iso2 == "SY" and found["Jibeen"].admin1 == "Hama"
    assert found["Tell Meleh"].iso2 == "SY"
    assert abs(found["Jibeen"].latitude - 35.3) < 0.3   # north of Hama, not the province's centre


def test_a_village_of_unknown_size_needs_a_cue():
    # with no cue a name of no known population is no place ("Kabani" could be a surname)
    assert not [m for m in gazetteer().find("Kabani nói rằng ông sẽ trở lại") if m.text == "Kabani"]
    assert [m for m in gazetteer().find("lực lượng Syria đã triển khai tới gần làng Kabani") if m.text == "Kabani"]


def test_places_are_never_learned_from_the_held_out_part(capsys):
    from frontline.learn.places import main

    with pytest.raises(SystemExit):
        main([str(TRAIN.parent / "heldout"), "-o", "/dev/null"])
    assert "train folder only" in capsys.readouterr().err


def test_a_bad_entry_in_the_places_file_is_named(tmp_path):
    bad = tmp_path / "annotated_places.yaml"
    bad.write_text('places:\n  - name: "Kabani"\n    spellings: ["Kabani"]\n    iso2: SY\n    lat: 135.7\n'
                   '    lon: 36.2\n    docs: [pool-01865]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad entry"):
        load_annotated(bad)
    bad.write_text('places:\n  - name: "Kabani"\n    iso2: SY\n', encoding="utf-8")
    with pytest.raises(ValueError, match="spellings"):
        load_annotated(bad)
