"""Tests found by mutation testing (issue 25, docs/mutation.md): each guards a slip of the product code that
survived the tests before it, and names that slip (module, line's code, the change) in its docstring."""
from tests.test_clock import clock_action, server_time, speaker_on_screen  # noqa: F401  (server_time: a fixture)

# ---- the speaker's clock (display/clock.py) ---------------------------------------------------------------------


def test_only_add_reads_the_seconds_a_pause_with_a_stray_value_pauses(mc, client, event_id, server_time):  # noqa: F811
    """Guards `if action != "add": return seconds` in display.clock.checked_seconds (`!=` turned into `<`): the
    seconds are checked for `add` alone, so a pause, resume or stop sent with a leftover `seconds` that `add` would
    refuse (text, more than an hour) still pauses, resumes or stops the speaker's clock."""
    version = speaker_on_screen(mc, client, event_id)["version"]
    clock_action(mc, event_id, "start", "một phút")
    server_time.at(20)
    paused = clock_action(mc, event_id, "pause", 100000)
    assert paused.status_code == 200, paused.get_json()
    assert paused.get_json()["version"] == version + 2
    assert (paused.get_json()["screen"]["clock"]["elapsed_s"], paused.get_json()["screen"]["clock"]["running"]) \
        == (20, False)
    server_time.at(50)
    assert clock_action(mc, event_id, "resume", True).get_json()["screen"]["clock"]["running"] is True
    server_time.at(60)
    stopped = clock_action(mc, event_id, "stop", "7").get_json()["screen"]["clock"]
    assert (stopped["elapsed_s"], stopped["running"]) == (30, False)
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 30


def test_a_server_clock_set_back_never_shows_less_than_nothing_spoken(mc, client, event_id, server_time):  # noqa: F811
    """Guards `max(0.0, elapsed)` in display.clock.elapsed_at (`0.0` turned into `-1.0`): the server's clock set back
    by a few seconds while a speaker talks (a time server's correction) must not leave the clock with less than
    nothing spoken, on the screens nor in the record."""
    speaker_on_screen(mc, client, event_id)
    server_time.at(10)
    clock_action(mc, event_id, "start")
    server_time.at(-5)  # set back 15 s, before the start
    stopped = clock_action(mc, event_id, "stop").get_json()["screen"]["clock"]
    assert (stopped["elapsed_s"], stopped["running"]) == (0, False)
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 0


def test_resume_pressed_twice_or_after_stop_changes_nothing(mc, client, event_id, server_time):  # noqa: F811
    """Guards `if clock["running"] or clock.get("stopped") or not clock["elapsed_s"]` in display.clock._clock_resume
    (the first `or` turned into `and`): a second press of resume on a running clock would restart its count from
    that press and lose the seconds spoken since the first one, and resume after stop would set a finished speaker's
    clock running again."""
    speaker_on_screen(mc, client, event_id)
    clock_action(mc, event_id, "start")
    server_time.at(30)
    clock_action(mc, event_id, "pause")
    server_time.at(40)
    resumed = clock_action(mc, event_id, "resume").get_json()
    server_time.at(60)
    again = clock_action(mc, event_id, "resume").get_json()
    assert again["version"] == resumed["version"] and again["screen"]["clock"] == resumed["screen"]["clock"]
    server_time.at(70)
    stopped = clock_action(mc, event_id, "stop").get_json()
    assert stopped["screen"]["clock"]["elapsed_s"] == 60  # 30 s, then 30 s from the first resume
    server_time.at(80)
    after = clock_action(mc, event_id, "resume").get_json()
    assert after["version"] == stopped["version"] and after["screen"]["clock"]["running"] is False
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 60


# ---- checking in (checkin/service.py) --------------------------------------------------------------------------

def _codes(app, event_id) -> list[str]:
    from kiosk.extensions import db
    from models import Delegate
    with app.app_context():
        return list(db.session.scalars(db.select(Delegate.code).where(Delegate.event_id == event_id)))


def _scan(door, event_id, code):
    return door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}).get_json()


