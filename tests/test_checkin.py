"""The check-in API of API.md: results, idempotence under concurrent scans, name search, attendance."""
import threading

import pytest
import requests

from kiosk.extensions import db
from models import CheckIn, Delegate
from tests.factories import build_event
from tests.helpers import count_queries


def code_of(app, event_id, number=1):
    with app.app_context():
        return db.session.query(Delegate).filter_by(event_id=event_id, number=number).one().code


def test_first_scan_welcomes_then_says_when_and_where(app, door, event_id):
    code = code_of(app, event_id)
    first = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 2"}).get_json()
    assert first["result"] == "checked_in" and first["door"] == "Cửa 2"
    assert first["delegate"]["full_name"] == "Nguyễn Văn An" and first["delegate"]["place"] == "Hàng 1"
    assert first["checked_in_at"].endswith("+07:00")
    again = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}).get_json()
    assert again["result"] == "already_checked_in"
    assert again["checked_in_at"] == first["checked_in_at"] and again["door"] == "Cửa 2"
    assert f"lúc {first['checked_in_at'][11:16]} tại Cửa 2" in again["message"]


def test_unknown_wrong_event_and_revoked(app, door, event_id):
    answer = door.post(f"/api/events/{event_id}/checkin", json={"code": "khong-ton-tai", "door": "Cửa 1"})
    assert answer.status_code == 200 and answer.get_json() == {
        "result": "unknown_code", "message": "Mã không có trong danh sách đại biểu.", "delegate": None,
        "checked_in_at": None, "door": None}
    with app.app_context():
        other = build_event(form="hoi_nghi")
        revoked = db.session.query(Delegate).filter_by(event_id=event_id, number=3).one()
        revoked.revoked = True
        db.session.commit()
    wrong = door.post(f"/api/events/{other}/checkin", json={"code": code_of(app, event_id), "door": "Cửa 1"}).get_json()
    assert wrong["result"] == "wrong_event" and wrong["delegate"] is None
    gone = door.post(f"/api/events/{event_id}/checkin", json={"code": code_of(app, event_id, 3), "door": "Cửa 1"})
    assert gone.get_json()["result"] == "revoked" and "thu hồi" in gone.get_json()["message"]


@pytest.mark.parametrize("body", [{"code": 5}, {"code": None}, {"door": "Cửa 1"}, {"code": "x" * 201},
                                  {"code": "abc", "door": 7}, {"code": "abc", "door": "x" * 51}])
def test_bad_scans_are_400_with_a_reason(door, event_id, body):
    answer = door.post(f"/api/events/{event_id}/checkin", json=body)
    assert answer.status_code == 400 and answer.get_json()["message"]


def test_codes_are_unguessable(app, event_id):
    with app.app_context():
        codes = [d.code for d in db.session.query(Delegate)]
    assert len(set(codes)) == len(codes) and all(len(c) >= 22 for c in codes)  # > 128 random bits


def test_a_check_in_takes_a_few_queries(app, door, event_id):
    code = code_of(app, event_id)
    with count_queries(app) as statements:
        assert door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}).status_code == 200
    # user, delegate by code, the conditional UPDATE, the log row, reading the winner's time back
    assert len(statements) <= 6, statements


