"""War phrasings with words between the verb and its object (triggers.yaml `patterns`)."""
from __future__ import annotations

import pytest
from passages import Passage, extract

from frontline.pipeline.normalize import fold_tones, nfc
from frontline.pipeline.triggers import find_triggers


def triggers_in(sentence: str) -> list[str]:
    folded = fold_tones(nfc(sentence))
    return [t.text for t in find_triggers(folded, 0, len(folded))]


def test_a_launch_of_many_missiles_at_a_country_is_an_attack():
    # vietnews-029934: the strikes on Syria of 14/4/2018, told with the count between verb and weapon
    events = extract(Passage("vietnews-029934", "2018-04-15",
                             "Trong khoảng thời gian từ 00:42 đến lúc 02:10 ngày 14/4, cả ba quốc gia này đã phóng hơn "
                             "100 tên lửa nhằm vào Syria, phần lớn bị bắn hạ bởi không quân Syria."))
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
