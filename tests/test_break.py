"""The break (Nghỉ giải lao): a screen kind added as the house says a new kind is added (issue 22, point 6): its
builder (display/slides.py break_screen), one projector module (static/js/projector/pause.js) and the MC's button.
The MC panel, the phones and the audit trail name it by the label the builder gives."""
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models.vntime import hhmm
from tests.test_hall_panel import live_state, open_panel


def show_break(mc, event_id, **spec):
    return mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "break", **spec})


def test_a_break_tells_the_hall_when_to_be_back(mc, event_id):
    before = datetime.now(UTC)
    answer = show_break(mc, event_id, minutes=10)
    assert answer.status_code == 200
    screen = answer.get_json()["screen"]
    back = datetime.fromisoformat(screen["until"])
    assert screen["kind"] == "break" and screen["minutes"] == 10 and screen["until"].endswith("+07:00")
    assert timedelta(minutes=10) <= back - before <= timedelta(minutes=10, seconds=30)
    assert screen["label"] == f"Nghỉ giải lao đến {hhmm(back)}"
    assert show_break(mc, event_id).get_json()["screen"]["minutes"] == 15  # the button sends no minutes


@pytest.mark.parametrize("minutes", [0, 121, -5, "10", True, 2.5])
def test_a_break_of_no_sensible_length_is_refused_and_nothing_changes(mc, client, event_id, minutes):
    version = live_state(client, event_id)["version"]
    answer = show_break(mc, event_id, minutes=minutes)
    assert answer.status_code == 400
    assert answer.get_json()["message"] == "Thời gian giải lao phải từ 1 đến 120 phút."
    assert live_state(client, event_id)["version"] == version


def test_a_break_is_a_side_trip_and_the_audit_names_it(mc, organiser, client, event_id):
    mc.post(f"/api/events/{event_id}/live/next")
    mc.post(f"/api/events/{event_id}/live/next")
    where = live_state(client, event_id)["position"]
    label = show_break(mc, event_id, minutes=20).get_json()["screen"]["label"]
    assert live_state(client, event_id)["position"]["item_id"] == where["item_id"]
    back = mc.post(f"/api/events/{event_id}/live/back").get_json()
    assert back["screen"]["kind"] != "break" and back["position"] == {**where, "on_screen": True}
    lines = organiser.client.get(f"/api/events/{event_id}/audit").get_json()
    assert any(line["action"] == "live" and line["detail"].endswith(label) for line in lines), lines


@pytest.mark.browser
def test_the_mc_calls_a_break_and_every_screen_says_when_to_be_back(page_factory, live_server, users, event_id,
                                                                    client, tmp_path):
    panel = open_panel(page_factory, live_server, users, event_id)
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    phone = page_factory(width=360, height=740)
    phone.goto(f"{live_server.url}/live/{event_id}")
    panel.click("button[data-screen='break']")
    projector.wait_for_selector(".slide.break .headline")
    screen = live_state(client, event_id)["screen"]
    back = hhmm(datetime.fromisoformat(screen["until"]))
    headline = projector.locator(".slide.break .headline")
    assert headline.inner_text() == f"Mời các đại biểu trở lại hội trường lúc {back}" and headline.is_visible()
    assert projector.locator(".break-left").inner_text() in ("còn 15 phút", "còn 14 phút")
    panel.wait_for_selector(f"#now:text('Nghỉ giải lao đến {back}')")
    phone.wait_for_selector(f"#now-detail:text('Nghỉ giải lao đến {back}')")
    assert phone.locator("#now-detail").is_visible()
    box = headline.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 720 and box["x"] + box["width"] <= 1280
    projector.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / "break-1280x720.png"))
