"""frontline.extract on real passages, one test per class of event (issue 3).

Every passage is one to three consecutive sentences copied verbatim from
/work/shared/corpus (the article id is given; test_passages_are_verbatim checks
it), never from the evaluation sets. Dân Trí articles carry their publication
date; the undated VietNews articles (about 2016-19) get a plausible day worked
out from the article itself, said in the comment next to it.

The assertions are what an ACLED coder would write down by
/work/shared/eval/CODING.md: sub-event type, actors, country and place, date and
precision, fatalities, sources. Cases frontline still gets wrong are not here:
they are listed for the pipeline's owner instead of being asserted as they are.
"""
from __future__ import annotations

import datetime as dt

from passages import Passage, corpus_texts, extract

from frontline.record import Event


def of_type(events: list[Event], sub_event_type: str) -> list[Event]:
    return [e for e in events if e.sub_event_type == sub_event_type]


def the(events: list[Event], sub_event_type: str) -> Event:
    """The one event of that sub-type (one sub-type, one place, one day, one actor pair)."""
    found = of_type(events, sub_event_type)
    assert len(found) == 1, [(e.sub_event_type, e.location, e.event_date) for e in events]
    return found[0]


# --------------------------------------------------------------------------------------------
# The passages
# --------------------------------------------------------------------------------------------

