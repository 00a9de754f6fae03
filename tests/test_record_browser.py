"""The projector's credentials slide (static/js/projector/credentials.js) draws the live state's figures."""
import pytest
import requests

from tests.fixtures.accounts import PASSWORDS

pytestmark = pytest.mark.browser


def test_credentials_slide_shows_the_figures(page_factory, live_server, users, event_id):
    mc = requests.Session()
    token = mc.post(f"{live_server.url}/api/login", json={"username": "mc1", "password": PASSWORDS["mc"]},
                    timeout=5).json()["csrf_token"]
    mc.headers["X-CSRFToken"] = token
    state = mc.post(f"{live_server.url}/api/events/{event_id}/live/screen", json={"kind": "credentials"}, timeout=5).json()
    page = page_factory()
    page.goto(f"{live_server.url}/display/{event_id}")
    page.wait_for_selector("#screen .cred-figures")  # the projector draws it from the live state
    assert state["screen"]["kind"] == "credentials"
    slide = page.locator("#screen > .slide").last
    text = slide.inner_text()
    assert "Báo cáo thẩm tra tư cách đại biểu" in text or "BÁO CÁO THẨM TRA TƯ CÁCH ĐẠI BIỂU" in text
    assert "Đại biểu được triệu tập" in text and "6" in text
    assert "Chưa đủ quá nửa số đại biểu được triệu tập" in text  # nobody has checked in
    assert slide.locator(".cred-composition tr").count() == 6
    assert slide.locator(".cred-composition tr").first.inner_text().split() == ["Đại", "biểu", "nữ", "0", "0%"]
