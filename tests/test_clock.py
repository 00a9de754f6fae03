"""The speaker's clock (API.md "The speaker's clock"): start, pause, resume, add or take time, stop; the state
carries the server's measure so every screen agrees, and a reload or a restarted server changes nothing."""
from datetime import UTC, datetime, timedelta

import pytest

from display import live
from tests.helpers import make_app

T0 = datetime(2025, 6, 20, 2, 0, 0, tzinfo=UTC)  # 09:00 in the hall


class Clock:
    """The server's clock, moved by the test."""

    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now

    def at(self, seconds: float):
        self.now = T0 + timedelta(seconds=seconds)


@pytest.fixture
def server_time(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(live, "utcnow", clock)
    return clock


def remaining(clock: dict, now: datetime) -> float:
    """What every screen computes (API.md)."""
    running = (now - datetime.fromisoformat(clock["as_of"])).total_seconds() if clock["running"] else 0
    return clock["allowed_s"] - clock["elapsed_s"] - running


def speaker_on_screen(mc, client, event_id) -> dict:
    speech = client.get(f"/api/events/{event_id}/speeches").get_json()[0]
    return mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "speaker", "speech_id": speech["id"]}).get_json()


def clock_action(mc, event_id, action, seconds=None):
    body = {"action": action} if seconds is None else {"action": action, "seconds": seconds}
    return mc.post(f"/api/events/{event_id}/live/clock", json=body)


def test_the_clock_across_pause_resume_add_and_a_server_restart(app, tmp_path, database_url, mc, client, event_id,
                                                                 server_time):
    shown = speaker_on_screen(mc, client, event_id)
    assert shown["screen"]["clock"] == {"allowed_s": 300, "elapsed_s": 0, "running": False,
                                        "as_of": "2025-06-20T09:00:00+07:00"}
    version = shown["version"]

    started = clock_action(mc, event_id, "start").get_json()
    assert started["version"] == version + 1 and started["screen"]["clock"]["running"] is True
    server_time.at(30)
    paused = clock_action(mc, event_id, "pause").get_json()["screen"]["clock"]
    assert (paused["elapsed_s"], paused["running"]) == (30, False)
    server_time.at(100)  # paused for 70 s: nothing runs
    assert remaining(client.get(f"/api/events/{event_id}/live").get_json()["screen"]["clock"], server_time.now) == 270
    resumed = clock_action(mc, event_id, "resume").get_json()
    assert resumed["version"] == version + 3 and resumed["screen"]["clock"]["as_of"] == "2025-06-20T09:01:40+07:00"
    added = clock_action(mc, event_id, "add").get_json()["screen"]["clock"]  # 60 s by default
    assert added["allowed_s"] == 360
    taken = clock_action(mc, event_id, "add", -30).get_json()
    assert taken["version"] == version + 5 and taken["screen"]["clock"]["allowed_s"] == 330

    # The server restarts: a new app on the same database finds the same clock, still running.
    server_time.at(130)
    restarted = make_app(tmp_path, database_url)
    state = restarted.test_client().get(f"/api/events/{event_id}/live").get_json()
    assert state["version"] == version + 5
    assert remaining(state["screen"]["clock"], server_time.now) == 330 - 30 - 30

    server_time.at(160)
    stopped = clock_action(mc, event_id, "stop").get_json()["screen"]["clock"]
    assert (stopped["elapsed_s"], stopped["running"]) == (90, False)
    speeches = client.get(f"/api/events/{event_id}/speeches").get_json()
    assert speeches[0]["spoken_s"] == 90 and speeches[1]["spoken_s"] is None
    with restarted.app_context():
        from kiosk.extensions import db
        db.engine.dispose()


def test_over_time_the_clock_counts_past_zero(mc, client, event_id, server_time):
    speaker_on_screen(mc, client, event_id)
    clock_action(mc, event_id, "start")
    server_time.at(300 + 42)
    clock = client.get(f"/api/events/{event_id}/live").get_json()["screen"]["clock"]
    assert remaining(clock, server_time.now) == -42


def test_a_step_that_changes_nothing_keeps_the_version(mc, client, event_id, server_time):
    shown = speaker_on_screen(mc, client, event_id)
    for action in ("pause", "resume", "stop"):  # never started: nothing to pause, resume or stop
        assert clock_action(mc, event_id, action).get_json()["version"] == shown["version"]
    clock_action(mc, event_id, "start")
    assert clock_action(mc, event_id, "resume").get_json()["version"] == shown["version"] + 1
    server_time.at(10)
    clock_action(mc, event_id, "stop")
    again = clock_action(mc, event_id, "stop").get_json()
    assert again["version"] == shown["version"] + 2
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 10