P = {
    # vietnews-029547: "hôm thứ ba 22/11" is Tuesday 22 November 2016; the article reports 22-23/11.
    "clash_sheikh_saeed": Passage("vietnews-029547", "2016-11-24",
        "Trong một cuộc đụng độ mới đây vào hôm thứ ba 22/11 ở quận Sheikh Saeed phía nam Aleppo, "
        "hàng chục tay súng thánh chiến trong đó có một chỉ huy khét tiếng của Ahrar al - Sham tên "
        "Abu Hareth al - Halabi đã bị quân đội chính phủ Syria tiêu diệt."),
    # vietnews-029547: the offensive south of Aleppo, told on two days named one by one
    "offensive_two_days": Passage("vietnews-029547", "2016-11-24",
        "Ngoài việc giải phóng một số vị trí chủ chốt và nhiều khu vực trong chiến dịch tấn công của lực "
        "lượng vũ trang chính phủ Syria tại phía nam thành phố Aleppo vào ngày 22 và 23/11, hơn 100 tay súng "
        "trong đó có cả chỉ huy của Nouralddeen al - Zinki tên Omar Haji đã bị tiêu diệt tại quận Sheikh "
        "Saeed."),
    # vietnews-092501: the Giang Hải attacked off Sulu, 19 February 2017
    "pirates_sulu": Passage("vietnews-092501", "2017-02-20",
        "Trước đó chiều tối 19/2, tàu Giang Hải cùng 17 thuyền viên trên hành trình chở xi măng từ Indonesia "
        "đến Philippines, khi đến gần đảo Sulu của Philippines thì bị cướp biển có vũ trang tấn công."),
    # vietnews-048301: IS downs a Syrian army plane near Deir ez-Zor (September 2016)
    "plane_downed_by_is": Passage("vietnews-048301", "2016-09-18",
        "Reuters dẫn tin từ tổ chức Giám sát Nhân quyền Syria cho biết IS đã nhắm vào máy bay và bắn rơi nó ở "
        "đồi Thardah, cách sân bay quân sự Deir al - Zor 5 km về phía tây nam."),
    # vietnews-059805: the Il-20 downed by Syria's air defence (17 September 2018)
    "plane_downed_by_air_defence": Passage("vietnews-059805", "2018-09-19",
        "Giới chức quân sự Mỹ cho rằng nhiều khả năng máy bay trinh sát Nga đã bị hoả lực phòng không Syria tại "
        "Latakia hoặc các khu vực gần đó vô tình bắn rơi khi họ tìm cách đánh chặn các tên lửa của Israel."),
    # vietnews-056475: rebel rockets at Hmeymim, two of them shot down (January 2018); what was shot
    # down is named clauses before the verb
    "rockets_downed_hmeymim": Passage("vietnews-056475", "2018-01-10",
        "Khu vực phía tây bắc Syria cũng là nơi phiến quân vừa phóng một loạt rocket vào căn cứ không quân "
        "Hmeymim của Nga tại tỉnh Latakia, trong đó hai quả bị lực lượng phòng không Nga bắn hạ."),
    # vietnews-031476: the Il-20, named by its class ("trinh sát cơ"), downed by Syria's air defence
    "reconnaissance_plane_downed": Passage("vietnews-031476", "2018-09-19",
        "Bộ Quốc phòng Nga xác nhận trinh sát cơ Il -20 cùng 15 thành viên tổ bay bị lực lượng phòng không "
        "Syria bắn hạ do nhầm lẫn, nhưng khẳng định Israel phải chịu trách nhiệm về sự cố này và doạ áp dụng "
        "biện pháp đáp trả tương xứng."),
    # vietnews-041101: the Russian Su-25 ("cường kích") downed over Idlib on 3 February 2018
    "ground_attack_jet_downed": Passage("vietnews-041101", "2018-02-06",
        "Quân đội Syria đã triển khai hàng loạt tổ hợp phòng không tới tiền tuyến tại tỉnh Aleppo và Idlib, "
        "gần nơi cường kích Su -25 Nga bị bắn hạ hôm 3/2."),
    # vietnews-038523: a march past the wreaths for the victims of the Westminster ramming of 22 March
    # 2017, told on the day after the march
    "ramming_commemorated": Passage("vietnews-038523", "2017-03-26",
        "Cuộc biểu tình bắt đầu từ đường Park Lane tới phía ngoài Hạ viện Anh ở Westminster, nơi đặt vòng hoa "
        "tưởng niệm các nạn nhân trong vụ lao xe khủng bố ngày 22/3, theo Reuters."),
    # vietnews-033387: the fighting "hôm 29/6" (2017, the Badiyeh campaign) reported the next day.
    "clash_deir_ezzor": Passage("vietnews-033387", "2017-06-30",
        "Trong một diễn biến có liên quan hôm 29/6, quân đội Syria đã tiếp tục chiến dịch quân sự ở "
        "phía Nam tỉnh Deir Ezzor và giao tranh với nhóm khủng bố IS đang cố gắng tấn công quân Syria "
        "ở gần biên giới với Iraq."),
    # vietnews-032631: "Tin nóng thế giới ngày mới 12/3" (2018).
    "regains_sanaa": Passage("vietnews-032631", "2018-03-12",
        "Hôm 10/3, các lực lượng Yemen cũng đã tái chiếm các vị trí mới ở phía Đông Thủ đô Sanaa do "
        "phiến quân Houthi chiếm giữ."),
    # vietnews-030530: the article maps the front "vào ngày 12/11" (2017); "hôm nay" is its day.
    "overtakes_busayrah": Passage("vietnews-030530", "2017-11-12",
        "Tờ Al Masdar News hôm nay cho hay, sau khi tiến hành chiến dịch tấn công trên quy mô lớn, SDF "
        "đã tái chiếm thành trì Al - Busayrah của Nhà nước Hồi giáo tự xưng (IS) nằm 30km về phía "
        "Đông Nam của Thủ phủ tỉnh Deir ez - Zor."),
    # vietnews-029591: the HTS offensive on northern Hama, September 2017.
    "overtakes_hama": Passage("vietnews-029591", "2017-09-20",
        "Tới thời điểm này, phiến quân đã chiếm được 2 làng Jibeen và Tell Meleh ở phía Bắc Hama từ tay "
        "các binh sĩ chính phủ."),
    # vietnews-050705: Trump's "must not recklessly attack Idlib" was 3-4 September 2018; the
    # strikes on Jisr al-Shughur began the next day ("hôm qua").
    "air_jisr": Passage("vietnews-050705", "2018-09-05",
        "Các chiến đấu cơ Syria hôm qua bắt đầu không kích thị trấn Jisr Al - Shughour, phía tây tỉnh "
        "Idlib, khu vực do nhóm Hayat Tahrir Al - Sham (HTS) thân al - Qaeda kiểm soát, cũng như một số "
        "mục tiêu của phiến quân người Turk thân Thổ Nhĩ Kỳ."),
    # vietnews-034596: Syria accused the US of striking villages near Deir ez-Zor (May 2018).
    "air_deir_ezzor_62": Passage("vietnews-034596", "2018-06-02",
        "RT dẫn thông tin từ hãng thông tấn nhà nước Syria, Sana cho hay ít nhất 62 dân thường đã thiệt "
        "mạng trong cuộc tấn công của Không quân Mỹ vào 2 ngôi làng gần thành phố Deir ez - Zor."),
    # vietnews-031275: the coalition strike on al-Shafa "ngày 23/11" (2018).
    "air_shafa_civilians": Passage("vietnews-031275", "2018-11-25",
        "Kênh truyền hình Ikhbariya đưa tin: \" Hàng chục dân thường, trong đó có phụ nữ và trẻ em, đã "
        "thiệt mạng trong cuộc không kích của liên quân quốc tế nhằm vào ngôi làng al - Shafa, phía "
        "Đông tỉnh Deir Ezzor. \""),
    "shelling_baghdad": Passage("dantri-news_world_069", "2021-04-23",
        "Sputnik đưa tin, vụ việc xảy ra vào ngày 22/4 khi một số quả rocket rơi gần sân bay quốc tế "
        "Baghdad ở Iraq. Theo Sky News, có 3 quả rocket đã rơi xuống khu vực này."),
    "shelling_meiktila": Passage("dantri-news_world_106", "2021-04-29",
        "Sau đó, 5 quả rocket đã dội xuống một trong những căn cứ chủ lực của quân đội Myanmar ở "
        "Meiktila, nằm ở phía đông bắc Magway."),
    # vietnews-034898: the article follows the 6/1/2018 drone attack on Hmeymim and Tartus.
    "shelling_hmeymim": Passage("vietnews-034898", "2018-01-11",
        "Sự việc căn cứ Nga ở Syria bị máy bay không người lái tấn công chỉ diễn ra khoảng 1 tuần sau "
        "khi căn cứ Hmeymim bị tấn công bằng pháo cối khiến 2 binh sĩ Nga thiệt mạng."),
    # vietnews-034358: "Tin nóng thế giới ngày mới 10/11" (2018).
    "suicide_mogadishu": Passage("vietnews-034358", "2018-11-10",
        "Theo hãng tin Reuters, ngày 9/11, ít nhất 17 người đã thiệt mạng trong các vụ đánh bom liều "
        "chết tại một khách sạn ở thủ đô Mogadishu của Somalia."),
    "ied_insein": Passage("dantri-news_world_056", "2021-05-01",
        "Tại thị trấn Insein, Yangon, một quả bom đã phát nổ vào lúc 10 giờ sáng gần một trường học."),
    "ied_yangon": Passage("dantri-news_world_056", "2021-05-01",
        "Ngày 1/5, một số vụ nổ bom xảy ra ở thành phố lớn nhất của Myanmar là Yangon, trong khi người "
        "biểu tình vẫn đang tổ chức các cuộc tuần hành chớp nhoáng nhằm phản đối cuộc đảo chính quân sự "
        "diễn ra tròn 3 tháng trước."),
    # vietnews-059532: the Khost mosque bombing "hôm 6/5" (2018).
    "ied_khost": Passage("vietnews-059532", "2018-05-07",
        "Ông Waheed Majrooh, phát ngôn viên Bộ Y tế Afghanistan, cho biết ít nhất 14 người thiệt mạng và "
        "hơn 30 người bị thương trong vụ đánh bom nhằm vào thánh đường Yaqoubi tại thành phố Khost, "
        "miền đông Afghanistan, hôm 6/5."),
    # vietnews-030857: the US ambassador spoke "hôm 24/4" (2018); Douma was attacked 7/4.
    "chemical_douma": Passage("vietnews-030857", "2018-04-25",
        "Mối quan hệ giữa hai nước tiếp tục xấu đi sau khi Mỹ và các đồng minh triển khai cuộc không "
        "kích nhằm vào các mục tiêu tại Syria hồi đầu tháng để đáp trả cáo buộc Syria đứng sau cuộc tấn "
        "công hoá học tại thành phố Douma hôm 7/4."),
    # vietnews-042301: "Sputnik ngày 2/3 đưa tin" (2017), after the Quebec mosque shooting of 29/1.
    "attack_quebec": Passage("vietnews-042301", "2017-03-02",
        "Canada gần đây thắt chặt an ninh nhằm tăng cường khả năng đối phó chủ nghĩa khủng bố sau khi các "
        "phần tử cực đoan ngày 29/1 xả súng vào khoảng 40 người trong Trung tâm Văn hoá Hồi giáo Quebec "
        "City, Quebec, làm 6 người thiệt mạng, 8 người bị thương."),
    # vietnews-032443: IS claimed the execution "hôm 5/8" (2018).
    "abduction_sweida": Passage("vietnews-032443", "2018-08-06",
        "Các nhà hoạt động địa phương cho hay cậu sinh viên 19 tuổi đã bị bắt cóc ở thị trấn Al - Sweida "
        "của Shubaiki, phía Tây Nam Syria.\n"
        "IS bắt cóc cậu sinh viên này cùng 30 người khác sau khi tung đòn tấn công vào thị trấn Shubaiki."),
    # vietnews-047193: the caption dates the Caracas protest "hôm 7/4" (2019); "hôm nay" is that day.
    "protest_venezuela": Passage("vietnews-047193", "2019-04-07",
        "Sau nhiều tuần bị cắt điện và mất nguồn nước sạch, hàng chục nghìn người Venezuela hôm nay xuống "
        "đường biểu tình phản đối Tổng thống Nicolas Maduro và bày tỏ ủng hộ thủ lĩnh đối lập Juan "
        "Guaido."),
    # vietnews-057101: the P2P investors' protest in Beijing "ngày 6/8" (2018).
    "intervention_beijing": Passage("vietnews-057101", "2018-08-07",
        "Cuộc biểu tình bên ngoài văn phòng quản lý tài chính ở Bắc Kinh hôm 6/8 đã nhanh chóng bị cảnh "
        "sát giải tán."),
    # vietnews-048542: protests at Russian missions after the Kerch Strait incident of 25/11/2018.
    "protest_kharkov": Passage("vietnews-048542", "2018-11-27",
        "Những người biểu tình tụ tập trước lãnh sự quán Nga tại Kharkov, Ukraine vào ngày 26/11 để phản "
        "đối việc Nga bắt giữ ba tàu hải quân Ukraine gần eo biển Kerch."),
    # vietnews-059591: Gaza and West Bank protests "ngày 22/12" (2017).
    "riot_gaza": Passage("vietnews-059591", "2017-12-23",
        "Tại dải Gaza ngày 22/12, hàng trăm người biểu tình Palestine tập trung ở các điểm dọc biên giới "
        "với Israel, ném đá về phía binh sĩ Israel."),
    "riot_ramallah": Passage("vietnews-059591", "2017-12-23",
        "Người biểu tình Palestine đá một lốp xe cháy khi đụng độ lực lượng an ninh Israel ở phía bắc "
        "Ramallah, Bờ Tây, ngày 22/12."),
    # vietnews-023504: "theo AFP ngày 25-7" (2019), the week after the Yuen Long attack of 21/7.
    "mob_yuen_long": Passage("vietnews-023504", "2019-07-26",
        "Yuen Long là nơi đã xảy ra vụ việc một đám đông tấn công người biểu tình tại một ga tàu điện, "
        "khiến ít nhất 45 người bị thương, bao gồm một chính trị gia phe đối lập và một nữ phóng viên vào "
        "cuối tuần trước."),
    # vietnews-047301: Joshua Wong was detained at the airport on 24/9/2019 ("sáng nay").
    "arrest_wong": Passage("vietnews-047301", "2019-09-24",
        "Wong bị bắt sau khi trở về từ Đài Loan, nơi anh có bài phát biểu trước một số chính trị gia địa "
        "phương về tình hình Hong Kong."),
    # vietnews-026043: the 35-for-35 exchange "hôm 7-9" (2019).
    "agreement_swap": Passage("vietnews-026043", "2019-09-08",
        "Hãng thông tấn Interfax dẫn lời uỷ viên về vấn đề nhân quyền của Nga, bà Tatyana Moskalkova, "
        "cho biết Nga và Ukraine trao đổi tù nhân theo công thức \" 35 đổi 35 \"."),
    # vietnews-025684: the Gaza ceasefire took effect "trong ngày 6-5" (2019).
    "agreement_hamas": Passage("vietnews-025684", "2019-05-07",
        "Theo lời một quan chức thuộc phong trào Hamas và một quan chức khác thuộc nhóm đồng minh Thánh "
        "chiến Hồi giáo (cả hai đều không nêu tên), Ai Cập là nước đóng vai trò trung gian giúp đạt được "
        "thoả thuận ngừng bắn."),
    # vietnews-032465: the Bikaner shoot-down "hôm 4/3" (2019).
    "disrupted_bikaner": Passage("vietnews-032465", "2019-03-05",
        "Chiến đấu cơ Sukhoi -30 của Không quân Ấn Độ hôm 4/3 đã bắn hạ một máy bay không người lái quân "
        "sự của Pakistan bằng tên lửa ở vùng Bikaner thuộc bang Rajasthan, gần khu vực biên giới 2 nước."),
    # vietnews-031086: the Quneitra interception "ngày 12/7" (2018).
    "disrupted_quneitra": Passage("vietnews-031086", "2018-07-12",
        "Truyền thông nhà nước Syria SANA thông tin hệ thống phòng không Syria vừa đánh chặn tên lửa do "
        "chiến đấu cơ Israel phóng nhắm vào một số vị trí quân sự ở tỉnh Quneitra vào những giờ đầu tiên "
        "của ngày 12/7."),
    # vietnews-049045: the Masyaf strike "ngày 22/7" (2018).
    "disrupted_masyaf": Passage("vietnews-049045", "2018-07-23",
        "Lực lượng phòng không Syria ngày 22/7 bắn hạ một số tên lửa được phóng từ chiến đấu cơ không rõ "
        "nguồn gốc trên không phận Lebanon nhắm thị trấn Masyaf, miền tây nước này, Almasdar News dẫn "
        "nguồn tin quân sự cho biết."),
    "air_masyaf_tel_aviv": Passage("vietnews-049045", "2018-07-23",
        "Trước đó, hãng thông tấn Syria SANA cáo buộc tiêm kích Israel đã tấn công vào nhiều mục tiêu ở "
        "Masyaf chỉ vài giờ sau khi Tel Aviv sơ tán 800 nhân viên tổ chức cứu hộ Mũ Trắng và gia đình "
        "khỏi Syria."),
    # vietnews-025126: Reuters' report on the Moscow protest of Saturday 3/8/2019, published the
    # next day; "Tuần trước" is the week of the 27/7 protest ("một tuần trước đó").
    "arrests_last_week": Passage("vietnews-025126", "2019-08-04",
        "Tuần trước, cảnh sát Nga đã bắt giữ hơn 1.300 người biểu tình."),
    # vietnews-024951: Iraq declared victory over IS in December 2017; the seizure is from 2014.
    "background_2014": Passage("vietnews-024951", "2017-12-10",
        "IS đã chiếm giữ các khu vực rộng lớn ở phía Bắc và phía Tây Iraq trong cuộc tấn công chớp nhoáng "
        "hồi năm 2014."),
    # vietnews-024951: the strikes are led by the United States and support Iraqi forces in Iraq
    "coalition_strikes_iraq": Passage("vietnews-024951", "2017-12-10",
        "IS đã chiếm giữ các khu vực rộng lớn ở phía Bắc và phía Tây Iraq trong cuộc tấn công chớp nhoáng "
        "hồi năm 2014.\nVới sự yểm trợ của các cuộc không kích được liên minh quân sự do Mỹ đứng đầu thực "
        "hiện, các lực lượng Iraq đã tiến hành các chiến dịch tấn công nhằm đánh bật IS ra khỏi đất nước."),
    # pool-01365 and pool-01394 (pool articles outside the held-out part): a vague "tấn công" beside
    # a precise "không kích" in one sentence, reporting a deed of another type
    "attack_after_strike": Passage("pool-01365", "2016-10-05",
        "Tuy nhiên các báo cáo liên quan cho thấy, ngay sau cuộc không kích, IS đã lập tức phát động một cuộc "
        "tấn công ào ạt chống lại các lực lượng Syria."),
    "taliban_attack_then_strike": Passage("pool-01394", "2015-08-08",
        "Hãng thông tấn Pajhwok của Afghanistan dẫn lời một thành viên hội đồng tỉnh Logar Abdul Wali Wakeel "
        "cho biết, những cảnh sát thiệt mạng trong vụ không kích sau khi các tay súng Taliban tiến hành các "
        "cuộc tấn công phối hợp tại quận Azra, sát hại 35 thường dân và nhân viên an ninh."),
    # vietnews-033051 (undated): the title names Daraa; the sentence after it only Syria
    "strike_daraa_then_syria": Passage("vietnews-033051", "2018-06-01",
        "Nóng: Israel bất ngờ tấn công kho vũ khí của chính quyền Assad ở Daraa\nTheo các phiến quân đối lập, "
        "những tiếng nổ trên là kết quả của một cuộc không kích từ quân Israel nhằm vào kho chứa vũ khí của "
        "Syria."),
    "caption_afp": Passage("dantri-news_world_106", "2021-04-29",
        "Một căn cứ quân đội Myanmar bị tấn công hôm 27/4 (Ảnh: AFP)."),
}


