"""A seat of power named where a crowd gathers is its city (geo/landmarks.py, lang/vi/landmarks.yaml).

Sentences are copied from /work/shared/corpus/vietnews-sample.jsonl (never the eval sets).
"""
from __future__ import annotations

import pytest
from passages import Passage, corpus_texts, extract

from frontline.geo import gazetteer


def places(sentence: str) -> list[tuple[str, str, str | None]]:
    mentions = gazetteer().find(sentence)
    for m in mentions:
        assert sentence[m.start:m.end] == m.text
    return [(m.text, m.place.name, m.cue) for m in mentions]


@pytest.mark.parametrize("doc, sentence, expected", [
    ("vietnews-040527", "Người dân biểu tình bên ngoài Nhà Trắng hôm 23/3 để phản đối kế hoạch bãi bỏ Obamacare "
     "của Tổng thống Trump", [("Nhà Trắng", "Washington", "bên ngoài")]),
    ("vietnews-042896", "Hàng trăm người đã biểu tình gần Nhà Trắng hôm 10/1 để kêu gọi Trump mở cửa chính phủ",
     [("Nhà Trắng", "Washington", "gần")]),
])
def test_a_landmark_after_a_locative_is_its_city(doc, sentence, expected):
    assert sentence in corpus_texts()[doc]
    assert places(sentence) == expected


@pytest.mark.parametrize("doc, sentence", [
    # a speech made before parliament or outside the White House places the speech, not a deed
    ("vietnews-040901", "Đây là quyết định mà tôi chắc chắn sẽ không thực hiện \", Chủ tịch Hội đồng Tham mưu "
     "trưởng Liên quân Mỹ Joseph Dunford tuyên bố trước Quốc hội Mỹ hôm 26/9"),
    ("vietnews-022901", "Phát biểu trước báo giới bên ngoài Nhà Trắng ngày 25-3, bà Sarah Sanders, thư ký báo chí "
     "Nhà Trắng, cho biết các lệnh trừng phạt đã áp sẽ vẫn giữ nguyên"),
])
def test_a_landmark_where_someone_speaks_is_no_place(doc, sentence):
    assert sentence in corpus_texts()[doc]
    assert not [p for p in places(sentence) if p[1] in ("Washington", "London")]


def test_a_parliament_is_in_the_capital_of_the_country_named_after_it():
    # vietnews-049308 names the city itself; the parliament of a country named after it is its capital's
    sentence = "Hàng nghìn người đã tuần hành trước Quốc hội Hàn Quốc để yêu cầu tổng thống từ chức"
    assert places(sentence) == [("Quốc hội Hàn Quốc", "Seoul", "trước")]
    assert places("Quốc hội Mỹ đã thông qua dự luật") == [("Mỹ", "United States", None)]


def test_a_protest_outside_the_white_house_is_in_washington():
    passage = Passage("vietnews-042896", "2019-01-11",
                      "Hàng trăm người đã biểu tình gần Nhà Trắng hôm 10/1 để kêu gọi Trump mở cửa chính phủ.")
    assert passage.text[:-1] in corpus_texts()[passage.doc]
    protests = [e for e in extract(passage) if e.event_type == "Protests"]
    assert [(e.location, e.country, e.event_date) for e in protests] == [("Washington", "United States", "2019-01-10")]
