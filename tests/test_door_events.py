"""Door accounts belong to events (issue 20): a door or door-lead account assigned to events works for those alone
(403 other_event elsewhere, as a paired tablet), one assigned to none works nowhere until the organiser assigns it
(command line or the accounts page); an undo is refused while a vote is open, and many in a row are throttled and
written in the audit trail."""
import re
from datetime import UTC, datetime

from click.testing import CliRunner
from sqlalchemy import select

from kiosk.cli import create_user
from kiosk.extensions import db
from kiosk.identity.accounts import create_account
from models import Delegate, User, UserEvent
from tests.factories import build_event
from tests.helpers import signed_in


def account_id(app, username):
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.username == username))


def test_a_door_account_assigned_to_one_event_is_refused_at_another(app, organiser, users, event_id):
    with app.app_context():
        other = build_event()
        code = db.session.scalar(select(Delegate.code).where(Delegate.event_id == event_id, Delegate.number == 1))
    door_id = account_id(app, users["door"][0])
    answer = organiser.post(f"/api/users/{door_id}/events", json={"event_ids": [event_id]})
    assert answer.status_code == 200 and answer.get_json() == {"event_ids": [event_id]}
    door = signed_in(app, users, "door")
    for url in (f"/api/events/{other}/checkin/roster", f"/api/events/{other}/delegates/search?q=an",
                f"/checkin/{other}"):
        refused = door.client.get(url)
        assert refused.status_code == 403, url
    refused = door.post(f"/api/events/{other}/checkin", json={"code": code, "door": "Cửa 1"})
    assert refused.status_code == 403 and refused.get_json()["error"] == "other_event"
    assert "sự kiện được giao" in refused.get_json()["message"]
    assert door.client.get(f"/api/events/{event_id}/checkin/roster").status_code == 200
    assert door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}
                     ).get_json()["result"] == "checked_in"
    users_list = organiser.client.get("/api/users").get_json()
    assert next(u for u in users_list if u["id"] == door_id)["event_ids"] == [event_id]


def test_a_door_account_assigned_to_no_event_works_for_none(app, assigned_by_hand, organiser, event_id):
    with app.app_context():
        other = build_event()
        user = create_account("chua-giao-cua", "door", "cua-chua-giao-1")
        code = db.session.scalar(select(Delegate.code).where(Delegate.event_id == event_id, Delegate.number == 1))
        assert not db.session.scalars(select(UserEvent).where(UserEvent.user_id == user.id)).all()
        user_id = user.id
    account = {"door": ("chua-giao-cua", "cua-chua-giao-1")}
    door = signed_in(app, account, "door")
    for event in (event_id, other):
        for url in (f"/api/events/{event}/checkin/roster", f"/api/events/{event}/delegates/search?q=an",
                    f"/api/events/{event}/attendance", f"/checkin/{event}"):
            assert door.client.get(url).status_code == 403, url
        refused = door.post(f"/api/events/{event}/checkin", json={"code": code, "door": "Cửa 1"})
        assert refused.status_code == 403 and refused.get_json()["error"] == "other_event"
        assert "chưa được giao sự kiện" in refused.get_json()["message"]
    # the organiser ticks one event on the accounts page
    page = organiser.client.get("/admin").get_data(as_text=True)
    assert "Chưa giao: không làm việc ở sự kiện nào." in page
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    saved = organiser.client.post(f"/admin/users/{user_id}/events", data={"csrf_token": csrf, "event_ids": [event_id]})
    assert saved.status_code == 302
    door = signed_in(app, account, "door")  # its sessions ended with the change
    assert door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}
                     ).get_json()["result"] == "checked_in"
    assert door.client.get(f"/api/events/{other}/checkin/roster").status_code == 403
    listed = organiser.client.get("/api/users").get_json()
    assert next(u for u in listed if u["id"] == user_id)["event_ids"] == [event_id]


