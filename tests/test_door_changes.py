"""The day's surprises at the door: a walk-in, a substitute, a revoked badge, an edit, one badge printed at once;
each reaches every door tablet."""
import time

import pytest
import requests
import socketio

from kiosk.extensions import db
from kiosk.identity.accounts import create_account
from models import Delegate
from tests.helpers import AuthActions, form_token


@pytest.fixture
def lead(app, users):
    with app.app_context():
        create_account("truongcua", "door_lead", "truong-cua-mat-khau")
    actions = AuthActions(app.test_client(), {**users, "door_lead": ("truongcua", "truong-cua-mat-khau")})
    actions.login("door_lead")
    return actions


def scan(door, event_id, code):
    return door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa A"}).get_json()


def test_a_walk_in_gets_a_badge_and_checks_in(lead, door, event_id):
    answer = lead.post(f"/api/events/{event_id}/delegates",
                       json={"full_name": "Hoàng Thị Mai", "title": "Bí thư Đoàn xã", "unit": "Xã Vũ Hội"})
    assert answer.status_code == 201
    walk_in = answer.get_json()
    assert walk_in["number"] == 7 and walk_in["code"] and not walk_in["guest"]
    result = scan(door, event_id, walk_in["code"])
    assert result["result"] == "checked_in" and result["delegate"]["full_name"] == "Hoàng Thị Mai"


def test_a_plain_door_account_cannot_change_the_list(door, organiser, event_id):
    refused = door.post(f"/api/events/{event_id}/delegates", json={"full_name": "Ai đó"})
    assert refused.status_code == 403 and refused.get_json()["error"] == "forbidden"
    names = [d["full_name"] for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()]
    assert len(names) == 6 and "Ai đó" not in names


def test_a_substitute_takes_the_place_of_an_absent_delegate(app, lead, door, organiser, event_id):
    with app.app_context():
        absent = db.session.scalar(db.select(Delegate).where(Delegate.event_id == event_id, Delegate.number == 2))
        absent_id, absent_code, unit = absent.id, absent.code, absent.unit
    answer = lead.post(f"/api/events/{event_id}/delegates/{absent_id}/substitute",
                       json={"full_name": "Ngô Văn Tư", "title": "Phó Hiệu trưởng"})
    assert answer.status_code == 201
    stand_in = answer.get_json()
    assert stand_in["unit"] == unit and stand_in["code"] != absent_code
    assert scan(door, event_id, absent_code)["result"] == "revoked"
    assert scan(door, event_id, stand_in["code"])["result"] == "checked_in"
    listed = {d["id"]: d for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}
    assert listed[absent_id]["revoked"] and listed[absent_id]["substitute_id"] == stand_in["id"]  # kept on record
    again = lead.post(f"/api/events/{event_id}/delegates/{absent_id}/substitute", json={"full_name": "Người khác"})
    assert again.status_code == 409 and "đã có người dự thay" in again.get_json()["message"]


def test_revoke_and_restore_a_badge(app, lead, door, event_id):
    with app.app_context():
        first, second = db.session.scalars(db.select(Delegate).where(Delegate.event_id == event_id)
                                           .order_by(Delegate.number).limit(2)).all()
        first_id, first_code, second_id, second_code = first.id, first.code, second.id, second.code
    assert lead.post(f"/api/events/{event_id}/delegates/{first_id}/revoke").get_json()["revoked"]
    assert scan(door, event_id, first_code)["result"] == "revoked"
    assert not lead.post(f"/api/events/{event_id}/delegates/{first_id}/restore").get_json()["revoked"]
    assert scan(door, event_id, first_code)["result"] == "checked_in"
    assert scan(door, event_id, second_code)["result"] == "checked_in"
    refused = lead.post(f"/api/events/{event_id}/delegates/{second_id}/revoke")
    assert refused.status_code == 409 and "đã điểm danh" in refused.get_json()["message"]


def test_an_edit_is_checked_like_an_import_and_reaches_the_roster(app, lead, door, event_id):
    with app.app_context():
        delegate_id = db.session.scalar(db.select(Delegate.id).where(Delegate.event_id == event_id,
                                                                     Delegate.number == 3))
    too_long = lead.post(f"/api/events/{event_id}/delegates/{delegate_id}", json={"unit": "x" * 301})
    assert too_long.status_code == 400 and "tối đa 300" in too_long.get_json()["message"]
    not_text = lead.post(f"/api/events/{event_id}/delegates/{delegate_id}", json={"full_name": 5})
    assert not_text.status_code == 400
    edited = lead.post(f"/api/events/{event_id}/delegates/{delegate_id}",
                       json={"full_name": "Lê Đức Cường", "seat": "Hàng 1 - Ghế 5"}).get_json()
    assert edited["place"] == "Hàng 1 - Ghế 5" and edited["unit"] == "Công an huyện"  # a field left out stays
    roster = {d["id"]: d for d in door.client.get(f"/api/events/{event_id}/checkin/roster").get_json()}
    assert roster[delegate_id]["place"] == "Hàng 1 - Ghế 5"


def test_the_door_lead_prints_one_badge(app, lead, door, event_id):
    with app.app_context():
        delegate_id = db.session.scalar(db.select(Delegate.id).where(Delegate.event_id == event_id))
    badge = lead.client.get(f"/api/events/{event_id}/delegates/{delegate_id}/badge.png")
    assert badge.status_code == 200 and badge.data.startswith(b"\x89PNG")
    assert door.client.get(f"/api/events/{event_id}/delegates/{delegate_id}/badge.png").status_code == 403


