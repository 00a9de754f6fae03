"""Delegations (đoàn) read from the delegate list with their heads, counted as delegates arrive; a delegate's seat
in the API is {"zone", "row", "seat"} or null."""
import io

from docx import Document
from openpyxl import load_workbook

from kiosk.extensions import db
from models import Delegate
from tests.factories import DELEGATE_HEADERS, xlsx

HEADERS = [*DELEGATE_HEADERS, "Đoàn", "Trưởng đoàn"]


def _row(n, name, unit, delegation, head=None):
    return [n, name, "Chủ tịch", unit, "Nam", 1970, "Kinh", "Không", "cán bộ", "Quản lý", "Đại biểu", delegation, head]


ROWS = [_row(1, "Nguyễn Văn An", "UBND xã Vũ Hội", "Đoàn huyện Vũ Thư", "x"),
        _row(2, "Trần Văn Bình", "UBND xã Vũ Tiến", "Đoàn huyện Vũ Thư"),
        _row(3, "Lê Văn Cường", "Sở Y tế", "Đoàn khối Sở, ngành", "Có"),
        _row(4, "Phạm Văn Dũng", "Công an tỉnh", None)]


def upload(organiser, event_id, data):
    return organiser.post(f"/api/events/{event_id}/delegates/import", data={"file": (io.BytesIO(data), "ds.xlsx")},
                          content_type="multipart/form-data")


def empty_event(app):
    from tests.factories import build_event
    with app.app_context():
        return build_event(delegates=0)


def test_the_list_names_delegations_and_heads_and_they_are_counted_as_delegates_arrive(app, organiser, door):
    event_id = empty_event(app)
    answer = upload(organiser, event_id, xlsx(ROWS, HEADERS))
    assert answer.status_code == 200, answer.get_json()
    listed = {d["full_name"]: d for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}
    assert listed["Nguyễn Văn An"]["delegation"] == "Đoàn huyện Vũ Thư" and listed["Nguyễn Văn An"]["delegation_head"]
    assert not listed["Trần Văn Bình"]["delegation_head"] and listed["Phạm Văn Dũng"]["delegation"] is None
    assert listed["Nguyễn Văn An"]["seat"] is None
    door.post(f"/api/events/{event_id}/checkin", json={"code": listed["Trần Văn Bình"]["code"], "door": "Cửa 1"})
    assert organiser.client.get(f"/api/events/{event_id}/delegations").get_json() == [
        {"name": "Đoàn huyện Vũ Thư", "head": "Nguyễn Văn An", "summoned": 2, "present": 1},
        {"name": "Đoàn khối Sở, ngành", "head": "Lê Văn Cường", "summoned": 1, "present": 0}]


def test_two_heads_of_one_delegation_and_an_unclear_mark_are_refused_with_row_and_column(app, organiser):
    event_id = empty_event(app)
    rows = [_row(1, "Nguyễn Văn An", "Xã A", "Đoàn huyện Vũ Thư", "x"),
            _row(2, "Trần Văn Bình", "Xã B", "đoàn huyện vũ thư", "x"),
            _row(3, "Lê Văn Cường", "Xã C", "Đoàn khối Sở, ngành", "có lẽ"),
            _row(4, "Phạm Văn Dũng", "Xã D", None, "x")]
    answer = upload(organiser, event_id, xlsx(rows, HEADERS))
    assert answer.status_code == 400
    problems = {(p["row"], p["column"]): p["message"] for p in answer.get_json()["problems"]}
    assert problems[(3, "M")] == "đoàn “đoàn huyện vũ thư” đã có trưởng đoàn ở dòng 2"
    assert problems[(4, "M")].startswith("“có lẽ” không rõ")
    assert problems[(5, "M")] == "trưởng đoàn phải có tên đoàn (cột “Đoàn”)"
    with app.app_context():
        assert db.session.query(Delegate).filter_by(event_id=event_id).count() == 0


def test_delegations_are_for_the_organiser_and_mc_not_the_door(app, event_id, door, mc, client):
    assert client.get(f"/api/events/{event_id}/delegations").status_code == 401
    assert door.client.get(f"/api/events/{event_id}/delegations").status_code == 403
    assert mc.client.get(f"/api/events/{event_id}/delegations").get_json() == []


def test_a_seat_in_the_plan_is_an_object_in_every_answer_about_the_delegate(app, event_id, organiser, door):
    with app.app_context():
        delegate = db.session.query(Delegate).filter_by(event_id=event_id, number=1).one()
        delegate.seat_zone, delegate.seat_row, delegate.seat_no = "B", "3", "12"
        db.session.commit()
        code, delegate_id = delegate.code, delegate.id
    seat = {"zone": "B", "row": "3", "seat": "12"}
    listed = {d["id"]: d for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}
    assert listed[delegate_id]["seat"] == seat and listed[delegate_id]["place"] == "Hàng 1"
    answer = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}).get_json()
    assert answer["delegate"]["seat"] == seat


def test_the_archive_counts_by_delegation(app, organiser, door):
    event_id = empty_event(app)
    upload(organiser, event_id, xlsx(ROWS, HEADERS))
    listed = {d["full_name"]: d for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}
    door.post(f"/api/events/{event_id}/checkin", json={"code": listed["Lê Văn Cường"]["code"], "door": "Cửa 1"})
    answer = organiser.client.get(f"/api/events/{event_id}/archive.xlsx")
    sheet = load_workbook(io.BytesIO(answer.data))["Đoàn đại biểu"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Đoàn", "Trưởng đoàn", "Triệu tập", "Có mặt", "Vắng"],
        ["Đoàn huyện Vũ Thư", "Nguyễn Văn An", 2, 0, 2],
        ["Đoàn khối Sở, ngành", "Lê Văn Cường", 1, 1, 0]]


def test_attendance_and_the_credentials_report_count_by_delegation(app, organiser, door):
    """The organisers' live figures, the attendance workbook and the credentials report each give every delegation
    its summoned and present, following scans and undos; a delegate in no delegation is in no row."""
    event_id = empty_event(app)
    upload(organiser, event_id, xlsx(ROWS, HEADERS))
    listed = {d["full_name"]: d for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}
    for name in ("Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"):
        door.post(f"/api/events/{event_id}/checkin", json={"code": listed[name]["code"], "door": "Cửa 1"})
    undone = organiser.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": listed["Lê Văn Cường"]["id"],
                                                                                  "reason": "Quét nhầm"})
    assert undone.status_code == 200, undone.get_json()
    counts = organiser.client.get(f"/api/events/{event_id}/attendance").get_json()
    assert counts["by_delegation"] == [{"delegation": "Đoàn huyện Vũ Thư", "expected": 2, "present": 2},
                                       {"delegation": "Đoàn khối Sở, ngành", "expected": 1, "present": 0}]
    book = load_workbook(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/attendance.xlsx").data))
    summary = [[c.value for c in row] for row in book["Tổng hợp"].iter_rows()]
    assert ["Đoàn: Đoàn huyện Vũ Thư", 2, 2] in summary and ["Đoàn: Đoàn khối Sở, ngành", 1, 0] in summary
    word = Document(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/credentials.docx").data))
    rows = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert ["STT", "Đoàn đại biểu", "Triệu tập", "Có mặt", "Tỷ lệ"] in rows
    assert ["1", "Đoàn huyện Vũ Thư", "2", "2", "100%"] in rows and ["2", "Đoàn khối Sở, ngành", "1", "0", "0%"] in rows
