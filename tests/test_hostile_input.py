"""Nothing a client sends can hurt the day (issue 12): bounded memory and time, every value checked for type and
range, text that means what it shows, the security headers and files, and the client's address behind a proxy."""
import io
import json
import logging
import os
import stat
import zipfile

import pytest
import requests
from openpyxl import load_workbook
from sqlalchemy import select

from kiosk.extensions import db, socketio
from kiosk.identity.auth import LoginThrottle
from models import Delegate
from tests import factories
from tests.factories import build_event
from tests.helpers import make_app

HEADERS = ["STT", "Họ và tên", "Đơn vị", "Mã đại biểu"]


def xlsx(rows):
    return factories.xlsx(rows, headers=HEADERS)


def upload(organiser, event_id, data, name="danh-sach.xlsx"):
    return organiser.post(f"/api/events/{event_id}/delegates/import",
                          data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook `data` with one member of its zip replaced (or added)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item))
        target.writestr(name, content)
    return out.getvalue()


@pytest.fixture
def empty_event(app):
    with app.app_context():
        return build_event(delegates=0)


def names_in(app, event_id):
    with app.app_context():
        return sorted(db.session.scalars(select(Delegate.full_name).where(Delegate.event_id == event_id)))


# ---- memory and time bounded ----------------------------------------------------------------------------------

def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(organiser, app, empty_event):
    bomb = with_member(xlsx([[1, "Nguyễn Văn An", "Xã A", ""]]), "xl/padding.bin", b"\0" * (60 * 2**20))
    assert len(bomb) < 200_000  # 60 MB of zeros packs into a few tens of KB
    answer = upload(organiser, empty_event, bomb)
    assert answer.status_code == 400
    assert answer.get_json()["message"] == ("Tệp Excel quá lớn khi giải nén (quá 50 MB): hãy kiểm tra lại tệp, "
                                            "một danh sách chỉ vài MB.")
    assert names_in(app, empty_event) == []


def test_a_workbook_declaring_a_million_rows_or_columns_is_refused_unread(organiser, empty_event):
    good = xlsx([[1, "Nguyễn Văn An", "Xã A", ""]])
    sheet = zipfile.ZipFile(io.BytesIO(good)).read("xl/worksheets/sheet1.xml")
    tall = sheet.replace(b'<dimension ref="A1:D2"/>', b'<dimension ref="A1:D1048576"/>')
    assert tall != sheet
    answer = upload(organiser, empty_event, with_member(good, "xl/worksheets/sheet1.xml", tall))
    assert answer.status_code == 400 and "quá 20000 dòng" in answer.get_json()["message"]
    wide = sheet.replace(b'<dimension ref="A1:D2"/>', b'<dimension ref="A1:XFD2"/>')
    answer = upload(organiser, empty_event, with_member(good, "xl/worksheets/sheet1.xml", wide))
    assert answer.status_code == 400 and "quá 200 cột" in answer.get_json()["message"]


def test_csv_of_one_column_imports(organiser, app, empty_event):
    answer = upload(organiser, empty_event, "Họ và tên\nNguyễn Văn An\nTrần Thị Bình\n".encode(), "ds.csv")
    assert answer.status_code == 200, answer.get_json()
    assert names_in(app, empty_event) == ["Nguyễn Văn An", "Trần Thị Bình"]


def test_csv_with_a_giant_field_is_a_400_with_the_row(organiser, app, empty_event):
    data = ("Họ và tên,Đơn vị\nNguyễn Văn An,Xã A\nTrần Thị Bình," + "x" * 200_000 + "\n").encode()
    answer = upload(organiser, empty_event, data, "ds.csv")
    assert answer.status_code == 400
    assert answer.get_json()["message"].startswith("Dòng 3 của tệp CSV có một ô quá dài")
    unclosed = upload(organiser, empty_event, ('Họ và tên\n"' + "y" * 200_000).encode(), "ds.csv")
    assert unclosed.status_code == 400 and names_in(app, empty_event) == []