def test_passages_are_verbatim():
    texts = corpus_texts()
    for key, p in P.items():
        assert p.doc in texts, key
        assert p.text in texts[p.doc], f"{key}: not a verbatim passage of {p.doc}"


# --------------------------------------------------------------------------------------------
# Battles
# --------------------------------------------------------------------------------------------

def test_armed_clash_state_forces_against_rebels():
    # vietnews-029547
    e = the(extract(P["clash_sheikh_saeed"]), "Armed clash")
    assert e.event_type == "Battles"
    assert e.actor1 == "Military Forces of Syria"          # "quân đội chính phủ Syria"
    assert (e.country, e.admin1) == ("Syria", "Aleppo")
    assert (e.event_date, e.time_precision) == ("2016-11-22", 1)


def test_days_named_one_by_one_are_one_event_each():
    # vietnews-029547: "vào ngày 22 và 23/11" is two days of one offensive: ACLED codes each day
    events = extract(P["offensive_two_days"])
    assert sorted((e.event_date, e.time_precision) for e in events) == [("2016-11-22", 1), ("2016-11-23", 1)]
    assert {(e.location, e.country) for e in events} == {("Aleppo", "Syria")}


def test_an_attack_by_men_said_to_be_armed_is_an_event():
    # vietnews-092501: "cướp biển có vũ trang tấn công": "có vũ trang" (armed) gives "tấn công" its
    # armed sense (senses.yaml), as "nhóm vũ trang" does
    events = extract(P["pirates_sulu"])
    assert [(e.event_date, e.country, e.actor1) for e in events] == [
        ("2017-02-19", "Philippines", "Unidentified Armed Group (Philippines)")]


