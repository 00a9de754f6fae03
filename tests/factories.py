"""Builders of test data: an event with every kind of list, made through the same code the admin pages use,
and spreadsheets as an organiser would upload them."""
import io
from datetime import date

from openpyxl import Workbook

from display.programme import create_event
from kiosk.extensions import db
from models import Delegate, Honour, HonourGroup, Speech, Vote, VoteNominee


def build_event(form="dai_hoi", delegates=6, honours_per_group=(3, 15), speeches=2):
    """A small event with every kind of list; call it inside an app context. Returns the event's id."""
    event = create_event({"name": "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI", "level": "cum_khoi",
                          "form": form, "date": date(2025, 6, 20).isoformat(), "start_time": "08:00",
                          "venue": "Hội trường huyện Vũ Thư", "organiser": "UBND huyện Vũ Thư",
                          "period": "2020 - 2025"})
    people = [Delegate(event_id=event.id, number=n, full_name=name, title="Chủ tịch", unit=unit,
                       gender="nu" if "Thị" in name else "nam", birth_year=1980, ethnicity="Kinh", religion="Không",
                       occupation_group="cán bộ", sector="Quản lý nhà nước", seat=f"Hàng {n}")
              for n, (name, unit) in enumerate([("Nguyễn Văn An", "UBND xã Vũ Hội"), ("Trần Thị Bình", "Trường THCS Vũ Thư"),
                                                ("Lê Đức Cường", "Công an huyện"), ("Phạm Thị Dung", "HTX Song Lãng"),
                                                ("Đặng Quốc Đạt", "Bệnh viện huyện"), ("Vũ Thị Hà", "Hội Phụ nữ huyện")]
                                               [:delegates], start=1)]
    db.session.add_all(people)
    db.session.flush()
    for position, count in enumerate(honours_per_group, start=1):
        group = HonourGroup(event_id=event.id, position=position, award=f"Bằng khen đợt {position}",
                            decision_number=f"{position}/QĐ-UBND", decision_date=date(2025, 6, 1),
                            decision_authority="UBND huyện Vũ Thư")
        group.honours = [Honour(position=i, name=f"Người nhận {i:03d}", unit="Xã Vũ Hội") for i in range(1, count + 1)]
        db.session.add(group)
    for position in range(1, speeches + 1):
        db.session.add(Speech(event_id=event.id, position=position, name=f"Diễn giả {position}",
                              topic=f"Chủ đề {position}", minutes=5))
    vote = Vote(event_id=event.id, title="Thông qua danh sách đại biểu dự Đại hội cấp tỉnh")
    vote.nominees = [VoteNominee(position=1, delegate_id=people[0].id)] if people else []
    db.session.add(vote)
    db.session.commit()
    return event.id


# The delegates' sheet as the organisers keep it (tests/test_import.py).
DELEGATE_HEADERS = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giới tính", "Năm sinh", "Dân tộc", "Tôn giáo",
                    "Thành phần", "Ngành, lĩnh vực", "Đối tượng"]

# A good speakers' (tham luận) sheet: a person, a collective with no minutes, minutes as a bare number.
SPEECH_HEADERS = ["STT", "Họ và tên", "Tên tập thể", "Chức vụ", "Đơn vị", "Chủ đề tham luận", "Thời lượng (phút)"]
SPEECH_ROWS = [
    [1, "Nguyễn Thị Lan", None, "Chủ tịch Hội Nông dân xã", "UBND xã Vũ Hội", "Nông dân thi đua sản xuất giỏi", "10 phút"],
    [2, None, "HTX Dịch vụ nông nghiệp Song Lãng", None, "huyện Vũ Thư", "Xây dựng nông thôn mới kiểu mẫu", None],
    [3, "Trần Văn Hùng", None, "Giám đốc", "Sở Y tế", "Chuyển đổi số trong khám chữa bệnh", 8],
]


def xlsx(rows, headers=DELEGATE_HEADERS, title_rows=()):
    """The bytes of an Excel workbook: optional title rows, a header row, then `rows`."""
    book = Workbook()
    sheet = book.active
    for row in title_rows:
        sheet.append(row)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
