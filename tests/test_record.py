"""The record of the day: the credentials report's figures, the papers (PDF text, layout, Word), the live
credentials screen, the archive and the attendance export's credentials sheet."""
import io
from datetime import UTC, datetime

import pypdfium2 as pdfium
import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from kiosk.extensions import db
from models import Delegate, Event, Honour, Vote
from models.vntime import VN_TZ
from tests.factories import build_event
from tests.helpers import form_token

MM = 72 / 25.4


@pytest.fixture
def congress(app):
    """Six delegates (three women), one guest, one revoked badge; some composition marks set."""
    with app.app_context():
        event_id = build_event()
        people = {d.full_name: d for d in db.session.query(Delegate).filter_by(event_id=event_id)}
        people["Trần Thị Bình"].ethnicity = "Tày"
        people["Lê Đức Cường"].religion = "Công giáo"
        people["Lê Đức Cường"].is_hero = True
        people["Phạm Thị Dung"].is_emulation_fighter = True
        people["Phạm Thị Dung"].birth_year = 2000
        db.session.add(Delegate(event_id=event_id, number=7, full_name="Ngô Văn Khách", unit="Sở Nội vụ", is_guest=True))
        db.session.add(Delegate(event_id=event_id, number=8, full_name="Hồ Văn Thu", unit="Xã Vũ Hội", revoked=True))
        db.session.commit()
        codes = {name: d.code for name, d in people.items()}
        codes["Ngô Văn Khách"] = db.session.query(Delegate).filter_by(number=7).one().code
        ids = {name: d.id for name, d in people.items()}
    return event_id, codes, ids


def scan(door, event_id, code):
    answer = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa A"})
    assert answer.get_json()["result"] == "checked_in"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def assert_inside_margins(data: bytes):
    """Every character of every page lies inside the page with at least 15 mm to spare: nothing is cut off."""
    pdf = pdfium.PdfDocument(data)
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        text = page.get_textpage()
        assert text.count_chars() > 0
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if right - left <= 0:
                continue  # a space
            assert left >= 15 * MM and right <= width - 15 * MM, (index, text.get_text_range(i, 1))
            assert bottom >= 10 * MM and top <= height - 10 * MM, (index, text.get_text_range(i, 1))
        # the page draws as an image too (what a printer gets)
        image = page.render(scale=0.5).to_pil()
        assert image.size[0] > 200
    pdf.close()


def test_credentials_figures_come_from_the_check_ins_at_the_moment(organiser, door, congress):
    event_id, codes, ids = congress
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Phạm Thị Dung", "Ngô Văn Khách"):
        scan(door, event_id, codes[name])
    organiser.post(f"/api/events/{event_id}/delegates/{ids['Vũ Thị Hà']}/absence", json={"reason": "Ốm, có đơn xin phép"})

    f = organiser.client.get(f"/api/events/{event_id}/credentials").get_json()
    # six delegates summoned: the guest and the revoked badge are not delegates of the congress
    assert (f["summoned"], f["present"], f["absent"]) == (6, 4, 2)
    assert f["present_pct"] == 66.67 and f["absent_pct"] == 33.33
    assert f["guests_present"] == 1
    assert f["absent_with_reason"] == 1
    assert [(a["full_name"], a["reason"]) for a in f["absent_list"]] == [
        ("Đặng Quốc Đạt", None), ("Vũ Thị Hà", "Ốm, có đơn xin phép")]
    composition = {c["key"]: (c["count"], c["pct"]) for c in f["composition"]}
    assert composition == {"women": (2, 50.0), "young": (1, 25.0), "ethnic_minorities": (1, 25.0),
                           "religious": (1, 25.0), "heroes": (1, 25.0), "emulation_fighters": (1, 25.0)}
    assert {r["value"]: r["count"] for r in f["groups"]["ethnicity"]} == {"Kinh": 3, "Tày": 1}
    assert f["valid"] is True

    scan(door, event_id, codes["Đặng Quốc Đạt"])
    f = organiser.client.get(f"/api/events/{event_id}/credentials").get_json()
    assert (f["present"], f["absent"], f["present_pct"]) == (5, 1, 83.33)