def test_an_aircraft_downed_in_a_fight_is_a_clash_and_by_an_air_defence_a_disrupted_weapon():
    # typing.yaml: a crewed aircraft shot down ("bắn rơi máy bay") is a fight between armed sides,
    # unless an air defence ("phòng không") stopped it, as the corpus's coders code them
    clash = the(extract(P["plane_downed_by_is"]), "Armed clash")
    assert (clash.actor1, clash.country, clash.admin1) == ("Islamic State", "Syria", "Deir ez-Zor")
    stopped = the(extract(P["plane_downed_by_air_defence"]), "Disrupted weapons use")
    assert (stopped.country, stopped.admin1) == ("Syria", "Latakia")


def test_what_was_shot_down_is_read_in_the_whole_sentence_and_by_the_class_of_its_plane():
    # typing.yaml: a passive's subject ("hai quả" of "một loạt rocket") stands clauses before "bị ...
    # bắn hạ", and a jet is as often named by its class ("trinh sát cơ", "cường kích") as "máy bay"
    stopped = the(extract(P["rockets_downed_hmeymim"]), "Disrupted weapons use")
    assert (stopped.location, stopped.admin1, stopped.event_date) == ("Hmeymim", "Latakia", "2018-01-10")
    assert the(extract(P["rockets_downed_hmeymim"]), "Shelling/artillery/missile attack").location == "Hmeymim"
    downed = the(extract(P["reconnaissance_plane_downed"], rules_only=True), "Disrupted weapons use")
    assert (downed.actor1, downed.actor2) == ("Military Forces of Syria", "Military Forces of Russia")
    jet = the(extract(P["ground_attack_jet_downed"], rules_only=True), "Disrupted weapons use")
    assert (jet.country, jet.event_date, jet.time_precision) == ("Syria", "2018-02-03", 1)


def test_a_ramming_named_as_a_deed_and_commemorated_is_an_attack_that_happened():
    # triggers.yaml "vụ lao xe"; modality.yaml: "tưởng niệm" (commemorate) holds no "tưởng" (imagine)
    e = the(extract(P["ramming_commemorated"]), "Attack")
    assert (e.modality, e.country, e.event_date, e.time_precision) == ("asserted", "United Kingdom", "2017-03-22", 1)


def test_armed_clash_army_against_islamic_state():
    # vietnews-033387: "quân đội Syria ... giao tranh với nhóm khủng bố IS"
    clashes = of_type(extract(P["clash_deir_ezzor"]), "Armed clash")
    assert any({e.actor1, e.actor2} == {"Military Forces of Syria", "Islamic State"} for e in clashes)
    for e in clashes:
        assert (e.country, e.admin1) == ("Syria", "Deir ez-Zor")
        assert (e.event_date, e.time_precision) == ("2017-06-29", 1)


def test_government_regains_territory():
    # vietnews-032631: Yemeni government forces retake positions east of Sanaa from the Houthis
    e = the(extract(P["regains_sanaa"]), "Government regains territory")
    assert e.event_type == "Battles"
    assert (e.actor1, e.actor2) == ("Military Forces of Yemen", "Houthi")
    assert (e.country, e.location) == ("Yemen", "Sanaa")
    assert (e.event_date, e.time_precision) == ("2018-03-10", 1)


def test_non_state_actor_overtakes_territory_named_group():
    # vietnews-030530: the SDF takes al-Busayrah from IS
    e = the(extract(P["overtakes_busayrah"]), "Non-state actor overtakes territory")
    assert (e.actor1, e.actor2) == ("SDF", "Islamic State")
    assert (e.country, e.admin1) == ("Syria", "Deir ez-Zor")
    assert "Al Masdar News" in e.sources
    assert e.modality == "asserted"                        # a newspaper is not a party


def test_non_state_actor_overtakes_territory_unnamed_rebels():
    # vietnews-029591: "phiến quân đã chiếm được 2 làng Jibeen và Tell Meleh ở phía Bắc Hama": one
    # event per village (CODING.md), each in Hama; GeoNames lacks Jibeen, which the train coding
    # placed (geo/data/annotated_places.yaml); whether the part of the province the list lies in
    # ("phía Bắc Hama") is an event of its own too is the place model's call (coders often code it)
    events = of_type(extract(P["overtakes_hama"]), "Non-state actor overtakes territory")
    assert [e.location for e in events][:2] == ["Jibeen", "Tell Meleh"]
    assert {e.location for e in events[2:]} <= {"Northern Hama"}
    for e in events:
        assert e.actor1 == "Unidentified Armed Group (Syria)"
        assert (e.country, e.admin1) == ("Syria", "Hama")
    assert (events[0].geonameid, events[0].geo_precision) == (None, 1)
    assert (events[0].latitude, events[0].longitude) != (events[1].latitude, events[1].longitude)  # its own point


# --------------------------------------------------------------------------------------------
# Explosions/Remote violence
# --------------------------------------------------------------------------------------------

def test_air_strike_town_spelled_unlike_geonames_yesterday():
    # vietnews-050705: "Jisr Al - Shughour" is GeoNames' Jisr ash Shughur; "hôm qua" is 4/9
    e = the(extract(P["air_jisr"]), "Air/drone strike")
    assert e.event_type == "Explosions/Remote violence"
    assert (e.actor1, e.actor2) == ("Military Forces of Syria", "Hayat Tahrir al-Sham")
    assert (e.country, e.admin1, e.location) == ("Syria", "Idlib", "Jisr ash Shughur")
    assert e.geo_precision == 1
    assert (e.event_date, e.time_precision) == ("2018-09-04", 1)


def test_a_country_that_only_says_who_led_the_strikes_is_not_their_place():
    # "liên minh quân sự do Mỹ đứng đầu": the place model accepts no place the sentence names, so the
    # strikes are placed as if it named none: in the article's main place, Iraq, not in the United States
    e = the(extract(P["coalition_strikes_iraq"]), "Air/drone strike")
    assert e.country == "Iraq"
    assert e.geo_precision == 3


def test_a_vague_attack_beside_a_strike_of_another_type_is_its_own_event():
    # ACLED codes each deed of its own type: the assault IS launched after the strike is a battle, the
    # Taliban's attacks another deed; neither is the air strike the sentence names.
    # The first is read with the typing rules: the type models retrained since 2,326 articles type "cuộc
    # không kích" beside "cuộc tấn công" a clash (docs/known-extraction-errors.md)
    battle = extract(P["attack_after_strike"], rules_only=True)
    assert {e.sub_event_type for e in battle} == {"Air/drone strike", "Armed clash"}
    assert the(battle, "Armed clash").actor1 == "Islamic State"
    attack = extract(P["taliban_attack_then_strike"])
    assert "Air/drone strike" in {e.sub_event_type for e in attack}
    # the attacks killed civilians and security staff: an attack or a clash, the Taliban's either way
    assert [e.actor1 for e in attack if e.event_type != "Explosions/Remote violence"] == ["Taliban"]


