"""What an official reads is Vietnamese: the archive, the minutes, the audit trail and the record pages name no
internal code (a vote's method, rule, status or verdict, an audit action, a role, a handover status, a field name,
a script step's id), and say the words the pages say."""
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from checkin.changes import FIELDS
from honours.handover import STATUSES
from kiosk.audit import ACTIONS, SCREEN_LABELS
from kiosk.extensions import db
from kiosk.identity.accounts import create_account
from models import Delegate, Honour, ProgrammeItem
from models.agenda import KINDS
from models.user import ROLES
from models.vote import METHODS, RULES
from tests.factories import build_event
from tests.helpers import form_token

CODES = sorted({*METHODS, *RULES, "draft", "open", "closed", "passed", "failed", *ACTIONS, *ROLES,
                *(k for k in STATUSES if k), *SCREEN_LABELS, *KINDS, *FIELDS, "is_guest", "nominee_ids",
                "half", "hands", "received_on_behalf", "None", "True", "False"} - {"other"})
# a code as a word of its own (a user name such as "organiser1" is a name, not a code)
CODE_WORD = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, CODES)) + r")(?![\w-])")
STEP_ID = re.compile(r"\b(item|speech|honours|vote):\d+")


def codes_in(text: str) -> list[str]:
    return CODE_WORD.findall(text) + STEP_ID.findall(text)


@pytest.fixture
def busy_day(app, organiser, mc, door):
    """An event after a day of every kind of change: votes of every method and rule (one closed), live steps,
    a handover, an account, the MC's words edited, a delegate corrected, the exchange's guests."""
    with app.app_context():
        event_id = build_event()
        codes = [d.code for d in db.session.query(Delegate).filter_by(event_id=event_id).order_by(Delegate.number)]
        ids = [d.id for d in db.session.query(Delegate).filter_by(event_id=event_id).order_by(Delegate.number)]
        honour_id = db.session.query(Honour).order_by(Honour.id).first().id
        item = db.session.query(ProgrammeItem).filter_by(event_id=event_id).order_by(ProgrammeItem.position).first()
        exchange = db.session.query(ProgrammeItem.id).filter_by(event_id=event_id, kind="exchange").scalar()
        first_item = item.id
        create_account("manhinh", "display", "mat-khau-man-hinh")
    for code in codes[:4]:
        door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa A"})
    votes = []
    for number, (method, rule, secret) in enumerate(zip(METHODS, RULES, (False, True, False), strict=True), 1):
        answer = organiser.post(f"/api/events/{event_id}/votes", json={
            "title": f"Nội dung số {number}", "method": method, "rule": rule, "secret": secret, "nominee_ids": ids[:2]})
        assert answer.status_code == 201, answer.get_json()
        votes.append(answer.get_json()["id"])
    assert mc.post(f"/api/events/{event_id}/votes/{votes[0]}/open").status_code == 200
    assert mc.post(f"/api/events/{event_id}/votes/{votes[0]}/counts",
                   json={"for": 3, "against": 1, "abstain": 0}).status_code == 200
    assert mc.post(f"/api/events/{event_id}/votes/{votes[0]}/close").status_code == 200
    for _ in range(3):
        mc.post(f"/api/events/{event_id}/live/next")
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "blank"})
    mc.post(f"/api/events/{event_id}/honours/{honour_id}/handover",
            json={"status": "received_on_behalf", "received_by": "Lê Văn Nhận"})
    organiser.post(f"/api/events/{event_id}/delegates/{ids[5]}", json={"unit": "Xã Vũ Hội", "seat": "A3"})
    organiser.post(f"/api/events/{event_id}/delegates/{ids[4]}/absence", json={"reason": "Ốm"})
    page = organiser.client.get(f"/admin/events/{event_id}/script").get_data(as_text=True)
    organiser.client.post(f"/admin/events/{event_id}/script", data={
        "csrf_token": form_token(page), "step": f"item:{first_item}", "words": "Kính thưa Đại hội!"})
    if exchange is not None:
        organiser.client.post(f"/admin/events/{event_id}/items/{exchange}/details", data={
            "csrf_token": form_token(page), "guests": "Nguyễn Văn Khách; Giám đốc; Sở Y tế"})
    return event_id