def test_exactly_half_present_is_not_a_valid_congress(organiser, door, congress):
    event_id, codes, _ = congress
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường"):
        scan(door, event_id, codes[name])
    f = organiser.client.get(f"/api/events/{event_id}/credentials").get_json()
    assert (f["present"], f["summoned"], f["valid"]) == (3, 6, False)
    text = pdf_text(organiser.client.get(f"/api/events/{event_id}/credentials.pdf").data)
    assert "chưa đủ điều kiện" in text


def test_absence_reason_is_recorded_by_the_organiser_only(organiser, door, congress):
    event_id, codes, ids = congress
    url = f"/api/events/{event_id}/delegates/{ids['Vũ Thị Hà']}/absence"
    assert door.post(url, json={"reason": "Ốm"}).status_code == 403
    listed = organiser.client.get(f"/api/events/{event_id}/delegates").get_json()
    assert next(d for d in listed if d["id"] == ids["Vũ Thị Hà"])["absence_reason"] is None  # nothing recorded
    answer = organiser.post(url, json={"reason": "Ốm"})
    assert answer.status_code == 200 and answer.get_json()["absence_reason"] == "Ốm"
    too_long = organiser.post(url, json={"reason": "x" * 301})
    assert too_long.status_code == 400 and too_long.get_json()["error"] == "bad_reason"
    assert organiser.post(url, json={"reason": 5}).status_code == 400
    assert organiser.post(f"/api/events/{event_id}/delegates/999999/absence", json={"reason": "Ốm"}).status_code == 404
    scan(door, event_id, codes["Nguyễn Văn An"])
    present = organiser.post(f"/api/events/{event_id}/delegates/{ids['Nguyễn Văn An']}/absence", json={"reason": "Ốm"})
    assert present.status_code == 409
    assert organiser.post(url, json={"reason": ""}).get_json()["absence_reason"] is None


def test_absence_reason_form_on_the_record_page(organiser, congress):
    event_id, _, ids = congress
    page = organiser.client.get(f"/admin/events/{event_id}/record")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Đặng Quốc Đạt" in html and "Báo cáo thẩm tra tư cách đại biểu (PDF)" in html
    assert "(0%)" in html
    saved = organiser.client.post(f"/admin/events/{event_id}/absence", follow_redirects=True,
                                  data={"csrf_token": form_token(html), "delegate_id": ids["Đặng Quốc Đạt"],
                                        "reason": "Đi công tác"})
    text = saved.get_data(as_text=True)
    assert "Đã ghi lý do vắng mặt." in text and 'value="Đi công tác"' in text
    refused = organiser.client.post(f"/admin/events/{event_id}/absence", follow_redirects=True,
                                    data={"csrf_token": form_token(html), "delegate_id": "x", "reason": "Ốm"})
    assert "Không tìm thấy đại biểu." in refused.get_data(as_text=True)


