"""find_dates on real sentences from the news samples in shared/corpus.

Every sentence is copied verbatim from dantri-2020-21.jsonl (its id and publication
date are given) or from vietnews-sample.jsonl, whose articles are undated (about
2016-19): there the test states the publication day it resolves against.
"""
from __future__ import annotations

import datetime as dt

import pytest

from frontline.lang import load
from frontline.lang.language import language
from frontline.pipeline.mentions.dates import DateMention, find_dates, undated_event_date
from frontline.record import Published


def mentions(sentence: str, published: str | None) -> list[DateMention]:
    """find_dates, checking that every span slices the sentence, in order, without overlap."""
    found = find_dates(language("vi").dates, sentence, Published.parse(published))
    position = 0
    for mention in found:
        assert mention.start == sentence.index(mention.text, position)
        assert sentence[mention.start : mention.end] == mention.text
        position = mention.end
    return found


def found(sentence: str, published: str | None) -> list[tuple[str, str, int]]:
    return [(m.text, m.date.isoformat(), m.precision) for m in mentions(sentence, published)]


# (sentence, publication, [(text, date, precision), ...])
WRITTEN_DAYS = [
    # dantri-news_business_015
    ("Vì sao mọi người không coi tôi là một người tháo vát, thay vì nghĩ tôi là một người tồi?, "
     "ông Trump bày tỏ quan điểm trên Twitter hôm 28/10.", "2020-11-01",
     [("hôm 28/10", "2020-10-28", 1)]),
    # vietnews-021148: Tuổi Trẻ writes day-month with a dash
    ("Người ta cũng không quên những chia sẻ cảm động của người đàn ông quyền lực nhất nước Mỹ khi ông "
     "đang trên chuyên cơ Không lực 1 trở về Mỹ sau cuộc gặp thượng đỉnh Mỹ - Triều với Chủ tịch Triều "
     "Tiên Kim Jong Un hôm 28-2.", "2019-03-05",
     [("hôm 28-2", "2019-02-28", 1)]),
    # dantri-news_society_215: the second day has no "ngày" but follows "đến" and a date
    ("Theo Đại sứ Phạm Sanh Châu, từ ngày 27-4 đến 30-4, mỗi ngày Đại sứ quán Việt Nam tại Ấn Độ có "
     "1 ca nhiễm mới.", "2021-05-01",
     [("ngày 27-4", "2021-04-27", 1), ("30-4", "2021-04-30", 1)]),
    # dantri-news_health_203: in parentheses, "(ngày 9/2)"
    ("Tại Indonesia, hiện nay tỷ lệ ca dương tính với SARS-CoV-2 đã giảm còn 11%, so với gần 30% ghi "
     "nhận vào thời điểm bùng phát dịch mạnh nhất (ngày 9/2).", "2021-04-23",
     [("ngày 9/2", "2021-02-09", 1)]),
    # vietnews-014501
    ("HCM đã ngưng áp dụng biện pháp cắt điện, nước của công trình vi phạm xây dựng từ khi Luật xây "
     "dựng có hiệu lực (ngày 1-1-2015).", "2017-06-01",
     [("ngày 1-1-2015", "2015-01-01", 1)]),
    # dantri-news_business_167
    ("Dãy nhà học được xây dựng từ giữa tháng 10/2020 và hoàn thành vào ngày 8/4/2021.", "2021-05-01",
     [("giữa tháng 10/2020", "2020-10-15", 2), ("ngày 8/4/2021", "2021-04-08", 1)]),
    # dantri-news_society_161: Dân Trí writes "30.4"; "1.5" follows a date and a comma
    ("Trước đó, ngày 16.4.2021, Bộ Giao thông vận tải đã có văn bản số 3368/BGTVT-ATGT về việc tăng "
     "cường các giải pháp nhằm bảo đảm TTATGT trong dịp nghỉ lễ 30.4, 1.5 và bầu cử Đại biểu Quốc hội "
     "khóa XV, đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021 - 2026.", "2021-04-30",
     [("ngày 16.4.2021", "2021-04-16", 1), ("30.4", "2021-04-30", 1), ("1.5", "2021-05-01", 1)]),
    # dantri-news_sport_021
    ("Giải đua năm nay bắt đầu vào ngày 19 tháng 4.", "2021-04-27",
     [("năm nay", "2021-07-01", 3), ("ngày 19 tháng 4", "2021-04-19", 1)]),
    # dantri-news_entertainment_057
    ("Vào ngày 30 tháng 10 năm 2008, cô tham gia cuộc thi hoa hậu Mỹ Latin tổ chức tại Santa Cruz, "
     "Bolivia và giành được ngôi vị cao nhất.", "2021-04-15",
     [("ngày 30 tháng 10 năm 2008", "2008-10-30", 1)]),
    # dantri-news_health_137
    ("Ngày 21/4, Bệnh viện Đa khoa tỉnh Đắk Nông cho biết, đêm 20/4 đơn vị tiếp nhận gần 30 bệnh nhân "
     "có biểu hiện ngộ độc.", "2021-04-21",
     [("Ngày 21/4", "2021-04-21", 1), ("đêm 20/4", "2021-04-20", 1)]),
    # dantri-news_science_141
    ("Năm nay, dự kiến mưa sao băng Lyrid sẽ đạt cực đỉnh vào đêm 22/4, rạng sáng 23/4, với mật độ "
     "khoảng 18 sao băng/giờ.", "2021-04-22",
     [("Năm nay", "2021-07-01", 3), ("đêm 22/4", "2021-04-22", 1), ("rạng sáng 23/4", "2021-04-23", 1)]),
    # dantri-news_world_051
    ("Tàu ngầm KRI Nanggala 402 của Hải quân Indonesia mất tích cùng với 53 thủy thủ rạng sáng 21/4 "
     "khi đang diễn tập phóng ngư lôi ngoài khơi Bali.", "2021-04-26",
     [("rạng sáng 21/4", "2021-04-21", 1)]),
    # dantri-news_business_047
    ("Sáng 27/4, Ngân hàng TMCP Quân đội (MB - mã: MBB) tổ chức họp đại hội cổ đông thường niên 2021.",
     "2021-04-27", [("Sáng 27/4", "2021-04-27", 1)]),
    # dantri-news_business_245
    ("Trước đó, tối 27/4, một nguồn tin xác nhận với Dân trí rằng VPBank đã \"chốt\" xong thương vụ "
     "bán 49% vốn FE Credit.", "2021-04-28", [("tối 27/4", "2021-04-27", 1)]),
    # dantri-news_science_129: "đêm 22 rạng sáng ngày 23/4" is read from its "rạng sáng" day; both
    # fall after publication, so CODING.md's rule (on or before publication) puts them in 2020
    ("Mưa sao băng Thiên Cầm (Lyrids) diễn ra từ 16-25/4 hàng năm, đạt cực đại vào đêm 22 rạng sáng "
     "ngày 23/4 với tần suất khoảng 20 vệt sao băng một giờ.", "2021-04-09",
     [("16-25/4", "2020-04-20", 3), ("rạng sáng ngày 23/4", "2020-04-23", 1)]),
    # dantri-news_health_197: two days of one month
    ("Ngày 30/4, Đồn Biên phòng Ba Tầng (Bộ đội Biên phòng Quảng Trị) xác nhận, trong 2 ngày 27 và "
     "28/4, đơn vị đã phát hiện 14 trường hợp nhập cảnh trái phép.", "2021-04-30",
     [("Ngày 30/4", "2021-04-30", 1), ("ngày 27 và 28/4", "2021-04-27", 2)]),
    # dantri-news_health_079: "ngày 22-24" has no month and is not a date; 26-28/4 is after
    # publication, hence 2020 by the same rule
    ("Đợt một từ ngày 22-24, đợt hai từ ngày 26-28/4 cho những đối tượng thuộc diện ưu tiên theo kế "
     "hoạch TP đã ban hành.", "2021-04-19",
     [("ngày 26-28/4", "2020-04-27", 2)]),
    # dantri-news_entertainment_157: "tới" puts it after publication
    ("Phim dự kiến ra mắt vào ngày 30/4 tới.", "2021-04-16", [("ngày 30/4 tới", "2021-04-30", 1)]),
]


