"""The rules the hall depends on, each test named after the slip it catches (issue 25, docs/mutation.md): every
command of the MC refused to every role but the MC's with nothing changed, the sign-out button ending the session
on the server, a vote's figures fixed once it is closed, the speaker's clock on the server's time only, and every
sheet of every exported workbook free of formulas."""
import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import Workbook, load_workbook

from display import live
from kiosk.extensions import socketio
from kiosk.identity.accounts import create_account
from kiosk.workbooks import FORMULA_STARTS, append_row, set_text
from tests.helpers import AuthActions, signed_in

# ---- the MC's commands, role by role --------------------------------------------------------------------------

DOOR_LEAD = ("truongcua1", "truong-cua-mat-khau")
REFUSED_ROLES = ("door", "door_lead", "usher", "display", "anonymous")
COMMANDS = ("next", "previous", "goto", "screen", "clock")


@pytest.fixture
def accounts(app, users):
    with app.app_context():
        create_account(DOOR_LEAD[0], "door_lead", DOOR_LEAD[1])
    return {**users, "door_lead": DOOR_LEAD}


def client_of(app, accounts, role) -> AuthActions:
    """A test client of `app` signed in as `role` (not signed in for "anonymous"), sending the CSRF token."""
    actions = AuthActions(app.test_client(), accounts)
    if role != "anonymous":
        actions.login(role)
    return actions


def hall_where_every_command_would_change_something(app, accounts, event_id) -> dict:
    """The MC has stepped twice and put the first speaker on the screen with the clock stopped at zero: from here
    `next`, `previous`, `goto` the first item, a blank `screen` and starting the `clock` each change the hall.
    Returns each command's body."""
    mc = signed_in(app, accounts, "mc")
    for _ in range(2):
        assert mc.post(f"/api/events/{event_id}/live/next").status_code == 200
    speech = mc.client.get(f"/api/events/{event_id}/speeches").get_json()[0]
    shown = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "speaker", "speech_id": speech["id"]})
    assert shown.status_code == 200, shown.get_json()
    first = mc.client.get(f"/api/events/{event_id}/programme").get_json()[0]["id"]
    return {"next": {}, "previous": {}, "goto": {"item_id": first}, "screen": {"kind": "blank"},
            "clock": {"action": "start"}}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("role", REFUSED_ROLES)
def test_only_the_mc_commands_the_hall(app, accounts, client, event_id, role, command):
    """Guards `@role_required("mc")` on each MC command of display/routes.py: loosened to `@role_required()`
    (anyone signed in) or dropped, a door, door lead, usher or display account (or nobody) would step the hall or
    run the speaker's clock. The refusal is the server's own words and the hall's state, version included, is as
    it was."""
    body = hall_where_every_command_would_change_something(app, accounts, event_id)
    before = client.get(f"/api/events/{event_id}/live").get_json()
    answer = client_of(app, accounts, role).post(f"/api/events/{event_id}/live/{command}", json=body[command])
    if role == "anonymous":
        assert (answer.status_code, answer.get_json()) == (401, {"error": "unauthorized", "message": "Bạn cần đăng nhập."})
    else:
        assert (answer.status_code, answer.get_json()) == (
            403, {"error": "forbidden", "message": "Tài khoản của bạn không có quyền làm việc này."})
    assert client.get(f"/api/events/{event_id}/live").get_json() == before


@pytest.mark.parametrize("command", COMMANDS)
def test_the_mc_commands_the_hall(app, accounts, client, event_id, command):
    """The other half of the matrix: the same body from the MC changes the hall by one version, so the refusals
    above are the role check's and not a bad command's."""
    body = hall_where_every_command_would_change_something(app, accounts, event_id)
    before = client.get(f"/api/events/{event_id}/live").get_json()
    answer = client_of(app, accounts, "mc").post(f"/api/events/{event_id}/live/{command}", json=body[command])
    assert answer.status_code == 200, answer.get_json()
    after = client.get(f"/api/events/{event_id}/live").get_json()
    assert answer.get_json()["version"] == after["version"] == before["version"] + 1
    assert (after["item"], after["screen"]) != (before["item"], before["screen"])


# ---- the sign-out button ---------------------------------------------------------------------------------------

def test_the_sign_out_button_ends_the_session_a_copied_cookie_with_it(app, users, event_id):
    """Guards `end_sessions` in kiosk.identity.auth.logout_page (the "Đăng xuất" button's POST /logout): without it, a cookie
    copied from the tablet before signing out would go on working. The copy works before the button and answers
    401 after it."""
    door = signed_in(app, users, "door")
    copy = app.test_client()
    for name in ("session", "remember_token"):
        cookie = door.client.get_cookie(name)
        assert cookie is not None, name
        copy.set_cookie(name, cookie.value)
    assert copy.get(f"/api/events/{event_id}/attendance").status_code == 200

    page = door.client.get(f"/checkin/{event_id}")
    assert page.status_code == 200 and 'action="/logout"' in page.get_data(as_text=True)
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    answer = door.client.post("/logout", data={"csrf_token": token})
    assert answer.status_code == 302

    refused = copy.get(f"/api/events/{event_id}/attendance")
    assert refused.status_code == 401 and refused.get_json()["error"] == "unauthorized"
    assert door.client.get(f"/api/events/{event_id}/attendance").status_code == 401