def test_a_sentence_naming_only_the_country_of_the_town_before_it_means_the_town():
    # "kho chứa vũ khí của Syria" after "... ở Daraa": the body's strike is placed in Daraa, not at Syria's
    # centre. The body's own reading by the rules is checked: the title's reading would absorb a strike at
    # Syria, and the place model refuses "của Syria" anyway
    from frontline.pipeline import RULES_ONLY, read_candidates
    from frontline.pipeline.explanation import Explanation
    from frontline.record import Document, Published

    p = P["strike_daraa_then_syria"]
    doc = Document(doc_id=p.doc, text=p.text, published=Published.parse(p.published))
    _, _, candidates = read_candidates(doc, Explanation(p.doc, enabled=False), RULES_ONLY)
    strike = [c for c in candidates if c.trigger.text == "cuộc không kích"]
    assert [(c.place.country, c.place.name, c.place_mention) for c in strike] == [("Syria", "Dar'a", None)]
    e = the(extract(p), "Air/drone strike")
    assert (e.country, e.location, e.geo_precision) == ("Syria", "Dar'a", 1)


def test_air_strike_air_force_of_a_country_with_digit_fatalities_and_sources():
    # vietnews-034596: "cuộc tấn công của Không quân Mỹ", "ít nhất 62 dân thường đã thiệt mạng"
    e = the(extract(P["air_deir_ezzor_62"]), "Air/drone strike")
    assert e.actor1 == "Military Forces of the United States"
    assert (e.country, e.admin1) == ("Syria", "Deir ez-Zor")
    assert (e.fatalities, e.fatalities_known) == (62, True)
    assert {"RT", "Syrian Arab News Agency"} <= set(e.sources)


def test_air_strike_on_civilians_keeps_its_method_and_civilians_are_actor2():
    # vietnews-031275: an air strike that kills civilians is still an air strike (CODING.md)
    e = the(extract(P["air_shafa_civilians"]), "Air/drone strike")
    assert e.actor2 == "Civilians (Syria)"
    assert (e.country, e.admin1) == ("Syria", "Deir ez-Zor")


def test_shelling_rockets_on_a_city_with_two_sources():
    # dantri-news_world_069
    e = the(extract(P["shelling_baghdad"]), "Shelling/artillery/missile attack")
    assert e.actor1 == "Unidentified Armed Group (Iraq)"
    assert (e.country, e.location) == ("Iraq", "Baghdad")
    assert (e.event_date, e.time_precision) == ("2021-04-22", 1)
    assert {"Sputnik", "Sky News"} <= set(e.sources)


def test_shelling_place_nearest_the_trigger_wins():
    # dantri-news_world_106: the rockets fell on Meiktila, "north-east of Magway": Magway only says
    # where Meiktila lies (frame.yaml locator)
    events = extract(P["shelling_meiktila"])
    e = the(events, "Shelling/artillery/missile attack")
    assert (e.country, e.admin1, e.location) == ("Myanmar", "Mandalay", "Meiktila")
    assert e.actor2 == "Military Forces of Myanmar"      # "căn cứ ... của quân đội Myanmar"
    assert all(x.location != "Magway" for x in events)


def test_shelling_of_a_base_named_in_places_yaml():
    # vietnews-034898: Hmeymim (also written Khmeimim, Hmeimim) is a curated point in Latakia
    e = the(extract(P["shelling_hmeymim"]), "Shelling/artillery/missile attack")
    assert (e.country, e.admin1, e.location) == ("Syria", "Latakia", "Hmeymim")
    assert e.actor2 == "Military Forces of Russia"       # "2 binh sĩ Nga"
    assert (e.fatalities, e.fatalities_known) == (2, True)


def test_suicide_bomb_day_without_year_and_source():
    # vietnews-034358: "ngày 9/11" takes the year that puts it before publication
    e = the(extract(P["suicide_mogadishu"]), "Suicide bomb")
    assert e.event_type == "Explosions/Remote violence"
    assert (e.country, e.admin1, e.location) == ("Somalia", "Banaadir", "Mogadishu")
    assert (e.event_date, e.time_precision) == ("2018-11-09", 1)
    assert (e.fatalities, e.fatalities_known) == (17, True)
    assert e.sources == ["Reuters"]


def test_remote_explosive_in_a_township_without_fatalities():
    # dantri-news_world_056: no date in the sentence -> the publication day, precision 2 (the article's
    # other sentence dates the bombs "Ngày 1/5", its publication day)
    e = the(extract(P["ied_insein"]), "Remote explosive/landmine/IED")
    assert (e.country, e.admin1, e.location) == ("Myanmar", "Yangon", "Insein")
    assert (e.event_date, e.time_precision) == ("2021-05-01", 2)
    assert (e.fatalities, e.fatalities_known) == (0, False)


def test_remote_explosive_dated_in_the_sentence():
    # dantri-news_world_056: "Ngày 1/5, một số vụ nổ bom xảy ra ở ... Yangon"
    e = the(extract(P["ied_yangon"]), "Remote explosive/landmine/IED")
    assert (e.country, e.location) == ("Myanmar", "Yangon")
    assert (e.event_date, e.time_precision) == ("2021-05-01", 1)


def test_remote_explosive_bombing_with_fatalities():
    # vietnews-059532: "vụ đánh bom" with no word of a suicide bomber
    e = the(extract(P["ied_khost"]), "Remote explosive/landmine/IED")
    assert (e.country, e.location) == ("Afghanistan", "Khost")
    assert (e.event_date, e.time_precision) == ("2018-05-06", 1)
    assert (e.fatalities, e.fatalities_known) == (14, True)


def test_chemical_weapon_in_a_town_spelled_unlike_geonames():
    # vietnews-030857: "Douma" is GeoNames' Duma (Rif Dimashq)
    e = the(extract(P["chemical_douma"]), "Chemical weapon")
    assert (e.country, e.admin1, e.location) == ("Syria", "Rif-dimashq", "Duma")
    assert (e.event_date, e.time_precision) == ("2018-04-07", 1)


# --------------------------------------------------------------------------------------------
# Violence against civilians
# --------------------------------------------------------------------------------------------

def test_attack_on_civilians():
    # vietnews-042301: extremists shoot into a mosque in Quebec City. The place rule; the place model
    # retrained on 3,142 articles refuses both Quebecs and the event goes to Canada
    # (docs/known-extraction-errors.md)
    e = the(extract(P["attack_quebec"], rules_only=True), "Attack")
    assert e.event_type == "Violence against civilians"
    assert (e.country, e.admin1) == ("Canada", "Quebec")
    assert (e.event_date, e.time_precision) == ("2017-01-29", 1)
    assert (e.fatalities, e.fatalities_known) == (6, True)


def test_abduction_by_islamic_state():
    # vietnews-032443: the typing rule; the type model reads "IS bắt cóc ... sau khi tung đòn tấn công"
    # as an attack on civilians, so the abduction keeps only its first, unnamed kidnapper
    # (docs/known-extraction-errors.md)
    e = the(extract(P["abduction_sweida"], rules_only=True), "Abduction/forced disappearance")
    assert e.event_type == "Violence against civilians"
    assert e.actor1 == "Islamic State"
    assert (e.country, e.admin1) == ("Syria", "As-Suwayda")


# --------------------------------------------------------------------------------------------
# Protests and riots
# --------------------------------------------------------------------------------------------

def test_peaceful_protest_protesters_by_country_today():
    # vietnews-047193: "hàng chục nghìn người Venezuela hôm nay xuống đường biểu tình"
    e = the(extract(P["protest_venezuela"]), "Peaceful protest")
    assert e.event_type == "Protests"
    assert e.actor1 == "Protesters (Venezuela)"
    assert e.country == "Venezuela"
    assert (e.event_date, e.time_precision) == ("2019-04-07", 1)


