"""It fits the screens people bring. Each page at the sizes it meets in a hall, screenshotted (into
$KIOSK_SHOTS when set, to be looked at) and checked for what a person would notice: the MC's preview, → and
current item without scrolling on a 1366x768 laptop; the usher's page on a 390 px phone without sideways
scrolling; the door on 1280x800 and 768x1024 tablets with the card and the scan field on screen; the
projector at 1920x1080, 1280x720 and 1024x768 with nothing cut off and the event's name said once."""
import os
from pathlib import Path

import pytest

from tests.helpers import scan_keys

pytestmark = pytest.mark.browser

IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
        && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1; }"""
SIDEWAYS = "() => document.documentElement.scrollWidth - innerWidth"
# Visible elements whose text is cut by their box (content hidden by overflow).
CUT = """() => [...document.querySelectorAll('#screen .slide:not(.leaving) *')].filter((e) => {
    const cs = getComputedStyle(e);
    return cs.overflow === 'hidden' && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
}).map((e) => e.className)"""
# The headline's letters: at least this share of the screen's height (not shrunk for nothing).
HEADLINE = "() => parseFloat(getComputedStyle(document.querySelector('#screen .slide .headline')).fontSize) / innerHeight"


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("KIOSK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_mc_panel_on_a_1366x768_laptop(page_factory, live_server, users, event_id, mc, shots):
    for _ in range(3):
        mc.post(f"/api/events/{event_id}/live/next")
    panel = page_factory("mc", users, width=1366, height=768)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#items li.current")
    panel.wait_for_load_state("networkidle")
    panel.screenshot(path=str(shots / "panel-1366x768.png"))
    for what in ("#preview", "#next", "#prev", "#items li.current", "#now"):
        assert panel.evaluate(IN_VIEW, what), what + " needs scrolling at 1366x768"
    assert panel.evaluate(SIDEWAYS) <= 0


def test_stage_page_on_a_phone(page_factory, live_server, users, event_id, mc, shots):
    groups = mc.client.get(f"/api/events/{event_id}/honours").get_json()
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": groups[0]["id"], "page": 1})
    stage = page_factory("usher", users, width=390, height=844)
    stage.goto(f"{live_server.url}/stage/{event_id}")
    stage.wait_for_selector("#now .stage-item")
    stage.screenshot(path=str(shots / "stage-390.png"))
    assert stage.evaluate(SIDEWAYS) <= 0
    # each mark button can be pressed with a thumb: on the screen, not under another
    # measured in one step in the page: the list is drawn again when the honours arrive from the server, and a
    # button found a moment earlier may be gone by the time its box is asked for
    stage.wait_for_selector("#now .stage-item .marks button", state="visible")
    box = stage.evaluate("""() => {
        const r = document.querySelector('#now .stage-item .marks button').getBoundingClientRect();
        return {x: r.x, width: r.width, height: r.height};
    }""")
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 30


@pytest.mark.parametrize("width, height", [(1280, 800), (768, 1024)])
def test_door_on_tablets(page_factory, live_server, users, event_id, app, shots, width, height):
    from models import Delegate
    from models.base import db
    with app.app_context():
        code = db.session.scalars(db.select(Delegate.code).where(Delegate.event_id == event_id)).first()
    door = page_factory("door", users, width=width, height=height)
    door.goto(f"{live_server.url}/checkin/{event_id}")
    door.wait_for_selector("#present:text('0')")
    scan_keys(door, code)
    door.wait_for_selector("#card[data-result='checked_in']")
    door.screenshot(path=str(shots / f"door-{width}x{height}.png"))
    assert door.evaluate(SIDEWAYS) <= 0
    for what in ("#card", "#code"):
        assert door.evaluate(IN_VIEW, what), f"{what} needs scrolling at {width}x{height}"


SCREENS = [("welcome", None), ("opening", ["next", "next"]), ("speaker", "speaker"), ("honours", "honours"),
           ("vote", "vote"), ("announcement", "announcement")]


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720), (1024, 768)])
def test_projector_sizes(page_factory, live_server, event_id, mc, shots, width, height):
    api = f"/api/events/{event_id}"
    projector = page_factory(width=width, height=height)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    speech = mc.client.get(api + "/speeches").get_json()[0]
    group = mc.client.get(api + "/honours").get_json()[1]
    vote = mc.client.get(api + "/votes").get_json()
    specs = {"speaker": {"kind": "speaker", "speech_id": speech["id"]},
             "honours": {"kind": "honours", "group_id": group["id"], "page": 1},
             "vote": {"kind": "vote", "vote_id": vote[0]["id"]} if vote else None,
             "announcement": {"kind": "announcement", "text": "Mời các đại biểu ổn định chỗ ngồi, chuẩn bị "
                                                               "nghe báo cáo chính trị của Ban chấp hành"}}
    for name, how in SCREENS:
        if isinstance(how, list):
            for action in how:
                mc.post(f"{api}/live/{action}")
        elif how:
            if specs[how] is None:
                continue
            mc.post(f"{api}/live/screen", json=specs[how])
        version = mc.client.get(api + "/live").get_json()["version"]
        projector.wait_for_selector(f"#projector[data-version='{version}']")
        projector.wait_for_timeout(500)
        projector.screenshot(path=str(shots / f"projector-{name}-{width}x{height}.png"))
        text = projector.inner_text("#projector").casefold()
        assert text.count("đại hội thi đua yêu nước huyện vũ thư") <= 1, (name, text)
        assert projector.evaluate(CUT) == [], (name, width)
        assert projector.evaluate(SIDEWAYS) <= 0, (name, width)
        assert projector.evaluate(IN_VIEW, "#clock"), (name, width)
        if name == "honours":
            assert projector.evaluate(IN_VIEW, ".page-marker"), (name, width)
        if name in ("welcome", "opening", "announcement"):
            assert projector.evaluate(HEADLINE) >= 0.06, (name, width)
        if name == "opening":
            assert "khai mạc" not in projector.inner_text(".eyebrow").casefold()
