"""War words in their peaceful senses give no event; in a real attack they still do (issue 9).

Vietnamese news writes football, markets, films, Covid, storms and crime in the
words of war ("hàng công", "bom tấn", "cơn bão", "cuộc chiến chống Covid-19").
CODING.md codes none of them: no armed organised group, no political violence,
no protest. Each peaceful passage below must give nothing, not even a planned or
hypothetical event; each war passage uses the same word (or its family) in a
real event and must still give it.

Every passage is copied verbatim from /work/shared/corpus (never from the
evaluation sets); test_passages_are_verbatim checks it. Undated VietNews
articles get a plausible publication day.
"""
from __future__ import annotations

import pytest
from passages import Passage, corpus_texts, extract

import frontline

# (war word in its peaceful sense, article id, publication day, passage)
PEACEFUL = [
    # -- sport ---------------------------------------------------------------------------------
    ("hàng công", "dantri-news_sport_007", "2020-10-01",
     "Chris Smalling được đồn đoán có mức giá khoảng 13 triệu bảng, khi Man Utd muốn có thêm ngân quỹ để "
     "tăng cường hàng công."),
    ("hạ gục", "dantri-news_sport_011", "2020-11-01",
     "Nhật báo hàng đầu Hong Kong viết: “Thành Lê đã tạo nên cú sốc lớn khi hạ gục nhà vô địch Martin "
     "Nguyễn để giành đai vô địch hạng lông ở sự kiện ONE Inside the Matrix ở Singapore vừa qua."),
    ("hạ gục", "dantri-news_sport_223", "2021-04-30",
     "Ở trận bán kết còn lại, Villarreal đã hạ gục Arsenal với tỷ số 2-1."),
    ("pháo sáng", "dantri-news_sport_081", "2021-04-29",
     "Nhiều cổ động viên đốt pháo sáng với hy vọng tiếp thêm động lực cho Mbappe cùng các đồng đội."),
    ("cú nã đại bác", "dantri-news_sport_105", "2021-04-19",
     "Sự tự tin ấy cũng được thể hiện cú nã đại bác ở đẳng cấp cao của Xuân Trường vào lưới CLB Hà Nội."),
    ("oanh tạc", "dantri-news_sport_137", "2021-04-19",
     "Họ giúp thủ thành tài ba Jan Oblak có một ngày thi đấu vô cùng nhàn nhã khi suốt cả trận không tung "
     "ra nổi một pha oanh tạc nào."),
    ("trận chiến", "dantri-news_sport_095", "2021-04-25",
     "Họ gọi trận chiến này là \"derby Hàn Quốc\" khi hai HLV hàng đầu Hàn Quốc ở thời điểm này là HLV Park "
     "Hang Seo và Shin Tae Yong sẽ chạm trán nhau."),
    ("đánh bại", "dantri-news_sport_025", "2021-04-24",
     "Ở các cặp đấu khác diễn ra trong ngày 24/4 ở vòng 1 Cúp Quốc gia Bamboo Airways 2021, bất ngờ cũng "
     "xảy ra khi đội hạng dưới Quảng Nam đánh bại đội bóng thuộc V-League Sài Gòn FC 3-2 trên sân Tam Kỳ, "
     "còn Đắk Lắk thắng Thanh Hóa 3-0 ở sân Buôn Ma Thuột."),
    ("đánh hội đồng", "dantri-news_sport_103", "2021-04-28",
     "Sau đó, chính Ngụy Lôi đã xác nhận bị 6 HLV thể hình đánh hội đồng."),
    # -- business, entertainment, tech -----------------------------------------------------------
    ("cơn bão", "dantri-news_business_117", "2021-04-23",
     "Giữa bối cảnh thị trường đã hồi phục ấn tượng trở lại thì cổ phiếu HAG của Hoàng Anh Gia Lai vẫn đang "
     "phải đối mặt với cơn bão xả hàng vô cùng khắc nghiệt."),
    ("đánh bại", "dantri-news_business_049", "2021-04-21",
     "Vì sao Việt Nam \"đánh bại\" Thái Lan về gạo thơm?"),
    ("cuộc chiến chống", "dantri-news_business_221", "2021-05-01",
     "Công bố này diễn ra trong bối cảnh Trung Quốc đang triển khai cuộc chiến chống độc quyền trong lĩnh "
     "vực internet vốn bị thả nổi lâu nay."),
    ("bom tấn", "dantri-news_entertainment_085", "2021-04-09",
     "Sắp tới, cựu sao của kênh truyền hình Hong Kong TVB còn có cơ hội góp mặt trong một bom tấn Hollywood "
     "đáng chú ý khác là Shang-chi and the legend of the ten rings."),
    ("trận chiến", "dantri-news_entertainment_157", "2021-04-16",
     "Phim tái hiện lại trận chiến thời Tam Quốc, với dàn diễn viên đình đám như Cổ Thiên Lạc vào vai Lữ "
     "Bố, Cổ Lực Na Trát vào vai Điêu Thuyền, Vương Khải vào vai Tào Tháo, Hàn Canh vào vai Quan Vũ."),
    ("oanh tạc", "dantri-news_entertainment_249", "2021-04-28",
     "Năm 2018, Phạm Băng Băng từng bị điều tra hành vi trốn thuế khi tham gia bộ phim Đại oanh tạc."),
    ("cuộc chiến", "dantri-news_entertainment_211", "2021-04-23",
     "Cuộc chiến giành quyền nuôi con giữa Trịnh Sảng và Trương Hằng sẽ tiếp tục diễn ra trong tuần này."),
    # a cyber attack stays peaceful even when an army is said to be behind it
    ("tấn công mạng", "dantri-news_world_213", "2021-04-20",
     "Đài NHK ngày 20/4 dẫn nguồn tin nắm được cuộc điều tra của cảnh sát Nhật Bản cho hay, một nhóm tin "
     "tặc bị nghi đã nhận chỉ thị của quân đội Trung Quốc để tấn công mạng gần 200 viện nghiên cứu và công "
     "ty của Nhật Bản."),
    # vietnews-038350: the WannaCry attribution, June 2017
    ("vụ tấn công mạng", "vietnews-038350", "2017-06-20",
     "Cơ quan An ninh Quốc gia Mỹ (NSA) cho rằng vụ tấn công mạng này liên quan đến tình báo Triều Tiên."),
    # -- health and disasters ---------------------------------------------------------------------
    ("cuộc chiến chống Covid-19", "dantri-news_health_143", "2021-04-19",
     "Để ngăn chặn dịch, bảo vệ thành quả của Việt Nam trong cuộc chiến chống Covid-19, trước khi đội phản "
     "ứng nhanh lên đường TS.BS Nguyễn Tri Thức, Giám đốc Bệnh viện Chợ Rẫy đã tổ chức họp khẩn với các "
     "thành viên phân công nhiệm vụ chi tiết."),
    ("tử vong do Covid-19", "dantri-news_world_225", "2021-04-26",
     "Theo số liệu của Bộ Y tế Thái Lan, trong ngày 25/4, nước này ghi nhận gần 2.500 ca mắc mới và 11 ca "
     "tử vong do Covid-19."),
    ("thiệt mạng do bão", "dantri-news_world_013", "2020-11-01",
     "Ít nhất 4 người đã thiệt mạng và dự kiến 31 triệu người bị ảnh hưởng do bão."),
    # vietnews-051208: the Morandi bridge collapse in Genoa, 14/8/2018
    ("thiệt mạng (sập cầu)", "vietnews-051208", "2018-08-15",
     "Ít nhất 39 người đã thiệt mạng và khoảng 20 người vẫn mất tích sau khi đoạn cầu Morandi, thành phố "
     "Genoa, dài 200 mét bị sập trong thời tiết mưa bão hôm 14/8."),
    # vietnews-035825: a gold mine collapse in Badakhshan, 6/1/2018
    ("thiệt mạng (sập mỏ)", "vietnews-035825", "2018-01-08",
     "Vụ sập mỏ vàng xảy ra ngày 6/1 tại quận Kohistan, tỉnh Badakhshan, Afghanistan, đến nay khiến 40 "
     "người thiệt mạng, CNN dẫn lời nhà chức trách địa phương cho hay."),
    # vietnews-005517: the Leicester City helicopter crash, 27/10/2018
    ("thiệt mạng trong vụ tai nạn", "vietnews-005517", "2018-10-29",
     "Sáng sớm 29/10 (giờ địa phương), trang chủ của CLB nước Anh đã đăng tải thông báo chính thức xác nhận "
     "vị Chủ tịch người Thái đã thiệt mạng trong vụ tai nạn máy bay cùng 4 người đồng hành."),
    ("thiệt mạng trong vụ tai nạn", "dantri-news_world_134", "2021-04-29",
     "Nhiều trong số những người thiệt mạng trong vụ tai nạn thảm khốc mới ngoài 20 tuổi, và họ là lao "
     "động chính trong gia đình."),
    # vietnews-032728: "Tin nóng thế giới ngày mới 22/4" (2018)
    ("vụ nổ (khí ga)", "vietnews-032728", "2018-04-22",
     "Một vụ nổ tình nghi do rò rỉ khí ga đã xảy ra hôm 21/4 tại một bệnh viện ở thành phố Concepcion, phía "
     "Nam Thủ đô Santiago, Chile, làm ít nhất 3 người thiệt mạng và 50 người khác bị thương."),
    # vietnews-010001: a kindergarten fire in Hà Đông, 13/5/2019
    ("vụ cháy", "vietnews-010001", "2019-05-14",
     "Theo thông tin ban đầu, vụ cháy xảy ra vào khoảng 10h30 ngày 13-5 tại Trường mầm non tư nhân Gấu Trúc "
     "thuộc phường Phú Lương, quận Hà Đông, TP Hà Nội."),
    # -- ordinary crime, no armed group ---------------------------------------------------------
    # vietnews-044701: the karaoke arson in Qingyuan, 24/4/2017
    ("đốt (say rượu)", "vietnews-044701", "2017-04-25",
     "Kẻ say rượu đốt quán karaoke làm 18 người chết ở Trung Quốc"),
    # vietnews-003101: a husband kills his wife
    ("đâm chết", "vietnews-003101", "2018-03-10",
     "Sau khi đâm chết vợ, Giang chạy xe đến Công an xã Khánh Lâm đầu thú."),
    # vietnews-047929: police against bank robbers in Milagre, Ceará (7/12/2018)
    ("nổ súng", "vietnews-047929", "2018-12-08",
     "Cảnh sát Brazil hôm qua nổ súng ngăn chặn vụ cướp ngân hàng trên một con phố lớn ở thành phố Milagre, "
     "bang Ceara, đông bắc nước này."),
    ("tấn công (tòa án)", "dantri-news_tech_269", "2021-04-29",
     "Stanislav Reshetnikov, 30 tuổi, chủ sở hữu của kênh Youtube có tên ReeFlay, vừa bị tòa án tại thủ đô "
     "Moscow (Nga) kết án 6 năm tù vì tội danh tấn công người khác dẫn đến tử vong."),
    # -- politics without violence -------------------------------------------------------------
    ("cuộc chiến pháp lý", "dantri-news_world_101", "2021-04-22",
     "Phán quyết có thể coi là một thắng lợi của bà Mạnh Vãn Chu và đội ngũ luật sư trong cuộc chiến pháp "
     "lý nhằm tránh nguy cơ bà bị dẫn độ sang Mỹ."),
    # vietnews-026001: "Trong sáng nay (19-6)" (2018)
    ("chiến tranh thương mại", "vietnews-026001", "2018-06-19",
     "Trong sáng nay (19-6) chứng khoán Tokyo đã giảm điểm trong phiên giao dịch đầu ngày do những quan ngại "
     "của nhà đầu tư trước nguy cơ chiến tranh thương mại bùng nổ trên diện rộng giữa hai nền kinh tế lớn "
     "nhất thế giới."),
    # vietnews-022901: the tweet of Friday 22/3/2019
    ("lệnh trừng phạt", "vietnews-022901", "2019-03-24",
     "Theo Hãng tin Yonhap, trước đó trong đoạn tweet đưa lên ngày thứ sáu (22-3), ông Trump nói ông đã ra "
     "lệnh rút bỏ các lệnh trừng phạt bổ sung quy mô lớn với Triều Tiên."),
    # vietnews-021550: India's 2019 general election
    ("bầu cử", "vietnews-021550", "2019-04-01",
     "Cuộc bầu cử sẽ diễn ra vào ngày 11-4 và dự kiến kéo dài trong gần 6 tuần."),
    # -- words that aim, pour out or execute in another sense -----------------------------------
    # "nhắm vào" (aim at) by wolves, "đổ ra đường" by traffic, "xử tử" centuries ago
    ("nhắm vào", "dantri-news_science_035", "2021-04-02",
     "Đàn sói đã bao vây xung quanh đàn bò rừng và tìm cách để chia tách các cá thể bò ra với nhau và nhắm "
     "vào những con bò nào bị tách ra khỏi đàn."),
    ("đổ ra đường", "dantri-news_society_133", "2021-04-29",
     "Tại khu vực đường vành đai 3, đoạn Khuất Duy Tiến - Nguyễn Xiển ùn ứ kéo dài hàng cây số cả đường dưới "
     "thấp và đường trên cao do lưu lượng phương tiện đổ ra đường quá lớn."),
    ("xử tử", "dantri-news_travel_189", "2021-03-27",
     "11 người bị đem ra xét xử, 10 người sau đó bị xử tử bằng cách treo cổ và chôn cất dưới đồi."),
]