def test_peaceful_protest_in_a_town_spelled_unlike_geonames():
    # vietnews-048542: "Kharkov" is GeoNames' Kharkiv; "bắt giữ" is what they protest against,
    # not an intervention at the protest
    events = extract(P["protest_kharkov"])
    e = the(events, "Peaceful protest")
    assert e.actor1 == "Protesters (Ukraine)"
    assert (e.country, e.admin1, e.location) == ("Ukraine", "Kharkiv", "Kharkiv")
    assert (e.event_date, e.time_precision) == ("2018-11-26", 1)
    assert [x.sub_event_type for x in events] == ["Peaceful protest"]


def test_protest_with_intervention_dispersed_by_police():
    # vietnews-057101: the typing rule; the type model retrained on 2,172 articles reads a peaceful
    # protest here (docs/known-extraction-errors.md)
    e = the(extract(P["intervention_beijing"], rules_only=True), "Protest with intervention")
    assert e.actor1 == "Protesters (China)"
    assert (e.country, e.location) == ("China", "Beijing")
    assert (e.event_date, e.time_precision) == ("2018-08-06", 1)


def test_violent_demonstration_stones_thrown_at_soldiers():
    # vietnews-059591: "binh sĩ Israel" -> Military Forces of Israel
    e = the(extract(P["riot_gaza"]), "Violent demonstration")
    assert e.event_type == "Riots"
    assert (e.actor1, e.actor2) == ("Rioters (Palestine)", "Military Forces of Israel")
    assert (e.country, e.admin1) == ("Palestine", "Gaza Strip")
    assert (e.event_date, e.time_precision) == ("2017-12-22", 1)


def test_violent_demonstration_clash_with_security_forces():
    # vietnews-059591: "lực lượng an ninh Israel" -> Police Forces of Israel
    e = the(extract(P["riot_ramallah"]), "Violent demonstration")
    assert (e.actor1, e.actor2) == ("Rioters (Palestine)", "Police Forces of Israel")
    assert (e.country, e.admin1, e.location) == ("Palestine", "West Bank", "Ramallah")
    assert (e.event_date, e.time_precision) == ("2017-12-22", 1)


def test_mob_violence_last_weekend():
    # vietnews-023504: a mob attacked protesters in Yuen Long on Sunday 21/7/2019
    e = the(extract(P["mob_yuen_long"]), "Mob violence")
    assert e.event_type == "Riots"
    assert e.actor1 == "Rioters (China)"
    assert (e.country, e.admin1, e.location) == ("China", "Hong Kong", "Yuen Long")
    assert e.time_precision == 2
    assert dt.date(2019, 7, 19) <= dt.date.fromisoformat(e.event_date) <= dt.date(2019, 7, 21)
    assert (e.fatalities, e.fatalities_known) == (0, False)   # 45 injured, no one killed


# --------------------------------------------------------------------------------------------
# Strategic developments
# --------------------------------------------------------------------------------------------

def test_arrest_of_a_political_figure():
    # vietnews-047301: the protest leader Joshua Wong arrested in Hong Kong
    e = the(extract(P["arrest_wong"]), "Arrests")
    assert e.event_type == "Strategic developments"
    assert e.actor1 == "Police Forces of China"
    assert (e.country, e.location) == ("China", "Hong Kong")


def test_agreement_prisoner_exchange():
    # vietnews-026043. The typing rule; the type model retrained on 3,142 articles reads the exchange
    # between Russia and Ukraine as an air strike (docs/known-extraction-errors.md)
    e = the(extract(P["agreement_swap"], rules_only=True), "Agreement")
    assert e.event_type == "Strategic developments"
    assert "Interfax" in e.sources


def test_agreement_ceasefire_named_party():
    # vietnews-025684
    e = the(extract(P["agreement_hamas"]), "Agreement")
    assert e.actor1 == "Hamas"


def test_disrupted_weapons_use_drone_shot_down():
    # vietnews-032465: "Không quân Ấn Độ" -> Military Forces of India
    e = the(extract(P["disrupted_bikaner"]), "Disrupted weapons use")
    assert e.event_type == "Strategic developments"
    assert e.actor1 == "Military Forces of India"
    assert (e.country, e.admin1, e.location) == ("India", "Rajasthan", "Bikaner")
    assert (e.event_date, e.time_precision) == ("2019-03-04", 1)


def test_disrupted_weapons_use_missiles_intercepted_over_a_province():
    # vietnews-031086
    e = the(extract(P["disrupted_quneitra"]), "Disrupted weapons use")
    assert (e.actor1, e.actor2) == ("Military Forces of Syria", "Military Forces of Israel")
    assert (e.country, e.admin1) == ("Syria", "Quneitra")
    assert (e.event_date, e.time_precision) == ("2018-07-12", 1)
    assert "Syrian Arab News Agency" in e.sources


def test_disrupted_weapons_use_target_town_wins_over_the_airspace_they_came_from():
    # vietnews-049045: missiles fired from Lebanese airspace at Masyaf are stopped over Syria
    e = the(extract(P["disrupted_masyaf"]), "Disrupted weapons use")
    assert e.actor1 == "Military Forces of Syria"
    assert (e.country, e.admin1, e.location) == ("Syria", "Hama", "Masyaf")
    assert (e.event_date, e.time_precision) == ("2018-07-22", 1)
    assert "Al Masdar News" in e.sources


# --------------------------------------------------------------------------------------------
# Places, dates, sources that the classes above do not already show
# --------------------------------------------------------------------------------------------

def test_capital_standing_for_a_government_is_not_the_place():
    # vietnews-049045: "Tel Aviv sơ tán ..." is Israel's government; the strike hit Masyaf
    events = extract(P["air_masyaf_tel_aviv"])
    e = the(events, "Air/drone strike")
    assert e.actor1 == "Military Forces of Israel"       # "tiêm kích Israel"
    assert (e.country, e.location) == ("Syria", "Masyaf")
    assert all(x.location != "Tel Aviv" and x.country != "Israel" for x in events)


def test_last_week_is_a_week_long_range():
    # vietnews-025126: "Tuần trước" from Sunday 4/8/2019 is Monday 22/7 - Sunday 28/7; the
    # arrests were made at a protest, so the event is the protest with intervention (CODING.md)
    e = the(extract(P["arrests_last_week"]), "Protest with intervention")
    assert (e.actor1, e.actor2) == ("Protesters (Russia)", "Police Forces of Russia")
    assert e.country == "Russia"
    assert e.time_precision == 2
    assert dt.date(2019, 7, 22) <= dt.date.fromisoformat(e.event_date) <= dt.date(2019, 7, 28)


def test_background_older_than_sixty_days_is_no_event():
    # vietnews-024951: the 2014 seizure, told in a 2017 article
    assert extract(P["background_2014"]) == []


def test_photo_credit_is_a_source():
    # dantri-news_world_106: "(Ảnh: AFP)"
    events = extract(P["caption_afp"])
    assert len(events) == 1
    e = events[0]
    assert e.sources == ["Agence France-Presse"]
    assert e.country == "Myanmar"
    assert e.actor2 == "Military Forces of Myanmar"
    assert (e.event_date, e.time_precision) == ("2021-04-27", 1)


def test_non_violent_transfer_when_a_party_leaves_a_town():
    # vietnews-033465: the rebels' evacuation of Daraa under the July 2018 deal, reported the same days
    passage = Passage("vietnews-033465", "2018-07-15",
                      "Hiện tại, lực lượng phiến quân nổi dậy đã bắt đầu rời khỏi thành phố Daraa, trong khi các cuộc "
                      "đàm phán vẫn tiếp tục như một nỗ lực của các tay súng nhằm ngăn chặn quân Chính phủ tiến vào "
                      "thành phố Nawa ở ngoại ô Daraa, đặc biệt là khi cảnh sát Nga đã được triển khai ở đây.")
    assert passage.text in corpus_texts()[passage.doc]
    # the typing rule: the type model retrained on 2,642 articles reads a clash here, the government
    # forces' advance beside the withdrawal weighing more (docs/known-extraction-errors.md)
    e = the(extract(passage, rules_only=True), "Non-violent transfer of territory")
    assert e.event_type == "Strategic developments"
    assert (e.country, e.actor1) == ("Syria", "Unidentified Armed Group (Syria)")
    assert abs(e.latitude - 32.6) < 0.1 and abs(e.longitude - 36.1) < 0.1  # Daraa
    assert e.modality == "asserted"


