"""Villages a sentence lists beside a known place: one event each, placed where the list lies."""
from __future__ import annotations

import pytest
from passages import Passage, corpus_texts, extract

from frontline.geo import gazetteer
from frontline.geo.cues import cues
from frontline.pipeline.events.listed_places import listed_names
from frontline.record import Event


def names_listed(sentence: str) -> list[tuple[str, list[str]]]:
    """For each place the gazetteer finds in the sentence: the unknown names listed with it."""
    mentions = gazetteer().find(sentence)
    known = [(m.start, m.end) for m in mentions]
    out = []
    for m in mentions:
        out.append((m.text, [n.name for n in listed_names(sentence, 0, len(sentence), m, known, cues(),
                                                          gazetteer().syllables)]))
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


def test_a_name_listed_with_its_own_kind_of_place_is_in_the_list():
    # pool-04767 (never coded): "gần Jarablus và thị trấn Cobanbey" lists a town GeoNames lacks after its own
    # kind of place ("thị trấn"); the names of an address stay apart however each is introduced
    s = ("các nhóm nổi dậy thân Thổ Nhĩ Kỳ đã chiếm được nhiều làng mạc dọc biên giới gần Jarablus và thị trấn "
         "Cobanbey từ tay IS.")
    assert s in corpus_texts()["pool-04767"]
    assert ("Jarablus", ["Cobanbey"]) in names_listed(s)
    # vietnews-034038: "đang ở làng Darenjo, huyện Qalat" is an address, each name with its own kind
    address = ("Hidayat Ullah, một thành viên của tổ chức Nhà nước Hồi giáo (IS) tự xưng, đang ở làng Darenjo, "
               "huyện Qalat.")
    assert address in corpus_texts()["vietnews-034038"]
    assert all(names == [] for _, names in names_listed(address))


def test_two_lists_joined_are_one_list_in_one_province():
    # vietnews-033224: "cũng như" joins two lists; all six lie in Aleppo
    s = ("Khu vực Til Milih, Cebib và Kefir Ziat cũng như Rashidin, Jazraya và Zimar ở Aleppo cũng trở thành "
         "mục tiêu bị tấn công.")
    assert ("Aleppo", ["Til Milih", "Cebib", "Kefir Ziat", "Rashidin", "Jazraya", "Zimar"]) in names_listed(s)


def test_names_written_with_their_article_are_villages_of_the_list():
    # pool-00275: "al - Zuka", "al - Arbaeen" open with a lower-case article; they were no name at all
    s = ("Trong khi đó, tiêm kích Nga và Syria cùng các đơn vị pháo Syria đã tấn công vào các vị trí của khủng "
         "bố ở thị trấn al - Latamineh, Kafar Zita, al - Zuka, al - Arbaeen và Khan Sheikhoun ở Bắc Hama và "
         "Nam Idlib.")
    assert s in corpus_texts()["pool-00275"]
    listed = dict(names_listed(s))
    assert {"al-Zuka", "al-Arbaeen", "Kafar Zita"} <= set(listed["Khan Sheikhoun"])


def test_a_place_has_the_list_lying_in_it_and_the_list_it_goes_on_with():
    # pool-00236: three towns lie in northern Hama, and the list goes on ("cũng như") with five names
    # of southern Idlib; a name written with its apostrophe apart is one name
    s = ("Tuy nhiên, theo trang al - Watan tiếng Ả Rập, lực lượng không quân Syria đã tấn công vào các vị trí "
         "quân sự cũng như các hoạt động của khủng bố ở thị trấn al - Zuka, al - Latamineh và Kafar Zita ở Bắc "
         "Hama cũng như Sheikh Mustafa, al - Rakaya, Kafar Sanjeh, al - Baredeh, Ma ’ ar Zita và Khan Sheikhoun "
         "ở Nam Idlib phá huỷ nhiều căn cứ của khủng bố cũng như gây thương vong lớn cho lực lượng này.")
    assert s in corpus_texts()["pool-00236"]
    listed = dict(names_listed(s))
    assert listed["Hama"] == ["al-Zuka", "al-Latamineh", "Kafar Zita", "Sheikh Mustafa", "al-Rakaya",
                              "Kafar Sanjeh", "al-Baredeh", "Ma’ar Zita"]