RELATIVE_DAYS = [
    # dantri-news_business_007: a relative day with the day written after it
    ("Nếu như phiên hôm qua (30/9), mã này được khớp tổng cộng hơn 390 nghìn đơn vị thì chỉ trong sáng "
     "nay đã được giao dịch gần 1,5 triệu đơn vị.", "2020-10-01",
     [("hôm qua (30/9)", "2020-09-30", 1), ("sáng nay", "2020-10-01", 1)]),
    # dantri-news_business_055
    ("Ông Yasuhiro Saitoh cho biết, thực sự ông cũng không biết ý định của cổ đông SMBC là gì, như hôm "
     "qua họ tham dự, hôm nay thì không.", "2021-04-27",
     [("hôm qua", "2021-04-26", 1), ("hôm nay", "2021-04-27", 1)]),
    # dantri-news_entertainment_227
    ("Hình ảnh hậu trường của Song Hye Kyo tại trường quay I'm Breaking Up Now được chia sẻ trên nhiều "
     "mạng xã hội của Hàn Quốc vào ngày hôm qua 10/4.", "2021-04-11",
     [("ngày hôm qua 10/4", "2021-04-10", 1)]),
    # dantri-news_society_131
    ("Hà Nội đưa ra ngày hôm qua.", "2021-04-30", [("ngày hôm qua", "2021-04-29", 1)]),
    # vietnews-021805
    ("Cuộc biểu tình ngày hôm nay (28-4) chỉ là một phần trong số các nỗ lực lên tiếng phản ánh thực "
     "trạng của lao động nhập cư tại Đài Loan, nền kinh tế đang già hoá nhanh chóng và thiếu hụt lao "
     "động phổ thông.", "2019-04-28", [("ngày hôm nay (28-4)", "2019-04-28", 1)]),
    # vietnews-035327: "hôm kia" is the day before yesterday
    ("\" Đêm hôm kia, Tổng thống đã nêu rằng nếu quân đội bị tổn hại, đó có thể là ' lằn ranh đỏ ' của "
     "ông ấy \", Esperon nói với các phóng viên.", "2017-06-01", [("Đêm hôm kia", "2017-05-30", 1)]),
    # dantri-news_business_057
    ("Chiều nay (22/4), Ngân hàng TMCP Sài Gòn - Hà Nội (SHB) tổ chức họp đại hội đồng cổ đông (ĐHĐCĐ) "
     "thường niên năm 2021.", "2021-04-22",
     [("Chiều nay (22/4)", "2021-04-22", 1), ("năm 2021", "2021-07-01", 3)]),
    # dantri-news_society_131
    ("Ghi nhận trong tối nay, một số quán bar nhỏ trên phố Tạ Hiện đóng cửa, không hoạt động.",
     "2021-04-30", [("tối nay", "2021-04-30", 1)]),
    # dantri-news_sport_019
    ("Man Utd và Arsenal sẽ bước vào trận đấu tâm điểm của vòng 7 Premier League tại Old Trafford vào "
     "đêm nay.", "2020-11-01", [("đêm nay", "2020-11-01", 1)]),
    # dantri-news_society_025
    ("Liên quan đến bệnh nhân 2910, tối qua cơ quan chức năng TPHCM cũng đã nhanh chóng phong tỏa hẻm "
     "20 đường Phạm Đăng Giảng, quận Bình Tân.", "2021-04-30", [("tối qua", "2021-04-29", 1)]),
    # dantri-news_society_107: "chiều tối" alone is no day; "đêm qua, 28/4" is
    ("Đài khí tượng thủy văn tỉnh Lào Cai cho biết, chiều tối và đêm qua, 28/4, một đợt không khí "
     "lạnh từ phía Bắc tăng cường xuống Lào Cai.", "2021-04-29", [("đêm qua, 28/4", "2021-04-28", 1)]),
    # dantri-news_business_107
    ("Mức giá này tăng 14 USD/ounce so với sáng qua.", "2021-04-22", [("sáng qua", "2021-04-21", 1)]),
    # vietnews-097495
    ("Đến rạng sáng nay cảnh sát vẫn phun nước vào trong đám cháy đề phòng lửa tái bùng phát.",
     "2019-04-16", [("rạng sáng nay", "2019-04-16", 1)]),
    # dantri-news_sport_049: published on a Tuesday, "thứ Ba" is that day
    ("Thủ tướng Anh Boris Johnson đã có cuộc gặp gỡ với Liên đoàn bóng đá nước này, đại diện của các "
     "CLB Premier League vào hôm thứ Ba.", "2021-04-20", [("hôm thứ Ba", "2021-04-20", 1)]),
    # dantri-news_education_001: published on a Thursday
    ("Hôm thứ Ba, Harvard thông báo rằng do “hoạt động mạnh mẽ bất ngờ của nguồn tài trợ trong năm "
     "nay”, trường sẽ cung cấp thêm 20 triệu đô la cho các trường con của mình để bù đắp chi phí đại "
     "dịch.", "2020-10-01", [("Hôm thứ Ba", "2020-09-29", 1), ("năm nay", "2020-07-01", 3)]),
    # dantri-news_entertainment_135: the Oscars were on Sunday 25 April 2021
    ("Sau chiến thắng tại lễ trao giải Oscar tối chủ nhật, nam diễn viên nổi tiếng với phim Sự im lặng "
     "của bầy cừu đã chia sẻ một video vào sáng thứ Hai.", "2021-04-26",
     [("tối chủ nhật", "2021-04-25", 1), ("sáng thứ Hai", "2021-04-26", 1)]),
    # dantri-news_science_105
    ("Siêu trăng hồng đạt kích thước cực đại vào trưa thứ Ba (27/4) theo giờ Việt Nam.", "2021-04-28",
     [("trưa thứ Ba (27/4)", "2021-04-27", 1)]),
    # dantri-news_sport_037
    ("Thế nhưng, vào Chủ nhật vừa qua, họ vừa giải hạn khi giành chiến thắng trước Urawa Reds.",
     "2021-04-19", [("Chủ nhật vừa qua", "2021-04-18", 1)]),
    # vietnews-030362, published on Wednesday 2 May 2018
    ("Trong một cuộc tấn công hôm thứ Bảy tuần trước, Israel đã nhắm mục tiêu vào cứ điểm quân sự gần "
     "Damascus.", "2018-05-02", [("hôm thứ Bảy tuần trước", "2018-04-28", 1)]),
    # vietnews-025714: the written day wins
    ("Theo một nhà nghiên cứu Trung Quốc, vụ sập đổ sau 5 vụ thử hạt nhân có thể là lý do khiến nhà "
     "lãnh đạo Triều Tiên Kim Jong Un hôm thứ Sáu tuần trước (20-4) tuyên bố rằng Bình Nhưỡng sẽ ngừng "
     "thử hạt nhân và tên lửa, đồng thời đóng bãi thử Punggye - ri.", "2018-04-25",
     [("hôm thứ Sáu tuần trước (20-4)", "2018-04-20", 1)]),
    # vietnews-008701: "thứ 4" in digits
    ("Đón xem tập 20 Lựa chọn của trái tim phát sóng vào 20h30 tối thứ 4 ngày 16/5 trên kênh VTV 3.",
     "2018-05-14", [("tối thứ 4 ngày 16/5", "2018-05-16", 1)]),
]


