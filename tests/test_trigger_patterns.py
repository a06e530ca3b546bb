"""War phrasings with words between the verb and its object (triggers.yaml `patterns`)."""
from __future__ import annotations

import pytest
from passages import Passage, extract

from frontline.lang.language import language
from frontline.pipeline.mentions.triggers import find_triggers
from frontline.pipeline.text.normalize import fold_tones, nfc


def triggers_in(sentence: str) -> list[str]:
    folded = fold_tones(nfc(sentence))
    return [t.text for t in find_triggers(language("vi").triggers, folded, 0, len(folded))]


def test_a_launch_of_many_missiles_at_a_country_is_an_attack():
    # vietnews-029934: the strikes on Syria of 14/4/2018, told with the count between verb and weapon.
    # The pattern's reading is the rules'; the shipped type model weighs the shoot-down clause of the
    # same sentence and is split on it (docs/known-extraction-errors.md, "Learned parts")
    events = extract(Passage("vietnews-029934", "2018-04-15",
                             "Trong khoảng thời gian từ 00:42 đến lúc 02:10 ngày 14/4, cả ba quốc gia này đã phóng hơn "
                             "100 tên lửa nhằm vào Syria, phần lớn bị bắn hạ bởi không quân Syria."), rules_only=True)
    attack = next(e for e in events if e.event_type == "Explosions/Remote violence")
    assert (attack.country, attack.event_date) == ("Syria", "2018-04-14")
    assert any(s.role == "trigger" and s.text == "phóng hơn 100 tên lửa nhằm vào" for s in attack.evidence)


@pytest.mark.parametrize("sentence, trigger", [
    # vietnews-054601: the Berlin market attack, "lao chiếc xe với tốc độ cao vào chợ"
    ("Amri bị cáo buộc giết một tài xế xe tải và lao chiếc xe với tốc độ cao vào chợ Giáng sinh ở Berlin hôm "
     "19/12, làm 12 người thiệt mạng và 49 người bị thương.", "lao chiếc xe với tốc độ cao vào chợ"),
    # vietnews-021268: the New York truck attack of 31/10/2017
    ("Theo lời Mike, sau khi đâm thẳng vào nhiều người đi bộ, nghi phạm lái chiếc xe van màu trắng lên lề đường.",
     "đâm thẳng vào nhiều người đi bộ"),
])
def test_a_vehicle_driven_into_people_is_read(sentence, trigger):
    assert trigger in triggers_in(sentence)


def test_a_missile_launched_into_the_sea_is_no_attack():
    # vietnews-037081: a North Korean test, not an attack on anyone
    assert triggers_in("Triều Tiên phóng tên lửa đạn đạo xuống biển Nhật Bản.") == []


def test_a_weapons_cache_found_by_an_army_is_disrupted_weapons_use():
    # vietnews-079866: a sweep of Deir ez-Zor; ACLED codes seized weapons as Disrupted weapons use
    events = extract(Passage("vietnews-079866", "2019-01-31",
                             "Theo AMN, trong một chiến dịch càn quét, rà soát vũ khí ở tỉnh Deir ez - Zor, quân đội "
                             "Syria đã phát hiện lượng lớn vũ khí, đạn dược, trang thiết bị truyền thông do phiến quân "
                             "để lại."))
    found = next(e for e in events if e.sub_event_type == "Disrupted weapons use")
    assert (found.country, found.admin1, found.actor1) == ("Syria", "Deir ez-Zor", "Military Forces of Syria")
    assert any(s.role == "trigger" and s.text == "phát hiện lượng lớn vũ khí" for s in found.evidence)


@pytest.mark.parametrize("sentence", [
    # vietnews-048920: a gunman's weapon confiscated by the police is police work, not a cache
    "Tay súng, hơn 30 tuổi, bị bắt và tịch thu vũ khí ngay khi xuống ga tiếp theo, Reuters dẫn lời người phát "
    "ngôn cảnh sát Atlanta cho biết.",
    # vietnews-036636: inspectors looking for chemical weapons
    "Theo Nga, OPCW đã xác nhận không tìm thấy vũ khí hoá học nào tại một trung tâm nghiên cứu gần thủ đô Damascus.",
])
def test_weapons_confiscated_or_looked_for_are_no_cache(sentence):
    folded = fold_tones(nfc(sentence))
    assert [t for t in find_triggers(language("vi").triggers, folded, 0, len(folded)) if t.kind == "Disrupted weapons use"] == []
