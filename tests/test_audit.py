"""The audit trail: a line for every kind of change, with who and when, written with the change; none for a
change that fails."""
import io

from openpyxl import Workbook

from display import live
from kiosk.extensions import db
from models import AuditLog, Delegate, Honour, LiveState, ProgrammeItem
from tests.helpers import form_token


def xlsx(headers, rows) -> bytes:
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(organiser, event_id, what, data):
    return organiser.post(f"/api/events/{event_id}/{what}/import", data={"file": (io.BytesIO(data), "ds.xlsx")},
                          content_type="multipart/form-data")


def trail(organiser, event_id) -> list[dict]:
    answer = organiser.client.get(f"/api/events/{event_id}/audit")
    assert answer.status_code == 200
    return answer.get_json()


def count(app) -> int:
    with app.app_context():
        return db.session.query(AuditLog).count()


def test_every_kind_of_change_leaves_a_line(app, organiser, mc, door, event_id):
    with app.app_context():
        first = db.session.query(Delegate).filter_by(event_id=event_id).order_by(Delegate.number).first()
        code, delegate_id, absent_id = first.code, first.id, first.id + 1
        honour_id = db.session.query(Honour).order_by(Honour.id).first().id
    mc.post(f"/api/events/{event_id}/live/next")
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "announcement", "text": "Mời đại biểu ổn định chỗ ngồi"})
    door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa A"})
    door.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": delegate_id, "reason": "Quét nhầm thẻ"})
    assert upload(organiser, event_id, "delegates", xlsx(
        ["STT", "Họ và tên", "Đơn vị"], [[10, "Bùi Thị Mai", "Xã Vũ Hội"]])).status_code == 200
    assert upload(organiser, event_id, "honours", xlsx(
        ["STT", "Hình thức khen thưởng", "Họ và tên", "Đơn vị", "Số quyết định"],
        [[1, "Giấy khen", "Bùi Thị Mai", "Xã Vũ Hội", "9/QĐ-UBND"]])).status_code == 200
    assert upload(organiser, event_id, "speeches", xlsx(
        ["STT", "Họ và tên", "Đơn vị", "Chủ đề tham luận", "Thời lượng (phút)"],
        [[1, "Bùi Thị Mai", "Xã Vũ Hội", "Chuyển đổi số", 7]])).status_code == 200
    mc.post(f"/api/events/{event_id}/honours/{honour_id}/handover",
            json={"status": "received_on_behalf", "received_by": "Lê Văn Nhận"})
    organiser.post(f"/api/events/{event_id}/delegates/{absent_id}/absence", json={"reason": "Ốm"})
    page = organiser.client.get("/admin").get_data(as_text=True)
    organiser.client.post("/admin/users", data={"csrf_token": form_token(page), "username": "cua2", "role": "door",
                                                "password": "mat-khau-moi-1"})

    lines = trail(organiser, event_id)
    assert all(set(line) == {"at", "username", "action", "detail"} for line in lines)
    assert [line["at"] for line in lines] == sorted((line["at"] for line in lines), reverse=True)  # newest first
    by_action = {}
    for line in lines:
        by_action.setdefault(line["action"], []).append(line)
    assert {"live", "checkin_undo", "import_delegates", "import_honours", "import_speeches", "handover",
            "absence_reason", "account"} <= set(by_action)
    assert len(by_action["live"]) == 2 and all(line["username"] == "mc1" for line in by_action["live"])
    assert "Mời đại biểu ổn định chỗ ngồi" in by_action["live"][0]["detail"]
    assert "Chào cờ" in by_action["live"][1]["detail"]
    undo = by_action["checkin_undo"][0]
    assert undo["username"] == "door1" and "Nguyễn Văn An" in undo["detail"] and "Quét nhầm thẻ" in undo["detail"]
    assert by_action["import_delegates"][0]["username"] == "organiser1"
    assert "1 mới" in by_action["import_delegates"][0]["detail"]
    assert "Lê Văn Nhận" in by_action["handover"][0]["detail"]
    assert "cua2" in by_action["account"][0]["detail"] and "mat-khau" not in by_action["account"][0]["detail"]
    assert lines[0]["at"].endswith("+07:00")


def test_a_change_that_fails_leaves_no_line(app, organiser, mc, door, event_id):
    before = count(app)
    assert mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": 999999}).status_code == 400
    assert mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": 1, "page": 99}
                   ).status_code == 400
    assert mc.post(f"/api/events/{event_id}/live/previous").status_code == 200  # nothing to go back to: no change
    with app.app_context():
        delegate_id = db.session.query(Delegate).filter_by(event_id=event_id).first().id
    assert door.post(f"/api/events/{event_id}/checkin/undo",
                     json={"delegate_id": delegate_id, "reason": "Nhầm"}).status_code == 409  # not checked in
    bad = upload(organiser, event_id, "delegates", xlsx(["STT", "Họ và tên"], [[1, None], [2, "Lê Văn Tám"]]))
    assert bad.status_code == 400
    assert organiser.post(f"/api/events/{event_id}/delegates/{delegate_id}/absence", json={"reason": "x" * 400}
                          ).status_code == 400
    page = organiser.client.get("/admin").get_data(as_text=True)
    organiser.client.post("/admin/users", data={"csrf_token": form_token(page), "username": "cua2", "role": "door",
                                                "password": "ngan"})
    assert count(app) == before