def test_an_over_long_badge_code_is_refused_at_import_with_row_and_column(organiser, app, empty_event):
    answer = upload(organiser, empty_event, xlsx([[1, "Nguyễn Văn An", "Xã A", "DB-001"],
                                                  [2, "Trần Thị Bình", "Xã B", "x" * 10_000]]))
    body = answer.get_json()
    assert answer.status_code == 400
    assert body["problems"] == [{"row": 3, "column": "D", "header": "Mã đại biểu",
                                 "message": "mã đại biểu dài quá 64 ký tự (10000 ký tự)"}]
    assert names_in(app, empty_event) == []


def test_an_unreadable_number_is_a_problem_not_a_500(organiser, empty_event):
    answer = upload(organiser, empty_event, xlsx([["²", "Nguyễn Văn An", "Xã A", ""],
                                                  ["9" * 40, "Trần Thị Bình", "Xã B", ""]]))
    assert answer.status_code == 400
    assert [(p["row"], p["column"]) for p in answer.get_json()["problems"]] == [(2, "A"), (3, "A")]


def test_the_login_throttle_stays_bounded_whatever_names_are_sent(app, client):
    for n in range(25):
        answer = client.post("/api/login", json={"username": f"{n}-" + "a" * 100_000, "password": "sai-mat-khau"},
                             environ_base={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"})
        assert answer.status_code == 401
    throttle = app.extensions["kiosk_login_throttle"]
    assert len(throttle) > 0 and max(len(key) for key in throttle.memory_keys()) <= 2 * LoginThrottle.MAX_NAME


def test_twenty_addresses_cannot_go_on_guessing_one_account(app, client, users):
    """Each address under its own limit, the account's limit across addresses stops them (three times the
    limit: one guesser alone cannot lock the MC out, tests below)."""
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 2
    answers = [client.post("/api/login", json={"username": "mc1", "password": f"doan-{n}"},
                           environ_base={"REMOTE_ADDR": f"10.0.1.{n}"}).status_code for n in range(20)]
    assert answers[:6] == [401] * 6 and set(answers[6:]) == {429}
    assert client.post("/api/login", json={"username": users["organiser"][0], "password": users["organiser"][1]},
                       environ_base={"REMOTE_ADDR": "10.0.1.99"}).status_code == 200  # other accounts sign in


def test_sign_ins_in_the_whole_hall_are_capped_each_second(app, client):
    """Attempts of every name from every address: what they can cost in password hashes is bounded, and the
    person refused is told to try again in a few seconds."""
    app.config["LOGIN_ATTEMPTS_PER_SECOND"] = 4
    answers = [client.post("/api/login", json={"username": f"ten{n}", "password": "sai"},
                           environ_base={"REMOTE_ADDR": f"10.0.2.{n}"}) for n in range(12)]
    statuses = [a.status_code for a in answers]
    assert statuses.count(401) <= 8 and 429 in statuses  # the window slides: at most two seconds' worth
    refused = next(a for a in answers if a.status_code == 429)
    assert "thử lại sau vài giây" in refused.get_json()["message"]


def test_the_throttle_keys_on_the_address_too(app, client, users):
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 2  # so 10 a minute from one address whatever the names
    for _ in range(2):
        client.post("/api/login", json={"username": "mc1", "password": "sai"}, environ_base={"REMOTE_ADDR": "10.0.0.66"})
    blocked = client.post("/api/login", json={"username": "mc1", "password": users["mc"][1]},
                          environ_base={"REMOTE_ADDR": "10.0.0.66"})
    assert blocked.status_code == 429
    mc_laptop = client.post("/api/login", json={"username": "mc1", "password": users["mc"][1]},
                            environ_base={"REMOTE_ADDR": "10.0.0.5"})
    assert mc_laptop.status_code == 200
    # and one address trying many names is slowed too
    for n in range(10):
        client.post("/api/login", json={"username": f"ten{n}", "password": "sai"}, environ_base={"REMOTE_ADDR": "10.0.0.77"})
    assert client.post("/api/login", json={"username": "mc1", "password": users["mc"][1]},
                       environ_base={"REMOTE_ADDR": "10.0.0.77"}).status_code == 429


@pytest.mark.parametrize("name", ["mc1\x00", "\ud800mc1", "mc\u200b1"])
def test_names_the_database_cannot_hold_are_bad_credentials(client, users, name):
    """NUL and lone surrogates made PostgreSQL fail the query (a 500, found by Schemathesis)."""
    body = json.dumps({"username": name, "password": users["mc"][1]})  # ASCII, with \\u escapes as a client sends
    answer = client.post("/api/login", data=body, content_type="application/json")
    assert answer.status_code == 401 and answer.get_json()["error"] == "bad_credentials"


def test_an_unknown_name_costs_a_password_hash_like_a_known_one(client, users, monkeypatch):
    import kiosk.identity.passwords
    checked = []
    real = kiosk.identity.passwords.check_password_hash
    monkeypatch.setattr(kiosk.identity.passwords, "check_password_hash", lambda h, p: checked.append(h) or real(h, p))
    client.post("/api/login", json={"username": "khong-ai-ca", "password": "sai-mat-khau"})
    client.post("/api/login", json={"username": "mc1", "password": "sai-mat-khau"})
    client.post("/api/login", json={"username": "x" * 10_000, "password": "sai-mat-khau"})
    assert len(checked) == 3
    assert checked[0].split("$")[0] == checked[1].split("$")[0]  # the same method and cost


# ---- every value checked for type and range ------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/events/{big}/live", "/api/events/{big}/programme", "/api/events/{big}/honours",
                                  "/display/{big}", "/live/{big}", "/api/events/1/delegates/{big}/badge.png",
                                  "/api/events/{huge}/live"])
