"""Issue 26: sizes follow the reader. At 200 % zoom (the CSS viewport of a 1280x800 tablet, a 1366x768 laptop
and a 390 px phone halved) no page scrolls sideways and the door's answer card is in view after every scan,
with an icon and a sound of its own besides its colour; body text is 16 px at least (18 px at the door and
the stage), in rem so the device's text setting applies; every control shows the product's own focus ring."""
import os
from pathlib import Path

import pytest

from models import Delegate
from models.base import db
from tests.helpers import scan_keys
from tests.test_votes import delegates_of

pytestmark = pytest.mark.browser

SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
IN_VIEW = """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.left >= -1 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1; }"""
BODY_PX = "() => parseFloat(getComputedStyle(document.body).fontSize)"


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("KIOSK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_door_at_200_percent(app, page_factory, live_server, users, event_id, shots):
    with app.app_context():
        codes = db.session.scalars(db.select(Delegate.code).where(Delegate.event_id == event_id)
                                   .order_by(Delegate.number)).all()
    door = page_factory("door", users, width=640, height=400)
    door.goto(f"{live_server.url}/checkin/{event_id}")
    door.wait_for_selector("#present:text('0')")
    assert door.evaluate(BODY_PX) >= 18
    assert door.evaluate(SIDEWAYS) <= 0
    # the camera's hint and its button do not cover each other
    note = door.eval_on_selector("#camera-note", "e => e.getBoundingClientRect().toJSON()")
    button = door.eval_on_selector("#camera-toggle", "e => e.getBoundingClientRect().toJSON()")
    assert note["bottom"] <= button["top"] + 1
    seen = {}
    for code, result in ((codes[0], "checked_in"), (codes[1], "checked_in"), (codes[0], "already_checked_in"),
                         ("KHONG-CO-MA", "unknown_code")):
        door.focus("#code")
        scan_keys(door, code)
        door.wait_for_selector(f"#card[data-result='{result}']")
        door.wait_for_function("document.querySelector('#card').dataset.sound !== undefined")
        door.screenshot(path=str(shots / f"door-200-{result}.png"))
        where = door.eval_on_selector("#card", "e => e.getBoundingClientRect().toJSON()")
        assert door.evaluate(IN_VIEW, "#card"), (result, where)
        assert door.evaluate(SIDEWAYS) <= 0, result
        seen[result] = (door.inner_text("#card .result-icon"), door.get_attribute("#card", "data-sound"),
                        door.eval_on_selector("#card", "e => getComputedStyle(e).backgroundColor"))
        door.evaluate("document.querySelector('#card').removeAttribute('data-sound')")
    icons = {result: s[0] for result, s in seen.items()}
    assert icons == {"checked_in": "✓", "already_checked_in": "!", "unknown_code": "✕"}
    assert len({s[1] for s in seen.values()}) == 3  # three sounds, one for each answer


@pytest.mark.parametrize("role, path, size, least", [
    ("mc", "/control/{event}", (683, 384), 16),
    ("usher", "/stage/{event}", (640, 400), 18),
    (None, "/live/{event}", (195, 422), 16),
    (None, "/vote/{token}", (195, 422), 16),
    (None, "/me/{token}", (180, 370), 16),
], ids=["control", "stage", "follow", "ballot", "me"])
def test_pages_at_200_percent_do_not_scroll_sideways(app, page_factory, live_server, users, event_id, shots, role,
                                                      path, size, least):
    token = delegates_of(app, event_id)[0][1]
    page = page_factory(role, users, width=size[0], height=size[1])
    page.goto(live_server.url + path.format(event=event_id, token=token))
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / f"zoom-200-{path.split('/')[1]}.png"), full_page=True)
    assert page.evaluate(SIDEWAYS) <= 0
    assert page.evaluate(BODY_PX) >= least


def test_every_control_shows_the_products_focus_ring(page_factory, live_server, users, event_id):
    panel = page_factory("mc", users, width=1440, height=900)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    panel.focus("#prev")
    panel.keyboard.press("Tab")  # a keyboard move: :focus-visible
    ring = panel.evaluate("""() => { const cs = getComputedStyle(document.activeElement);
        return [cs.outlineStyle, cs.outlineWidth, cs.boxShadow]; }""")
    assert ring[0] == "solid" and float(ring[1].rstrip("px")) >= 3 and "255, 205, 0" in ring[2], ring


@pytest.mark.parametrize("path, scale", [("/live/{event}", 1), ("/checkin/{event}", 1.125)], ids=["follow", "door"])
def test_the_browsers_text_size_applies(page_factory, live_server, users, event_id, path, scale):
    """A phone or tablet set to larger text (here Chromium's default font size 16 -> 24 px) gets larger text."""
    page = page_factory("door" if "checkin" in path else None, users, width=1280, height=800)
    page.goto(live_server.url + path.format(event=event_id))
    page.wait_for_load_state("networkidle")
    before = page.evaluate(BODY_PX)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24}})
    page.reload()
    page.wait_for_load_state("networkidle")
    after = page.evaluate(BODY_PX)
    assert before == 16 * scale and after == 24 * scale, (before, after)