# (war word, article id, publication day, passage, sub-event type, country)
WAR = [
    # "biểu tình" in a city a football club is named after (vs a match report): vietnews-034132, the
    # Barcelona march of 21/10/2017
    ("biểu tình tại Barcelona", "vietnews-034132", "2017-10-22",
     "Khoảng 450.000 người dân Tây Ban Nha đã tham gia biểu tình tại Barcelona, thủ phủ của Catalonia, sau khi "
     "chính quyền trung ương công bố kế hoạch tước bỏ quyền lực của các lãnh đạo khu vực và tổ chức bầu cử",
     "Peaceful protest", "Spain"),
    # "tấn công" (vs "hàng công", "tấn công mạng"); vietnews-049045, the Masyaf strike of 22/7/2018
    ("tấn công", "vietnews-049045", "2018-07-23",
     "Trước đó, hãng thông tấn Syria SANA cáo buộc tiêm kích Israel đã tấn công vào nhiều mục tiêu ở Masyaf "
     "chỉ vài giờ sau khi Tel Aviv sơ tán 800 nhân viên tổ chức cứu hộ Mũ Trắng và gia đình khỏi Syria.",
     "Air/drone strike", "Syria"),
    # "bom" (vs "bom tấn") and "nổ" (vs a gas explosion)
    ("bom ... phát nổ", "dantri-news_world_056", "2021-05-01",
     "Tại thị trấn Insein, Yangon, một quả bom đã phát nổ vào lúc 10 giờ sáng gần một trường học.",
     "Remote explosive/landmine/IED", "Myanmar"),
    # "pháo" (vs "pháo sáng", "cú nã đại bác"); vietnews-034898, January 2018
    ("pháo cối", "vietnews-034898", "2018-01-11",
     "Sự việc căn cứ Nga ở Syria bị máy bay không người lái tấn công chỉ diễn ra khoảng 1 tuần sau khi căn "
     "cứ Hmeymim bị tấn công bằng pháo cối khiến 2 binh sĩ Nga thiệt mạng.",
     "Shelling/artillery/missile attack", "Syria"),
    # "thiệt mạng trong ..." (vs "thiệt mạng trong vụ tai nạn"); vietnews-029868, 4/9/2017
    ("thiệt mạng trong một vụ pháo kích", "vietnews-029868", "2017-09-05",
     "Hãng tin Sputnik dẫn nguồn tin từ bộ Quốc phòng Nga hôm 4/9 cho hay, hai lính đánh thuê Nga vừa thiệt "
     "mạng trong một vụ pháo kích được thực hiện bởi những kẻ khủng bố của tổ chức Nhà nước Hồi giáo tự "
     "xưng (IS) ở tỉnh Deir ez - Zor của Syria.",
     "Shelling/artillery/missile attack", "Syria"),
    # "bắn hạ" (vs "hạ gục"); vietnews-032465, 4/3/2019
    ("bắn hạ", "vietnews-032465", "2019-03-05",
     "Chiến đấu cơ Sukhoi -30 của Không quân Ấn Độ hôm 4/3 đã bắn hạ một máy bay không người lái quân sự "
     "của Pakistan bằng tên lửa ở vùng Bikaner thuộc bang Rajasthan, gần khu vực biên giới 2 nước.",
     "Disrupted weapons use", "India"),
    # "đám đông tấn công" (vs "đánh hội đồng"); vietnews-023504, July 2019
    ("đám đông tấn công", "vietnews-023504", "2019-07-26",
     "Yuen Long là nơi đã xảy ra vụ việc một đám đông tấn công người biểu tình tại một ga tàu điện, khiến ít "
     "nhất 45 người bị thương, bao gồm một chính trị gia phe đối lập và một nữ phóng viên vào cuối tuần "
     "trước.",
     "Mob violence", "China"),
    # "xả súng" by extremists (vs crime); vietnews-042301, the Quebec mosque, 29/1/2017
    ("xả súng vào", "vietnews-042301", "2017-03-02",
     "Canada gần đây thắt chặt an ninh nhằm tăng cường khả năng đối phó chủ nghĩa khủng bố sau khi các phần "
     "tử cực đoan ngày 29/1 xả súng vào khoảng 40 người trong Trung tâm Văn hoá Hồi giáo Quebec City, "
     "Quebec, làm 6 người thiệt mạng, 8 người bị thương.",
     "Attack", "Canada"),
    # "giao tranh" (vs "cuộc chiến pháp lý", "cuộc chiến chống Covid-19"); vietnews-034051, 27/5/2018
    ("các trận giao tranh", "vietnews-034051", "2018-05-28",
     "Bộ Quốc phòng Nga hôm 27/5 cho hay 4 quân nhân nước này đã thiệt mạng trong các trận giao tranh tại "
     "tỉnh Deir Ezzor.",
     "Armed clash", "Syria"),
    # "biểu tình" against a president (vs elections, sanctions); vietnews-047193, April 2019
    ("xuống đường biểu tình", "vietnews-047193", "2019-04-07",
     "Sau nhiều tuần bị cắt điện và mất nguồn nước sạch, hàng chục nghìn người Venezuela hôm nay xuống "
     "đường biểu tình phản đối Tổng thống Nicolas Maduro và bày tỏ ủng hộ thủ lĩnh đối lập Juan Guaido.",
     "Peaceful protest", "Venezuela"),
    # "nhắm vào" by an air force (vs wolves, genes, marketing); vietnews-033224
    ("nhắm vào", "vietnews-033224", "2019-05-22",
     "Theo nguồn tin quân sự ở Tây Bắc Syria, lực lượng không quân Nga và Syria nhắm vào nhiều vị trí hiện "
     "còn dưới sự kiểm soát của lực lượng phiến quân, trong đó có sân bay Taftanaz.",
     "Air/drone strike", "Syria"),
    # "đổ xuống đường" against a policy (vs traffic); vietnews-035501
    ("đổ xuống đường", "vietnews-035501", "2018-10-14",
     "Tại Áo, khoảng 17.000 người ở thủ đô Vienna đổ xuống đường để phản đối chính sách di cư, đồng thời yêu "
     "cầu giảm ngày làm việc và bãi bỏ các biện pháp khắc khổ.",
     "Peaceful protest", "Austria"),
]