def test_ids_beyond_the_database_range_are_404(organiser, event_id, path):
    answer = organiser.client.get(path.format(big=2**70, huge="9" * 5000))
    assert answer.status_code == 404


@pytest.mark.parametrize("event", [2**70, "9" * 100])
def test_a_step_in_an_event_beyond_the_database_range_is_404(organiser, event_id, event):
    answer = organiser.post(f"/api/events/{event}/live/next", json={})
    assert answer.status_code == 404 and answer.get_json()["message"] == "Không tìm thấy."
    assert organiser.client.get(f"/api/events/{event_id}/live").get_json()["version"] == 1


@pytest.mark.parametrize("url, body", [
    ("live/goto", {"item_id": True}), ("live/goto", {"item_id": 2**70}), ("live/goto", {"item_id": "1"}),
    ("live/screen", {"kind": "honours", "group_id": True}), ("live/screen", {"kind": "honours", "group_id": 1,
                                                                            "page": True}),
    ("live/screen", {"kind": "speaker", "speech_id": 2**63}), ("live/screen", {"kind": "announcement", "text": 7}),
    ("checkin", {"code": True, "door": "Cửa 1"}), ("checkin", {"code": "x" * 10_000, "door": "Cửa 1"}),
    ("checkin/undo", {"delegate_id": 2**70}), ("checkin/undo", {"delegate_id": True}),
])
def test_wrong_types_and_ranges_are_400_in_vietnamese(organiser, app, event_id, url, body):
    before = organiser.client.get(f"/api/events/{event_id}/live").get_json()["version"]
    answer = organiser.post(f"/api/events/{event_id}/{url}", json=body)
    assert answer.status_code == 400 and answer.get_json()["message"]
    assert organiser.client.get(f"/api/events/{event_id}/live").get_json()["version"] == before


@pytest.mark.parametrize("url", ["/api/login", "/api/events/{id}/live/goto", "/api/events/{id}/checkin"])
def test_json_nested_thousands_deep_is_a_400(organiser, event_id, url, caplog):
    deep = "[" * 50_000 + "]" * 50_000
    answer = organiser.client.post(url.format(id=event_id), data=deep, content_type="application/json",
                                   headers={"X-CSRFToken": organiser.csrf})
    assert answer.status_code == 400 and answer.get_json() == {"error": "bad_json",
                                                              "message": "Dữ liệu JSON lồng nhau quá sâu."}
    assert "Traceback" not in caplog.text


