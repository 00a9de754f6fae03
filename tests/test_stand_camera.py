"""The stand's own camera in Chromium: a delegate holds the printed badge up to the stand and is greeted, once,
however long the badge stays in view. Chromium's fake camera plays a picture of the badge (rendered by the badge
printer, as it comes out on paper) as if it were held in front of the lens."""
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from checkin.badges import badge
from kiosk.extensions import db
from models import Delegate, Event
from tests.fixtures.browser import CHROMIUM, CHROMIUM_ARGS
from tests.helpers import sign_in_page
from tests.test_stand_browser import seat_delegates, shot

pytestmark = pytest.mark.browser


def camera_film(app, event_id: int, name: str, path: Path) -> Path:
    """A few frames of the badge of `name` held up to a 960×720 camera, as Motion JPEG (what Chromium's fake
    camera plays, over and over)."""
    with app.app_context():
        delegate = db.session.scalars(db.select(Delegate).where(Delegate.event_id == event_id,
                                                                Delegate.full_name == name)).one()
        card = badge(delegate, db.session.get(Event, event_id).name).convert("RGB")
    card.thumbnail((900, 680))
    frame = Image.new("RGB", (960, 720), (236, 232, 224))  # the hall behind the badge
    frame.paste(card, ((960 - card.width) // 2, (720 - card.height) // 2))
    out = io.BytesIO()
    for _ in range(5):
        frame.save(out, "JPEG", quality=92)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def camera_browser(browser, tmp_path):
    """`open(film)`: a Chromium whose camera sees `film`; closed after the test."""
    opened = []

    def open_with(film: Path):
        chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=[
            *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={film}"])
        opened.append(chromium)
        return chromium
    yield open_with
    for chromium in opened:
        chromium.close()


def test_a_printed_badge_held_up_to_the_stands_camera_is_greeted_once(camera_browser, live_server, organiser, app,
                                                                     event_id, tmp_path):
    app.config["KIOSK_STAND_RESET_SECONDS"] = 3
    seat_delegates(app, event_id)
    chromium = camera_browser(camera_film(app, event_id, "Nguyễn Văn An", tmp_path / "badge.mjpeg"))
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN", bypass_csp=True)
    context.grant_permissions(["camera"], origin=live_server.url)
    # every screen the stand shows, in order
    context.add_init_script("""window.standStates = []; new MutationObserver(() => {
        const state = document.getElementById('stand').dataset.state;
        if (window.standStates[window.standStates.length - 1] !== state) window.standStates.push(state);
    }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-state']});""")
    page = context.new_page()
    made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Quầy 3", "role": "kiosk"})
    page.goto(live_server.url + urlsplit(made.get_json()["url"]).path)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/kiosk/{event_id}")
    # the camera's picture is on screen for the delegate to aim at, and the badge in it is read
    page.wait_for_selector("#camera", state="visible")
    page.wait_for_selector("#stand[data-state='greet'] .stand-person:text('Nguyễn Văn An')", timeout=15000)
    assert page.inner_text(".stand-seat-place") == "Khu B · Hàng 3 · Ghế 12"
    shot(page, tmp_path, "stand-camera-greeting.png")
    # the badge stays in view, frame after frame, until the stand has gone back to its welcome: read once, never
    # an "already checked in" note in between
    page.wait_for_selector("#stand[data-state='idle'] .stand-hint", timeout=15000)
    assert page.evaluate("window.standStates") == ["greet", "idle"]
    with app.app_context():
        an = db.session.scalars(db.select(Delegate).where(Delegate.event_id == event_id,
                                                          Delegate.full_name == "Nguyễn Văn An")).one()
        assert an.checked_in_at is not None and an.checked_in_door == "Quầy 3"
    context.close()


def test_the_door_tablets_camera_reads_a_printed_badge(camera_browser, live_server, users, app, event_id, tmp_path):
    """The same camera module on the door tablet: off until the usher turns it on, then the badge in view checks
    its delegate in, once."""
    chromium = camera_browser(camera_film(app, event_id, "Trần Thị Bình", tmp_path / "badge.mjpeg"))
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN", bypass_csp=True)
    context.grant_permissions(["camera"], origin=live_server.url)
    page = context.new_page()
    sign_in_page(page, live_server.url, *users["door"])
    page.goto(f"{live_server.url}/checkin/{event_id}")
    page.wait_for_selector("#present:text('0')")
    page.click("#camera-toggle")
    page.wait_for_selector("#camera-toggle:text('Tắt camera')")
    page.wait_for_selector("#card[data-result='checked_in'] .result-name:text('Trần Thị Bình')", timeout=15000)
    page.wait_for_selector("#present:text('1')")
    page.click("#camera-toggle")
    page.wait_for_selector("#camera-toggle:text('Bật camera')")
    context.close()
