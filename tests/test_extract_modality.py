"""How sure the text is that an event happened, on real passages (issue 3).

CODING.md: code an event when the article reports it as having happened
(asserted) or as announced by a party to it (claimed, with claimed_by: an army,
a ministry of defence, a group announcing its own deed). Plans, threats,
forecasts, conditionals and denials are not events: frontline keeps them with
modality planned / hypothetical / negated, and `extract` returns them only with
all_modalities=True.

Every passage is copied verbatim from /work/shared/corpus (never from the
evaluation sets); the article id is given and test_passages_are_verbatim checks
it. Undated VietNews articles get a plausible publication day, said in the comment.
"""
from __future__ import annotations

import pytest
from passages import Passage, corpus_texts, extract

from frontline.record import Event


def the(events: list[Event], sub_event_type: str) -> Event:
    found = [e for e in events if e.sub_event_type == sub_event_type]
    assert len(found) == 1, [(e.sub_event_type, e.modality, e.location) for e in events]
    return found[0]


P = {
    # -- claimed: a party announces its own deed --------------------------------------------
    # vietnews-031086: the IDF shoot-down of 11-12/7/2018 (the article's Quneitra strike is 12/7)
    "claimed_idf": Passage("vietnews-031086", "2018-07-12",
        "Sputnik đưa tin, thông cáo của Lực lượng Phòng vệ Israel (IDF) cho hay 1 máy bay không người "
        "lái (UAV) không rõ nguồn gốc xâm nhập không phận Israel bị lực lượng này bắn hạ bằng tên lửa "
        "phòng không Patriot."),
    # vietnews-034051: the Russian MoD statement "hôm 27/5" (2018)
    "claimed_russian_mod": Passage("vietnews-034051", "2018-05-28",
        "Bộ Quốc phòng Nga hôm 27/5 cho hay 4 quân nhân nước này đã thiệt mạng trong các trận giao tranh "
        "tại tỉnh Deir Ezzor."),
    # vietnews-031893: the al-Nuri mosque in Mosul retaken "ngày 29/6" (2017)
    "claimed_iraq": Passage("vietnews-031893", "2017-06-30",
        "Tư lệnh quân đội Iraq ngày 29/6 xác nhận đã giành lại Đại giáo đường al - Nuri bị IS chiếm đóng "
        "3 năm qua."),
    # vietnews-041081: Marawi was declared liberated on 17/10/2017; this is the days after
    "claimed_philippines": Passage("vietnews-041081", "2017-10-31",
        "Quan chức quân đội Philippines hôm qua tiết lộ nước này đang tiến hành đợt không kích và tấn công "
        "nhằm vào 40 phiến quân thề trung thành tổ chức Nhà nước Hồi giáo (IS) tự xưng do Owayda Benito "
        "Marohombsar dẫn đầu."),
    # vietnews-029868: the MoD statement "hôm 4/9" (2017)
    "claimed_shelling_two_dead": Passage("vietnews-029868", "2017-09-05",
        "Hãng tin Sputnik dẫn nguồn tin từ bộ Quốc phòng Nga hôm 4/9 cho hay, hai lính đánh thuê Nga vừa "
        "thiệt mạng trong một vụ pháo kích được thực hiện bởi những kẻ khủng bố của tổ chức Nhà nước Hồi "
        "giáo tự xưng (IS) ở tỉnh Deir ez - Zor của Syria."),
    # vietnews-033482: Syria on the Israeli strikes of 10/5/2018; "khẳng định" (affirm) holds "định"
    "claimed_affirmed": Passage("vietnews-033482", "2018-05-11",
        "Damascus khẳng định đã bắn hạ nhiều tên lửa Israel, đồng thời bác bỏ thông tin do Tel Aviv đưa ra "
        "rằng nhiều binh sĩ Syria đã thiệt mạng trong vụ không kích"),
    # -- planned ----------------------------------------------------------------------------
    # vietnews-032443: after IS's execution video "hôm 5/8" (2018)
    "planned_preparing": Passage("vietnews-032443", "2018-08-06",
        "Ngoài ra, quân đội Syria cũng đang chuẩn bị tiến hành một cuộc tấn công nhằm xoá bỏ khu vực của "
        "IS ở Al - Sweida."),
    # vietnews-033101: "vào thứ tư 09/11" is Wednesday 9 November 2016
    "planned_coming_days": Passage("vietnews-033101", "2016-11-10",
        "Theo một quan chức Bộ Quốc phòng Nga cho biết vào thứ tư 09/11, Moscow sẽ tiếp tục các cuộc không "
        "kích dữ dội nhắm vào phiến quân ở Aleppo trong những ngày tới."),
    # -- negated ----------------------------------------------------------------------------
    # vietnews-033465: the Mashara fighting "Hôm 15/7" (2018)
    "negated_denied_capture": Passage("vietnews-033465", "2018-07-16",
        "Tuy nhiên, một thủ lĩnh của lực lượng phiến quân đã phủ nhận thông tin quân Chính phủ Syria đã "
        "chiếm được ngôi làng và cho rằng giao tranh vẫn tiếp diễn."),
    # vietnews-034189: the rocket attack on Hmeimim, summer 2019
    "negated_denied_attack": Passage("vietnews-034189", "2019-07-10",
        "Dù vậy, phiến quân phủ nhận tấn công tên lửa vào căn cứ của Nga."),
    # vietnews-057092: an anniversary piece on the Gulf of Sidra incident (19/8)
    "negated_no_fighting": Passage("vietnews-057092", "2018-08-19",
        "Dù không nổ ra giao tranh, các tiêm kích Mỹ và không quân Lybia vẫn thực hiện nhiều động tác cơ "
        "động nguy hiểm."),
    # vietnews-050705: Trump's warning on Idlib, 3-4/9/2018
    "negated_warning": Passage("vietnews-050705", "2018-09-05",
        "Trump hôm qua tiếp tục tuyên bố Syria \" không được liều lĩnh tấn công tỉnh Idlib \", cho rằng "
        "chiến dịch quân sự với sự hậu thuẫn của Nga và Iran vào khu vực này sẽ là \" sai lầm nhân đạo "
        "khủng khiếp \" có thể khiến \" hàng trăm nghìn người thiệt mạng \"."),
    # vietnews-040571: Trump's tweet of 16/8/2017
    "negated_title": Passage("vietnews-040571", "2017-08-17",
        "Trump nói Kim Jong-un khôn ngoan khi không tấn công Guam"),
    # -- hypothetical -----------------------------------------------------------------------
    "hypothetical_avoid_clash": Passage("dantri-news_world_056", "2021-05-01",
        "Hôm nay, tại Yangon - trung tâm thương mại và là nơi phong trào biểu tình diễn ra dữ dội nhất, các "
        "cuộc tuần hành đã được tổ chức trong thời gian ngắn nhằm tránh đụng độ với cảnh sát, quân đội."),
    # vietnews-053294: before the battle of Mosul (October 2016)
    "hypothetical_if": Passage("vietnews-053294", "2016-10-17",
        "IS nhiều khả năng sẽ rút vào sa mạc nếu thất thủ ở Mosul."),
    # vietnews-031856: an analysis of North Korea's chemical arsenal (2017)
    "hypothetical_could": Passage("vietnews-031856", "2017-09-20",
        "Theo chuyên gia quân sự Kyle Mizokami của tạp chí quốc phòng National Interest, nhờ vào kho tên "
        "lửa và đạn pháo của mình, Bình Nhưỡng có thể dễ dàng triển khai vũ khí hoá học và nhiều khả năng "
        "sẽ tấn công Hàn Quốc từ khu vực phi quân sự (DMZ) tới thành phố cảng Busan."),
}