def test_each_badge_checks_in_its_own_delegate_only(app, door, organiser, event_id):
    """Guards `Delegate.code == bindparam("badge")` in checkin.service's claim (`==` turned into `>=`): the first scan
    would check in, with the delegate on the badge, everyone whose code sorts after it, and they would be told at the
    door that they had already checked in. The badges are scanned in code order, so any such slip shows."""
    codes = sorted(_codes(app, event_id))
    for scanned, code in enumerate(codes, start=1):
        answer = _scan(door, event_id, code)
        assert answer["result"] == "checked_in", (scanned, answer)
        attendance = door.client.get(f"/api/events/{event_id}/attendance").get_json()
        assert attendance["present"] == scanned
        listed = organiser.client.get(f"/api/events/{event_id}/delegates").get_json()
        assert len([d for d in listed if d["checked_in_at"]]) == scanned


def test_a_badge_scanned_with_caps_lock_on_checks_in(app, door, event_id):
    """Guards `code != code.upper()` in checkin.service.check_in (`!=` turned into `<`): a handheld scanner typing
    with Caps Lock on sends the code in small letters; the door welcomes the delegate all the same."""
    code = _codes(app, event_id)[0]
    assert code != code.lower()
    assert _scan(door, event_id, code.lower())["result"] == "checked_in"
    assert _scan(door, event_id, code)["result"] == "already_checked_in"


def test_another_events_badge_with_a_small_letter_code_is_named_as_such(app, door, event_id):
    """Guards `answer["result"] == "unknown_code"` in checkin.service.check_in (`==` turned into `>` or `>=`): only
    an unknown code is tried again in capitals; a badge of another event whose code, brought with its list, has
    small letters is told "Thẻ này thuộc sự kiện khác", not that the code is unknown. The badge is of an event made
    after this one, the case tests/test_checkin.py does not try, so it guards too `Delegate.event_id ==
    bindparam("event")` in the claim (`==` turned into `>=`: the badge would check its delegate in at the wrong
    event) and `delegate.event_id != event_id` in _not_claimed (`!=` turned into `<`)."""
    from kiosk.extensions import db
    from models import Delegate
    from tests.factories import build_event
    with app.app_context():
        other = build_event(form="hoi_nghi")
        delegate = db.session.scalars(db.select(Delegate).where(Delegate.event_id == other)).first()
        delegate.code = "dv-hoi-nghi-017"  # as an imported list's own code column may have it
        db.session.commit()
    answer = _scan(door, event_id, "dv-hoi-nghi-017")
    assert answer["result"] == "wrong_event" and answer["message"] == "Thẻ này thuộc sự kiện khác."


def test_small_letter_codes_and_unknown_capitals_get_their_own_answers(app, door, event_id):
    """Guards `answer["result"] == "unknown_code" and code != code.upper()` in checkin.service.check_in: with `==`
    turned into `<=`, a delegate whose code (brought with the list) has small letters and who has already come in
    would be told the code is unknown; with `!=` turned into `==` or `<=`, an unknown code in capitals would be tried
    again in capitals without end (a 500 at the door instead of "Mã không có trong danh sách đại biểu.")."""
    from kiosk.extensions import db
    from models import Delegate
    with app.app_context():
        db.session.scalars(db.select(Delegate).where(Delegate.event_id == event_id)).first().code = "dv-017"
        db.session.commit()
    assert _scan(door, event_id, "dv-017")["result"] == "checked_in"
    assert _scan(door, event_id, "dv-017")["result"] == "already_checked_in"
    unknown = door.post(f"/api/events/{event_id}/checkin", json={"code": "KHONG-CO-MA-NAY-1", "door": "Cửa 1"})
    assert unknown.status_code == 200 and unknown.get_json()["message"] == "Mã không có trong danh sách đại biểu."