WEEKS_AND_MONTHS = [
    # vietnews-028820: "cách đây" before a count is "trước" after it ("1 tuần trước")
    ("Phóng viên Florian Rötzer của tạp chí Telepolis dẫn lời truyền thông Israel đưa tin Rampage được triển "
     "khai ở Syria vào tháng 10 năm ngoái và đưa vào sử dụng lần đầu tiên cách đây 1 tuần.", "2018-05-20",
     [("tháng 10 năm ngoái", "2017-10-15", 3), ("cách đây 1 tuần", "2018-05-13", 2)]),
    # dantri-news_world_104: published on a Monday
    ("Tính đến cuối tuần qua, đã có hai hãng hàng không là Etihat và Emirates hoãn các chuyến bay từ "
     "Ấn Độ.", "2021-04-26", [("cuối tuần qua", "2021-04-24", 2)]),
    # vietnews-021656, published on Monday 2 October 2017
    ("Về phía Washington, Ngoại trưởng Mỹ Rex Tillerson cuối tuần trước cho biết Mỹ sẽ tiếp tục các nỗ "
     "lực ngoại giao miễn là khả thi mặc dù hai bên đang khẩu chiến gay gắt.", "2017-10-02",
     [("cuối tuần trước", "2017-09-30", 2)]),
    # dantri-news_business_021
    ("Tuần trước, Ấn Độ đã vượt Brazil trở thành nước có số ca nhiễm cao thứ hai thế giới, sau Mỹ.",
     "2021-04-21", [("Tuần trước", "2021-04-15", 2)]),
    # dantri-news_business_221: published on a Saturday
    ("Đầu tuần này, nền tảng giao đồ ăn trực tuyến lớn nhất Trung Quốc Meituan cũng đã bị điều tra vì "
     "nghi ngờ có hành vi độc quyền.", "2021-05-01", [("Đầu tuần này", "2021-04-27", 2)]),
    # dantri-news_business_017: the last seven days
    ("Dù thị trường nhiều biến động, nhưng tài sản chứng khoán của một tỷ phú Việt đạt tới trên 200.000 "
     "tỷ đồng là thông tin đáng chú ý về đời sống doanh nhân tuần qua.", "2020-11-01",
     [("tuần qua", "2020-10-29", 2)]),
    # dantri-news_sport_171
    ("Rất nhiều lời khen ngợi đã được đưa ra khi sớm ngăn chặn một ý tưởng gây náo loạn thế giới như "
     "European Super League trong mấy ngày qua.", "2021-04-21", [("mấy ngày qua", "2021-04-19", 2)]),
    # dantri-news_world_223
    ("\"Trong vài ngày qua, chúng tôi đã trục vớt được các mảnh vỡ và các vật dụng từ vị trí cuối cùng "
     "mà tàu ngầm lặn.", "2021-04-24", [("vài ngày qua", "2021-04-22", 2)]),
    # dantri-news_business_039
    ("Mấy ngày hôm nay, nhóm anh như \"ngồi trên lửa\" khi sàn giao dịch sập.", "2021-04-21",
     [("Mấy ngày hôm nay", "2021-04-19", 2)]),
    # dantri-news_sport_183
    ("Hai tháng trước, Nadal thua ngược trước Tsitsipas tại Australian Open.", "2021-04-26",
     [("Hai tháng trước", "2021-02-25", 3)]),
    # dantri-news_world_134
    ("Còn quân nhân vận hành bơm Rusdiansyah Rahman qua đời khi vợ anh mới sinh con hồi đầu tháng.",
     "2021-04-29", [("đầu tháng", "2021-04-05", 2)]),
    # dantri-news_science_071
    ("Nate Iszac, 39 tuổi, đã bắt được một con cá trông vô cùng đáng sợ ngoài khơi bờ biển Alaska vào "
     "đầu tháng này.", "2021-03-22", [("đầu tháng này", "2021-03-05", 2)]),
    # dantri-news_business_003
    ("Trên thực tế, làn sóng giảm lãi suất huy động cũng diễn ra mạnh kể từ đầu tháng 9 đến nay.",
     "2020-10-01", [("đầu tháng 9", "2020-09-05", 2)]),
    # dantri-news_world_150
    ("Hồi giữa tháng, cả Mỹ và Trung Quốc đều đưa các nhóm tác chiến tàu sân bay tới Biển Đông, động "
     "thái được xem là phát đi thông điệp cứng rắn.", "2021-05-01", [("giữa tháng", "2021-04-15", 2)]),
    # vietnews-037750, published 5 November 2018
    ("Hồi cuối tháng 10, một vụ ẩu đả giữa tài xế và hành khách khiến xe buýt lao xuống sông Dương Tử, "
     "làm 13 người thiệt mạng và hai người mất tích.", "2018-11-05", [("cuối tháng 10", "2018-10-26", 2)]),
    # dantri-news_world_136
    ("\"Cho tới cuối tháng trước, chúng tôi hỏa thiêu 20 thi thể mỗi ngày.", "2021-04-23",
     [("cuối tháng trước", "2021-03-26", 2)]),
    # dantri-news_science_263
    ("Vào tháng trước, các nhà điều tra của WHO đã bác bỏ thông tin này.", "2021-03-19",
     [("tháng trước", "2021-02-15", 3)]),
    # dantri-news_business_201
    ("Lâu nay, tiền điện gia đình chị hàng tháng thường dưới 100.000 đồng, tháng này xuống thấp nhất "
     "do chị ngưng không sử dụng tủ lạnh.", "2021-04-23", [("tháng này", "2021-04-15", 3)]),
    # dantri-news_business_111
    ("Nhìn lại diễn biến giá vàng hiện nay, vàng đã tăng hơn 6,2% so với mức thấp nhất trong tháng 3.",
     "2021-04-21", [("tháng 3", "2021-03-15", 3)]),
    # dantri-news_entertainment_173
    ("Cụ thể, Uông Phong đăng tải hình ảnh được cắt từ video mừng sinh nhật Chương Tử Di hồi tháng 2.",
     "2021-04-30", [("tháng 2", "2021-02-15", 3)]),
    # dantri-news_business_015
    ("Vào tháng 7/2010, Deutsche Bank, Fortress và Trump đã đạt được một thỏa thuận riêng tư mà không "
     "tiết lộ các điều khoản.", "2020-11-01", [("tháng 7/2010", "2010-07-15", 3)]),
    # vietnews-015701: a spaced dash before the year
    ("Như Tuổi Trẻ Online đã thông tin, cuối tháng 12 – 2018 đã xảy ra vụ cháy tại Công ty TNHH Kim Ngọc "
     "Long và đáng chú ý đây là lần cháy thứ 2 tại công ty này.", "2019-03-01",
     [("cuối tháng 12 – 2018", "2018-12-26", 2)]),
    # vietnews-080090: a span of months, and the second half of the year
    ("Khoảng 100 quân nhân Trung Quốc sẽ trải qua khoá huấn luyện sử dụng S -400 từ tháng 3-6/2019 khi hệ "
     "thống phòng không thứ hai được bàn giao cho quân đội Trung Quốc vào nửa cuối năm nay, một nguồn tin "
     "quân sự - ngoại giao nói với hãng tin Nga TASS.", "2019-01-20",
     [("tháng 3-6/2019", "2019-04-30", 3), ("nửa cuối năm nay", "2019-09-30", 3)]),
    # dantri-news_entertainment_209
    ("Rita Ora đang có nhiều nỗ lực để xây dựng lại hình ảnh sau scandal tổ chức tiệc sinh nhật giữa "
     "dịch Covid-19 hồi tháng 11 năm ngoái.", "2021-04-20", [("tháng 11 năm ngoái", "2020-11-15", 3)]),
    # vietnews-037297: a month in words
    ("Hồi giữa tháng hai, Nga cho biết ông Putin và ông Trump có thể gặp gỡ trước hội nghị thượng đỉnh "
     "G20 vào tháng 7.", "2019-03-10", [("giữa tháng hai", "2019-02-15", 2), ("tháng 7", "2018-07-15", 3)]),
    # dantri-news_education_059: "tháng 5 tới" is the coming May
    ("Trước khi sang Mỹ, vào tháng 5 tới Quân sẽ tham gia kỳ thi Olympic Vật lý châu Á với hi vọng mang "
     "chiến thắng về cho đội tuyển Việt Nam.", "2021-04-14", [("tháng 5 tới", "2021-05-15", 3)]),
    # dantri-news_business_021
    ("Theo IMF, nền kinh tế Brazil đã giảm 4,1% trong năm ngoái, dự đoán năm nay sẽ tăng trưởng ở mức "
     "3,7%.", "2021-04-21", [("năm ngoái", "2020-07-01", 3), ("năm nay", "2021-07-01", 3)]),
    # dantri-news_education_085
    ("Trước đó, vào năm 2014, Bộ GD&ĐT đã quyết định dừng tổ chức bồi dưỡng, cấp chứng chỉ nghiệp vụ sư "
     "phạm cho những người tốt nghiệp đại học muốn trở thành giáo viên THPT.", "2021-04-11",
     [("năm 2014", "2014-07-01", 3)]),
    # dantri-news_world_025
    ("Các ca nhiễm mới và tử vong tại Ấn Độ giảm vào đầu năm nay nhưng tăng vọt kể từ tháng 3 (Ảnh: "
     "BBC).", "2021-04-26", [("đầu năm nay", "2021-02-14", 3), ("tháng 3", "2021-03-15", 3)]),
]


