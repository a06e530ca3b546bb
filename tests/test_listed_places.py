"""Villages a sentence lists beside a known place: one event each, placed where the list lies."""
from __future__ import annotations

import pytest
from passages import Passage, extract

from frontline.geo import gazetteer
from frontline.geo.cues import cues
from frontline.pipeline.listed_places import listed_names
from frontline.record import Event


def names_listed(sentence: str) -> list[tuple[str, list[str]]]:
    """For each place the gazetteer finds in the sentence: the unknown names listed with it."""
    mentions = gazetteer().find(sentence)
    known = [(m.start, m.end) for m in mentions]
    out = []
    for m in mentions:
        out.append((m.text, [n.name for n in listed_names(sentence, 0, len(sentence), m, known, cues())]))
    return out


def test_villages_in_a_district_in_a_state():
    # vietnews-023589: the list lies in a district that lies in an area of a state; names keep their spelling,
    # the spaced hyphen closed up
    s = ("Những nơi bị ảnh hưởng nặng nhất bao gồm các làng Razat, Ruku, Nyarr, Kura và Gana - Ropp của "
         "huyện Gashish thuộc vùng Barkin Ladi, bang Plateau.")
    assert ("Barkin Ladi", ["Razat", "Ruku", "Nyarr", "Kura", "Gana-Ropp"]) in names_listed(s)


def test_an_address_is_not_a_list():
    # vietnews-049207: "căn cứ quân sự Ghazlani, Mosul, Iraq" is a base in Mosul, not two places
    s = "50 người đầu tuần này bị hành quyết vì đào tẩu tại căn cứ quân sự Ghazlani, Mosul, Iraq."
    assert all(names == [] for _, names in names_listed(s))


def test_two_lists_joined_are_one_list_in_one_province():
    # vietnews-033224: "cũng như" joins two lists; all six lie in Aleppo
    s = ("Khu vực Til Milih, Cebib và Kefir Ziat cũng như Rashidin, Jazraya và Zimar ở Aleppo cũng trở thành "
         "mục tiêu bị tấn công.")
    assert ("Aleppo", ["Til Milih", "Cebib", "Kefir Ziat", "Rashidin", "Jazraya", "Zimar"]) in names_listed(s)


@pytest.fixture(scope="module")
def strike() -> list[Event]:
    # vietnews-033249 (early 2017): one missile strike on three districts of Aleppo GeoNames lacks
    return extract(Passage("vietnews-033249", "2017-02-10",
                           "Để đáp trả, quân Chính phủ Syria đã bắn tên lửa nhằm vào khủng bố ở những vùng "
                           "Bashantara, Hoor và Bashqatin ở Aleppo, phá huỷ nhiều vũ khí của chúng như bệ phóng "
                           "tên lửa, đại bác."))


def test_one_strike_on_three_listed_villages_is_three_events(strike):
    shelling = [e for e in strike if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert [e.location for e in shelling] == ["Bashantara", "Hoor", "Bashqatin", "Aleppo"]
    for e in shelling[:3]:
        assert (e.country, e.admin1, e.geonameid, e.geo_precision) == ("Syria", "Aleppo", None, 2)
        assert e.actor1 == "Military Forces of Syria"
    assert len({e.event_id for e in shelling[:3]}) == 3  # same trigger and point, three events
