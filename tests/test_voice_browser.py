"""Opinions and the floor in Chromium (issue 23, "Checked by"): an opinion typed on the phone part at 360×740
reaches the secretariat's page, and once forwarded the presidium's screen; a request to speak made on the phone is
accepted on the MC panel, the phone says when the delegate's turn is next, and the projector shows them when the MC
steps to them. Screenshots in KIOSK_SHOTS (or the test's tmp_path)."""
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate
from tests.voice_helpers import as_role, token_of, voice_accounts

pytestmark = pytest.mark.browser

OPINION = "Đề nghị Đại hội bổ sung chỉ tiêu về chuyển đổi số cho các xã trong giai đoạn tới."


def shot(page, tmp_path, name):
    page.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / name), full_page=True)


def inside(page, selector, width):
    box = page.locator(selector).bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def seat_in_delegations(app, event_id, accounts):
    """Two delegations seated by the organiser's assignment, in a hall of two zones."""
    with app.app_context():
        for delegate in db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)):
            delegate.delegation = "Đoàn huyện Vũ Thư" if delegate.number <= 3 else "Đoàn khối doanh nghiệp"
        db.session.commit()
    answer = as_role(app, accounts, "organiser").post(f"/api/events/{event_id}/seats/assign", json={
        "zones": [{"zone": "A", "rows": 2, "seats_per_row": 4}, {"zone": "B", "rows": 1, "seats_per_row": 6}]})
    assert answer.get_json() == {"seated": 6}


def code_of(app, event_id, name):
    with app.app_context():
        return db.session.scalar(select(Delegate.code).where(Delegate.event_id == event_id, Delegate.full_name == name))


def phone_page(page_factory, live_server, token):
    phone = page_factory(width=360, height=740)
    phone.goto(f"{live_server.url}/me/{token}/voice")
    phone.wait_for_selector("#opinion-item option >> nth=1", state="attached")
    return phone


def test_an_opinion_travels_from_the_phone_to_the_secretariat_and_the_presidium(app, page_factory, live_server, users,
                                                                                 event_id, tmp_path):
    accounts = voice_accounts(app, users, event_id)
    seat_in_delegations(app, event_id, accounts)
    secretariat = page_factory("secretary", accounts, width=1280, height=800)
    secretariat.goto(f"{live_server.url}/secretariat/{event_id}")
    secretariat.wait_for_selector("#conn.up")
    secretariat.wait_for_selector("#opinions p.muted:text('Chưa có ý kiến nào.')")
    presidium = page_factory("presidium", accounts, width=1280, height=800)
    presidium.goto(f"{live_server.url}/presidium/{event_id}")
    presidium.wait_for_selector("#conn.up")
    presidium.wait_for_selector("#summoned:text('6')")
    presidium.wait_for_selector("#delegations td:text('Đoàn huyện Vũ Thư')")
    presidium.wait_for_selector("#seating .mini-seat.away >> nth=5")
    assert presidium.locator("#mini-plan .mini-seat.here").count() == 0
    door = as_role(app, accounts, "door")
    door.post(f"/api/events/{event_id}/checkin", json={"code": code_of(app, event_id, "Nguyễn Văn An"), "door": "Cửa 1"})
    presidium.wait_for_selector("#present:text('1')")
    presidium.wait_for_selector("#mini-plan .mini-seat.here")  # the seat lights a moment after the arrival
    row = presidium.locator("#delegations tr", has_text="Đoàn huyện Vũ Thư")
    presidium.wait_for_function("() => [...document.querySelectorAll('#delegations tr')].some("
                                "r => r.textContent.includes('Đoàn huyện Vũ Thư') && r.cells[1].textContent === '1')")
    assert row.locator("td").nth(2).inner_text() == "3"

    phone = phone_page(page_factory, live_server, token_of(app, event_id))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    phone.select_option("#opinion-item",
                        label="3. Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 2020-2025")
    phone.fill("#opinion-text", OPINION)
    phone.wait_for_selector("#opinion-count:text('81/2.000 ký tự')")
    shot(phone, tmp_path, "voice-phone-opinion-typed-360x740.png")
    phone.click("#opinion-send")
    phone.wait_for_selector("#opinion-status.ok:has-text('Đã gửi ý kiến lúc')")
    phone.wait_for_selector(f"#opinion-list .me-text:text('{OPINION}')")
    assert phone.input_value("#opinion-text") == ""
    assert phone.is_visible("#opinion-list .me-badge:text('Thư ký đã nhận')")
    for selector in ("#opinion-send", "#opinion-list .me-item", "#floor-send"):
        assert inside(phone, selector, 360), selector
    shot(phone, tmp_path, "voice-phone-opinion-sent-360x740.png")

    card = secretariat.locator(".opinion-card", has_text=OPINION)
    card.wait_for(state="visible")
    assert card.locator(".opinion-who").inner_text() == "Nguyễn Văn An"
    group = secretariat.locator(".opinion-group", has=card).locator("h2").inner_text()
    assert group.startswith("3. Báo cáo đánh giá") and group.endswith("(1)")
    secretariat.wait_for_selector("#opinion-counts:text('1 ý kiến · 0 đã chuyển · 1 chưa chuyển')")
    shot(secretariat, tmp_path, "voice-secretariat-1280x800.png")
    assert not presidium.locator(".opinion-card", has_text=OPINION).count()  # not forwarded yet: not there
    card.get_by_role("button", name="Chuyển Đoàn Chủ tịch").click()
    card.locator(".opinion-done").wait_for(state="visible")

    forwarded = presidium.locator("#forwarded-list .opinion-card", has_text=OPINION)
    forwarded.wait_for(state="visible")
    assert forwarded.locator(".opinion-who").inner_text() == "Nguyễn Văn An"
    presidium.wait_for_selector("#forwarded-count:text('1')")
    assert presidium.inner_text("#programme-now") == "Chưa bắt đầu"
    shot(presidium, tmp_path, "voice-presidium-1280x800.png")
    presidium.set_viewport_size({"width": 800, "height": 1280})  # the tablet turned upright: one column
    for selector in ("#forwarded-list .opinion-card", "#delegations", "#mini-plan", "#programme-now"):
        assert presidium.is_visible(selector) and inside(presidium, selector, 800), selector
    shot(presidium, tmp_path, "voice-presidium-800x1280.png")
    phone.reload()
    phone.wait_for_selector("#opinion-list .me-badge:text('Đã chuyển Đoàn Chủ tịch')")