def test_one_badge_on_eight_tablets_at_once_checks_in_exactly_once(app, live_server, users, event_id):
    code = code_of(app, event_id, 4)
    sessions = []
    for _ in range(8):
        session = requests.Session()
        token = session.post(f"{live_server.url}/api/login",
                             json={"username": users["door"][0], "password": users["door"][1]}, timeout=10)
        session.headers["X-CSRFToken"] = token.json()["csrf_token"]
        sessions.append(session)
    start, results = threading.Barrier(len(sessions)), []

    def scan(session, door_name):
        start.wait()
        answer = session.post(f"{live_server.url}/api/events/{event_id}/checkin",
                              json={"code": code, "door": door_name}, timeout=10)
        results.append(answer.json())
    threads = [threading.Thread(target=scan, args=(s, f"Cửa {i}")) for i, s in enumerate(sessions, start=1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r["result"] for r in results) == ["already_checked_in"] * 7 + ["checked_in"]
    winner = next(r for r in results if r["result"] == "checked_in")
    assert {r["checked_in_at"] for r in results} == {winner["checked_in_at"]}
    assert {r["door"] for r in results} == {winner["door"]}
    with app.app_context():
        delegate = db.session.query(Delegate).filter_by(code=code).one()
        assert (delegate.checked_in_door, delegate.checked_in_by) == (winner["door"], "door1")


@pytest.mark.parametrize("query, expected", [
    ("nguyen van a", ["Nguyễn Văn An"]),
    ("NGUYỄN", ["Nguyễn Văn An"]),
    ("thi", ["Trần Thị Bình", "Phạm Thị Dung", "Vũ Thị Hà"]),
    ("dat", ["Đặng Quốc Đạt"]),
    ("đạt", ["Đặng Quốc Đạt"]),
    ("100%_", []),
])
def test_name_search_ignores_accents_and_case(door, event_id, query, expected):
    found = door.client.get(f"/api/events/{event_id}/delegates/search", query_string={"q": query}).get_json()
    assert sorted(d["full_name"] for d in found) == sorted(expected)


def test_attendance_counts_present_and_expected(app, door, event_id):
    for number in (1, 2):
        door.post(f"/api/events/{event_id}/checkin", json={"code": code_of(app, event_id, number), "door": "Cửa 1"})
    attendance = door.client.get(f"/api/events/{event_id}/attendance").get_json()
    assert attendance["expected"] == 6 and attendance["present"] == 2
    assert {"unit": "UBND xã Vũ Hội", "expected": 1, "present": 1} in attendance["by_unit"]


def test_a_scan_sent_again_is_recognised_and_counted_once(app, door, event_id):
    code = code_of(app, event_id)
    scan = {"code": code, "door": "Cửa 1", "scan_id": "f3b1c2d4-0001"}
    first = door.post(f"/api/events/{event_id}/checkin", json=scan).get_json()
    again = door.post(f"/api/events/{event_id}/checkin", json=scan).get_json()
    assert first["result"] == again["result"] == "checked_in" and first["checked_in_at"] == again["checked_in_at"]
    assert door.client.get(f"/api/events/{event_id}/attendance").get_json()["present"] == 1
    other = door.post(f"/api/events/{event_id}/checkin", json={**scan, "scan_id": "f3b1c2d4-0002"}).get_json()
    assert other["result"] == "already_checked_in"  # a new scan of the same badge is not a resend


def test_an_offline_scan_keeps_the_earliest_time(app, door, event_id):
    from datetime import UTC, datetime, timedelta
    code = code_of(app, event_id, 2)
    online = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}).get_json()
    earlier = (datetime.now(UTC) - timedelta(minutes=12)).replace(microsecond=0)
    synced = door.post(f"/api/events/{event_id}/checkin",
                       json={"code": code, "door": "Cửa 3", "scan_id": "offline-0001",
                             "scanned_at": earlier.isoformat()}).get_json()
    assert synced["result"] == "already_checked_in" and synced["door"] == "Cửa 3"
    assert datetime.fromisoformat(synced["checked_in_at"]) == earlier < datetime.fromisoformat(online["checked_in_at"])
    later = door.post(f"/api/events/{event_id}/checkin",
                      json={"code": code, "door": "Cửa 2", "scan_id": "offline-0002",
                            "scanned_at": datetime.now(UTC).isoformat()}).get_json()
    assert datetime.fromisoformat(later["checked_in_at"]) == earlier and later["door"] == "Cửa 3"


@pytest.mark.parametrize("scanned_at", ["hôm qua", "2025-01-01T08:00:00+07:00", "2099-01-01T08:00:00+07:00",
                                        "2025-06-20T08:00:00", 5])
def test_bad_offline_times_are_refused(app, door, event_id, scanned_at):
    answer = door.post(f"/api/events/{event_id}/checkin",
                       json={"code": code_of(app, event_id), "door": "Cửa 1", "scanned_at": scanned_at})
    assert answer.status_code == 400 and answer.get_json()["error"] == "bad_time"