def test_villages_of_one_strike_stay_apart_beside_a_province_event():
    # pool-00236: the strike on the villages of northern Hama and the strike on southern Idlib told in the
    # next sentences are of one type and day; the province's event led the group and swallowed every
    # village of the first strike, which are events of their own (one per named place)
    text = corpus_texts()["pool-00236"]
    start = text.index("Tuy nhiên, theo trang al - Watan")
    passage = text[start:text.index("\n", text.index("Các đơn vị tên lửa và pháo", start))]
    events = extract(Passage("pool-00236", "2019-07-08", passage))
    places = {e.location for e in events if e.event_type == "Explosions/Remote violence"}
    assert {"al-Zuka", "Kafar Zita", "Sheikh Mustafa", "al-Rakaya"} <= places


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


# -- parts of provinces ------------------------------------------------------------------------

IDLIB_CITY = (35.9306, 36.6339)


def test_a_direction_before_a_province_names_that_part_of_it():
    # vietnews-029917 (early 2017): "ở miền Bắc Idlib" is Northern Idlib, not the city nor the centroid
    (e,) = extract(Passage("vietnews-029917", "2017-01-25",
                           "Cuối tuần trước, các lực lượng của Mỹ tuyên bố không kích vào cứ điểm của một nhóm khủng "
                           "bố liên kết al - Qaeda ở miền Bắc Idlib."))
    assert (e.location, e.admin1, e.country, e.geonameid, e.geo_precision) == (
        "Northern Idlib", "Idlib", "Syria", None, 2)
    assert IDLIB_CITY[0] < e.latitude < IDLIB_CITY[0] + 0.5 and abs(e.longitude - IDLIB_CITY[1]) < 0.3


@pytest.mark.parametrize("doc, sentence, name, compass", [
    # capitalised, lower case, two words: "Nam Idlib", "tây Mosul", "tây nam Syria" with no "miền" or "phía"
    ("vietnews-031601", "Theo AMN, quân đội Syria bắt đầu triển khai cuộc tấn công lớn, quan trọng nhằm giành lại "
                        "thành phố chiến lược Khan Sheikhoun ở Nam Idlib.", "Idlib", (-1, 0)),
    ("vietnews-029701", "300 xe tải chứa đầy vũ khí và thiết bị tới cho các căn cứ của Mỹ đóng quân tại Bắc Syria kể "
                        "từ khi Tổng thống Donald Trump tuyên bố quyết định rút lính ra khỏi quốc gia Trung Đông này.",
     "Syria", (1, 0)),
    ("vietnews-032552", "Hiện Lầu Năm Góc vẫn tiếp tục đánh giá các thông tin cho rằng, chiến dịch không kích của liên "
                        "minh do Mỹ cầm đầu vào ngày 17/3 đã khiến khoảng 200 dân thường thiệt mạng ở tây Mosul.",
     "Mosul", (0, -1)),
    ("vietnews-034237", "Các hoạt động này đã gửi một thông điệp rõ ràng tới người Iran và Hezbollah ở Lebanon: Israel "
                        "sẽ không tha thứ cho một thành trì của Iran được thành lập ở tây nam Syria.", "Syria", (-1, -1)),
])
def test_a_direction_with_no_head_names_that_part(doc, sentence, name, compass):
    assert sentence in corpus_texts()[doc]
    mention = next(m for m in gazetteer().find(sentence) if m.text == name)
    assert cues().direction(mention.cue) == compass


@pytest.mark.parametrize("doc, sentence", [
    ("vietnews-025562", "Chính quyền Bình Nhưỡng đã đồng ý tham dự Thế vận hội mùa đông Pyeongchang vào tháng tới ở "
                        "Hàn Quốc."),                                      # "mùa đông": winter
    ("vietnews-044816", "Bộ Chỉ huy Thái Bình Dương Mỹ xác nhận Triều Tiên phóng một tên lửa đạn đạo tầm trung nhưng "
                        "không tạo ra mối đe doạ đến Guam hay Bắc Mỹ."),   # North America, no part of the US
    ("vietnews-035721", "Tổng thống Erdogan lên án Thuỵ Sĩ về cuộc biểu tình, nói trong đám đông có những kẻ ủng hộ chủ "
                        "nghĩa khủng bố."),                               # "đám đông": a crowd
])
def test_a_direction_word_of_another_sense_names_no_part(doc, sentence):
    assert sentence in corpus_texts()[doc]
    assert [m.text for m in gazetteer().find(sentence) if cues().direction(m.cue)] == []