# ---- a vote after it opens -------------------------------------------------------------------------------------

def scan_in(door, event_id, codes):
    for code in codes:
        answer = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa chính"})
        assert answer.get_json()["result"] == "checked_in", answer.get_json()


@pytest.fixture
def closed_and_open(app, organiser, mc, door, client, event_id):
    """Three delegates scanned in at the door; one show of hands closed with its figures, one open."""
    codes = [d["code"] for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()][:3]
    scan_in(door, event_id, codes)
    ids = []
    for title in ("Thông qua báo cáo chính trị", "Thông qua nghị quyết"):
        answer = organiser.post(f"/api/events/{event_id}/votes", json={"title": title, "method": "hands"})
        assert answer.status_code == 201, answer.get_json()
        ids.append(answer.get_json()["id"])
        assert mc.post(f"/api/events/{event_id}/votes/{ids[-1]}/open").status_code == 200
    closed, opened = ids
    assert mc.post(f"/api/events/{event_id}/votes/{closed}/counts",
                   json={"for": 2, "against": 1, "abstain": 0}).status_code == 200
    assert mc.post(f"/api/events/{event_id}/votes/{closed}/close").get_json()["verdict"] == "passed"
    return closed, opened


def test_counts_after_the_verdict_are_refused_and_the_verdict_stands(mc, client, event_id, closed_and_open):
    """Guards `vote.status != "open"` in votes.service.enter_counts: loosened to `== "draft"`, the MC could change
    the figures of a vote already closed, under a verdict given on other figures."""
    closed, _ = closed_and_open
    before = client.get(f"/api/events/{event_id}/votes/{closed}").get_json()
    answer = mc.post(f"/api/events/{event_id}/votes/{closed}/counts", json={"for": 0, "against": 3, "abstain": 0})
    assert answer.status_code == 409
    assert answer.get_json() == {"error": "not_open", "message": "Chỉ nhập số phiếu khi đang biểu quyết."}
    after = client.get(f"/api/events/{event_id}/votes/{closed}").get_json()
    assert after == before and after["counts"] == {"for": 2, "against": 1, "abstain": 0}


def test_an_open_or_closed_vote_cannot_be_deleted(organiser, client, event_id, closed_and_open):
    """Guards `vote.status != "draft"` in votes.service.delete_vote: without it a vote under way, or its result,
    could vanish from the record."""
    for vote_id in closed_and_open:
        answer = organiser.client.delete(f"/api/events/{event_id}/votes/{vote_id}",
                                         headers={"X-CSRFToken": organiser.csrf})
        assert answer.status_code == 409
        assert answer.get_json() == {"error": "not_draft", "message": "Chỉ xoá được nội dung chưa mở biểu quyết."}
    listed = client.get(f"/api/events/{event_id}/votes").get_json()
    assert [(v["id"], v["status"]) for v in listed][-2:] == [(closed_and_open[0], "closed"),
                                                             (closed_and_open[1], "open")]


# ---- the speaker's clock runs on the server's time -------------------------------------------------------------

T0 = datetime(2025, 6, 20, 2, 0, 0, tzinfo=UTC)


@pytest.fixture
def server_time(monkeypatch):
    """The server's clock, moved by the test: `server_time.at(30)`."""
    class Clock:
        now = T0

        def __call__(self):
            return self.now

        def at(self, seconds):
            self.now = T0 + timedelta(seconds=seconds)
    clock = Clock()
    monkeypatch.setattr(live, "utcnow", clock)
    return clock


def test_pause_and_stop_take_the_servers_time_not_the_clients(mc, client, event_id, server_time):
    """Guards `elapsed_at(clock, now)` in display.clock._clock_pause and _clock_stop: a pause or stop that took the
    `seconds` a client sent would let any MC laptop rewrite the time a speaker spoke."""
    speech = client.get(f"/api/events/{event_id}/speeches").get_json()[0]
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "speaker", "speech_id": speech["id"]})
    mc.post(f"/api/events/{event_id}/live/clock", json={"action": "start", "seconds": 500})
    server_time.at(30)
    paused = mc.post(f"/api/events/{event_id}/live/clock", json={"action": "pause", "seconds": 5}).get_json()
    assert (paused["screen"]["clock"]["elapsed_s"], paused["screen"]["clock"]["running"]) == (30, False)
    server_time.at(40)
    mc.post(f"/api/events/{event_id}/live/clock", json={"action": "resume", "seconds": 1000})
    server_time.at(52)
    stopped = mc.post(f"/api/events/{event_id}/live/clock", json={"action": "stop", "seconds": 7}).get_json()
    assert stopped["screen"]["clock"]["elapsed_s"] == 42 and stopped["screen"]["clock"]["allowed_s"] == 300
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 42