def test_a_badge_shown_again_is_told_already_here_whatever_scans_came_before(app, door, event_id):
    """Guards the check for a scan sent again, `CheckIn.scan_id == bindparam("scan_id")` in checkin.service (`==`
    turned into `>=` or `<=`): a badge scanned a second time, with a scan of its own, would be taken for a resend of
    an offline scan recorded before whose number sorts after (or before) it, and welcomed again instead of told when
    and where its delegate came in (a badge handed to a second person passes). Guards too the earlier-arrival
    claim's `Delegate.id == bindparam("delegate")` (`==` turned into `>=`): syncing one delegate's offline scan would
    rewrite the arrival time and door of every delegate after them (or, `<=`, before them)."""
    from datetime import UTC, datetime, timedelta

    def scan(number, door_name, scan_id, minutes_ago=None):
        body = {"code": _code_of(app, event_id, number), "door": door_name, "scan_id": scan_id}
        if minutes_ago is not None:
            body["scanned_at"] = (datetime.now(UTC) - timedelta(minutes=minutes_ago)).replace(microsecond=0).isoformat()
        return door.post(f"/api/events/{event_id}/checkin", json=body).get_json()

    second = scan(2, "Cửa 1", "m-scan-0001")
    assert second["result"] == "checked_in"
    scan(1, "Cửa 1", "b-scan-0001")
    assert scan(1, "Cửa 3", "a-offline-0001", minutes_ago=5)["door"] == "Cửa 3"  # arrived earlier, offline
    assert scan(1, "Cửa 4", "z-offline-0001", minutes_ago=10)["door"] == "Cửa 4"  # earlier still
    again = scan(2, "Cửa 2", "m-scan-0002")
    assert again["result"] == "already_checked_in"
    assert (again["door"], again["checked_in_at"]) == ("Cửa 1", second["checked_in_at"])
    assert scan(2, "Cửa 5", "c-offline-0001", minutes_ago=20)["door"] == "Cửa 5"  # the second, earlier than the first
    assert scan(1, "Cửa 2", "b-scan-0002")["door"] == "Cửa 4"  # the first delegate's arrival stays theirs


def _code_of(app, event_id, number):
    from kiosk.extensions import db
    from models import Delegate
    with app.app_context():
        return db.session.scalar(db.select(Delegate.code).where(Delegate.event_id == event_id,
                                                                Delegate.number == number))


# ---- sign-in, sessions and the role check (kiosk/identity/auth.py) -------------------------------------------------------

def test_signing_out_on_one_laptop_leaves_the_others_signed_in(app, users, event_id):
    """Guards `UserSession.id == digest` in kiosk.identity.auth.end_sessions (`==` turned into `<=` or `>=`): "Đăng xuất" on
    one of the MC's laptops would also end the sessions of the account's other laptops whose keys sort before (after)
    it. The laptop whose key is second in that order signs out first, so either slip shows at the first press."""
    from kiosk.extensions import db
    from models import User, UserSession
    from tests.helpers import signed_in

    def sessions():
        with app.app_context():
            user_id = db.session.scalar(db.select(User.id).where(User.username == users["mc"][0]))
            return set(db.session.scalars(db.select(UserSession.id).where(UserSession.user_id == user_id)))

    laptops = {}
    for _ in range(4):
        before = sessions()
        laptop = signed_in(app, users, "mc")
        (digest,) = sessions() - before
        laptops[digest] = laptop
    in_order = sorted(laptops)
    for digest in [in_order[1], *in_order[2:], in_order[0]]:
        leaving = laptops.pop(digest)
        assert leaving.post("/api/logout").status_code == 200
        assert leaving.client.get(f"/control/{event_id}").status_code == 302  # to the sign-in page
        for laptop in laptops.values():
            assert laptop.client.get(f"/control/{event_id}").status_code == 200


def test_sign_in_never_redirects_to_a_backslash_host_or_a_script(client, users):
    """Guards `target and not urlparse(target).netloc and target.startswith("/") and ...` in kiosk.identity.auth._safe_next
    (the second `and` turned into `or`): after signing in, a link's `next` must lead to a page of this server, never
    to "/\\evil.example" (which a browser reads as //evil.example) nor to a javascript: or other-scheme address."""
    from tests.helpers import form_token
    for target in ("/\\evil.example/x", "javascript:alert(1)", "evil.example/x"):
        token = form_token(client.get("/login").text)
        answer = client.post("/login", query_string={"next": target},
                             data={"username": "mc1", "password": users["mc"][1], "csrf_token": token})
        assert answer.status_code == 302 and answer.headers["Location"] == "/", target
        client.post("/logout", data={"csrf_token": form_token(client.get("/login").text)})


def test_a_next_address_with_the_delete_character_is_refused(client):
    """Guards `ord(c) == 127` in kiosk.identity.auth._check_next (127 turned into 128): the delete character is a control
    character like a line break; a `next` holding it gets the 400 "Địa chỉ chuyển tiếp ... không hợp lệ" before any
    sign-in, and is never written into a Location header."""
    answer = client.get("/login", query_string={"next": "/control/1\x7f"})
    assert answer.status_code == 400 and "Địa chỉ chuyển tiếp sau khi đăng nhập không hợp lệ." in answer.text
    assert client.get("/login", query_string={"next": "/control/1\x80"}).status_code == 200


