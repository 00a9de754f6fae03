"""Sign-in, sessions, CSRF and the role check on every route that changes something."""
import pytest

from tests.helpers import form_token


def test_login_answers_role_and_csrf_token(client, users):
    answer = client.post("/api/login", json={"username": "mc1", "password": users["mc"][1]})
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["username"] == "mc1" and body["role"] == "mc" and len(body["csrf_token"]) > 20
    assert any(c.key == "session" for c in client._cookies.values())


@pytest.mark.parametrize("payload", [
    {"username": "mc1", "password": "sai-mat-khau"},
    {"username": "khong-co", "password": "gi-cung-duoc"},
])
def test_bad_credentials_are_401_in_vietnamese(client, users, payload):
    answer = client.post("/api/login", json=payload)
    assert answer.status_code == 401
    assert answer.get_json() == {"error": "bad_credentials", "message": "Sai tên đăng nhập hoặc mật khẩu."}


@pytest.mark.parametrize("body", [None, "chuỗi", [1, 2], {"username": 5, "password": "x"}, {}])
def test_malformed_login_is_400_not_500(client, body):
    answer = client.post("/api/login", json=body) if body is not None else \
        client.post("/api/login", data="{không phải json", content_type="application/json")
    assert answer.status_code == 400
    assert answer.get_json()["message"]


def test_repeated_failures_are_throttled(app, client, users):
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 3
    for _ in range(3):
        assert client.post("/api/login", json={"username": "mc1", "password": "sai"}).status_code == 401
    blocked = client.post("/api/login", json={"username": "mc1", "password": users["mc"][1]})
    assert blocked.status_code == 429 and "đợi một phút" in blocked.get_json()["message"]


def test_passwords_are_hashed(app, users):
    from kiosk.extensions import db
    from models import User
    with app.app_context():
        for user in db.session.query(User):
            assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_write_without_csrf_token_is_refused_and_changes_nothing(app, auth, event_id):
    auth.login("mc")
    before = auth.client.get(f"/api/events/{event_id}/live").get_json()["version"]
    refused = auth.client.post(f"/api/events/{event_id}/live/next")
    assert refused.status_code == 400 and refused.get_json()["error"] == "csrf_failed"
    assert auth.client.get(f"/api/events/{event_id}/live").get_json()["version"] == before


@pytest.mark.parametrize("role, status", [(None, 401), ("door", 403), ("display", 403), ("mc", 200), ("organiser", 200)])
def test_only_mc_and_organiser_step_the_live_state(auth, event_id, role, status):
    if role:
        auth.login(role)
    answer = auth.post(f"/api/events/{event_id}/live/next")
    assert answer.status_code == status
    version = auth.client.get(f"/api/events/{event_id}/live").get_json()["version"]
    assert version == (2 if status == 200 else 1)


@pytest.mark.parametrize("role, status", [(None, 401), ("mc", 403), ("door", 403), ("organiser", 200)])
def test_delegate_list_is_for_organisers(auth, event_id, role, status):
    if role:
        auth.login(role)
    assert auth.client.get(f"/api/events/{event_id}/delegates").status_code == status


@pytest.mark.parametrize("role, status", [(None, 401), ("mc", 403), ("door", 200)])
def test_checkin_needs_the_door_role(auth, event_id, role, status):
    if role:
        auth.login(role)
    assert auth.post(f"/api/events/{event_id}/checkin", json={"code": "x", "door": "Cửa 1"}).status_code == status


def test_a_good_token_once_does_not_let_a_wrong_one_through(auth, event_id):
    """The door's token pairs are remembered once found good; any other token is still checked and refused."""
    auth.login("mc")
    assert auth.post(f"/api/events/{event_id}/live/next").status_code == 200
    assert auth.post(f"/api/events/{event_id}/live/next").status_code == 200  # the remembered pair
    for wrong in ("", "gia-mao", auth.csrf[:-2] + "xx"):
        refused = auth.post(f"/api/events/{event_id}/live/next", headers={"X-CSRFToken": wrong})
        assert refused.status_code == 400 and refused.get_json()["error"] == "csrf_failed"
    assert auth.client.get(f"/api/events/{event_id}/live").get_json()["version"] == 3


def test_a_token_from_another_session_is_refused(app, auth, users, event_id):
    from tests.helpers import signed_in
    other = signed_in(app, users, "mc")
    assert other.post(f"/api/events/{event_id}/live/next").status_code == 200  # remembered for its own session
    auth.login("mc")
    refused = auth.post(f"/api/events/{event_id}/live/next", headers={"X-CSRFToken": other.csrf})
    assert refused.status_code == 400 and refused.get_json()["error"] == "csrf_failed"


def test_a_remembered_session_cookie_gives_each_request_its_own_session(app, auth, event_id):
    """The same cookie twice: the second request sees the cookie's session, not what the first did to it."""
    from flask import session
    auth.login("mc")
    cookie = "; ".join(f"{c.key}={c.value}" for c in auth.client._cookies.values() if c.key == "session")
    with app.test_request_context(headers={"Cookie": cookie}):
        first = app.session_interface.open_session(app, __import__("flask").request)
        first["_user_id"] = "999"
    with app.test_request_context(headers={"Cookie": cookie}):
        assert session["_user_id"] != "999" and session["csrf_token"]
    tampered = cookie[:-3] + ("AAA" if not cookie.endswith("AAA") else "BBB")
    with app.test_request_context(headers={"Cookie": tampered}):
        assert "_user_id" not in session  # a cookie whose signature fails opens an empty session


def test_logout_ends_the_session(auth, event_id):
    auth.login("mc")
    assert auth.post("/api/logout").status_code == 200
    assert auth.post(f"/api/events/{event_id}/live/next").status_code == 401
    assert auth.client.get(f"/api/events/{event_id}/live").get_json()["version"] == 1  # the hall did not move


def test_sign_in_page_in_vietnamese_and_redirects_back(client, users, event_id):
    page = client.get("/login")
    assert page.status_code == 200 and "Đăng nhập" in page.text and "Mật khẩu" in page.text
    assert client.get(f"/control/{event_id}").headers["Location"].startswith("/login?next=/control/")
    token = form_token(page.text)
    answer = client.post(f"/login?next=/control/{event_id}",
                         data={"username": "mc1", "password": users["mc"][1], "csrf_token": token})
    assert answer.status_code == 302 and answer.headers["Location"] == f"/control/{event_id}"
    assert "Bảng điều khiển MC" in client.get(f"/control/{event_id}").text


def test_sign_in_page_shows_the_reason_of_a_failure(client, users):
    token = form_token(client.get("/login").text)
    answer = client.post("/login", data={"username": "mc1", "password": "sai", "csrf_token": token})
    assert answer.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu." in answer.text


def test_sign_in_never_redirects_off_site(client, users):
    token = form_token(client.get("/login").text)
    answer = client.post("/login?next=//evil.example/x",
                         data={"username": "mc1", "password": users["mc"][1], "csrf_token": token})
    assert answer.headers["Location"] == "/"


@pytest.mark.parametrize("path, role", [("/control/{id}", "door"), ("/checkin/{id}", "mc"), ("/admin", "mc")])
def test_pages_of_another_role_are_403_in_vietnamese(auth, event_id, path, role):
    auth.login(role)
    answer = auth.client.get(path.format(id=event_id))
    assert answer.status_code == 403 and "không có quyền" in answer.text
