"""Sessions that end (API.md "Accounts and sessions"): a signed-out cookie is dead everywhere, also where it was
copied; a new password or a disabled account ends every session of it, sockets included, within a second."""
import time
from datetime import timedelta

import requests
import socketio
from sqlalchemy import select, update

from kiosk.extensions import db
from models import User, UserSession
from models.types import utcnow
from tests.helpers import signed_in


def cookies_of(client) -> dict:
    return {c.key: c.value for c in client._cookies.values()}


def copy_of(app, client, only=None):
    """Another client holding the same cookies, as a thief who copied them off a tablet would."""
    other = app.test_client()
    for name, value in cookies_of(client).items():
        if only is None or name == only:
            other.set_cookie(name, value)
    return other


def test_logout_kills_the_cookie_also_where_it_was_copied(app, auth, event_id):
    auth.login("organiser")
    thief = copy_of(app, auth.client)
    assert thief.get(f"/api/events/{event_id}/delegates").status_code == 200
    assert auth.post("/api/logout").status_code == 200
    answer = thief.get(f"/api/events/{event_id}/delegates")
    assert answer.status_code == 401 and answer.get_json()["message"] == "Bạn cần đăng nhập."
    # and a write with the copied CSRF token too
    write = thief.post(f"/api/events/{event_id}/live/next", headers={"X-CSRFToken": auth.csrf})
    assert write.status_code == 401


def test_remember_me_token_dies_with_the_session(app, auth, event_id):
    auth.login("organiser")
    assert "remember_token" in cookies_of(auth.client)
    remembered = copy_of(app, auth.client, only="remember_token")  # the browser closed: only the token is left
    assert remembered.get(f"/api/events/{event_id}/delegates").status_code == 200
    again = copy_of(app, auth.client, only="remember_token")
    auth.post("/api/logout")
    assert again.get(f"/api/events/{event_id}/delegates").status_code == 401


def test_remember_me_tokens_expire(app, auth, event_id):
    auth.login("organiser")
    remembered = copy_of(app, auth.client, only="remember_token")
    with app.app_context():
        db.session.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    time.sleep(1.0)  # what the process remembers of a live session lasts a second
    assert remembered.get(f"/api/events/{event_id}/delegates").status_code == 401
    assert auth.client.get(f"/api/events/{event_id}/delegates").status_code == 401


def test_sessions_expire_after_the_remember_duration(app, auth):
    auth.login("door")
    with app.app_context():
        row = db.session.scalar(select(UserSession))
        assert timedelta(days=2) < row.expires_at - row.created_at <= timedelta(days=3)


def test_a_new_password_from_the_cli_ends_every_session_of_the_account(app, users, runner, event_id):
    door_a, door_b = signed_in(app, users, "door"), signed_in(app, users, "door")
    mc = signed_in(app, users, "mc")
    result = runner.invoke(args=["create-user", "door1", "--role", "door", "--password", "mat-khau-moi-123"])
    assert result.exit_code == 0, result.output
    for tablet in (door_a, door_b):
        assert tablet.post(f"/api/events/{event_id}/checkin", json={"code": "x", "door": "Cửa 1"}).status_code == 401
    assert mc.post(f"/api/events/{event_id}/live/next").status_code == 200  # another account: untouched
    fresh = app.test_client()
    assert fresh.post("/api/login", json={"username": "door1", "password": "mat-khau-moi-123"}).status_code == 200


def test_a_new_password_from_the_admin_page_ends_the_sessions(app, users, organiser, event_id):
    mc = signed_in(app, users, "mc")
    page = organiser.client.get("/admin").get_data(as_text=True)
    assert "Tài khoản" in page
    from tests.helpers import form_token
    answer = organiser.client.post("/admin/users", data={"csrf_token": form_token(page), "username": "mc1",
                                                          "role": "mc", "password": "mat-khau-moi-456"})
    assert answer.status_code == 302
    assert mc.post(f"/api/events/{event_id}/live/next").status_code == 401


def test_organisers_disable_and_enable_accounts(app, users, organiser, event_id):
    mc = signed_in(app, users, "mc")
    with app.app_context():
        mc_id = db.session.scalar(select(User.id).where(User.username == "mc1"))
    listed = organiser.client.get("/api/users").get_json()
    assert {"id": mc_id, "username": "mc1", "role": "mc", "disabled": False} in listed
    answer = organiser.post(f"/api/users/{mc_id}/disable")
    assert answer.status_code == 200 and answer.get_json()["disabled"] is True
    assert mc.post(f"/api/events/{event_id}/live/next").status_code == 401
    again = app.test_client().post("/api/login", json={"username": "mc1", "password": users["mc"][1]})
    assert again.status_code == 403 and again.get_json()["message"] == "Tài khoản này đã bị khoá. Hãy liên hệ Ban tổ chức."
    wrong = app.test_client().post("/api/login", json={"username": "mc1", "password": "sai-mat-khau"})
    assert wrong.status_code == 401  # a wrong password does not learn that the account exists and is disabled
    assert organiser.post(f"/api/users/{mc_id}/enable").get_json()["disabled"] is False
    assert signed_in(app, users, "mc").post(f"/api/events/{event_id}/live/next").status_code == 200