def test_credentials_pdf_reads_as_an_administrative_report(organiser, door, congress):
    event_id, codes, ids = congress
    for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Phạm Thị Dung"):
        scan(door, event_id, codes[name])
    organiser.post(f"/api/events/{event_id}/delegates/{ids['Vũ Thị Hà']}/absence", json={"reason": "Ốm, có đơn xin phép"})
    answer = organiser.client.get(f"/api/events/{event_id}/credentials.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    text = pdf_text(answer.data)
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND HUYỆN VŨ THƯ",
                     "BAN THẨM TRA TƯ CÁCH", "Vũ Thư, ngày 20 tháng 6 năm 2025", "BÁO CÁO",
                     "I. SỐ LƯỢNG ĐẠI BIỂU", "II. CƠ CẤU, THÀNH PHẦN ĐẠI BIỂU CÓ MẶT", "III. KẾT LUẬN",
                     "Tổng số đại biểu được triệu tập: 6 đại biểu.", "chiếm 66,67%", "Ốm, có đơn xin phép",
                     "Đặng Quốc Đạt", "Chưa rõ lý do", "Đại biểu nữ", "Anh hùng", "Chiến sĩ thi đua",
                     "đủ điều kiện để tiến hành", "TRƯỞNG BAN", "Nơi nhận:"):
        assert expected in text, expected
    assert_inside_margins(answer.data)
    word = Document(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/credentials.docx").data))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert "Tổng số đại biểu được triệu tập: 6 đại biểu." in paragraphs


def test_papers_are_for_the_organiser(app, mc, door, congress):
    event_id = congress[0]
    for path in ("credentials.pdf", "minutes.pdf", "minutes.docx", "audit", "archive.xlsx"):
        assert mc.client.get(f"/api/events/{event_id}/{path}").status_code == 403
        assert app.test_client().get(f"/api/events/{event_id}/{path}").status_code == 401
    assert mc.client.get("/api/events/999999/credentials").status_code == 404


def test_minutes_tell_what_happened(app, organiser, mc, door, congress):
    event_id, codes, _ = congress
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        scan(door, event_id, codes[name])
    for _ in range(3):  # flag salute, opening, report
        assert mc.post(f"/api/events/{event_id}/live/next").status_code == 200
    with app.app_context():
        honours = db.session.query(Honour).order_by(Honour.id).all()
        vote = db.session.query(Vote).filter_by(event_id=event_id).one()
        vote.status, vote.votes_for, vote.votes_against, vote.votes_abstain = "closed", 5, 1, 0
        db.session.commit()
        first, second = honours[0].id, honours[1].id
    mc.post(f"/api/events/{event_id}/honours/{first}/handover", json={"status": "received"})
    mc.post(f"/api/events/{event_id}/honours/{second}/handover",
            json={"status": "received_on_behalf", "received_by": "Lê Văn Nhận"})
    answer = organiser.client.get(f"/api/events/{event_id}/minutes.pdf")
    assert answer.status_code == 200
    text = pdf_text(answer.data)
    for expected in ("BIÊN BẢN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hội trường huyện Vũ Thư",
                     "I. THÀNH PHẦN THAM DỰ", "Đại biểu được triệu tập: 6; có mặt: 2 (33,33%).", "II. DIỄN BIẾN",
                     "Chào cờ (từ", "Báo cáo đánh giá", "bắt đầu", "đang diễn ra", "không diễn ra",
                     "Diễn giả 1", "dự kiến 5 phút", "Bằng khen đợt 1", "1/QĐ-UBND",
                     "Tán thành: 5", "không tán thành: 1", "THƯ KÝ", "CHỦ TỌA"):
        assert expected in " ".join(text.split()), expected
    assert_inside_margins(answer.data)
    word = Document(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/minutes.docx").data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert [c for c in cells if c == "Bằng khen đợt 1"] == ["Bằng khen đợt 1"]
    row = next(r for t in word.tables for r in t.rows if r.cells[1].text == "Bằng khen đợt 1")
    assert [c.text for c in row.cells[3:]] == ["3", "1", "1", "1"]  # 3 on the list: 1 in person, 1 on behalf, 1 not yet


def test_item_times_are_the_live_steps(app, mc, congress):
    from record.papers import item_times
    event_id = congress[0]
    mc.post(f"/api/events/{event_id}/live/next")
    mc.post(f"/api/events/{event_id}/live/next")
    with app.app_context():
        items = db.session.get(Event, event_id).items
        times = item_times(event_id)
        start, end = times[items[0].id]
        assert end is not None and start <= end <= datetime.now(UTC)
        assert times[items[1].id][1] is None  # still on
        assert items[2].id not in times


def test_credentials_screen_on_the_projector(mc, door, congress):
    event_id, codes, _ = congress
    scan(door, event_id, codes["Nguyễn Văn An"])
    state = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "credentials"}).get_json()
    screen = state["screen"]
    assert screen["kind"] == "credentials"
    assert (screen["summoned"], screen["present"], screen["absent"]) == (6, 1, 5)
    assert screen["composition"][0] == {"label": "Đại biểu nữ", "count": 0, "pct": 0.0}
    scan(door, event_id, codes["Trần Thị Bình"])
    again = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "credentials"}).get_json()
    assert again["version"] == state["version"] + 1  # shown again: the figures as of now
    assert (again["screen"]["present"], again["screen"]["composition"][0]["count"]) == (2, 1)