def test_a_live_step_refused_for_a_conflict_leaves_no_line(app, event_id):
    """Two MC laptops at once: the one whose write loses gets 409, and only the winner's line is written."""
    with app.app_context(), app.test_request_context():
        stale = db.session.get(LiveState, event_id) or live._state_row(event_id)
        items = live._briefs(event_id)
        db.session.expunge(stale)
        live.next_step(event_id)  # the other laptop
        before = db.session.query(AuditLog).count()
        try:
            live._commit_change(stale, items, items[3]["id"], {"kind": "programme"})
            raise AssertionError("a stale write must be refused")
        except live.ApiError as e:
            assert e.status == 409
        assert db.session.query(AuditLog).count() == before
        assert db.session.get(LiveState, event_id).version == 2


def test_the_trail_is_for_the_organiser_and_on_their_page(app, organiser, mc, event_id):
    mc.post(f"/api/events/{event_id}/live/next")
    assert mc.client.get(f"/api/events/{event_id}/audit").status_code == 403
    assert app.test_client().get(f"/api/events/{event_id}/audit").status_code == 401
    assert organiser.client.get("/api/events/999999/audit").status_code == 404
    html = organiser.client.get(f"/admin/events/{event_id}/record").get_data(as_text=True)
    assert "Nhật ký thao tác" in html and "Điều hành màn hình" in html and "mc1" in html


def test_a_command_line_account_is_recorded_without_a_user(app, runner, organiser, event_id):
    result = runner.invoke(args=["create-user", "thuky", "--role", "organiser", "--password", "mat-khau-dai"])
    assert result.exit_code == 0
    line = next(line for line in trail(organiser, event_id) if "thuky" in line["detail"])
    assert line["action"] == "account" and line["username"] is None


def test_programme_and_speakers_changes_leave_lines(app, organiser, event_id):
    page = organiser.client.get(f"/admin/events/{event_id}").get_data(as_text=True)
    token = form_token(page)
    organiser.client.post(f"/admin/events/{event_id}/items", data={"csrf_token": token, "kind": "other",
                                                                    "title": "Văn nghệ chào mừng", "planned_minutes": 10})
    with app.app_context():
        item_id = db.session.query(ProgrammeItem).filter_by(title="Văn nghệ chào mừng").one().id
    organiser.client.post(f"/admin/events/{event_id}/items/{item_id}", data={"csrf_token": token, "action": "up"})
    organiser.client.post(f"/admin/events/{event_id}/items/{item_id}", data={"csrf_token": token, "action": "drop"})
    added = organiser.post(f"/api/events/{event_id}/speeches", json={"name": "Đỗ Thị Hoa", "topic": "Khuyến học",
                                                                      "minutes": 5})
    assert added.status_code == 201
    organiser.post(f"/api/events/{event_id}/speeches/{added.get_json()['id']}/remove")
    details = [(line["action"], line["detail"]) for line in trail(organiser, event_id)]
    assert [d for a, d in details if a == "programme"][::-1][0] == "Thêm mục 10: Văn nghệ chào mừng"
    assert any(a == "programme" and d.startswith("Đổi thứ tự:") and "9. Văn nghệ chào mừng" in d for a, d in details)
    assert ("programme", "Bỏ mục 9: Văn nghệ chào mừng") in details
    assert ("speeches", "Thêm tham luận 3: Đỗ Thị Hoa – Khuyến học") in details
    assert ("speeches", "Bỏ tham luận 3: Đỗ Thị Hoa – Khuyến học") in details
    refused = organiser.client.post(f"/admin/events/{event_id}/items", data={"csrf_token": token, "kind": "other",
                                                                              "title": "", "planned_minutes": 10})
    assert refused.status_code == 302
    assert len(trail(organiser, event_id)) == len(details)  # a refused item leaves no line


def test_the_audit_page_filters_by_who_what_and_when(app, organiser, mc, event_id):
    from models.types import utcnow
    from models.vntime import to_vn
    mc.post(f"/api/events/{event_id}/live/next")
    organiser.post(f"/api/events/{event_id}/delegates/1/absence", json={"reason": "Ốm"})
    page = lambda query: organiser.client.get(f"/admin/events/{event_id}/audit?{query}").get_data(as_text=True)  # noqa: E731
    body = lambda html: html.split("<tbody>")[1].split("</tbody>")[0]  # noqa: E731
    assert "Ốm" not in body(page("who=mc1")) and "Chào cờ" in body(page("who=mc1"))
    assert "Chào cờ" not in body(page("action=absence_reason")) and "Ốm" in body(page("action=absence_reason"))
    today = to_vn(utcnow()).strftime("%d/%m/%Y")
    assert "Ốm" in body(page(f"day={today}&since=00:00&until=23:59"))
    assert "Không có dòng nào khớp." in body(page("day=01/01/2020"))
    assert "Ngày ghi theo dạng ngày/tháng/năm" in page("day=hôm+qua")