def test_the_admin_page_disables_and_enables(app, users, organiser):
    with app.app_context():
        door_id = db.session.scalar(select(User.id).where(User.username == "door1"))
    page = organiser.client.get("/admin").get_data(as_text=True)
    assert f'action="/admin/users/{door_id}/disable"' in page
    from tests.helpers import form_token
    answer = organiser.client.post(f"/admin/users/{door_id}/disable", data={"csrf_token": form_token(page)},
                                   follow_redirects=True)
    text = answer.get_data(as_text=True)
    assert "Đã khoá tài khoản" in text and f'action="/admin/users/{door_id}/enable"' in text
    answer = organiser.client.post(f"/admin/users/{door_id}/enable", data={"csrf_token": form_token(text)},
                                   follow_redirects=True)
    assert "Đã mở khoá tài khoản." in answer.get_data(as_text=True)


def test_an_organiser_cannot_lock_themself_out(app, organiser):
    with app.app_context():
        own = db.session.scalar(select(User.id).where(User.username == "organiser1"))
    answer = organiser.post(f"/api/users/{own}/disable")
    assert answer.status_code == 409 and "chính mình" in answer.get_json()["message"]


def test_account_api_refuses_bad_values(app, users, organiser, mc):
    assert organiser.post("/api/users/999999/disable").status_code == 404
    assert organiser.post(f"/api/users/{2**70}/disable").status_code == 404
    with app.app_context():
        mc_id = db.session.scalar(select(User.id).where(User.username == "mc1"))
    short = organiser.post(f"/api/users/{mc_id}/password", json={"password": "ngan"})
    assert short.status_code == 400 and short.get_json()["message"] == "Mật khẩu cần ít nhất 8 ký tự."
    assert organiser.post(f"/api/users/{mc_id}/password", json={"password": True}).status_code == 400
    assert mc.post(f"/api/users/{mc_id}/disable").status_code == 403


def test_a_password_reset_by_api_ends_the_sessions(app, users, organiser, mc, event_id):
    with app.app_context():
        mc_id = db.session.scalar(select(User.id).where(User.username == "mc1"))
    assert organiser.post(f"/api/users/{mc_id}/password", json={"password": "mat-khau-moi-789"}).status_code == 200
    assert mc.post(f"/api/events/{event_id}/live/next").status_code == 401
    assert organiser.post(f"/api/events/{event_id}/live/next").status_code == 200  # the organiser's own: alive


# ---- sockets, over a real server ------------------------------------------------------------------------------

def _signed_in_socket(url, users, role):
    http = requests.Session()
    answer = http.post(f"{url}/api/login", json={"username": users[role][0], "password": users[role][1]}, timeout=5)
    http.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    sio = socketio.Client(reconnection=False)
    cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    sio.connect(url, transports=["websocket"], headers={"Cookie": cookie}, wait_timeout=5)
    return http, sio


def _disconnected_within(sio, seconds) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if not sio.connected:
            return time.monotonic() - start
        time.sleep(0.02)
    raise AssertionError(f"the socket was still connected after {seconds} s")


def test_logout_ends_the_sockets_of_that_session(live_server, users, event_id):
    http, sio = _signed_in_socket(live_server.url, users, "mc")
    _other_http, other = _signed_in_socket(live_server.url, users, "mc")  # the same account on another laptop
    try:
        assert sio.call("watch_attendance", {"event_id": event_id}, timeout=5) == {"ok": True}  # the MC's socket
        assert http.post(f"{live_server.url}/api/logout", timeout=5).status_code == 200
        assert _disconnected_within(sio, 1.0) < 1.0
        assert other.connected and other.call("watch_attendance", {"event_id": event_id}, timeout=5) == {"ok": True}
    finally:
        for client in (sio, other):
            if client.connected:
                client.disconnect()


def test_disabling_an_account_ends_its_sockets_within_a_second(app, live_server, users, event_id):
    http, sio = _signed_in_socket(live_server.url, users, "door")
    organiser = requests.Session()
    token = organiser.post(f"{live_server.url}/api/login", json={"username": users["organiser"][0],
                                                                  "password": users["organiser"][1]}, timeout=5)
    organiser.headers["X-CSRFToken"] = token.json()["csrf_token"]
    try:
        assert sio.call("watch_attendance", {"event_id": event_id}, timeout=5) == {"ok": True}
        door_id = next(u["id"] for u in organiser.get(f"{live_server.url}/api/users", timeout=5).json()
                       if u["username"] == "door1")
        assert organiser.post(f"{live_server.url}/api/users/{door_id}/disable", timeout=5).status_code == 200
        assert _disconnected_within(sio, 1.0) < 1.0
        assert http.get(f"{live_server.url}/api/events/{event_id}/attendance", timeout=5).status_code == 401
    finally:
        if sio.connected:
            sio.disconnect()


def test_a_session_ended_by_another_process_drops_the_sockets_here_within_a_second(app, live_server, users, event_id):
    """Another `make serve` process ends the session in the shared database: this process's sweeper sees it."""
    http, sio = _signed_in_socket(live_server.url, users, "mc")
    try:
        assert http.post(f"{live_server.url}/api/events/{event_id}/live/next", timeout=5).status_code == 200
        with app.app_context():
            db.session.execute(update(UserSession).values(ended_at=utcnow()))  # as the other process would
            db.session.commit()
        assert _disconnected_within(sio, 1.0) < 1.0
        time.sleep(1.0)  # this process's memory of the session runs out within the second
        assert http.post(f"{live_server.url}/api/events/{event_id}/live/next", timeout=5).status_code == 401
    finally:
        if sio.connected:
            sio.disconnect()


def test_sessions_that_ran_out_are_cleared_at_the_next_sign_in(app, users):
    signed_in(app, users, "door")
    with app.app_context():
        db.session.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    signed_in(app, users, "door")
    with app.app_context():
        rows = db.session.scalars(select(UserSession)).all()
        assert len(rows) == 1 and rows[0].expires_at > utcnow()