def test_undo_needs_a_reason_and_is_recorded(app, door, event_id):
    code = code_of(app, event_id, 5)
    answer = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}).get_json()
    delegate_id = answer["delegate"]["id"]
    no_reason = door.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": delegate_id, "reason": " "})
    assert no_reason.status_code == 400 and "lý do" in no_reason.get_json()["message"]
    undone = door.post(f"/api/events/{event_id}/checkin/undo",
                       json={"delegate_id": delegate_id, "reason": "Quét nhầm thẻ của người đi cùng", "door": "Cửa 1"})
    assert undone.status_code == 200 and undone.get_json()["result"] == "undone"
    twice = door.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": delegate_id, "reason": "x"})
    assert twice.status_code == 409
    again = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 2"}).get_json()
    assert again["result"] == "checked_in" and again["door"] == "Cửa 2"
    with app.app_context():
        log = [(c.action, c.reason, c.username) for c in db.session.query(CheckIn).order_by(CheckIn.id)]
        delegate = db.session.get(Delegate, delegate_id)
        assert (delegate.checked_in_door, delegate.checked_in_by) == ("Cửa 2", "door1")
    assert log == [("undo", "Quét nhầm thẻ của người đi cùng", "door1")]


def test_roster_for_offline_tablets_is_for_door_staff(app, door, mc, event_id):
    rows = door.client.get(f"/api/events/{event_id}/checkin/roster").get_json()
    assert len(rows) == 6 and {"code_hash", "full_name", "unit", "seat", "revoked", "checked_in_at"} <= set(rows[0])
    assert mc.client.get(f"/api/events/{event_id}/checkin/roster").status_code == 403


def test_attendance_by_composition(app, door, organiser, event_id):
    for number in (2, 4):  # two women
        door.post(f"/api/events/{event_id}/checkin", json={"code": code_of(app, event_id, number), "door": "Cửa 1"})
    assert "composition" not in door.client.get(f"/api/events/{event_id}/attendance").get_json()  # organisers'
    a = organiser.client.get(f"/api/events/{event_id}/attendance").get_json()
    assert a["women"] == {"expected": 3, "present": 2} and a["delegates"] == {"expected": 6, "present": 2}
    assert a["composition"]["religion"] == [{"value": "Không", "expected": 6, "present": 2}]
    assert a["young"]["expected"] == 0  # born 1980, the event is in 2025


def test_attendance_export(app, organiser, door, event_id):
    import io

    from openpyxl import load_workbook
    door.post(f"/api/events/{event_id}/checkin", json={"code": code_of(app, event_id, 1), "door": "Cửa 2"})
    answer = organiser.client.get(f"/api/events/{event_id}/attendance.xlsx")
    book = load_workbook(io.BytesIO(answer.data))
    rows = list(book["Điểm danh"].iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Họ và tên", "Chức vụ")
    assert rows[1][1] == "Nguyễn Văn An" and rows[1][5] == "Có" and rows[1][7] == "Cửa 2"
    assert rows[2][5] == "Vắng"
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert ("Tổng số", 6, 1) in summary and ("Đại biểu nữ", 3, 0) in summary
    absent = list(book["Vắng mặt"].iter_rows(values_only=True))
    assert absent[0] == ("Đơn vị", "STT", "Họ và tên", "Chức vụ", "Đối tượng") and len(absent) == 6
    assert absent[1] == ("Bệnh viện huyện", 5, "Đặng Quốc Đạt", "Chủ tịch", "Đại biểu")


def test_absent_lists_who_is_expected_and_not_here_by_unit(app, organiser, door, event_id):
    with app.app_context():
        people = {d.number: d for d in db.session.query(Delegate).filter_by(event_id=event_id)}
        people[4].revoked = True
        db.session.commit()
        code = people[2].code
    door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"})
    absent = organiser.client.get(f"/api/events/{event_id}/attendance/absent").get_json()
    # unit by unit in Vietnamese order: Bệnh viện huyện, Công an huyện, Hội Phụ nữ huyện, UBND xã Vũ Hội
    assert [p["number"] for p in absent] == [5, 3, 6, 1]
    assert all(p["full_name"] != "Trần Thị Bình" for p in absent)


@pytest.mark.parametrize("role, status", [(None, 401), ("door", 403), ("mc", 200)])
def test_absent_is_for_organisers_and_the_mc(auth, event_id, role, status):
    if role:
        auth.login(role)
    assert auth.client.get(f"/api/events/{event_id}/attendance/absent").status_code == status