def test_a_door_tablet_watches_its_event_named_as_text_over_the_socket(app, door, event_id):
    """Guards `len(event_id) < 11` in kiosk.identity.auth._event_of_request (`<` turned into `>=`): a socket event may name
    its event as text ("7"), as kiosk.realtime.sockets.event_id_of accepts; the role check must read it as the number, or a
    door account (which works only at its events) is refused its own event's attendance counts."""
    from kiosk.extensions import socketio
    sock = socketio.test_client(app, flask_test_client=door.client)
    try:
        assert sock.emit("watch_attendance", {"event_id": str(event_id)}, callback=True) == {"ok": True}
    finally:
        sock.disconnect()


def test_door_tablets_scans_read_their_sessions_once_not_once_a_scan(app, users, door, event_id, monkeypatch):
    """Guards `hit[0] > time.monotonic()` in kiosk.identity.auth.load_user (`>` turned into `==`) and `len(cache) >=
    MAX_CACHED_SESSIONS` (`>=` turned into `<=`: the cache emptied at each read): the session read is kept for a
    moment so that two door tablets scanning a queue of badges in turn pay it once each, not once a scan (API.md:
    an ended session still answers 401 within a second). The moment is made a minute here so a slow machine cannot
    fail it."""
    from kiosk.identity import auth
    from tests.helpers import count_queries, signed_in
    monkeypatch.setattr(auth, "SESSION_CACHE_SECONDS", 60.0)
    other = signed_in(app, users, "door")
    codes = _codes(app, event_id)
    assert _scan(door, event_id, codes[0])["result"] == "checked_in"
    assert _scan(other, event_id, codes[1])["result"] == "checked_in"
    with count_queries(app) as statements:
        for tablet, code in zip((door, other, door, other), codes[2:6], strict=True):
            assert _scan(tablet, event_id, code)["result"] == "checked_in"
    assert not [s for s in statements if "user_sessions" in s], statements


def test_a_token_sent_with_a_read_is_not_taken_as_good_for_a_write(app, door, event_id):
    """Guards `request.method in WRITE_METHODS and not _in_socket_event()` in kiosk.identity.auth.check_role (`and` turned
    into `or`): a read went through the CSRF check too, which lets it pass (a read is not checked) and then
    remembered its token pair as good, so a forged token first sent with a read would carry a write after it."""
    code = _codes(app, event_id)[0]
    forged = {"X-CSRFToken": "forged-token-1234"}
    read = door.client.get(f"/api/events/{event_id}/delegates/search", query_string={"q": "An"}, headers=forged,
                           json={})
    assert read.status_code == 200
    write = door.client.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"}, headers=forged)
    assert write.status_code == 400 and write.get_json()["error"] != "checked_in"
    assert _scan(door, event_id, code)["result"] == "checked_in"  # with its real token, the door works


def test_a_sign_in_name_with_an_invisible_character_is_plainly_refused(client, users):
    """Guards `len(username) <= 80 and len(password) <= MAX_PASSWORD and printable(username) == username` in
    kiosk.identity.auth.authenticate (the first `and` turned into `or`): a name holding a lone surrogate or a NUL reached the
    database, which cannot store it (a 500); it must get the plain "Sai tên đăng nhập hoặc mật khẩu.". Guards too
    `printable(username) == username` there (`==` turned into `<=` or `>=`), hence a surrogate inside the name."""
    import json
    for name in ("mc1\ud800", "mc\ud800\uff11", "mc1\x00"):  # sent escaped, as JSON carries them (\ud800...)
        body = json.dumps({"username": name, "password": users["mc"][1]})
        answer = client.post("/api/login", data=body, content_type="application/json")
        assert answer.status_code == 401 and answer.get_json()["message"] == "Sai tên đăng nhập hoặc mật khẩu.", name


def test_a_next_address_with_spaces_up_to_2000_characters_is_followed(client):
    """Guards `len(target) > 2000 or any(ord(c) < 32 ...)` in kiosk.identity.auth._check_next (`>` turned into `>=`, 2000 or
    32 changed by one): a `next` of up to 2000 characters, spaces included (a search kept in the address), is a good
    address; one character more, or a control character, is not."""
    start = "/checkin/1?q=Nguyễn Văn An&x="
    for length, status in ((2000, 200), (2001, 400)):
        answer = client.get("/login", query_string={"next": start + "a" * (length - len(start))})
        assert answer.status_code == status, length