def test_an_event_near_a_town_has_geo_precision_two():
    # vietnews-022630: "trong một cuộc không kích ngày 28-9 gần Raqqa" (2017): near the town, not in it
    passage = Passage("vietnews-022630", "2017-10-05",
                      "Việc công bố đoạn băng được nhận định nhằm để đáp trả các tuyên bố của quân đội Nga rằng họ gần "
                      "như chắc chắn đã tiêu diệt al - Baghdadi trong một cuộc không kích ngày 28-9 gần Raqqa, thủ phủ "
                      "của IS ở Syria.")
    assert passage.text in corpus_texts()[passage.doc]
    e = the(extract(passage), "Air/drone strike")
    assert (e.country, e.event_date, e.time_precision) == ("Syria", "2017-09-28", 1)
    assert abs(e.latitude - 35.95) < 0.1 and e.geo_precision == 2


def test_a_deed_told_after_a_count_of_days_is_dated_back():
    # vietnews-047501: "Vụ tấn công xảy ra chỉ 4 ngày sau khi IS đánh bom quận Karrada": the bombing was four
    # days before the day of the clause (here publication); the count does not date "Vụ tấn công" before it
    text = ("Vụ tấn công xảy ra chỉ 4 ngày sau khi IS đánh bom quận Karrada, Baghdad, làm 292 người chết, theo "
            "Bộ Nội vụ Iraq, khiến nó trở thành một trong những vụ việc đẫm máu nhất tại nước này.")
    passage = Passage("vietnews-047501", "2016-07-08", text)
    assert passage.text in corpus_texts()[passage.doc]
    events = extract(passage, all_modalities=True)
    bombing = the(events, "Suicide bomb")
    assert (bombing.country, bombing.event_date, bombing.time_precision) == ("Iraq", "2016-07-04", 1)
    assert all(e.event_date != "2016-07-04" for e in events if e is not bombing)


def test_a_target_destroyed_on_the_ground_is_an_attack():
    # pool-00588 (never coded): "phá huỷ" with nothing in the air is an air force's strike, not a
    # weapon stopped (it had been dropped as "nothing in the air was stopped")
    text = ("Trong hai đêm 5/9 và 6/9 năm 2007, không quân Israel phá huỷ một cơ sở hạt nhân đang trong giai "
            "đoạn xây dựng cuối cùng ở tỉnh Deir ez - Zor, cách thủ đô Damascus của Syria khoảng 450 km về phía "
            "tây bắc.")
    passage = Passage("pool-00588", "2007-09-10", text)
    assert passage.text in corpus_texts()[passage.doc]
    e = the(extract(passage, rules_only=True), "Air/drone strike")
    assert (e.country, e.location, e.actor1) == ("Syria", "Deir ez-Zor", "Military Forces of Israel")
    assert e.event_date in ("2007-09-05", "2007-09-06")


def test_a_word_of_stopping_with_nothing_stopped_is_no_event():
    # vietnews-033810: "nhằm ngăn chặn các mối đe doạ" stops nothing in the air, and destroys nothing
    text = ("Nga cũng liên tục hoạt động quân sự tại Syria từ tháng 10/2015 nhằm ngăn chặn các mối đe doạ đối "
            "với đồng minh là chính quyền Tổng thống Syria Bashar Assad.")
    passage = Passage("vietnews-033810", "2017-05-20", text)
    assert passage.text in corpus_texts()[passage.doc]
    assert extract(passage, all_modalities=True, rules_only=True) == []


def test_a_missile_stopped_and_an_aircraft_downed_by_mistake():
    # vietnews-029934: "có tới 71 chiếc bị chặn bởi hệ thống phòng không của Syria" ("chặn" alone)
    stopped = Passage("vietnews-029934", "2018-04-16",
                      "Theo bộ Quốc phòng Nga, trong số 103 chiếc tên lửa hành trình do Mỹ và các đồng minh phóng đi, "
                      "có tới 71 chiếc bị chặn bởi hệ thống phòng không của Syria, phần lớn là do Liên Xô sản xuất.")
    # vietnews-031942: the Il-20 "bị lực lượng phòng không Syria bắn nhầm" (downed by mistake)
    downed = Passage("vietnews-031942", "2018-09-20",
                     "Trước đó, máy bay do thám IL -20 của Nga đã bị lực lượng phòng không Syria bắn nhầm.")
    for passage in (stopped, downed):
        assert passage.text in corpus_texts()[passage.doc]
        e = the(extract(passage, rules_only=True), "Disrupted weapons use")
        assert (e.country, e.actor1) == ("Syria", "Military Forces of Syria")
    # pool-04355 (never coded): "nhằm chặn đà tiến công" stops an advance, and is a purpose, not a deed
    purpose = Passage("pool-04355", "2016-11-20",
                      "Trong nỗ lực tuyệt vọng nhằm chặn đà tiến công của liên quân vào thành trì Mosul, IS gần đây "
                      "sử dụng nhiều biện pháp như đánh bom tự sát bằng xe và buộc thuốc nổ vào UAV để tấn công từ "
                      "trên cao.")
    assert purpose.text in corpus_texts()[purpose.doc]
    assert all(e.sub_event_type != "Disrupted weapons use" for e in extract(purpose, rules_only=True))


def test_a_country_left_is_no_transfer_of_territory_but_a_town_left_is():
    # vietnews-034898: Russia's pull-out from Syria (December 2017) hands over no place
    country = Passage("vietnews-034898", "2018-01-11", "Sau đó ông Putin ra lệnh phần lớn quân Nga rút khỏi Syria.")
    # vietnews-045501: the YPG leaving Manbij (November 2016) hands the town over
    town = Passage("vietnews-045501", "2016-11-18",
                   "Dân quân Các đơn vị Bảo vệ Người dân (YPG) người Kurd ngày 16/11 tuyên bố rút khỏi thành phố Manbij "
                   "và phía đông sông Euphrates để tham gia chiến dịch giải phóng Raqqa.")
    for passage in (country, town):
        assert passage.text in corpus_texts()[passage.doc]
    assert extract(country, all_modalities=True, rules_only=True) == []
    left = the(extract(town, all_modalities=True, rules_only=True), "Non-violent transfer of territory")
    assert (left.location, left.actor1, left.event_date) == ("Manbij", "YPG", "2016-11-16")


# --------------------------------------------------------------------------------------------
# Words added from the annotated corpus (issue 12): each tested on a sentence other than the one
# that showed the gap, read by the rules and the place and type models (what the event model then weighs).
# --------------------------------------------------------------------------------------------

def _read_by_rules(p: Passage) -> list[Event]:
    import unicodedata

    from frontline.pipeline import Models, candidate_events, shipped_models
    from frontline.record import Document, Published

    shipped = shipped_models()
    doc = Document(doc_id=p.doc, text=unicodedata.normalize("NFC", p.text), published=Published.parse(p.published))
    return [event for event, _ in candidate_events(doc, models=Models(shipped.place, shipped.type))]