def test_socket_events_refuse_bad_values_with_an_ack(app, users, organiser, event_id, caplog):
    client = socketio.test_client(app, flask_test_client=organiser.client)
    try:
        for name, data in [("join", {"event_id": 2**70}), ("join", {"event_id": True}), ("join", "x"),
                           ("join", {"event_id": "9" * 100}), ("watch_attendance", {"event_id": -1})]:
            ack = client.emit(name, data, callback=True)
            assert set(ack) == {"error", "message"} and ack["message"], (name, data, ack)
        # a packet that is not JSON, or JSON nested 50,000 deep, is ignored, the connection kept, nothing logged
        server = socketio.server
        eio_sid = client.eio_sid
        with caplog.at_level(logging.DEBUG):
            server._handle_eio_message(eio_sid, '2["join",' + "[" * 50_000 + "]" * 50_000 + "]")
            server._handle_eio_message(eio_sid, '2["join",{"event_id":')
        assert client.emit("join", {"event_id": event_id}, callback=True)["ok"] is True
        assert "Traceback" not in caplog.text and "RecursionError" not in caplog.text
    finally:
        client.disconnect()


# ---- text that means what it shows ------------------------------------------------------------------------------

def test_invisible_and_direction_characters_are_dropped_from_names(organiser, app, empty_event):
    rows = [[1, "Nguyễn Văn Bảy", "UBND xã Vũ Hội", ""], [2, "Nguyễn\u200b Văn Bảy", "UBND xã Vũ Hội\u2060", ""]]
    answer = upload(organiser, empty_event, xlsx(rows))
    assert answer.status_code == 400 and "trùng người ở dòng 2" in answer.get_json()["message"]
    answer = upload(organiser, empty_event, xlsx([[1, "Lê \u202eĐức Cường\u202c", "Công an\u200d huyện", ""]]))
    assert answer.status_code == 200
    with app.app_context():
        person = db.session.scalar(select(Delegate).where(Delegate.event_id == empty_event))
        assert (person.full_name, person.unit) == ("Lê Đức Cường", "Công an huyện")


def test_announcements_lose_their_invisible_characters(mc, event_id):
    state = mc.post(f"/api/events/{event_id}/live/screen",
                    json={"kind": "announcement", "text": "Mời\u200b đại biểu \u202enghỉ giải lao\u202c"}).get_json()
    assert state["screen"]["text"] == "Mời đại biểu nghỉ giải lao"


def test_exported_cells_that_look_like_formulas_are_text(organiser, app, empty_event):
    data = 'STT,Họ và tên,Đơn vị\n1,"=HYPERLINK(""http://x.example"",""Bấm"")",+84 912 345 678\n2,@SUM(A1),-1+2\n'
    answer = upload(organiser, empty_event, data.encode(), "ds.csv")
    assert answer.status_code == 200, answer.get_json()
    book = load_workbook(io.BytesIO(organiser.client.get(f"/api/events/{empty_event}/attendance.xlsx").data))
    cells = [c for row in book["Điểm danh"].iter_rows(min_row=2) for c in row[1:4]]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {"=HYPERLINK(\"http://x.example\",\"Bấm\")", "+84 912 345 678", "@SUM(A1)", "-1+2"}
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)


def test_honours_export_keeps_formula_like_names_as_text(organiser, app, event_id):
    from models import Honour
    with app.app_context():
        db.session.scalars(select(Honour)).first().name = "=1+1"
        db.session.commit()
    data = organiser.client.get(f"/api/events/{event_id}/honours.xlsx")
    assert data.status_code == 200
    book = load_workbook(io.BytesIO(data.data))
    cell = next(c for row in book.active.iter_rows() for c in row if c.value == "=1+1")
    assert cell.data_type == "s"


# ---- headers and files ----------------------------------------------------------------------------------------

