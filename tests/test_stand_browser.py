"""The kiosk stand in Chromium at the card's tablet sizes: paired from the organiser's code, a delegate scans
(typed like a handheld scanner) and is greeted by name with unit, delegation and seat; the screen resets by itself;
something wrong gets a calm note; offline it keeps accepting badges and sends them when back; only the PIN leads
off the page."""
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate, Event
from tests.helpers import scan_keys

pytestmark = pytest.mark.browser


def shot(page, tmp_path, name):
    page.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / name))


def seat_delegates(app, event_id):
    with app.app_context():
        rows = {d.full_name: d for d in db.session.scalars(select(Delegate).where(Delegate.event_id == event_id))}
        an = rows["Nguyễn Văn An"]
        an.seat_zone, an.seat_row, an.seat_no, an.delegation = "B", "3", "12", "Đoàn huyện Vũ Thư"
        event = db.session.get(Event, event_id)
        event.hall_plan = json.dumps([{"zone": "A", "rows": 2, "seats_per_row": 10},
                                      {"zone": "B", "rows": 8, "seats_per_row": 20}])
        rows["Trần Thị Bình"].is_guest = True
        rows["Trần Thị Bình"].seat = "Khu A - Khách mời"
        rows["Phạm Thị Dung"].revoked = True
        db.session.commit()
        return {name: d.code for name, d in rows.items()}


def stand_page(page_factory, live_server, organiser, event_id, width, height):
    made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Quầy 2", "role": "kiosk"})
    page = page_factory(width=width, height=height)
    page.goto(live_server.url + urlsplit(made.get_json()["url"]).path)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/kiosk/{event_id}")
    page.wait_for_selector("#stand[data-state='idle'] .stand-hint")
    page.wait_for_function("document.documentElement.dataset.started === '1'")
    return page


@pytest.mark.parametrize("width,height", [(1280, 800), (800, 1280)])
def test_a_delegate_is_greeted_with_the_seat_and_the_stand_resets(page_factory, live_server, organiser, app, event_id,
                                                                 tmp_path, width, height):
    app.config["KIOSK_STAND_RESET_SECONDS"] = 3
    code = seat_delegates(app, event_id)
    page = stand_page(page_factory, live_server, organiser, event_id, width, height)
    shot(page, tmp_path, f"stand-idle-{width}x{height}.png")
    scan_keys(page, code["Nguyễn Văn An"])
    page.wait_for_selector("#stand[data-state='greet'] .stand-person:text('Nguyễn Văn An')")
    assert page.inner_text(".stand-greeting") == "Kính chào đồng chí"
    assert page.inner_text(".stand-unit") == "UBND xã Vũ Hội"
    assert page.inner_text(".stand-delegation") == "Đoàn huyện Vũ Thư"
    assert page.inner_text(".stand-seat-place") == "Khu B · Hàng 3 · Ghế 12"
    # the small plan of zone B: 8 rows of 20, one seat lit, the 12th of the 3rd row (the stage's line first)
    assert page.locator(".stand-plan-row").count() == 8 and page.locator(".stand-plan span").count() == 160
    assert page.eval_on_selector(".stand-plan span.lit", "e => [...e.parentNode.parentNode.children].indexOf("
                                 "e.parentNode) + '-' + ([...e.parentNode.children].indexOf(e) + 1)") == "3-12"
    # the whole greeting on screen, nothing cut off, the footer still there
    for selector in (".stand-person", ".stand-seat-place", ".stand-plan", "#menu"):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
    assert float(page.eval_on_selector(".stand-person", "e => parseFloat(getComputedStyle(e).fontSize)")) >= 48
    shot(page, tmp_path, f"stand-greeting-{width}x{height}.png")
    page.wait_for_selector("#stand[data-state='idle'] .stand-hint", timeout=15000)
    # a guest: "quý khách", with the place as printed
    scan_keys(page, code["Trần Thị Bình"])
    page.wait_for_selector("#stand[data-state='greet'] .stand-greeting:text('Kính chào quý khách')")
    assert page.inner_text(".stand-seat-place") == "Khu A - Khách mời"
    # the same badge again, a revoked one, an unknown code: a calm note that sends to the desk, never red
    for badge, title in ((code["Nguyễn Văn An"], "Thẻ này đã được điểm danh trước đó"),
                         (code["Phạm Thị Dung"], "Thẻ này hiện không dùng được"),
                         ("KHONGCOMA123", "Chưa đọc được thẻ")):
        scan_keys(page, badge)
        page.wait_for_selector(f"#stand[data-state='calm'] .stand-calm-title:text('{title}')")
        assert page.inner_text(".stand-desk") == "Xin mời đồng chí đến bàn Ban tổ chức để được hỗ trợ."
        background = page.eval_on_selector(".stand-screen", "e => getComputedStyle(e).backgroundColor")
        assert background == "rgb(238, 243, 248)"
    shot(page, tmp_path, f"stand-calm-{width}x{height}.png")
    page.wait_for_selector("#stand[data-state='idle']", timeout=15000)


def test_offline_the_stand_accepts_badges_and_sends_them_when_back(page_factory, live_server, organiser, app,
                                                                   event_id, tmp_path):
    code = seat_delegates(app, event_id)
    page = stand_page(page_factory, live_server, organiser, event_id, 1280, 800)
    page.context.set_offline(True)
    scan_keys(page, code["Lê Đức Cường"])
    page.wait_for_selector("#stand[data-state='queued'] .stand-person:text('Mời đồng chí vào hội trường')")
    assert page.inner_text(".stand-greeting") == "Đã ghi nhận"
    page.wait_for_selector("#queue:text('1 lượt chờ gửi')")
    shot(page, tmp_path, "stand-offline-1280x800.png")
    # nothing personal kept on the device: only the queued scan (a code, a time, the stand's name)
    kept = page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")
    assert set(kept) <= {f"kiosk-stand-{event_id}-queue", "kiosk-door"}  # the pairing page keeps the stand's name
    assert not any(name in value for value in kept.values() for name in ("Lê Đức Cường", "Công an huyện"))
    page.context.set_offline(False)
    page.wait_for_selector("#queue", state="hidden", timeout=20000)
    with app.app_context():
        cuong = db.session.scalar(select(Delegate).where(Delegate.code == code["Lê Đức Cường"]))
        assert cuong.checked_in_at is not None and cuong.checked_in_door == "Quầy 2"


def test_only_the_pin_leads_off_the_stand(page_factory, live_server, organiser, app, event_id, tmp_path):
    organiser.post(f"/api/events/{event_id}/kiosk/pin", json={"pin": "2468"})
    page = stand_page(page_factory, live_server, organiser, event_id, 800, 1280)
    assert page.locator("a").count() == 0
    page.go_back()  # the browser's Back: still the stand
    assert page.url == f"{live_server.url}/kiosk/{event_id}"
    page.click("#menu")
    for digit in "1357":
        page.click(f"[data-digit='{digit}']")
    page.click("#pin-ok")
    page.wait_for_selector("#pin-note:text('Mã PIN không đúng.')")
    # while the dialog is open, a scan does not check anyone in behind it
    for digit in "2468":
        page.click(f"[data-digit='{digit}']")
    shot(page, tmp_path, "stand-pin-800x1280.png")
    page.click("#pin-ok")
    page.wait_for_selector("#leave-go")
    page.click("#leave-go")
    page.wait_for_url(f"{live_server.url}/login")
    assert page.goto(f"{live_server.url}/kiosk/{event_id}").url.startswith(f"{live_server.url}/login")