def test_taking_time_never_goes_below_zero(mc, client, event_id, server_time):
    speaker_on_screen(mc, client, event_id)
    clock = clock_action(mc, event_id, "add", -3600).get_json()["screen"]["clock"]
    assert clock["allowed_s"] == 0


def test_leaving_a_speaker_keeps_the_time_spoken(mc, client, event_id, server_time):
    speaker_on_screen(mc, client, event_id)
    clock_action(mc, event_id, "start")
    server_time.at(275.4)
    nxt = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "blank"})
    assert nxt.status_code == 200
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] == 275


def test_no_speaker_on_another_screen(mc, client, event_id):
    answer = clock_action(mc, event_id, "start")
    assert answer.status_code == 409 and answer.get_json()["error"] == "no_speaker" and answer.get_json()["message"]
    assert client.get(f"/api/events/{event_id}/live").get_json()["version"] == 1


@pytest.mark.parametrize("body, code", [
    ({"action": "reset"}, "bad_action"),
    ({}, "bad_action"),
    ({"action": "add", "seconds": "60"}, "bad_seconds"),
    ({"action": "add", "seconds": True}, "bad_seconds"),
    ({"action": "add", "seconds": 100000}, "bad_seconds"),
])
def test_bad_clock_requests_are_400_and_change_nothing(mc, client, event_id, body, code):
    version = speaker_on_screen(mc, client, event_id)["version"]
    answer = mc.post(f"/api/events/{event_id}/live/clock", json=body)
    assert answer.status_code == 400 and answer.get_json()["error"] == code and answer.get_json()["message"]
    assert client.get(f"/api/events/{event_id}/live").get_json()["version"] == version


def test_only_the_mc_runs_the_clock(auth, mc, client, event_id):
    speaker_on_screen(mc, client, event_id)
    assert auth.client.post(f"/api/events/{event_id}/live/clock", json={"action": "start"}).status_code == 401
    auth.login("door")
    assert auth.post(f"/api/events/{event_id}/live/clock", json={"action": "start"}).status_code == 403
    assert client.get(f"/api/events/{event_id}/live").get_json()["screen"]["clock"]["running"] is False


def test_the_speaker_as_a_lower_third_and_the_next_speaker_the_same_way(mc, client, event_id):
    speeches = client.get(f"/api/events/{event_id}/speeches").get_json()
    items = {i["kind"]: i for i in client.get(f"/api/events/{event_id}/programme").get_json()}
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items["speeches"]["id"]})
    first = mc.post(f"/api/events/{event_id}/live/next").get_json()
    assert first["screen"]["layout"] == "full"
    lower = mc.post(f"/api/events/{event_id}/live/screen",
                    json={"kind": "speaker", "speech_id": speeches[0]["id"], "layout": "lower_third"}).get_json()
    assert lower["version"] == first["version"] + 1 and lower["screen"]["layout"] == "lower_third"
    mc.post(f"/api/events/{event_id}/live/clock", json={"action": "start"})
    running = mc.post(f"/api/events/{event_id}/live/screen",
                      json={"kind": "speaker", "speech_id": speeches[0]["id"], "layout": "full"}).get_json()
    assert running["screen"]["clock"]["running"] is True  # shown another way, the speaker's clock runs on
    mc.post(f"/api/events/{event_id}/live/screen",
            json={"kind": "speaker", "speech_id": speeches[0]["id"], "layout": "lower_third"})
    second = mc.post(f"/api/events/{event_id}/live/next").get_json()["screen"]
    assert (second["speech_id"], second["layout"]) == (speeches[1]["id"], "lower_third")
    bad = mc.post(f"/api/events/{event_id}/live/screen",
                  json={"kind": "speaker", "speech_id": speeches[0]["id"], "layout": "sideways"})
    assert bad.status_code == 400 and bad.get_json()["error"] == "bad_layout"


def test_the_lectern_page_is_for_anyone(client, event_id):
    page = client.get(f"/lectern/{event_id}")
    assert page.status_code == 200 and 'type="module"' in page.text and "lectern" in page.text
    assert client.get("/lectern/999999").status_code == 404