def test_the_accounts_page_creates_a_door_account_for_the_events_ticked(app, assigned_by_hand, organiser, event_id):
    with app.app_context():
        other = build_event()
    page = organiser.client.get("/admin").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    made = organiser.client.post("/admin/users", data={"csrf_token": csrf, "username": "chua-giao-cua2", "role": "door",
                                                       "password": "mat-khau-cua-2", "event_ids": [str(other)]})
    assert made.status_code == 302
    door = signed_in(app, {"door": ("chua-giao-cua2", "mat-khau-cua-2")}, "door")
    assert door.client.get(f"/api/events/{other}/checkin/roster").status_code == 200
    assert door.client.get(f"/api/events/{event_id}/checkin/roster").status_code == 403


def test_assigning_events_is_the_organisers_and_only_for_door_accounts(app, organiser, mc, users, event_id):
    door_id, mc_id = account_id(app, users["door"][0]), account_id(app, users["mc"][0])
    assert mc.post(f"/api/users/{door_id}/events", json={"event_ids": [event_id]}).status_code == 403
    wrong = organiser.post(f"/api/users/{mc_id}/events", json={"event_ids": [event_id]})
    assert wrong.status_code == 400 and wrong.get_json()["error"] == "not_event_bound"
    missing = organiser.post(f"/api/users/{door_id}/events", json={"event_ids": [999999]})
    assert missing.status_code == 400 and "999999" in missing.get_json()["message"]
    assert organiser.post(f"/api/users/{door_id}/events", json={"event_ids": "1"}).status_code == 400


def test_create_user_with_events_on_the_command_line(app, assigned_by_hand, event_id):
    runner = CliRunner()
    with app.app_context():
        result = runner.invoke(create_user, ["cua-hoi-truong", "--role", "door", "--password", "mat-khau-cua-1",
                                             "--event", str(event_id)])
        assert result.exit_code == 0, result.output
        assert f"sự kiện {event_id}" in result.output
        user_id = db.session.scalar(select(User.id).where(User.username == "cua-hoi-truong"))
        assert list(db.session.scalars(select(UserEvent.event_id).where(UserEvent.user_id == user_id))) == [event_id]


def test_create_user_without_events_says_the_account_works_nowhere_yet(app, assigned_by_hand, event_id):
    with app.app_context():
        result = CliRunner().invoke(create_user, ["chua-giao-cua3", "--role", "door", "--password", "mat-khau-cua-3"])
    assert result.exit_code == 0, result.output
    assert "chưa được giao sự kiện nào" in result.output and "--event" in result.output
    door = signed_in(app, {"door": ("chua-giao-cua3", "mat-khau-cua-3")}, "door")
    assert door.client.get(f"/api/events/{event_id}/checkin/roster").status_code == 403


def test_an_undo_is_refused_while_a_vote_is_open(app, organiser, mc, door, event_id):
    with app.app_context():
        delegate = db.session.scalar(select(Delegate).where(Delegate.event_id == event_id, Delegate.number == 1))
        delegate.checked_in_at = datetime.now(UTC)
        db.session.commit()
        delegate_id = delegate.id
    vote = organiser.post(f"/api/events/{event_id}/votes", json={"title": "Thông qua nghị quyết", "method": "hands"})
    assert mc.post(f"/api/events/{event_id}/votes/{vote.get_json()['id']}/open").status_code == 200
    refused = door.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": delegate_id, "reason": "Nhầm"})
    assert refused.status_code == 409 and refused.get_json()["error"] == "vote_open"
    assert "biểu quyết" in refused.get_json()["message"]


def test_many_undos_in_a_row_are_throttled_and_recorded(app, organiser, door, event_id):
    with app.app_context():
        create_account("cua-phu", "door", "cua-phu-mat-khau")
        ids = []
        for d in db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)):
            d.checked_in_at = datetime.now(UTC)
            ids.append(d.id)
        db.session.commit()
    answers = [door.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": i, "reason": "Nhầm"})
               for i in ids[:5]]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert "một phút" in answers[3].get_json()["message"]
    trail = organiser.client.get(f"/api/events/{event_id}/audit").get_json()
    assert sum("Từ chối huỷ điểm danh" in line["detail"] for line in trail) == 2
    # another account is not held back by this one's undos
    other = signed_in(app, {"door": ("cua-phu", "cua-phu-mat-khau")}, "door")
    assert other.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": ids[4], "reason": "Nhầm"}
                      ).status_code == 200