ADDED = {
    # vietnews-034498: "tối qua" in an AMN report on Daraa (2017); a plausible day.
    "assassination": Passage("vietnews-034498", "2017-08-20",
        "Theo AMN, thị trưởng thị trấn Jillen ở ngoại ô phía Tây của tỉnh Daraa đã bị ám sát tối qua."),
    # vietnews-040761: an expert on what an assassination would take: a wish, not an event.
    "assassination_wished": Passage("vietnews-040761", "2017-05-01",
        "Chuyên gia quân sự Dave Majumdar cho rằng Mỹ phải đối mặt với một loạt thách thức nếu muốn ám sát "
        "nhà lãnh đạo Triều Tiên."),
    # dantri-news_business_011: a coin struck for Caesar's murder, sold in 2020: history, not news.
    "assassination_on_a_coin": Passage("dantri-news_business_011", "2020-11-01",
        "Đồng xu vàng La Mã kỷ niệm vụ ám sát Caesar có giá 97 tỷ đồng"),
    # vietnews-049608: the el-Arish checkpoint attack (January 2017).
    "firing_on_troops": Passage("vietnews-049608", "2017-01-10",
        "Vụ tấn công xảy ra ở thành phố el - Arish ở bán đảo Sinai, các phiến quân đeo mặt nạ đen dùng súng "
        "phóng lựu chống tăng xách tay sau đó còn nã đạn vào quân đội và xung quanh trạm gác, gây ra các vụ nổ "
        "nhỏ, các quan chức an ninh và y tế cho biết."),
    # vietnews-029244: the army's gains on IS in eastern Homs province (February 2017)
    "gains_east_of_a_province": Passage("vietnews-029244", "2017-02-03",
        "Trong một diễn biến khác liên quan tới tình hình cuộc chiến chống IS tại Syria, ngày 2/2, quân đội "
        "chính phủ Tổng thống Assad đã giành được quyền kiểm soát thêm nhiều khu vực quan trọng tại phía đông "
        "tỉnh Homs sau những đợt giao tranh quyết liệt với IS."),
}


def test_added_passages_are_verbatim():
    texts = corpus_texts()
    for p in [*ADDED.values(), *SEVENTH.values()]:
        assert p.text in texts[p.doc], p.doc


def test_an_assassination_is_an_event_where_and_when_the_text_says():
    # "ở ngoại ô phía Tây của tỉnh Daraa": Jillen is a village GeoNames lacks, in the province's west
    [event] = [e for e in _read_by_rules(ADDED["assassination"]) if e.exported_by_default]
    assert (event.location, event.country, event.event_date) == ("Western Daraa", "Syria", "2017-08-19")
    assert (event.admin1, event.geo_precision) == ("Daraa", 2)
    assert event.actor1 == "Unidentified Armed Group (Syria)"


def test_what_happened_in_the_east_of_a_province_is_placed_in_that_part_of_it():
    # "tại phía đông tỉnh Homs": the province's east, not the city of Homs
    events = [e for e in _read_by_rules(ADDED["gains_east_of_a_province"]) if e.exported_by_default]
    homs = {(e.location, e.admin1, e.geo_precision, e.event_date) for e in events if e.admin1 == "Homs"}
    assert homs == {("Eastern Homs", "Homs", 2, "2017-02-02")}


def test_an_assassination_of_history_on_a_coin_is_no_event():
    assert not _read_by_rules(ADDED["assassination_on_a_coin"])


def test_an_assassination_only_wished_for_is_not_reported():
    assert not [e for e in _read_by_rules(ADDED["assassination_wished"]) if e.exported_by_default]


def test_firing_on_troops_is_a_clash_at_the_town():
    [event] = [e for e in _read_by_rules(ADDED["firing_on_troops"]) if e.exported_by_default]
    assert (event.sub_event_type, event.location, event.country) == ("Armed clash", "Arish", "Egypt")


# Words of triggers.yaml added in the seventh session (2026-12-05), each read on a sentence that is
# not the train sentence it was found in.
SEVENTH = {
    # vietnews-033224 (2019, the Tal Malah fighting): "giội" is another spelling of "dội" (to pour down)
    "poured_bombs": Passage("vietnews-033224", "2019-05-20",
        "Máy bay của quân đội Syria giội bom vào vùng Kebane và Bắc Latakia 4 lần trong sáng qua."),
    # vietnews-067091: the bus of Vietnamese tourists bombed near the pyramids of Giza on 28/12/2018
    "struck_by_a_bomb": Passage("vietnews-067091", "2018-12-29",
        "Sự việc xảy ra vào ngày 28/12.\nChiếc xe chở đoàn du khách Việt Nam bị trúng bom cài ven đường, gần một "
        "bức tường dọc theo phố Mariyutiya ở quận Al - Haram, giáp với khu vực Kim tự tháp Giza."),
    # vietnews-041456 (November 2016): a sniper firing on troops near Mosul
    "firing_towards": Passage("vietnews-041456", "2016-11-08",
        "Tay súng này liên tục nã đạn về phía liên quân Iraq và đặc nhiệm Mỹ, khiến đoàn xe thiết giáp 40 chiếc "
        "không thể tiến quân, Reuters ngày 7/11 đưa tin."),
}


def test_bombs_poured_from_aircraft_are_an_air_strike_of_the_day_before():
    # the village and "Bắc Latakia" it lies in are each an event (places.py _villages): the strike's own
    e = the([e for e in extract(SEVENTH["poured_bombs"]) if e.location != "Northern Latakia"], "Air/drone strike")
    assert (e.actor1, e.country, e.event_date) == ("Military Forces of Syria", "Syria", "2019-05-19")
    assert any(s.role == "trigger" and s.text == "giội bom" for s in e.evidence)


def test_a_vehicle_struck_by_a_roadside_bomb_is_an_explosive_attack_where_the_bomb_was():
    e = the(extract(SEVENTH["struck_by_a_bomb"]), "Remote explosive/landmine/IED")
    assert (e.location, e.country, e.event_date) == ("Giza", "Egypt", "2018-12-28")
    # the unnamed bomber is of the country the event is placed in, not of the rules' first guess
    assert e.actor1 == "Unidentified Armed Group (Egypt)"


def test_firing_towards_troops_is_a_war_word_of_a_clash():
    from frontline.lang.language import language
    from frontline.pipeline.mentions.triggers import find_triggers
    from frontline.pipeline.text.normalize import fold_tones

    folded = fold_tones(SEVENTH["firing_towards"].text)
    [trigger] = find_triggers(language("vi").triggers, folded, 0, len(folded))
    assert (trigger.text, trigger.kind) == ("nã đạn về phía", "Armed clash")


def test_a_fight_told_apart_from_the_taking_of_a_town_is_an_event_of_its_own():
    # vietnews-029591: "hôm qua phiến quân Syria đã mở đợt tấn công lớn vào lực lượng quân đội Chính phủ" (a fight,
    # told in its own sentence) was absorbed by "các tay súng của phiến quân đã giành được làng Al - Jebeen" of
    # a later one, as a vague word is by a precise one of the same event type; ACLED codes the fight and the
    # taking as two events (one sub-event type each). A fight told in the taking's own sentence ("sau các vụ
    # đụng độ") stays part of it
    t = corpus_texts()["vietnews-029591"]
    text = t[:t.index("Các nguồn tin chính phủ")].rstrip("\n")
    events = extract(Passage("vietnews-029591", "2019-05-11", text))
    offensive, clashes = text.index("đợt tấn công lớn"), text.index("các vụ đụng độ")

    def holding(start: int) -> list[Event]:
        return [e for e in events if any(s.role == "trigger" and s.start == start for s in e.evidence)]

    assert [(e.sub_event_type, e.event_date) for e in holding(offensive)] == [("Armed clash", "2019-05-10")]
    assert [e.sub_event_type for e in holding(clashes)] == ["Non-state actor overtakes territory"]