def test_the_archive_names_no_code_and_says_the_pages_words(organiser, busy_day):
    answer = organiser.client.get(f"/api/events/{busy_day}/archive.xlsx")
    book = load_workbook(io.BytesIO(answer.data))
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for cell in row:
                if isinstance(cell, str) and codes_in(cell):
                    found.setdefault(sheet.title, []).append(cell)
    assert not found
    votes = {r[0]: r for r in book["Biểu quyết"].iter_rows(min_row=2, values_only=True)}
    assert votes["Nội dung số 1"][1:4] == ("Giơ thẻ đại biểu",
                                             "Thông qua khi quá nửa số đại biểu có mặt tán thành", "Đã kết thúc")
    assert votes["Nội dung số 1"][8] == "Thông qua"
    assert votes["Nội dung số 2"][1] == "Phiếu giấy, kín" and votes["Nội dung số 2"][3] == "Chưa mở"
    assert votes["Nội dung số 3"][1] == "Điện tử"
    log = [r for r in book["Nhật ký"].iter_rows(min_row=2, values_only=True)]
    actions = {r[2] for r in log}
    assert {"Điều hành màn hình", "Biểu quyết", "Tài khoản", "Trao khen thưởng", "Lời dẫn",
            "Đại biểu trong ngày"} <= actions
    details = "\n".join(r[3] for r in log)
    assert "Tạo tài khoản manhinh (Màn hình (chỉ xem))" in details
    assert "Lời dẫn «1. " in details
    assert "Sửa đại biểu Vũ Thị Hà: đơn vị, chỗ ngồi" in details


def test_the_audit_trail_and_the_record_pages_name_no_code(organiser, busy_day):
    lines = organiser.client.get(f"/api/events/{busy_day}/audit").get_json()
    assert [line["detail"] for line in lines if codes_in(line["detail"])] == []
    prepared = next(line["detail"] for line in lines if "Chuẩn bị biểu quyết «Nội dung số 2»" in line["detail"])
    assert "bỏ phiếu kín bằng phiếu giấy, kín" in prepared and "hai phần ba" not in prepared
    for path in (f"/admin/events/{busy_day}/record", f"/admin/events/{busy_day}/audit"):
        answer = organiser.client.get(path)
        assert answer.status_code == 200, path
        html = answer.get_data(as_text=True)
        text = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1].split("</main>")[0])
        assert codes_in(text) == [], path


def test_the_minutes_name_no_code(organiser, busy_day):
    document = Document(io.BytesIO(organiser.client.get(f"/api/events/{busy_day}/minutes.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert codes_in(text) == []
    assert "giơ thẻ" in text and "Thông qua" in text


@pytest.mark.parametrize("path", ["/admin", "/admin/events/{e}", "/admin/events/{e}/delegates", "/admin/events/{e}/honours",
                                  "/admin/events/{e}/speeches", "/admin/events/{e}/votes", "/admin/events/{e}/script",
                                  "/admin/events/{e}/attendance", "/admin/events/{e}/record",
                                  "/admin/events/{e}/audit", "/admin/events/{e}/doors"])
def test_no_organiser_page_shows_a_code(organiser, busy_day, path):
    answer = organiser.client.get(path.format(e=busy_day))
    assert answer.status_code == 200
    main = answer.get_data(as_text=True).split("<main", 1)[1].split("</main>")[0]
    main = re.sub(r"<script\b.*?</script>", " ", main, flags=re.S)
    shown_attributes = " ".join(re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', main))
    text = re.sub(r"<[^>]+>", " ", main) + " " + shown_attributes
    assert codes_in(text) == []
