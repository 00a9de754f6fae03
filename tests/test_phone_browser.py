"""Issue 23 in Chromium at a phone's sizes, under the real Content-Security-Policy: the delegate's own page with name
and seat, its badge QR read from a screenshot and taken by the door, a paper's page drawn in the page itself with
the delegate's name on it, the page reloaded with the Wi-Fi dropped, the programme following the MC and the
ballot of an open vote. Screenshots go to KIOSK_SHOTS (or the test's folder)."""
import json
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate, Event
from tests.helpers import signed_in
from tests.test_badges import read_qr
from tests.test_phone_api import set_delegations, upload
from tests.test_votes import DOOR, check_in, delegates_of, mc_session

pytestmark = pytest.mark.browser


def shots(tmp_path) -> Path:
    return Path(os.environ.get("KIOSK_SHOTS") or tmp_path)


def seat_everyone(app, event_id):
    """A hall of one zone B, 4 rows of 10; delegate n in row 3, seat n+4."""
    with app.app_context():
        db.session.get(Event, event_id).hall_plan = json.dumps([{"zone": "B", "rows": 4, "seats_per_row": 10}])
        for d in db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)):
            d.seat_zone, d.seat_row, d.seat_no = "B", "3", str(d.number + 4)
        db.session.commit()


def phone(browser, width, height):
    """A phone's page with the real policy (never bypassed); any violation or page error is collected."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN", bypass_csp=False,
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


def until(page, script: str, seconds: float = 15):
    """Waits until `script` (an async arrow function) answers true in the page: polled, with a deadline (the page's
    policy forbids the eval that Playwright's own wait_for_function needs)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {script}")


def transferred(page) -> int:
    return page.evaluate("""() => performance.getEntriesByType("navigation")[0].transferSize
        + performance.getEntriesByType("resource").reduce((sum, r) => sum + r.transferSize, 0)""")


def read_a_paper(page, folder: Path, width: int):
    """A paper, page by page in the page itself, the delegate's name drawn on it in red."""
    page.click("#papers button:has-text('Báo cáo chính trị')")
    page.wait_for_selector("#viewer canvas[data-rendered='1'][data-page='1']", state="visible", timeout=30000)
    page.wait_for_selector("#viewer .page-no:text('Trang 1/3')")
    red = page.evaluate("""() => { const c = document.querySelector('#viewer canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i] > 170 && d[i + 1] < 190 && d[i] - d[i + 2] > 40) n++;
        return n; }""")
    assert red > 500, red  # the mark, in red across the page (the paper itself is black on white)
    page.click("#viewer button:has-text('Trang sau')")
    page.wait_for_selector("#viewer canvas[data-rendered='1'][data-page='2']")
    page.locator("#viewer").screenshot(path=str(folder / f"me-paper-{width}.png"))
    assert page.problems == [], page.problems


def drop_the_wifi(page, folder: Path, width: int):
    """The Wi-Fi drops and the page is reloaded: it still shows the delegate, and says it is offline."""
    until(page, """async () => { await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) return false;
        const cache = await caches.open('kiosk-screens-v1');
        return !!(await cache.match(location.href)) && !!(await cache.match('/static/js/me.js'))
            && !!(await cache.match('/static/vendor/socket.io.min.js')); }""")
    page.reload()  # once more online: the arrival the door just took is in the kept answer
    page.wait_for_selector("[data-f='arrived']:text('Đã điểm danh lúc')", state="visible")
    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("h1.me-name:text('Nguyễn Văn An')", state="visible")
    page.wait_for_selector("[data-f='place']:text('Khu B · Hàng 3 · Ghế 5')", state="visible")
    page.wait_for_selector("#offline:text('Mất kết nối')", state="visible")
    page.wait_for_selector("[data-f='arrived']:text('Đã điểm danh lúc')", state="visible")  # the last answer kept
    page.wait_for_selector("#badge-qr svg", state="visible")
    page.wait_for_selector("#papers button:has-text('Báo cáo chính trị')", state="visible")
    page.screenshot(path=str(folder / f"me-offline-{width}.png"))
    page.context.set_offline(False)
    page.wait_for_selector("#offline", state="hidden", timeout=20000)


@pytest.mark.parametrize("width, height", [(360, 740), (390, 844)])
def test_the_delegates_page_badge_paper_and_wifi_dropped(app, browser, live_server, users, organiser, event_id,
                                                        tmp_path, width, height):
    person = delegates_of(app, event_id)[0]
    seat_everyone(app, event_id)
    set_delegations(app, event_id, {1: ("Vũ Thư", True), 2: ("Vũ Thư", False)})
    check_in(app, event_id, numbers={2})
    assert upload(organiser, event_id, title="Báo cáo chính trị").status_code == 201
    page = phone(browser, width, height)
    try:
        page.goto(f"{live_server.url}/me/{person[1]}")
        page.wait_for_selector("h1.me-name:text('Nguyễn Văn An')", state="visible")
        page.wait_for_selector("[data-f='place']:text('Khu B · Hàng 3 · Ghế 5')", state="visible")
        page.screenshot(path=str(shots(tmp_path) / f"me-first-{width}.png"), full_page=True)
        assert page.problems == [], page.problems
        page.wait_for_selector("#zone-plan .row span.lit", state="visible")
        page.wait_for_selector("#members li[data-arrived='1']:has-text('Trần Thị Bình')", state="visible")
        page.wait_for_selector("#members-count:text('1/2 đại biểu đã đến')")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.wait_for_load_state("networkidle")
        size = transferred(page)
        assert size < 300_000, size  # the first load, fonts and socket included
        assert not page.evaluate("performance.getEntriesByType('resource').some(r => r.name.includes('pdfjs'))")
        page.screenshot(path=str(shots(tmp_path) / f"me-{width}.png"), full_page=True)

        # the badge on the screen, read as a door tablet's camera reads it, and taken by the door
        code = read_qr(browser, page.locator("#badge-qr svg").screenshot())
        assert code == person[2]
        door = signed_in(app, {"door": DOOR}, "door")
        scan = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa chính"}).get_json()
        assert scan["result"] == "checked_in" and scan["delegate"]["full_name"] == "Nguyễn Văn An"

        read_a_paper(page, shots(tmp_path), width)
        drop_the_wifi(page, shots(tmp_path), width)
    finally:
        page.context.close()


def test_the_page_follows_the_programme_and_offers_the_ballot(app, browser, live_server, users, event_id, tmp_path):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2})
    mc, organiser = mc_session(live_server, users), mc_session(live_server, users, "organiser")
    base = f"{live_server.url}/api/events/{event_id}"
    page = phone(browser, 360, 740)
    try:
        page.goto(f"{live_server.url}/me/{people[0][1]}")
        page.wait_for_selector("#now-title:text('Chưa bắt đầu')")
        programme = mc.get(f"{base}/programme", timeout=5).json()
        mc.post(f"{base}/live/next", timeout=5)
        page.wait_for_selector(f"#now-title:text('{programme[0]['title']}')", state="visible")
        page.wait_for_selector(f"#next-title:text('{programme[1]['title']}')", state="visible")
        speech = mc.get(f"{base}/speeches", timeout=5).json()[0]
        mc.post(f"{base}/live/screen", json={"kind": "speaker", "speech_id": speech["id"]}, timeout=5)
        mc.post(f"{base}/live/clock", json={"action": "start"}, timeout=5)
        page.wait_for_selector("#now-detail:text('Tham luận: Diễn giả 1')", state="visible")
        page.wait_for_selector("#now-clock[data-running='1']", state="visible")
        page.locator("section.me-now").screenshot(path=str(shots(tmp_path) / "me-speaker-360.png"))

        vote = organiser.post(f"{base}/votes", json={"title": "Thông qua Nghị quyết Đại hội",
                                                     "method": "electronic"}, timeout=5).json()
        mc.post(f"{base}/votes/{vote['id']}/open", timeout=5)
        mc.post(f"{base}/live/screen", json={"kind": "vote", "vote_id": vote["id"]}, timeout=5)
        page.wait_for_selector("#vote-card button.choice.for", state="visible", timeout=15000)
        page.click("#vote-card button.choice.for")
        page.wait_for_selector("#vote-card button.confirm-yes:not([disabled])")
        page.click("#vote-card button.confirm-yes")
        page.wait_for_selector("#vote-card .status.ok", state="visible")
        page.screenshot(path=str(shots(tmp_path) / "me-voted-360.png"))
        assert mc.get(f"{base}/votes/{vote['id']}", timeout=5).json()["received"] == 1
        assert page.problems == [], page.problems
    finally:
        page.context.close()