def test_a_bare_direction_places_the_event_in_that_part_of_the_province():
    # vietnews-029547 (autumn 2016): "tại nam Aleppo" is Southern Aleppo, not the city
    (e,) = extract(Passage("vietnews-029547", "2016-10-01",
                           "Trước khi bắt đầu giai đoạn tấn công mới, các máy bay Syria đã triển khai khoảng 25 cuộc "
                           "không kích vào vị trí của Jaish al - Fateh tại nam Aleppo."))
    assert (e.location, e.admin1, e.geonameid, e.geo_precision) == ("Southern Aleppo", "Aleppo", None, 2)


def test_a_name_written_with_its_article_goes_on_the_list():
    """"Kafr Nubl, al - Naqir": the place is found as "Naqir", and the article is no break in the list
    (pool-00236, the train part)."""
    from pathlib import Path
    from types import SimpleNamespace

    from frontline.lang.language import language
    from frontline.pipeline.events.places import listed_together

    sentence = ("Các đơn vị tên lửa và pháo của quân đội Syria cũng tấn công vào các vị trí quân sự của khủng bố "
                "quanh khu Kafar Nubl, al - Naqir và Abedin ở Nam Idlib, phá huỷ nhiều phương tiện quân sự.")
    train = Path(__file__).resolve().parents[1] / "data" / "annotated" / "vi" / "train" / "articles.jsonl"
    assert sentence in train.read_text(encoding="utf-8")
    ctx = SimpleNamespace(folded=sentence, text=sentence, language=language("vi"))
    first_end, second = sentence.index(", al"), sentence.index("Naqir")
    assert listed_together(ctx, first_end, second)
    assert listed_together(ctx, sentence.index(" và Abedin"), sentence.index("Abedin"))
    # through a name the gazetteer lacks ("al - Naqir"), but not through other words
    assert listed_together(ctx, first_end, sentence.index("Abedin"))
    assert not listed_together(ctx, sentence.index(" cũng tấn công"), sentence.index("Kafar Nubl"))
    assert not listed_together(ctx, sentence.index(" ở Nam Idlib"), sentence.index("Idlib"))


def test_parts_of_a_province_lie_on_their_sides():
    idlib = next(p for p in gazetteer().lookup("Idlib") if p.kind == "admin1")
    north, south = gazetteer().part_of(idlib, (1, 0)), gazetteer().part_of(idlib, (-1, 0))
    east, west = gazetteer().part_of(idlib, (0, 1)), gazetteer().part_of(idlib, (0, -1))
    assert north.latitude > south.latitude and east.longitude > west.longitude
    assert (north.name, west.name) == ("Northern Idlib", "Western Idlib")



def test_a_withdrawal_happens_at_the_place_its_verb_names():
    """"rút khỏi thành phố Douma, Đông Ghouta": the town left, not the region it lies in (places.py:
    the place right after a withdrawal's verb is where it happened, whatever the place model weighs)."""
    import json
    from pathlib import Path

    articles = Path(__file__).resolve().parents[1] / "data" / "annotated" / "vi" / "train" / "articles.jsonl"
    text = next(json.loads(line)["text"] for line in articles.open(encoding="utf-8") if '"pool-02330"' in line)
    sentence = ("khi cho biết toàn bộ nhóm nổi dậy Jaish al - Islam đã rút khỏi thành phố Douma, Đông Ghouta, "
                "ngoại ô thủ đô")
    assert sentence in text
    events = extract(Passage("pool-02330", "2018-04-15", sentence))
    assert [(e.sub_event_type, e.location, e.country) for e in events] == [
        ("Non-violent transfer of territory", "Duma", "Syria")]


def test_a_list_goes_on_through_a_name_that_is_no_place_option():
    # pool-00415 (the train part, November 2016): "Washington" inside the list is read as the US
    # government, not offered as a place of the march; the cities after it are still the list's
    from pathlib import Path

    from frontline.pipeline import candidate_events, shipped_models
    from frontline.record import Document, Published

    sentence = ("Hàng nghìn người đã tuần hành ở New York, Boston, Washington DC, Los Angeles, Portland, "
                "Chicago, Seattle.... với các biểu ngữ chống ông Trump và đốt cờ Mỹ.")
    train = Path(__file__).resolve().parents[1] / "data" / "annotated" / "vi" / "train" / "articles.jsonl"
    assert sentence in train.read_text(encoding="utf-8")
    events = [e for e, _ in candidate_events(Document("pool-00415", sentence, Published.parse("2016-11-10")),
                                              None, shipped_models())]
    places = [e.location for e in events if e.sub_event_type == "Peaceful protest"]
    assert {"Boston", "Los Angeles", "Portland", "Chicago", "Seattle"} <= set(places)