# Days counted from the date written before them, not from publication.
FROM_PREVIOUS = [
    # vietnews-019501: "the day after" 12/8, and "the day before" that day after
    ("Như Tuổi Trẻ đã thông tin, ngày 12-8-2017, một nhóm bạn thân thiết vốn có cuộc sống khó khăn nhậu "
     "tại nhà ông Hậu, trong lúc nhậu ông Dữ có mua chịu một tờ vé số của ông Phan Văn Tến.\nNgày hôm sau, "
     "cũng tại nhà ông Hậu, nhóm bạn nhậu hôm trước cũng đến nhậu.", "2018-06-01",
     [("ngày 12-8-2017", "2017-08-12", 1), ("Ngày hôm sau", "2017-08-13", 1), ("hôm trước", "2017-08-12", 1)]),
    # vietnews-013101: a part of the day before it; the next sentence writes the same day out
    ("Tối ngày 1-8-2018, bà Loan đi đến nhà bà Nhàn giả vờ xin bà Nhàn làm lễ xuống tóc đi tu.\nTưởng thật, "
     "bà Nhàn hẹn bà Loan vào lúc 4h sáng ngày hôm sau đến làm lễ cắt 3 chùm tóc rồi khi nào xuống tóc "
     "cũng được.", "2018-09-01",
     [("Tối ngày 1-8-2018", "2018-08-01", 1), ("sáng ngày hôm sau", "2018-08-02", 1)]),
    # vietnews-011801: the date before is in the same sentence
    ("Sáng 21-6, đại tá Nguyễn Sỹ Quang - trưởng phòng tham mưu kiêm người phát ngôn của Công an TP. HCM - "
     "cho biết cơ quan điều tra đã lấy mẫu tại hiện trường và đang giám định thành phần chất gây nổ trong "
     "vụ nổ xảy ra trước Công an phường 12, quận Tân Bình một ngày trước đó.", "2018-06-22",
     [("Sáng 21-6", "2018-06-21", 1), ("một ngày trước đó", "2018-06-20", 1)]),
    # vietnews-030075: counted after the date
    ("Hôm 29/1, quân đội Syria chủ công là lực lượng Tiger, phối hợp với các đơn vị vũ trang địa phương "
     "giải phóng hoàn toàn thị trấn Abu Dhohour sau hơn 1 tuần giao chiến quyết liệt với các tay súng Al - "
     "Nusra trong khu dân cư này.\nMột ngày sau đó, phóng viên Syrian Reporters công bố video Lực lượng "
     "Tiger công bố video đầu tiên trong thị trấn Abu Dhohour", "2018-02-03",
     [("Hôm 29/1", "2018-01-29", 1), ("Một ngày sau đó", "2018-01-30", 1)]),
    # vietnews-021511: the count after "Trước đó", and no date before it: a day before publication
    ("Trước đó một ngày, các quan chức Hàn Quốc thông tin rằng Triều Tiên đã bắn hai quả tên lửa đạn đạo "
     "tầm ngắn mới.", "2019-08-01", [("Trước đó một ngày", "2019-07-31", 1)]),
    # vietnews-051755: a step back with no date before it counts from publication
    ("Arab Saudi phủ nhận nhắm mục tiêu dân thường và nói vụ tấn công là \" hoạt động quân sự hợp pháp \" "
     "nhằm đáp trả việc Houthi phóng tên lửa vào tỉnh Jizan của nước này một ngày trước đó.", "2018-08-10",
     [("một ngày trước đó", "2018-08-09", 1)]),
]

