"""The door tells the truth (issue 21): "Trực tuyến" only while the server answers (a heartbeat over the socket,
not a failed scan), the waiting count includes a scan the server has not answered, the same badge twice within a
few seconds keeps the green card, and a delegate already checked in is text in the search, not a button."""
import os
import signal
from pathlib import Path

import pytest

from kiosk.extensions import db
from models import Delegate
from tests.helpers import scan_keys, sign_in_page
from tests.processes import Served

HEARTBEAT_DEADLINE_MS = 3000 + 3000   # static/js/door/network.js: a heartbeat every 3 s, each given 3 s to answer


@pytest.fixture
def served(app, tmp_path):
    servers = []

    def serve(**options):
        server = Served(app, tmp_path / f"instance-{len(servers)}", **options).start()
        servers.append(server)
        return server
    with app.app_context():
        db.session.remove()
    yield serve
    for server in servers:
        if server.process and server.process.poll() is None:
            os.killpg(server.process.pid, signal.SIGCONT)
        server.stop()


def codes(app, event_id):
    with app.app_context():
        return [d.code for d in db.session.scalars(db.select(Delegate).where(Delegate.event_id == event_id)
                                                   .order_by(Delegate.number))]


def open_door(browser, url, users, event_id):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    sign_in_page(page, url, *users["door"])
    page.goto(f"{url}/checkin/{event_id}")
    roster = f"kiosk-door-{event_id}-roster-hashed"
    page.wait_for_function(f"Object.keys((JSON.parse(localStorage.getItem('{roster}')) || {{}}).rows || {{}})"
                           ".length === 6")
    page.wait_for_selector("#net.online:text('Trực tuyến')")
    return context, page


def test_the_door_shows_offline_when_the_server_stops_answering_without_a_scan(app, served, browser, users,
                                                                               event_id, tmp_path):
    server = served()
    context, door = open_door(browser, server.url, users, event_id)
    try:
        os.killpg(server.process.pid, signal.SIGSTOP)      # frozen: the socket stays open, nothing answers
        door.wait_for_selector("#net.offline:text('Ngoại tuyến')", timeout=HEARTBEAT_DEADLINE_MS + 2000)
        assert door.inner_text("#card .result-title") == "Sẵn sàng quét"   # no scan was needed to find out
        # a scan now waits for an answer that does not come: counted as waiting at once, then taken by the tablet
        scan_keys(door, codes(app, event_id)[0])
        door.wait_for_selector("#queue:text('1 lượt quét đang chờ gửi')", timeout=3000)
        door.wait_for_selector("#card[data-result='queued']", timeout=8000)
        assert door.inner_text("#queue") == "1 lượt quét đang chờ gửi"
        door.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / "door-offline-waiting.png"))
        os.killpg(server.process.pid, signal.SIGCONT)
        door.wait_for_selector("#net.online:text('Trực tuyến')", timeout=HEARTBEAT_DEADLINE_MS + 5000)
        door.wait_for_selector("#queue", state="hidden", timeout=15000)
        with app.app_context():
            db.session.expire_all()
            assert db.session.scalar(db.select(db.func.count()).where(Delegate.event_id == event_id,
                                                                      Delegate.checked_in_at.isnot(None))) == 1
        server.kill()                                       # gone altogether: the socket drops, offline at once
        door.wait_for_selector("#net.offline:text('Ngoại tuyến')", timeout=HEARTBEAT_DEADLINE_MS + 2000)
    finally:
        context.close()


@pytest.mark.browser
def test_the_same_badge_twice_keeps_the_green_card_and_checked_in_is_not_a_button(page_factory, live_server, users,
                                                                                  event_id, app, tmp_path):
    first, second = codes(app, event_id)[:2]
    door = page_factory("door", users, width=1280, height=800)
    door.goto(f"{live_server.url}/checkin/{event_id}")
    door.wait_for_selector("#net.online")
    scan_keys(door, first)
    door.wait_for_selector("#card[data-result='checked_in'] .result-name:text('Nguyễn Văn An')")
    door.evaluate("() => { document.querySelector('#card .result-title').dataset.before = '1'; }")
    scan_keys(door, first)                                   # the scanner fires the same badge again
    door.wait_for_function("() => !document.querySelector('#card .result-title').dataset.before")  # answered
    assert door.get_attribute("#card", "data-result") == "checked_in"
    assert door.inner_text("#card .result-title") == "Chào mừng đại biểu"
    assert "green" in door.get_attribute("#card", "class")
    scan_keys(door, second)
    door.wait_for_selector("#card[data-result='checked_in'] .result-name:text('Trần Thị Bình')")
    scan_keys(door, first)                                   # another badge in between: it is not a repeat
    door.wait_for_selector("#card[data-result='already_checked_in'] .result-name:text('Nguyễn Văn An')")

    door.fill("#search", "nguyen van")
    door.wait_for_selector("#results li .done-label")
    row = door.locator("#results li", has_text="Nguyễn Văn An")
    assert row.locator("button").count() == 0
    assert row.locator(".done-label").inner_text().startswith("Đã điểm danh lúc ")
    door.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / "door-search-checked-in.png"))
    door.fill("#search", "le duc")
    door.wait_for_selector("#results li button:text('Điểm danh')")