@pytest.mark.browser
def test_the_lectern_turns_amber_in_the_last_minute_and_red_past_zero(page_factory, live_server, users, event_id,
                                                                      tmp_path):
    import requests
    session = requests.Session()
    token = session.post(f"{live_server.url}/api/login",
                         json={"username": users["mc"][0], "password": users["mc"][1]}, timeout=5).json()
    session.headers["X-CSRFToken"] = token["csrf_token"]
    base = f"{live_server.url}/api/events/{event_id}"
    lectern = page_factory(width=1280, height=720)
    lectern.goto(f"{live_server.url}/lectern/{event_id}")
    lectern.wait_for_function("document.querySelector('#lectern').dataset.online === '1'")
    speech = session.get(f"{base}/speeches", timeout=5).json()[0]
    session.post(f"{base}/live/screen", json={"kind": "speaker", "speech_id": speech["id"]}, timeout=5)
    lectern.wait_for_function("document.querySelector('#lectern').dataset.screen === 'speaker'")
    assert lectern.inner_text("#lectern-name") == "Diễn giả 1" and lectern.inner_text("#lectern-clock") == "5:00"
    assert lectern.inner_text("#lectern-state") == "Chờ bắt đầu"

    session.post(f"{base}/live/clock", json={"action": "start"}, timeout=5)
    lectern.wait_for_function("document.querySelector('#lectern-clock').textContent.startsWith('4:5')")
    assert lectern.get_attribute("#lectern-clock", "data-phase") == "normal"
    lectern.screenshot(path=str(tmp_path / "lectern-normal.png"))

    session.post(f"{base}/live/clock", json={"action": "add", "seconds": -250}, timeout=5)  # under a minute left
    lectern.wait_for_function("document.querySelector('#lectern-clock').dataset.phase === 'warning'")
    assert lectern.inner_text("#lectern-clock").startswith("0:4")
    colour = lectern.eval_on_selector("#lectern-clock", "e => getComputedStyle(e).color")
    assert colour == "rgb(255, 179, 0)"  # amber
    lectern.screenshot(path=str(tmp_path / "lectern-amber.png"))

    session.post(f"{base}/live/clock", json={"action": "add", "seconds": -60}, timeout=5)  # past zero
    lectern.wait_for_function("document.querySelector('#lectern-clock').dataset.phase === 'over'")
    assert lectern.inner_text("#lectern-clock").startswith("+0:")
    assert lectern.eval_on_selector("#lectern-clock", "e => getComputedStyle(e).color") == "rgb(255, 107, 107)"
    # past zero is said in words too, not by the colour alone (issue 26)
    assert lectern.eval_on_selector("#lectern-clock", "e => getComputedStyle(e, '::before').content") == '"Quá giờ"'
    first = lectern.inner_text("#lectern-clock")
    lectern.wait_for_function(f"document.querySelector('#lectern-clock').textContent !== '{first}'")
    assert lectern.inner_text("#lectern-clock") > first  # counting up
    lectern.screenshot(path=str(tmp_path / "lectern-red.png"))

    session.post(f"{base}/live/clock", json={"action": "pause"}, timeout=5)
    lectern.wait_for_function("document.querySelector('#lectern-state').textContent === 'Tạm dừng'")
    lectern.reload()  # a reload changes nothing: the same paused time
    lectern.wait_for_function("document.querySelector('#lectern-state').textContent === 'Tạm dừng'")
    paused = session.get(f"{base}/live", timeout=5).json()["screen"]["clock"]
    expected = paused["allowed_s"] - paused["elapsed_s"]
    assert lectern.inner_text("#lectern-clock") == f"+0:{int(-expected):02d}"


@pytest.mark.browser
def test_the_mc_runs_the_clock_from_the_panel_and_its_keys(page_factory, live_server, users, event_id, client):
    panel = page_factory("mc", users, width=1440, height=900)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    panel.click("#speech-list button[data-speech]")
    panel.wait_for_selector("#moment .speaker-moment")
    assert panel.inner_text("#moment-clock") == "5:00"
    phone = page_factory(width=390, height=844)  # the follow page shows the same clock
    phone.goto(f"{live_server.url}/live/{event_id}")
    phone.wait_for_function("document.querySelector('#now-clock').textContent === '5:00'")
    panel.keyboard.press("k")
    panel.wait_for_selector("#moment button:text('Tạm dừng (K)')")
    state = client.get(f"/api/events/{event_id}/live").get_json()
    assert state["screen"]["clock"]["running"] is True
    panel.keyboard.press("+")
    panel.wait_for_function("document.querySelector('#moment-clock').textContent.startsWith('5:5')")
    phone.wait_for_function("document.querySelector('#now-clock').textContent.startsWith('5:5')")
    panel.click("#moment button:text('Dừng (E)')")
    panel.wait_for_selector("#moment button:text('Bắt đầu lại')")
    assert client.get(f"/api/events/{event_id}/speeches").get_json()[0]["spoken_s"] is not None
    panel.click("#moment button:text('Dải chữ dưới')")
    panel.wait_for_selector("#moment button:text('Cả màn hình')")
    assert client.get(f"/api/events/{event_id}/live").get_json()["screen"]["layout"] == "lower_third"