# "<count> ngày sau khi <deed>": the deed was that long before the day of the clause, a date written
# before it in its sentence or else publication.
BEFORE_DEED = [
    # vietnews-067091: the day of the clause is in the sentence
    ("Trong 1 diễn biến mới nhất, cơ quan An ninh Ai Cập đã tiêu diệt 40 kẻ bị tình nghi là khủng bố tại "
     "khu vực Giza và Bắc Sinai vào ngày 29/12, một ngày sau khi 4 người thiệt mạng vì một quả bom phát nổ "
     "gần xe bus chở khách du lịch ở Giza.", "2018-12-30",
     [("ngày 29/12", "2018-12-29", 1), ("một ngày sau khi", "2018-12-28", 1)]),
    # vietnews-047501: no date in the sentence: counted from publication
    ("Vụ tấn công xảy ra chỉ 4 ngày sau khi IS đánh bom quận Karrada, Baghdad, làm 292 người chết, theo Bộ "
     "Nội vụ Iraq.", "2016-07-08", [("4 ngày sau khi", "2016-07-04", 1)]),
    # vietnews-029052: "sau" before a deed's noun; a vague count is a few days
    ("Washington lập tức tấn công tên lửa vào căn cứ không quân Syria chỉ vài ngày sau vụ tấn công bằng vũ "
     "khí hoá học mà không chờ đến một cuộc điều tra.", "2017-04-08", [("vài ngày sau", "2017-04-05", 2)]),
    # vietnews-034898: weeks are a few days either way
    ("Sự việc căn cứ Nga ở Syria bị máy bay không người lái tấn công chỉ diễn ra khoảng 1 tuần sau khi căn "
     "cứ Hmeymim bị tấn công bằng pháo cối khiến 2 binh sĩ Nga thiệt mạng.", "2018-01-09",
     [("1 tuần sau khi", "2018-01-02", 2)]),
]


@pytest.mark.parametrize(("sentence", "published", "expected"),
                         WRITTEN_DAYS + RELATIVE_DAYS + WEEKS_AND_MONTHS + FROM_PREVIOUS + BEFORE_DEED)