# ---- every sheet of every exported workbook --------------------------------------------------------------------

HOSTILE = {"name": '=HYPERLINK("http://x.example","Bấm")', "venue": "+84 912 345 678", "organiser": "@SUM(A1)",
           "period": "-1+2"}


def formulas_and_unquoted(data: bytes) -> tuple[list, list, set]:
    """Every formula cell of every sheet, every formula-like text cell without Excel's quote prefix, and the
    formula-like texts found."""
    book = load_workbook(io.BytesIO(data))
    formulas, unquoted, risky = [], [], set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append((sheet.title, cell.coordinate, cell.value))
                elif isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    risky.add(cell.value)
                    if not cell.quotePrefix:
                        unquoted.append((sheet.title, cell.coordinate, cell.value))
    return formulas, unquoted, risky


def test_every_sheet_of_every_export_keeps_formula_like_text_as_text(app, organiser, event_id):
    """Guards kiosk.workbooks.append_row in every sheet: the archive's "Sự kiện" sheet wrote the event's name with
    a plain append, so an event named =HYPERLINK(...) became a live link in the office's files (a real defect,
    fixed with this test). The organiser names the event in the event form, as at the desk."""
    page = organiser.client.get(f"/admin/events/{event_id}")
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    fields = {"csrf_token": token, "level": "cum_khoi", "form": "dai_hoi", "date": "2025-06-20", "start_time": "08:00",
              **HOSTILE}
    assert organiser.client.post(f"/admin/events/{event_id}", data=fields).status_code == 302
    assert organiser.client.get(f"/api/events/{event_id}").get_json()["name"] == HOSTILE["name"]

    exports = {"attendance.xlsx": {HOSTILE["name"]}, "honours.xlsx": {HOSTILE["name"]},
               "archive.xlsx": set(HOSTILE.values())}
    for export, expected in exports.items():
        answer = organiser.client.get(f"/api/events/{event_id}/{export}")
        assert answer.status_code == 200, export
        formulas, unquoted, risky = formulas_and_unquoted(answer.data)
        assert formulas == [] and unquoted == [], export
        assert risky >= expected, (export, risky)


def test_tab_and_carriage_return_starts_stay_text_too():
    """Guards FORMULA_STARTS in kiosk.workbooks: "\\t" and "\\r" become formulas when a cell is edited or the sheet
    saved as CSV, like = + - @. Plain text and numbers are written as they are."""
    book = Workbook()
    sheet = book.active
    values = ["\t=1+1", "\r=2+2", "=3", "+4", "-5", "@SUM(A1)", "Nguyễn Văn An", 7, None]
    append_row(sheet, values)
    set_text(sheet["A2"], "\t=HYPERLINK(\"http://x.example\")")
    set_text(sheet["B2"], "Cửa 1")
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    row = [sheet.cell(row=1, column=c) for c in range(1, len(values) + 1)]
    assert [c.value for c in row] == values
    assert [c.quotePrefix for c in row] == [True] * 6 + [False] * 3
    assert [c.data_type for c in row[:7]] == ["s"] * 7 and row[7].data_type == "n"
    assert (sheet["A2"].value, sheet["A2"].quotePrefix, sheet["B2"].quotePrefix) == \
        ("\t=HYPERLINK(\"http://x.example\")", True, False)



def test_a_screen_joins_and_leaves_the_hall(app, users, mc, event_id):
    """Guards the acks of display/sockets.py's join and leave ({"ok": True}: the screen's script waits for them) and
    leave_room: a screen that left hears no more steps, and joining again gives the state at once."""
    screen = socketio.test_client(app, flask_test_client=app.test_client())
    try:
        assert screen.emit("join", {"event_id": event_id}, callback=True) == {"ok": True, "version": 1}
        assert [(m["name"], m["args"][0]["version"]) for m in screen.get_received()] == [("live_state", 1)]
        assert screen.emit("leave", {"event_id": event_id}, callback=True) == {"ok": True}
        assert mc.post(f"/api/events/{event_id}/live/next").get_json()["version"] == 2
        assert screen.emit("join", {"event_id": event_id}, callback=True) == {"ok": True, "version": 2}
        # the step taken while away would have come before the state sent on joining again: only the latter came
        assert [(m["name"], m["args"][0]["version"]) for m in screen.get_received()] == [("live_state", 2)]
    finally:
        screen.disconnect()