def test_a_request_to_speak_accepted_on_the_mc_panel_reaches_the_projector(app, page_factory, live_server, users,
                                                                           event_id, tmp_path):
    accounts = voice_accounts(app, users)
    panel = page_factory("mc", accounts, width=1600, height=1000)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    panel.wait_for_selector("#floor-list li.muted:text('Chưa có đại biểu đăng ký phát biểu.')")
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")

    phone = phone_page(page_factory, live_server, token_of(app, event_id))
    phone.fill("#floor-topic", "Kinh nghiệm chuyển đổi số ở xã Vũ Hội")
    phone.click("#floor-send")
    phone.wait_for_selector("#floor-status.ok:has-text('Đã đăng ký phát biểu')")
    phone.wait_for_selector("#floor-list .me-badge:text('Đang chờ xếp lượt')")

    request = panel.locator(".floor-request.requested", has_text="Nguyễn Văn An")
    request.wait_for(state="visible")
    assert "Kinh nghiệm chuyển đổi số ở xã Vũ Hội" in request.inner_text()
    panel.wait_for_selector("#floor-count:text('(1 đang chờ)')")
    shot(panel, tmp_path, "voice-mc-panel-request-1600x1000.png")
    request.get_by_role("button", name="Nhận, xếp cuối danh sách").click()
    panel.locator(".floor-request.accepted", has_text="Nguyễn Văn An").wait_for(state="visible")
    # the speakers' list on the panel read again: the delegate is the last speaker
    panel.wait_for_selector("#speech-list li:last-child button:has-text('Nguyễn Văn An')")
    phone.wait_for_selector("#floor-list .me-badge:has-text('Còn 2 người phát biểu trước đồng chí')", timeout=20000)

    panel.click("#items button:has-text('Báo cáo tham luận')")
    panel.wait_for_selector('#items li.current[data-kind="speeches"]')
    for name in ("Diễn giả 1", "Diễn giả 2"):
        panel.click("#next")
        projector.wait_for_selector(f".speaker .speaker-name:text('{name}')")
    phone.wait_for_selector("#floor-turn.next:visible")
    assert phone.inner_text("#floor-turn") == "Đồng chí phát biểu tiếp theo. Xin chuẩn bị lên bục phát biểu."
    shot(phone, tmp_path, "voice-phone-turn-next-360x740.png")
    panel.click("#next")
    projector.wait_for_selector(".speaker .speaker-name:text('Nguyễn Văn An')")
    slide = projector.locator(".speaker", has=projector.locator(".speaker-name:text('Nguyễn Văn An')"))
    assert slide.is_visible() and "Kinh nghiệm chuyển đổi số ở xã Vũ Hội" in slide.inner_text()
    projector.wait_for_function("document.querySelectorAll('.speaker').length === 1")  # the last slide has gone
    shot(projector, tmp_path, "voice-projector-speaker-1280x720.png")
    phone.wait_for_selector("#floor-turn.now:text('Mời đồng chí lên phát biểu')")
    shot(phone, tmp_path, "voice-phone-turn-now-360x740.png")