def test_a_door_account_has_its_own_events_not_those_of_the_account_before_it(app, users, organiser, event_id):
    """Guards `UserEvent.user_id == User.id` in kiosk.identity.auth.load_user's assigned events (`==` turned into `<=` or
    `>=`): a door account would work at every event given to the door accounts made before (after) it."""
    from kiosk.extensions import db
    from kiosk.identity.accounts import create_account
    from models import User
    from tests.factories import build_event
    from tests.helpers import signed_in
    with app.app_context():
        other = build_event()
        create_account("cua-hai", "door", "cua-hai-mat-khau")
        ids = dict(db.session.execute(db.select(User.username, User.id)).all())
    assert ids[users["door"][0]] < ids["cua-hai"]
    assert organiser.post(f"/api/users/{ids[users['door'][0]]}/events", json={"event_ids": [other]}).status_code == 200
    assert organiser.post(f"/api/users/{ids['cua-hai']}/events", json={"event_ids": [event_id]}).status_code == 200
    second = signed_in(app, {**users, "door": ("cua-hai", "cua-hai-mat-khau")}, "door")
    assert second.client.get(f"/api/events/{event_id}/checkin/roster").status_code == 200
    refused = second.client.get(f"/api/events/{other}/checkin/roster")
    assert refused.status_code == 403 and refused.get_json()["error"] == "other_event"
    first = signed_in(app, users, "door")  # and the first has not the events of the one made after it (`>=`)
    assert first.client.get(f"/api/events/{other}/checkin/roster").status_code == 200
    assert first.client.get(f"/api/events/{event_id}/checkin/roster").status_code == 403


def test_a_paired_tablet_cannot_watch_another_events_counts_over_the_socket(app, organiser, event_id):
    """Guards `data = args[0] if args else None` and `data.get("event_id") if isinstance(data, dict)` in
    kiosk.identity.auth._event_of_request (a `not` added to either): the role check of a socket event would read no event,
    and a tablet paired for this event could watch another event's attendance; it is refused with "other_event",
    and its own event's counts come."""
    from kiosk.extensions import socketio
    from tests.factories import build_event
    from tests.test_pairing import pair_tablet
    with app.app_context():
        other = build_event()
    tablet, _, _ = pair_tablet(app, organiser, event_id)
    sock = socketio.test_client(app, flask_test_client=tablet)
    try:
        refused = sock.emit("watch_attendance", {"event_id": other}, callback=True)
        assert refused["error"] == "other_event", refused
        assert sock.emit("watch_attendance", {"event_id": event_id}, callback=True) == {"ok": True}
    finally:
        sock.disconnect()


def test_a_password_reset_ends_that_accounts_sessions_only(app, users, organiser, mc, door, event_id):
    """Guards `UserSession.user_id == user_id` in kiosk.identity.auth.end_sessions (`==` turned into `>=`): a new password
    given to the MC's account would sign out every account made after it (the door tablets among them); only the
    MC's sessions end."""
    from kiosk.extensions import db
    from models import User
    with app.app_context():
        mc_id = db.session.scalar(db.select(User.id).where(User.username == users["mc"][0]))
    assert organiser.post(f"/api/users/{mc_id}/password", json={"password": "mat-khau-moi-789"}).status_code == 200
    assert mc.client.get(f"/control/{event_id}").status_code == 302
    assert door.client.get(f"/checkin/{event_id}").status_code == 200
    assert organiser.client.get("/api/users").status_code == 200


def test_a_name_that_is_no_accounts_is_refused_even_with_a_real_password(client, users):
    """Guards `User.username == username` in kiosk.identity.auth.authenticate (`==` turned into `>=`): the account looked up
    would be the first whose name sorts at or after the one typed, so "mc" with the password of "mc1" signed in as
    "mc1"; a name that is no account's is refused."""
    for name in ("mc", "m", "door"):
        role = "mc" if name.startswith("m") else "door"
        answer = client.post("/api/login", json={"username": name, "password": users[role][1]})
        assert answer.status_code == 401 and answer.get_json()["error"] == "bad_credentials", name