def test_passages_are_verbatim():
    texts = corpus_texts()
    for key, p in P.items():
        assert p.doc in texts, key
        assert p.text in texts[p.doc], f"{key}: not a verbatim passage of {p.doc}"


# -- asserted and claimed are exported ----------------------------------------------------------

def test_claimed_by_the_idf():
    # vietnews-031086: "thông cáo của Lực lượng Phòng vệ Israel (IDF) cho hay ... bị lực lượng này bắn hạ"
    e = the(extract(P["claimed_idf"]), "Disrupted weapons use")
    assert (e.modality, e.claimed_by) == ("claimed", "Military Forces of Israel")
    assert e.actor1 == "Military Forces of Israel"
    assert e.country == "Israel"
    assert "Sputnik" in e.sources


def test_claimed_by_a_ministry_of_defence():
    # vietnews-034051: an announcement by a ministry of defence is a claim by that military
    e = the(extract(P["claimed_russian_mod"]), "Armed clash")
    assert (e.modality, e.claimed_by) == ("claimed", "Military Forces of Russia")
    assert (e.country, e.admin1) == ("Syria", "Deir ez-Zor")
    assert (e.fatalities, e.fatalities_known) == (4, True)


def test_claimed_by_an_army_commander():
    # vietnews-031893: "Tư lệnh quân đội Iraq ... xác nhận đã giành lại ..."
    e = the(extract(P["claimed_iraq"]), "Government regains territory")
    assert (e.modality, e.claimed_by) == ("claimed", "Military Forces of Iraq")
    assert (e.actor1, e.actor2) == ("Military Forces of Iraq", "Islamic State")
    assert e.country == "Iraq"


def test_claimed_by_army_officials():
    # vietnews-041081: "Quan chức quân đội Philippines ... tiết lộ nước này đang tiến hành đợt không kích"
    e = the(extract(P["claimed_philippines"]), "Air/drone strike")
    assert (e.modality, e.claimed_by) == ("claimed", "Military Forces of the Philippines")
    assert e.actor1 == "Military Forces of the Philippines"
    assert e.country == "Philippines"


def test_claimed_shelling_with_fatalities_as_a_number_word():
    # vietnews-029868: "hai lính đánh thuê Nga vừa thiệt mạng" -> 2
    e = the(extract(P["claimed_shelling_two_dead"]), "Shelling/artillery/missile attack")
    assert (e.modality, e.claimed_by) == ("claimed", "Military Forces of Russia")
    assert (e.country, e.admin1) == ("Syria", "Deir ez-Zor")
    assert (e.fatalities, e.fatalities_known) == (2, True)
    assert "Sputnik" in e.sources