def test_attendance_export_has_the_credentials_sheet(organiser, door, congress):
    event_id, codes, _ = congress
    scan(door, event_id, codes["Trần Thị Bình"])
    book = load_workbook(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/attendance.xlsx").data))
    sheet = book["Thẩm tra tư cách"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(values_only=True) if r[0]}
    assert rows["Đại biểu được triệu tập"][0] == 6
    assert rows["Đại biểu có mặt"] == (1, 16.67)
    assert rows["Đại biểu nữ"] == (1, 100.0)


def test_archive_holds_every_list(organiser, door, mc, congress):
    event_id, codes, _ = congress
    scan(door, event_id, codes["Trần Thị Bình"])
    mc.post(f"/api/events/{event_id}/live/next")
    answer = organiser.client.get(f"/api/events/{event_id}/archive.xlsx")
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(answer.data))
    assert book.sheetnames == ["Sự kiện", "Đại biểu", "Thẩm tra tư cách", "Chương trình", "Khen thưởng", "Tham luận",
                               "Biểu quyết", "Ý kiến theo mục", "Ý kiến đã chuyển", "Đăng ký phát biểu", "Nhật ký"]
    delegates = {r[1]: r for r in book["Đại biểu"].iter_rows(min_row=2, values_only=True)}
    assert delegates["Trần Thị Bình"][12][:10] == datetime.now(UTC).astimezone(VN_TZ).strftime("%d/%m/%Y")  # arrived today
    assert delegates["Trần Thị Bình"][13] == "Cửa A"
    assert delegates["Nguyễn Văn An"][12] in (None, "")
    assert len(list(book["Khen thưởng"].iter_rows(min_row=2))) == 18
    programme = list(book["Chương trình"].iter_rows(min_row=2, values_only=True))
    assert programme[0][4]  # the first item's start
    log = [r[2] for r in book["Nhật ký"].iter_rows(min_row=2, values_only=True)]
    assert "Điều hành màn hình" in log and "live" not in log


def test_heroes_and_emulation_fighters_come_from_the_list(app, organiser, door):
    from openpyxl import Workbook
    with app.app_context():
        event_id = build_event(delegates=0)
    book = Workbook()
    book.active.append(["STT", "Họ và tên", "Đơn vị", "Danh hiệu"])
    book.active.append([1, "Nguyễn Văn Hùng", "HTX Song Lãng", "Anh hùng Lao động"])
    book.active.append([2, "Trần Thị Thu", "Trường THCS Vũ Thư", "Chiến sĩ thi đua cấp tỉnh"])
    book.active.append([3, "Lê Văn Nam", "Xã Vũ Hội", ""])
    out = io.BytesIO()
    book.save(out)
    answer = organiser.post(f"/api/events/{event_id}/delegates/import", content_type="multipart/form-data",
                            data={"file": (io.BytesIO(out.getvalue()), "ds.xlsx")})
    assert answer.status_code == 200, answer.get_json()
    for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json():
        scan(door, event_id, d["code"])
    f = organiser.client.get(f"/api/events/{event_id}/credentials").get_json()
    composition = {c["key"]: c["count"] for c in f["composition"]}
    assert (composition["heroes"], composition["emulation_fighters"], f["present"]) == (1, 1, 3)
