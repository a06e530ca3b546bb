"""Where a weapon stopped in the air was stopped when the sentence names no place for it: the
country of the one who stopped it, not of the one who owned what was downed (events/places.py)."""
from __future__ import annotations

import unicodedata

from passages import corpus_texts

from frontline.pipeline import read_candidates, shipped_models
from frontline.pipeline.explanation import Explanation
from frontline.record import Document, Published


def stopped(doc_id: str, published: str, text: str) -> list[str]:
    """The places of the passage's "Disrupted weapons use" readings, every one the rules and models make."""
    assert text in corpus_texts()[doc_id]
    doc = Document(doc_id=doc_id, text=unicodedata.normalize("NFC", text), published=Published.parse(published))
    _, _, candidates = read_candidates(doc, Explanation(doc_id, enabled=False), shipped_models())
    return [c.place.name for c in candidates if c.sub_event_type == "Disrupted weapons use"]


def test_a_plane_downed_by_an_air_defence_is_downed_in_the_defenders_country():
    # vietnews-031476: the Il-20 shot down by Syria's air defence (17/9/2018); "Nga" owns the plane and
    # "Israel" is blamed: neither is where it was downed
    text = ("Bộ Quốc phòng Nga xác nhận trinh sát cơ Il -20 cùng 15 thành viên tổ bay bị lực lượng phòng không "
            "Syria bắn hạ do nhầm lẫn, nhưng khẳng định Israel phải chịu trách nhiệm về sự cố này và doạ áp dụng "
            "biện pháp đáp trả tương xứng.")
    assert stopped("vietnews-031476", "2018-09-24", text) == ["Syria"]


def test_a_place_the_words_give_is_not_moved_to_the_shooters_country():
    # vietnews-029693: MH17 "bị bắn hạ ở phía Đông Ukraine"; "của Malaysia Airlines" is read as the actor
    text = ("Máy bay mang số hiệu MH17 của Malaysia Airlines đã bị bắn hạ ở phía Đông Ukraine vào ngày 17/7/2014, "
            "giữa lúc cuộc xung đột nơi đây đang diễn ra.")
    assert "Malaysia" not in stopped("vietnews-029693", "2019-05-31", text)