def test_passages_are_verbatim():
    texts = corpus_texts()
    for word, doc, _, text, *_ in PEACEFUL + WAR:
        assert doc in texts, word
        assert text in texts[doc], f"{word}: not a verbatim passage of {doc}"


@pytest.mark.parametrize("word, doc, published, text", PEACEFUL, ids=[f"{c[0]}|{c[1]}" for c in PEACEFUL])
def test_peaceful_sense_gives_nothing(word, doc, published, text):
    events = frontline.extract(text, published=published, doc_id=doc, all_modalities=True)
    assert events == [], [(e.sub_event_type, e.modality, e.country) for e in events]


@pytest.mark.parametrize("word, doc, published, text, sub_event_type, country", WAR,
                         ids=[f"{c[0]}|{c[1]}" for c in WAR])
def test_war_sense_still_gives_the_event(word, doc, published, text, sub_event_type, country):
    # the sense gate's call, read as passages are (tests/passages.py): whether an article keeps the event
    # is the event model's, measured on held-out articles (a passage told once, in one sentence, weighs little)
    events = extract(Passage(doc, published, text))
    assert [e for e in events if e.sub_event_type == sub_event_type and e.country == country], \
        [(e.sub_event_type, e.modality, e.country) for e in events]


def test_an_article_in_a_peaceful_domain_that_names_protesters_is_read():
    # gate.py: money words dominate vietnews-057101 (savers who lost their deposits on lending sites),
    # yet "người biểu tình" in Beijing are a protest's party as an army is a war's; a football report
    # that names no party is still skipped whole
    texts = corpus_texts()
    events = frontline.extract(texts["vietnews-057101"], published="2018-08-07", doc_id="vietnews-057101")
    protests = [e for e in events if e.event_type == "Protests"]
    assert [(e.location, e.event_date) for e in protests] == [("Beijing", "2018-08-06")]
    assert frontline.extract(texts["dantri-news_sport_001"], published="2020-10-01",
                             doc_id="dantri-news_sport_001", all_modalities=True) == []