@pytest.mark.browser
def test_undoing_a_check_in_asks_once(page_factory, live_server, users, event_id, app, tmp_path):
    door = page_factory("door", users, width=1280, height=800)
    door.goto(f"{live_server.url}/checkin/{event_id}")
    door.wait_for_selector("#net.online")
    scan_keys(door, codes(app, event_id)[0])
    door.wait_for_selector("#card[data-result='checked_in']")
    door.fill("#undo-reason", "Quét nhầm thẻ")
    door.click("#undo-form button")
    door.wait_for_selector("#undo-confirm:visible")
    assert door.inner_text("#undo-question") == "Huỷ điểm danh của Nguyễn Văn An? Lý do: Quét nhầm thẻ"
    door.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / "door-undo-question.png"))
    door.click("#undo-no")                                   # thought better of it: nothing undone
    door.wait_for_selector("#undo-confirm", state="hidden")
    assert door.get_attribute("#card", "data-result") == "checked_in"
    door.click("#undo-form button")
    door.click("#undo-yes")
    door.wait_for_selector("#card[data-result='undone']")
    with app.app_context():
        assert db.session.scalar(db.select(Delegate.checked_in_at).where(Delegate.event_id == event_id,
                                                                         Delegate.number == 1)) is None


@pytest.mark.browser
def test_revoking_a_paired_tablet_asks_once(page_factory, live_server, users, event_id):
    organiser = page_factory("organiser", users, width=1366, height=768)
    organiser.goto(f"{live_server.url}/admin/events/{event_id}/doors")
    organiser.fill("input[name=door]", "Cửa Tây")
    organiser.click("#pair button")
    link = organiser.inner_text(".pairing-url")
    tablet = page_factory(width=800, height=1280)
    tablet.goto(live_server.url + "/pair/" + link.rsplit("/pair/", 1)[1])
    tablet.click("button[type=submit]")
    tablet.wait_for_url(f"{live_server.url}/checkin/{event_id}")
    organiser.goto(f"{live_server.url}/admin/events/{event_id}/doors")
    asked = []
    organiser.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    organiser.click("#tablets button:text('Thu hồi')")
    assert asked == ["Thu hồi phiên của máy tính bảng Cửa Tây? Máy đó sẽ phải ghép nối lại."]
    assert organiser.locator("#tablets td:text('Cửa Tây')").count() == 1   # not sent
    organiser.once("dialog", lambda dialog: dialog.accept())
    organiser.click("#tablets button:text('Thu hồi')")
    organiser.wait_for_selector("#tablets td:text('Chưa có máy nào.')")


@pytest.mark.browser
def test_revoking_a_badge_asks_once(page_factory, live_server, users, event_id, app):
    organiser = page_factory("organiser", users, width=1366, height=768)
    organiser.goto(f"{live_server.url}/admin/events/{event_id}/delegates")
    row = organiser.locator("tr", has_text="Nguyễn Văn An")
    asked = []
    organiser.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    row.locator("button:text('Thu hồi thẻ')").click()
    assert asked == ["Thu hồi thẻ của Nguyễn Văn An? Thẻ này sẽ không điểm danh được nữa."]
    with app.app_context():
        assert not db.session.scalar(db.select(Delegate.revoked).where(Delegate.event_id == event_id,
                                                                       Delegate.number == 1))
    organiser.once("dialog", lambda dialog: dialog.accept())
    row.locator("button:text('Thu hồi thẻ')").click()
    organiser.wait_for_selector("tr.revoked:has-text('Nguyễn Văn An')")