def test_the_page_puts_in_a_substitute_and_adds_a_walk_in(app, lead, event_id):
    page = lead.client.get(f"/admin/events/{event_id}/delegates?q=pham thi dung")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Phạm Thị Dung" in text and "Nguyễn Văn An" not in text  # the search, accents ignored
    with app.app_context():
        dung = db.session.scalar(db.select(Delegate).where(Delegate.full_name == "Phạm Thị Dung"))
        dung_id = dung.id
    answer = lead.client.post(f"/admin/events/{event_id}/delegates/{dung_id}/change",
                              data={"csrf_token": form_token(text), "action": "substitute",
                                    "full_name": "Trần Văn Sáu"}, follow_redirects=True)
    assert "Đã thêm người dự thay" in answer.get_data(as_text=True)
    answer = lead.client.post(f"/admin/events/{event_id}/delegates/walk-in",
                              data={"csrf_token": form_token(text), "full_name": "Đỗ Minh Châu", "guest": "on"},
                              follow_redirects=True)
    body = answer.get_data(as_text=True)
    assert "Đã thêm đại biểu." in body and "Đỗ Minh Châu" in body and "Khách mời" in body
    with app.app_context():
        assert db.session.scalar(db.select(Delegate).where(Delegate.full_name == "Đỗ Minh Châu")).is_guest
        assert db.session.get(Delegate, dung_id).revoked


def test_every_door_tablet_hears_of_the_change(app, live_server, users, event_id):
    with app.app_context():
        create_account("truongcua", "door_lead", "truong-cua-mat-khau")
    tablet = requests.Session()
    tablet.post(f"{live_server.url}/api/login", json={"username": users["door"][0], "password": users["door"][1]},
                timeout=5)
    heard = []
    client = socketio.Client()
    client.on("roster_changed", heard.append)
    client.connect(live_server.url, transports=["websocket"], wait_timeout=5,
                   headers={"Cookie": "; ".join(f"{k}={v}" for k, v in tablet.cookies.items())})
    assert client.call("watch_attendance", {"event_id": event_id}, timeout=5) == {"ok": True}
    lead = requests.Session()
    token = lead.post(f"{live_server.url}/api/login", json={"username": "truongcua", "password": "truong-cua-mat-khau"},
                      timeout=5).json()["csrf_token"]
    added = lead.post(f"{live_server.url}/api/events/{event_id}/delegates", json={"full_name": "Vũ Văn Bảy"},
                      headers={"X-CSRFToken": token}, timeout=5).json()
    try:
        wait_until(lambda: len(heard) >= 1)
        # nothing more came with the walk-in: the next message is the next change's (a revoke), and only it
        lead.post(f"{live_server.url}/api/events/{event_id}/delegates/{added['id']}/revoke",
                  headers={"X-CSRFToken": token}, timeout=5)
        wait_until(lambda: len(heard) >= 2)
    finally:
        client.disconnect()
    assert [(h["event_id"], h["delegate"]["id"], h["delegate"]["revoked"]) for h in heard] == \
        [(event_id, added["id"], False), (event_id, added["id"], True)]
    assert heard[0]["delegate"]["full_name"] == "Vũ Văn Bảy"
    # the tablets are told who changed, not the badge's code nor the personal fields (they fetch the roster again)
    assert not {"code", "birth_year", "gender", "ethnicity", "religion"} & set(heard[0]["delegate"])


def wait_until(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "no roster_changed message in time"
        time.sleep(0.02)


def test_each_change_leaves_its_line_in_the_audit_trail(app, lead, organiser, event_id):
    with app.app_context():
        first, second = db.session.scalars(db.select(Delegate.id).where(Delegate.event_id == event_id)
                                           .order_by(Delegate.number).limit(2)).all()
    lead.post(f"/api/events/{event_id}/delegates", json={"full_name": "Hoàng Thị Mai"})
    lead.post(f"/api/events/{event_id}/delegates/{first}/revoke")
    lead.post(f"/api/events/{event_id}/delegates/{second}/substitute", json={"full_name": "Ngô Văn Tư"})
    lead.post(f"/api/events/{event_id}/delegates/{second}/substitute", json={"full_name": "Refused"})  # 409
    trail = organiser.client.get(f"/api/events/{event_id}/audit").get_json()
    mine = [(line["username"], line["action"], line["detail"]) for line in trail if line["username"] == "truongcua"]
    assert mine == [("truongcua", "delegate", "Ngô Văn Tư dự thay Trần Thị Bình (thẻ cũ thu hồi)"),
                    ("truongcua", "revoke", "Thu hồi thẻ của Nguyễn Văn An"),
                    ("truongcua", "delegate", "Thêm đại biểu đến mà chưa có tên: Hoàng Thị Mai")]


def test_a_badge_code_survives_a_vietnamese_input_method_and_caps_lock(app, door, event_id):
    """No vowel, d or w in a code: Telex and VNI have nothing to rewrite; Caps Lock's lower case still checks in."""
    with app.app_context():
        codes = db.session.scalars(db.select(Delegate.code).where(Delegate.event_id == event_id)).all()
    assert all(len(code) == 29 and set(code) <= set("BCGHKLMNPQTV0123456789") for code in codes)
    assert scan(door, event_id, codes[0].lower())["result"] == "checked_in"
    assert scan(door, event_id, codes[0])["result"] == "already_checked_in"