def test_a_word_that_holds_a_cue_in_another_sense_is_no_cue():
    # modality.yaml not_cues: "khẳng định" (affirm) is no "định" (intend): the government affirms a
    # deed done, so the deed is claimed, not planned
    e = the(extract(P["claimed_affirmed"], all_modalities=True), "Disrupted weapons use")
    assert (e.modality, e.claimed_by, e.actor1) == ("claimed", "Government of Syria", "Military Forces of Syria")


# a time past before the war word: "tháng trước" (last month) holds "trước" (ahead of), which makes a
# noun or verb right after it a deed awaited; each sentence is verbatim from the article named
PAST_TIMES = [
    ("vietnews-057877", "Ankara tháng trước mở cuộc tấn công trên không và trên bộ nhằm vào các dân quân người "
     "Kurd ở vùng Afrin, Syria, sát biên giới", "cuộc tấn công"),
    ("vietnews-038158", "Hàng nghìn người cuối tuần trước biểu tình để kêu gọi bắt giữ ông Yameen", "biểu tình"),
]


@pytest.mark.parametrize("doc, sentence, war_word", PAST_TIMES, ids=[c[2] for c in PAST_TIMES])
def test_a_time_past_before_the_war_word_is_no_deed_awaited(doc, sentence, war_word):
    from frontline.lang.language import language
    from frontline.pipeline.mentions.modality import modality_of
    from frontline.pipeline.text.normalize import fold_tones

    assert sentence in corpus_texts()[doc]
    folded = fold_tones(sentence)
    read = modality_of(language("vi").modality, folded, 0, len(folded), sentence.index(war_word), [])
    assert read.value == "asserted", read


def test_claimed_events_are_exported_by_default():
    for key in ("claimed_idf", "claimed_russian_mod", "claimed_iraq"):
        events = extract(P[key])
        assert events and all(e.exported_by_default for e in events), key


# -- planned, negated, hypothetical: kept, but only with all_modalities -------------------------

@pytest.mark.parametrize("key, modality, sub_event_type", [
    # vietnews-032443: "đang chuẩn bị tiến hành một cuộc tấn công"
    ("planned_preparing", "planned", None),
    # vietnews-033101: "sẽ tiếp tục các cuộc không kích ... trong những ngày tới"
    ("planned_coming_days", "planned", "Air/drone strike"),
    # vietnews-033465: "phủ nhận thông tin quân Chính phủ Syria đã chiếm được ngôi làng"
    ("negated_denied_capture", "negated", "Government regains territory"),
    # vietnews-034189: "phiến quân phủ nhận tấn công tên lửa"
    ("negated_denied_attack", "negated", "Shelling/artillery/missile attack"),
    # vietnews-057092: "Dù không nổ ra giao tranh"
    ("negated_no_fighting", "negated", "Armed clash"),
    # vietnews-053294: "nếu thất thủ ở Mosul"
    ("hypothetical_if", "hypothetical", "Non-state actor overtakes territory"),
    # vietnews-031856: "có thể dễ dàng triển khai vũ khí hoá học và nhiều khả năng sẽ tấn công"
    ("hypothetical_could", None, "Chemical weapon"),
])
def test_unreal_events_only_with_all_modalities(key, modality, sub_event_type):
    p = P[key]
    assert extract(p) == []
    kept = extract(p, all_modalities=True)
    assert kept
    assert all(e.modality in ("planned", "negated", "hypothetical") for e in kept)
    if modality:
        assert {e.modality for e in kept} == {modality}
    if sub_event_type:
        assert sub_event_type in {e.sub_event_type for e in kept}


def test_planned_attack_keeps_its_actors_and_place():
    # vietnews-032443: the army's planned attack on IS in al-Sweida
    kept = extract(P["planned_preparing"], all_modalities=True)
    assert len(kept) == 1
    e = kept[0]
    assert e.modality == "planned"
    assert (e.actor1, e.actor2) == ("Military Forces of Syria", "Islamic State")
    assert (e.country, e.admin1) == ("Syria", "As-Suwayda")


def test_hypothetical_clash_beside_a_real_protest():
    # dantri-news_world_056: the marches happened; the clash they avoided did not
    events = extract(P["hypothetical_avoid_clash"])
    e = the(events, "Peaceful protest")
    assert (e.modality, e.actor1) == ("asserted", "Protesters (Myanmar)")
    assert (e.country, e.location) == ("Myanmar", "Yangon")
    assert (e.event_date, e.time_precision) == ("2021-05-01", 1)
    unreal = [x for x in extract(P["hypothetical_avoid_clash"], all_modalities=True) if x not in events]
    assert unreal and {x.modality for x in unreal} == {"hypothetical"}


@pytest.mark.parametrize("key", [
    # vietnews-050705: a warning not to attack Idlib
    "negated_warning",
    # vietnews-040571: "khi không tấn công Guam"
    "negated_title",
])
def test_warnings_and_attacks_that_did_not_happen_are_not_events(key):
    assert extract(P[key]) == []