def test_records_opening_with_one_war_word_at_one_town_keep_ids_of_their_own(strike):
    # the store keys events by id: two records whose ids are made of the same words and town (a province
    # reading of the word kept apart from the town's) must not share one, or the article's batch is refused
    from dataclasses import replace as copy

    from frontline.pipeline.events.assemble import distinct_ids

    first = strike[0]
    twin = copy(first, sub_event_type="Armed clash")
    kept, renamed = distinct_ids([first, twin])
    assert kept.event_id == first.event_id and renamed.event_id != first.event_id
    assert distinct_ids([first, strike[1]])[1].event_id == strike[1].event_id   # distinct ids are left alone


def test_a_cued_list_with_no_known_place_is_its_villages():
    # vietnews-034498: "các ngôi làng Al - Aziziah và Al - Rai" names no place GeoNames has; the event was put
    # at Hama (the sentence before's) alone. The villages are where it happened, at Hama's point
    text = ("Quân đội Syria tiếp tục giành nhiều thắng lợi ở Tây Bắc Hama tối qua và giành được 2 làng nhỏ hiện "
            "đang dưới quyền kiểm soát của Jaysh Al - Izza.\nDẫn đầu bởi lực lượng Hổ Syria, quân đội Syria đã nỗ "
            "lực giành được các ngôi làng Al - Aziziah và Al - Rai sau trận đấu nhỏ với các phiến quân Jaysh Al - "
            "Izza.")
    assert text in corpus_texts()["vietnews-034498"]
    events = extract(Passage("vietnews-034498", "2019-03-20", text))
    second = [e for e in events if any(s.role == "trigger" and s.start > text.index("\n") for s in e.evidence)]
    assert [(e.location, e.admin1, e.geo_precision) for e in second] == [("Al-Aziziah", "Hama", 2), ("Al-Rai", "Hama", 2)]
    assert {e.sub_event_type for e in second} == {"Government regains territory"}


def test_villages_of_a_cued_list_are_their_sentences_own_places():
    # vietnews-033895: "đã giành lại 3 ngôi làng Jamasiya, Kuneitra và al - Bujuwar" names no place GeoNames has
    # and no day; the villages are placed at Mosul (the sentence before's), yet they are the sentence's own
    # places, not an echo of the sentence before: the reading was dropped as "no anchor of its own"
    text = ("Ngày xuất kích thứ hai, Iraq giành thắng lợi ‘ ngọt ngào ’ ở Mosul\nHãng Far News dẫn một nguồn tin quân "
            "đội Iraq cho hay, sang ngày xuất kích thứ hai trong chiến dịch nhằm tái chiếm toàn bộ Mosul, lực lượng "
            "chính phủ Iraq đã tái kiểm soát 3 ngôi làng chiến lược quan trọng ở miền nam Mosul, giành lại lãnh thổ "
            "từ tay những phần tử khủng bố Nhà nước Hồi giáo tự xưng (IS).\nThiếu tướng Yahii Rasul, đại diện của "
            "Lực lượng Vũ trang Iraq khẳng định các binh sĩ của sư đoàn tăng thiết giáp số 9 cùng cảnh sát và lực "
            "lượng ủng hộ chính phủ Hashad al - Asahiri đã giành lại 3 ngôi làng Jamasiya, Kuneitra và al - Bujuwar "
            "dọc bờ sông Tigris.")
    assert text in corpus_texts()["vietnews-033895"]
    events = extract(Passage("vietnews-033895", "2017-02-20", text))
    last = text.rindex("\n")
    villages = [e for e in events if any(s.role == "trigger" and s.start > last for s in e.evidence)]
    assert [(e.location, e.admin1, e.geo_precision) for e in villages] == [
        ("Jamasiya", "Ninawa", 2), ("Kuneitra", "Ninawa", 2), ("al-Bujuwar", "Ninawa", 2)]
    assert {(e.sub_event_type, e.actor1) for e in villages} == {("Government regains territory", "Military Forces of Iraq")}