def test_real_sentences(sentence: str, published: str, expected: list[tuple[str, str, int]]) -> None:
    assert found(sentence, published) == expected


NOT_DATES = [
    # times of day: dantri-news_entertainment_233, dantri-news_business_055
    "Ngay lúc làm việc, đi diễn không có thời gian gặp, có khi 3 - 4 giờ sáng tôi mới ngủ, đến khi thức "
    "dậy, con tôi đã đi học rồi.",
    "Theo thông báo của ban tổ chức, cuộc họp dự kiến diễn ra vào lúc 9h.",
    # a score: dantri-news_sport_017
    "Barcelona gây thất vọng khi để hòa Alaves với tỷ số 1-1",
    # fractions: dantri-news_world_181, dantri-news_health_105, vietnews-067091
    "UAE hiện là nơi sinh sống của khoảng 3,3 triệu người Ấn Độ, chiếm 1/3 dân số.",
    "Các nhà khoa học cho biết tỉ lệ mắc chứng dị ứng này lên đến 1/10 người.",
    "152/153 người trong Đoàn khách Việt Nam đến Đài Loan (Trung Quốc) theo diện visa Quan Hồng mất "
    "tích sau khi nhập cảnh vào lãnh thổ này.",
    # "24/7": dantri-news_business_095
    "Vincom Retail của tỷ phú Phạm Nhật Vượng đã chính thức đưa vào hoạt động \"thành phố giải trí "
    "24/7\" Grand World.",
    # a vice-minister: dantri-news_business_171
    "Trước khi tham gia HĐQT Vietbank, ông Bùi Xuân Khu từng giữ chức Thứ trưởng thường trực Bộ Công "
    "Thương.",
    # "thứ hai" as "second": dantri-news_business_015, vietnews-040912, vietnews-034674,
    # dantri-news_business_021
    "Nhưng sau khi họ từ chối giãn nợ lần thứ hai, Trump đã kiện cả Deutsche Bank, Fortress Investment "
    "Group và các chủ nợ khác.",
    "Cảnh sát Pakistan trấn áp người biểu tình trong ngày thứ hai.",
    "Từ Chiến tranh thế giới thứ Hai đến nay, quyền tự vệ quân sự của Nhật Bản bị hạn chế và quá dựa "
    "vào quân đội Mỹ.",
    "Brazil hiện có số ca nhiễm lớn thứ 3 trên toàn cầu và đứng thứ hai về tổng số người chết do "
    "Covid-19.",
    # numbers with thousand dots, a decimal comma: dantri-news_business_007, dantri-news_tech_129
    "Trước đó, cổ phiếu VCI có biến động tăng giảm không lớn, xoay quanh mức 28.000-29.000 đồng.",
    "Phiên bản iPad Pro 2021 với màn hình 11 inch có giá từ 799 USD, trong khi phiên bản 12,9 inch với "
    "màn hình Liquid Retina XDR (Mini LED) có giá từ 1.099 USD.",
    # "ngày nay" is "nowadays": dantri-news_health_173
    "Ngày nay, bệnh thương hàn là không phổ biến ở Mỹ và tiêm chủng thường không được khuyến nghị thường "
    "quy.",
    # lunar months: dantri-news_business_069
    "Thông thường từ tháng 2 âm lịch đến tháng 8 âm lịch là có mực nhảy.",
    # a span of years and a day before another event: dantri-news_business_125, vietnews-039910
    "Hơn 20 năm qua là một hành trình dài thay đổi tư duy của người dân và nâng cao chất lượng cà phê.",
    "Sự kiện diễn ra chỉ một ngày trước khi Hàn Quốc khai mạc Thế vận hội Mùa đông ở Pyeongchang.",
    # days after, with no date before them, go forward from nothing: vietnews-025714
    "Mặc dù mục đích chuyến đi của ông Lee không được tiết lộ nhưng hai ngày sau đó, Bình Nhưỡng công bố sẽ "
    "không tiến hành thêm các vụ thử hạt trên dưới mặt đất.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence: str) -> None:
    assert found(sentence, "2021-04-30") == []


@pytest.mark.parametrize("impossible", ["31/2", "45/13", "30-2", "0/5", "12/0"])
def test_impossible_days_are_not_dates(impossible: str) -> None:
    real = ("Trước đó, tối 27/4, một nguồn tin xác nhận với Dân trí rằng VPBank đã \"chốt\" xong thương vụ "
            "bán 49% vốn FE Credit.")  # dantri-news_business_245
    assert found(real, "2021-04-28") == [("tối 27/4", "2021-04-27", 1)]
    assert found(real.replace("27/4", impossible), "2021-04-28") == []


def test_a_year_before_new_year() -> None:
    # vietnews-035501, vietnews-029629: late December in an article of early January
    protest = "Phe \" áo vàng \" biểu tình tại đại lộ Champs Elysees ở Paris hôm 22/12."
    assert found(protest, "2019-01-03") == [("hôm 22/12", "2018-12-22", 1)]
    assert found("Họ giờ đây không còn lo sợ máy bay của mình bị bắn hạ \", Ford nói với Sputnik Radio hôm "
                 "27/12.", "2018-12-28") == [("hôm 27/12", "2018-12-27", 1)]
    # "tháng 12" in January is last December; "năm ngoái" the year before
    assert found("Cuộc sống bình yên tạm thời của Na Young đã bị xáo trộn sau khi thông tin tên tội phạm "
                 "Cho Doo Soon được mãn hạn tù vào tháng 12 năm ngoái.", "2021-01-05") == [
        ("tháng 12 năm ngoái", "2020-12-15", 3)]
    # "hôm qua" on 1 January
    assert found("Mức giá này tăng 14 USD/ounce so với sáng qua.", "2021-01-01") == [
        ("sáng qua", "2020-12-31", 1)]


def test_month_only_publication() -> None:
    """The seed article is dated "2017-11": a day/month still resolves; a relative day cannot."""
    november = "2017-11"
    # vietnews-029754 (weekday) and vietnews-029143 ("cuối tháng trước")
    weekday = mentions("Ông Tập Cận Bình và ông Trump có cuộc gặp đầu tiên hồi tháng Tư ở resort Mar - A "
                       "Lago ở Florida (Mỹ) và hai nhà lãnh đạo cùng phu nhân đã có cuộc gặp chiều hôm thứ "
                       "Tư.", november)
    assert [(m.text, m.date, m.precision) for m in weekday] == [
        ("tháng Tư", dt.date(2017, 4, 15), 3), ("chiều hôm thứ Tư", dt.date(2017, 11, 15), 3)]
    assert found("Hội đồng Bảo an Liên Hợp Quốc hồi cuối tháng trước đã thông qua nghị quyết kêu gọi lệnh "
                 "ngừng bắn giữa các bên trên toàn bộ lãnh thổ Syria.", november) == [
        ("cuối tháng trước", "2017-10-26", 2)]
    # vietnews-034783
    assert found("Thông tin này được Đại sứ Gary Koren chia sẻ trong một cuộc phỏng vấn với đài phát thanh "
                 "Ekho Moscow hôm 13/11.", november) == [("hôm 13/11", "2017-11-13", 1)]
    yesterday = mentions("Liên quan đến bệnh nhân 2910, tối qua cơ quan chức năng TPHCM cũng đã nhanh chóng "
                         "phong tỏa hẻm 20 đường Phạm Đăng Giảng, quận Bình Tân.", november)
    assert [(m.text, m.date, m.precision, m.relative) for m in yesterday] == [
        ("tối qua", dt.date(2017, 11, 15), 3, True)]
    assert (yesterday[0].earliest, yesterday[0].latest) == (dt.date(2017, 10, 31), dt.date(2017, 11, 29))
    last_week = mentions("Tuần trước, Ấn Độ đã vượt Brazil trở thành nước có số ca nhiễm cao thứ hai thế "
                         "giới, sau Mỹ.", november)
    assert [(m.text, m.date, m.precision) for m in last_week] == [("Tuần trước", dt.date(2017, 11, 15), 3)]


def test_without_publication_only_dates_with_a_year() -> None:
    sentence = ("Dãy nhà học được xây dựng từ giữa tháng 10/2020 và hoàn thành vào ngày 8/4/2021.")
    assert found(sentence, None) == [
        ("giữa tháng 10/2020", "2020-10-15", 2), ("ngày 8/4/2021", "2021-04-08", 1)]
    # dantri-news_business_007: "hôm qua (30/9)" and "sáng nay" need the publication date
    assert found("Nếu như phiên hôm qua (30/9), mã này được khớp tổng cộng hơn 390 nghìn đơn vị thì chỉ "
                 "trong sáng nay đã được giao dịch gần 1,5 triệu đơn vị.", None) == []
    assert found("Rita Ora đang có nhiều nỗ lực để xây dựng lại hình ảnh sau scandal tổ chức tiệc sinh nhật "
                 "giữa dịch Covid-19 hồi tháng 11 năm ngoái.", None) == []
    assert found("Trước đó, vào năm 2014, Bộ GD&ĐT đã quyết định dừng tổ chức bồi dưỡng, cấp chứng chỉ "
                 "nghiệp vụ sư phạm cho những người tốt nghiệp đại học muốn trở thành giáo viên THPT.",
                 None) == [
        ("năm 2014", "2014-07-01", 3)]


def test_ranges_carry_their_bounds() -> None:
    # vietnews-028820 ("đầu tháng 10/2018": ACLED's "early October" is 1-10, its middle the 5th)
    early, = mentions("Đến đầu tháng 10/2018, Nga xác nhận đã hoàn tất việc chuyển giao các thiết bị để lắp "
                      "đặt S -300 cho Syria, gồm radar, thiết bị điều khiển, bệ phóng.", "2018-11-20")
    assert (early.date, early.precision, early.earliest, early.latest) == (
        dt.date(2018, 10, 5), 2, dt.date(2018, 10, 1), dt.date(2018, 10, 10))
    late, = mentions("\"Cho tới cuối tháng trước, chúng tôi hỏa thiêu 20 thi thể mỗi ngày.", "2021-03-10")
    assert (late.earliest, late.latest) == (dt.date(2021, 2, 21), dt.date(2021, 2, 28))
    # dantri-news_business_021
    last_year, this_year = mentions("Theo IMF, nền kinh tế Brazil đã giảm 4,1% trong năm ngoái, dự đoán năm "
                                    "nay sẽ tăng trưởng ở mức 3,7%.", "2021-04-21")
    assert (last_year.earliest, last_year.latest, last_year.relative) == (
        dt.date(2020, 1, 1), dt.date(2020, 12, 31), True)
    assert (this_year.earliest, this_year.latest) == (dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    days, = mentions("Theo kế hoạch, Fed sẽ tổ chức cuộc họp về chính sách tiền tệ trong hai ngày 27-28/4.",
                     "2021-04-27")  # dantri-news_business_113
    assert (days.text, days.earliest, days.latest, days.precision, days.relative) == (
        "ngày 27-28/4", dt.date(2021, 4, 27), dt.date(2021, 4, 28), 2, False)


def test_days_named_one_by_one_are_listed_and_a_span_is_not() -> None:
    # vietnews-029547: two days of fighting named one by one; dantri-news_business_113: a two-day meeting
    listed, = mentions("chiến dịch tấn công của lực lượng vũ trang chính phủ Syria tại phía nam thành phố Aleppo "
                       "vào ngày 22 và 23/11, hơn 100 tay súng", "2016-11-25")
    assert (listed.text, listed.days) == ("ngày 22 và 23/11", (dt.date(2016, 11, 22), dt.date(2016, 11, 23)))
    span, = mentions("Theo kế hoạch, Fed sẽ tổ chức cuộc họp về chính sách tiền tệ trong hai ngày 27-28/4.",
                     "2021-04-27")
    assert span.days == ()


def test_offsets_are_into_the_whole_text() -> None:
    # dantri-news_health_137 and dantri-news_world_051 as one text; only the second is searched
    first = ("Ngày 21/4, Bệnh viện Đa khoa tỉnh Đắk Nông cho biết, đêm 20/4 đơn vị tiếp nhận gần 30 bệnh "
             "nhân có biểu hiện ngộ độc.")
    second = ("Tàu ngầm KRI Nanggala 402 của Hải quân Indonesia mất tích cùng với 53 thủy thủ rạng sáng "
              "21/4 khi đang diễn tập phóng ngư lôi ngoài khơi Bali.")
    text = first + " " + second
    found_second = find_dates(language("vi").dates, text, Published(2021, 4, 26), start=len(first) + 1)
    assert [(m.start, m.text) for m in found_second] == [(text.index("rạng sáng 21/4"), "rạng sáng 21/4")]
    found_first = find_dates(language("vi").dates, text, Published(2021, 4, 26), 0, len(first))
    assert [m.text for m in found_first] == ["Ngày 21/4", "đêm 20/4"]


@pytest.mark.parametrize("published", ["2021-04-30", "2021-04", "2018-01-01", None])
def test_every_date_lies_in_its_range(published: str | None) -> None:
    for sentence, _, _ in WRITTEN_DAYS + RELATIVE_DAYS + WEEKS_AND_MONTHS:
        for mention in mentions(sentence, published):
            assert mention.earliest <= mention.date <= mention.latest, mention
            assert mention.precision in (1, 2, 3)
    # "10 ngày trước" in a month-only article: the mid-month anchor is within its reach
    ago, = mentions("Lực lượng an ninh Sri Lanka được cảnh báo về các âm mưu tấn công từ 10 ngày trước.",
                    "2019-04")  # vietnews-035435
    assert (ago.text, ago.date, ago.precision) == ("10 ngày trước", dt.date(2019, 4, 15), 3)
    assert (ago.earliest, ago.latest) == (dt.date(2019, 3, 22), dt.date(2019, 4, 20))


def test_undated_event_date() -> None:
    assert undated_event_date(Published(2021, 4, 26)) == (dt.date(2021, 4, 26), 2)
    assert undated_event_date(Published(2017, 11)) == (dt.date(2017, 11, 15), 3)


def test_vocabulary_shape() -> None:
    vocab = load("vi", "dates")
    word_lists = ["day_nouns", "times_of_day", "context_words", "holiday_words", "list_connectors",
                  "range_connectors", "day_list_connectors", "fraction_followers", "weekday_context", "ordinal_nouns",
                  "ordinal_followers", "every_words", "not_time_of_day_after", "lunar_before", "lunar_after",
                  "vague_counts", "not_ago_followers"]
    for name in word_lists:
        words = vocab[name]
        assert isinstance(words, list) and words, name
        assert all(isinstance(w, str) and w == w.strip() and w for w in words), name
        assert len({w.lower() for w in words}) == len(words), f"{name} repeats a word"
    offsets = [*vocab["relative_days"].values(), *vocab["after_time_of_day"].values()]
    assert all(isinstance(v, int) and -2 <= v <= 2 for v in offsets)
    assert vocab["nouns"] == {
        "day": "ngày", "month": "tháng", "year": "năm", "week": "tuần", "weekday": "thứ"}
    assert sorted(set(vocab["weekdays"].values())) == [0, 1, 2, 3, 4, 5]
    assert vocab["sunday"] == "chủ nhật"
    assert all(v is None or v in (-1, 0, 1) for v in vocab["weekday_weeks"].values())
    months = {**vocab["month_names"], **vocab["month_names_capitalised"]}
    assert sorted(months.values()) == list(range(1, 13))
    assert all(name[0].isupper() for name in vocab["month_names_capitalised"])
    assert set(vocab["period_units"].values()) == {"week", "month", "year"}
    assert all(v == "past" or v in (-1, 0, 1) for v in vocab["period_qualifiers"].values())
    assert all(v in ("next", "last") or v in (-1, 0, 1) for v in vocab["month_qualifiers"].values())
    limits = {"month": (1, 31), "week": (0, 6), "year": (1, 12)}
    assert set(vocab["parts"]) == set(limits)
    for unit, parts in vocab["parts"].items():
        low, high = limits[unit]
        assert all(low <= lo <= hi <= high for lo, hi in parts.values()), unit
    assert set(vocab["vague_counts"]) <= set(vocab["counts"])
    numbers = [*vocab["counts"].values(), *vocab["count_units"].values()]
    assert all(isinstance(n, int) and n > 0 for n in numbers)
    assert set(vocab["count_directions"].values()) == {"past", "ago", "ahead"}
    assert set(vocab["days_from_previous"].values()) == set(vocab["count_from_previous"].values()) == {-1, 1}


def test_vocabulary_meaning() -> None:
    """The YAML says what the sentences mean: part-of-month ranges as ACLED reads them."""
    parts = load("vi", "dates")["parts"]["month"]
    assert (parts["đầu"], parts["giữa"], parts["cuối"]) == ([1, 10], [11, 20], [21, 31])
    assert load("vi", "dates")["relative_days"]["hôm kia"] == -2
    assert load("vi", "dates")["weekdays"]["hai"] == 0  # "thứ Hai" is Monday


@pytest.mark.parametrize("sentence, date_text, is_report", [
    # vietnews-052966: the day of an admission, not of the strike admitted
    ("Lầu Năm Góc hôm qua thừa nhận liên minh quốc tế có thể đã đánh trúng vị trí quân đội Syria.", "hôm qua", True),
    # vietnews-033403: "đã" may stand between the day and the verb
    ("New York Post đưa tin, Israel hôm 2/8 đã thừa nhận rằng nước này được lợi khi Tổng thống Syria Assad giành "
     "chiến thắng trong cuộc nội chiến Syria", "hôm 2/8", True),
    # the seed: a day followed by the deed itself
    ("Tuy nhiên, phiến quân IS đã tái chiếm thành phố Albu Kamal hôm 11/11, buộc lực lượng ủng hộ chính phủ "
     "Damascus phải rút lui khỏi khu vực này.", "hôm 11/11", False),
])
def test_a_day_before_reporting_or_admitting_dates_the_report(sentence, date_text, is_report) -> None:
    from frontline.pipeline.text.normalize import fold_tones

    end = sentence.index(date_text) + len(date_text)
    assert bool(language("vi").frame.reported.match(fold_tones(sentence), end)) is is_report
