"""Personal data by need (issue 20): door tablets, the door lead, ushers, displays and the MC receive what their
screens show; birth year, gender, ethnicity, religion and the badge code only the organisers; answers holding
personal data are not kept by browsers (no-store); the public honours list does not say who is present.
A role × field matrix over HTTP and Socket.IO."""
import json
import re
import time

import pytest
import requests
import socketio
from sqlalchemy import select

from checkin.roster import code_hash
from kiosk.extensions import db
from kiosk.identity.accounts import create_account
from models import Delegate
from tests.fixtures.accounts import PASSWORDS
from tests.helpers import signed_in

SENSITIVE = {"birth_year", "gender", "ethnicity", "religion", "code", "ballot_token", "occupation_group", "sector"}
ROLES = ("organiser", "door_lead", "door", "mc", "usher", "display")


@pytest.fixture
def people(app, users):
    with app.app_context():
        create_account("truongcua1", "door_lead", "truong-cua-mat-khau")
    users = {**users, "door_lead": ("truongcua1", "truong-cua-mat-khau")}
    return {role: signed_in(app, users, role) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_door_search_gives_each_role_what_its_screen_shows(people, event_id, role):
    answer = people[role].client.get(f"/api/events/{event_id}/delegates/search?q=nguyen")
    if role in ("usher", "display", "mc"):
        assert answer.status_code == 403
        return
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    found = answer.get_json()
    assert [d["full_name"] for d in found] == ["Nguyễn Văn An"] and found[0]["unit"] == "UBND xã Vũ Hội"
    fields = set(found[0])
    if role == "organiser":
        assert {"birth_year", "gender", "ethnicity", "religion"} <= fields
    else:
        # no badge code either: a door account searching name after name collects nothing to print on a badge
        assert not SENSITIVE & fields and "code" not in fields, fields


def test_the_door_checks_in_whom_it_found_by_id_not_by_badge_code(app, door, event_id):
    """The search gives the door no badge code: the one found is checked in by id, once; an id of another event's
    delegate is not found here, and a scan with neither a code nor an id is refused plainly."""
    from tests.factories import build_event
    found = door.client.get(f"/api/events/{event_id}/delegates/search?q=nguyen").get_json()[0]
    first = door.post(f"/api/events/{event_id}/checkin", json={"delegate_id": found["id"], "door": "Cửa 2"})
    assert first.status_code == 200 and first.get_json()["result"] == "checked_in"
    assert first.get_json()["delegate"]["full_name"] == "Nguyễn Văn An" and "code" not in first.get_json()["delegate"]
    again = door.post(f"/api/events/{event_id}/checkin", json={"delegate_id": found["id"], "door": "Cửa 2"})
    assert again.get_json()["result"] == "already_checked_in" and again.get_json()["door"] == "Cửa 2"
    with app.app_context():
        other = build_event(form="hoi_nghi")
        stranger = db.session.scalars(db.select(Delegate.id).where(Delegate.event_id == other)).first()
    elsewhere = door.post(f"/api/events/{event_id}/checkin", json={"delegate_id": stranger, "door": "Cửa 2"})
    assert elsewhere.status_code == 404 and elsewhere.get_json()["error"] == "delegate_not_found"
    empty = door.post(f"/api/events/{event_id}/checkin", json={"door": "Cửa 2"})
    assert empty.status_code == 400 and empty.get_json()["error"] == "bad_code"


@pytest.mark.parametrize("role", ROLES)
def test_attendance_figures_for_everyone_signed_in_the_composition_for_organisers(people, event_id, role):
    answer = people[role].client.get(f"/api/events/{event_id}/attendance")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    counts = answer.get_json()
    assert counts["expected"] == 6 and "present" in counts
    assert ("composition" in counts) == (role == "organiser")


def test_watching_attendance_over_socketio_by_role(app, live_server, people, event_id):
    """Real Socket.IO clients on a real server, each signed in with its role's cookie."""
    for role in ROLES:
        received = {}
        client = socketio.Client()
        client.on("attendance", lambda m, seen=received: seen.setdefault("attendance", m))
        client.on("attendance_full", lambda m, seen=received: seen.setdefault("attendance_full", m))
        session = requests.Session()
        password = PASSWORDS.get(role, "truong-cua-mat-khau")
        username = "truongcua1" if role == "door_lead" else role + "1"
        session.post(f"{live_server.url}/api/login", json={"username": username, "password": password}, timeout=10)
        client.connect(live_server.url, transports=["websocket"], wait_timeout=10,
                       headers={"Cookie": "; ".join(f"{k}={v}" for k, v in session.cookies.items())})
        try:
            ack = client.call("watch_attendance", {"event_id": event_id}, timeout=10)
            if role == "display":
                assert ack["error"] == "forbidden", role
                continue
            assert ack == {"ok": True}, role
            deadline = time.monotonic() + 10
            while "attendance" not in received or (role == "organiser" and "attendance_full" not in received):
                assert time.monotonic() < deadline, (role, received)
                client.sleep(0.05)
        finally:
            client.disconnect()
        assert received["attendance"]["expected"] == 6 and "composition" not in received["attendance"], role
        if role == "organiser":
            assert {"ethnicity", "religion"} <= set(received["attendance_full"]["composition"])
        else:
            assert "attendance_full" not in received, role


def test_the_list_and_the_voting_cards_are_not_kept_by_the_browser(people, event_id):
    for url in (f"/api/events/{event_id}/delegates", f"/admin/events/{event_id}/votes/cards",
                f"/admin/events/{event_id}/delegates"):
        answer = people["organiser"].client.get(url)
        assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store", url
    static = people["organiser"].client.get("/static/css/fonts.css")
    static.close()
    assert static.headers.get("Cache-Control") != "no-store"


def test_the_public_honours_list_does_not_say_who_is_present(client, people, event_id):
    public = client.get(f"/api/events/{event_id}/honours").get_json()
    assert public[0]["recipients"] and all(r["present"] is None for g in public for r in g["recipients"])
    for role in ("usher", "mc", "organiser"):
        staff = people[role].client.get(f"/api/events/{event_id}/honours").get_json()
        assert all(isinstance(r["present"], bool) for g in staff for r in g["recipients"])


@pytest.mark.parametrize("role", ("door", "door_lead", "organiser"))
def test_the_offline_roster_holds_no_badge_code(app, people, event_id, role):
    """What a tablet keeps to scan offline: what its card shows, and a keyed hash of each badge code, under a key
    the door page gives the tablet; not one code in a form that could be printed or typed at another door."""
    with app.app_context():
        badges = dict(db.session.execute(select(Delegate.full_name, Delegate.code)
                                         .where(Delegate.event_id == event_id)).all())
    answer = people[role].client.get(f"/api/events/{event_id}/checkin/roster")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    kept = answer.get_data(as_text=True)
    assert not [c for c in badges.values() if c in kept]
    rows = {d["full_name"]: d for d in answer.get_json()}
    assert rows["Nguyễn Văn An"]["unit"] == "UBND xã Vũ Hội" and rows["Nguyễn Văn An"]["place"] == "Hàng 1"
    assert not SENSITIVE & set(rows["Nguyễn Văn An"])
    # the tablet finds a scanned badge by hashing it under the key of its page
    page = people[role].client.get(f"/checkin/{event_id}").get_data(as_text=True)
    key = json.loads(re.search(r'<script id="roster-key" type="application/json">([^<]+)</script>', page).group(1))
    assert not [c for c in badges.values() if c in page]
    assert all(rows[name]["code_hash"] == code_hash(key, code) for name, code in badges.items())
    assert len({d["code_hash"] for d in rows.values()}) == 6 and len(rows["Trần Thị Bình"]["code_hash"]) == 32
    assert code_hash(key, badges["Trần Thị Bình"] + "X") not in {d["code_hash"] for d in rows.values()}