def test_pages_carry_a_strict_content_security_policy(client, event_id):
    answer = client.get(f"/display/{event_id}")
    policy = dict(part.strip().split(" ", 1) for part in answer.headers["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'" and "unsafe" not in answer.headers["Content-Security-Policy"]
    assert policy["style-src"] == "'self'" and policy["font-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["connect-src"] == "'self' ws://localhost wss://localhost"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["X-Frame-Options"] == "SAMEORIGIN"
    api = client.get("/api/events")
    assert api.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in api.headers


def test_no_page_has_inline_script_or_style_the_policy_would_block(client, organiser, event_id):
    """Every <script> a page sends has a src or is a JSON data block; no style attribute or <style> block."""
    import re
    pages = [f"/display/{event_id}", f"/live/{event_id}", "/", "/login"]
    texts = [client.get(p).get_data(as_text=True) for p in pages]
    texts += [organiser.client.get(p).get_data(as_text=True) for p in
              ("/admin", f"/control/{event_id}", f"/checkin/{event_id}", f"/admin/events/{event_id}/honours",
               f"/admin/events/{event_id}/speeches", f"/admin/events/{event_id}/attendance")]
    for text in texts:
        assert "<style" not in text and " style=" not in text
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'type="application/json"' in tag, tag


def test_the_server_header_names_no_version(live_server):
    answer = requests.get(f"{live_server.url}/healthz", timeout=5)
    assert answer.headers["Server"] == "kiosk"
    raw = requests.get(f"{live_server.url}/static/does-not-exist.css", timeout=5)
    assert raw.headers["Server"] == "kiosk"


def test_database_secret_key_and_instance_are_for_the_owner_only(tmp_path):
    app = make_app(tmp_path, None)
    with app.app_context():
        db.create_all()
        db.session.execute(select(1))
        db.engine.dispose()
    instance = tmp_path / "instance"
    (instance / "secret_key").write_text("k")
    (instance / "secret_key").chmod(0o644)
    make_app(tmp_path, None)
    assert stat.S_IMODE((tmp_path / "kiosk.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((instance / "secret_key").stat().st_mode) == 0o600
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700


def test_demo_passwords_are_printed_once_and_kept_nowhere(app, runner):
    first = runner.invoke(args=["demo"])
    password_line = next(line for line in first.output.splitlines() if line.strip().startswith("btc "))
    password = password_line.split()[-1]
    again = runner.invoke(args=["demo"])
    assert password not in again.output and "không tạo dữ liệu mẫu" in again.output
    instance = app.config["INSTANCE_DIR"]
    for root, _, files in os.walk(instance):
        for name in files:
            with open(os.path.join(root, name), "rb") as kept:
                assert password.encode() not in kept.read()


# ---- behind a proxy -------------------------------------------------------------------------------------------

def test_forwarded_addresses_are_ignored_unless_a_proxy_is_trusted(app, client, users):
    """Without TRUSTED_PROXIES, X-Forwarded-For is the client's own word: it cannot dodge the throttle with it."""
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 3
    for n in range(3):
        client.post("/api/login", json={"username": "mc1", "password": "sai"},
                    headers={"X-Forwarded-For": f"10.9.9.{n}"})
    assert client.post("/api/login", json={"username": "mc1", "password": "sai"},
                       headers={"X-Forwarded-For": "10.9.9.200"}).status_code == 429


def test_behind_a_trusted_proxy_one_guesser_cannot_lock_the_mc_out(tmp_path, scratch_database_url):
    from flask_migrate import stamp

    from kiosk.identity.accounts import create_account
    app = make_app(tmp_path, scratch_database_url, TRUSTED_PROXIES=1, LOGIN_ATTEMPTS_PER_MINUTE=3)
    with app.app_context():
        db.drop_all()
        db.create_all()
        stamp()
        create_account("mc1", "mc", "mc-mat-khau")
    client = app.test_client()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}  # every request comes through nginx on this machine
    for _ in range(3):
        client.post("/api/login", json={"username": "mc1", "password": "sai"}, environ_base=proxy,
                    headers={"X-Forwarded-For": "192.168.1.66"})
    assert client.post("/api/login", json={"username": "mc1", "password": "mc-mat-khau"}, environ_base=proxy,
                       headers={"X-Forwarded-For": "192.168.1.66"}).status_code == 429
    assert client.post("/api/login", json={"username": "mc1", "password": "mc-mat-khau"}, environ_base=proxy,
                       headers={"X-Forwarded-For": "192.168.1.20"}).status_code == 200
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
