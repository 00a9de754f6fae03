"""Issue 26: a ballot is cast as intended. The phone shows the chosen option large and asks once to confirm;
nothing is cast by one tap (nor by a quick double tap); the answer names the choice recorded; the same from
320 px wide."""
import pytest
import requests

from tests.test_votes import check_in, delegates_of, mc_session

pytestmark = pytest.mark.browser


def received(live_server, event_id):
    return requests.get(f"{live_server.url}/api/events/{event_id}/votes", timeout=5).json()[-1]["received"]


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("width", [320, 390])
def test_a_ballot_takes_a_choice_then_a_confirmation(app, page_factory, live_server, users, event_id, tmp_path, width):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2})
    organiser, mc = mc_session(live_server, users, "organiser"), mc_session(live_server, users)
    base = f"{live_server.url}/api/events/{event_id}"
    vote = organiser.post(f"{base}/votes", timeout=5, json={
        "title": "Thông qua Nghị quyết Đại hội Thi đua yêu nước tỉnh lần thứ VIII", "method": "electronic"}).json()
    mc.post(f"{base}/votes/{vote['id']}/open", timeout=5)
    phone = page_factory(width=width, height=640)
    phone.goto(f"{live_server.url}/vote/{people[0][1]}")
    phone.wait_for_selector("button.choice.for")
    assert no_sideways_scroll(phone)

    # a quick double tap on "Tán thành": the first shows the choice, the second lands on nothing that casts
    phone.dblclick("button.choice.for")
    phone.wait_for_selector(".confirm")
    assert phone.inner_text(".confirm-ask") == "Đồng chí chọn:"
    assert phone.inner_text(".chosen") == "TÁN THÀNH"
    assert received(live_server, event_id) == 0
    chosen = phone.eval_on_selector(".chosen", "e => parseFloat(getComputedStyle(e).fontSize)")
    assert chosen >= 32, chosen  # large: twice the body text
    box = phone.eval_on_selector(".chosen", "e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; }")
    assert box[0] >= 0 and box[1] <= width
    assert phone.query_selector("button.choice") is None  # the three choices are gone until "Chọn lại"
    assert no_sideways_scroll(phone)
    phone.screenshot(path=str(tmp_path / f"ballot-confirm-{width}.png"))

    # "Chọn lại": back to the three, focus on the one chosen; a different one this time
    phone.click("button.confirm-back")
    phone.wait_for_selector("button.choice.against")
    assert phone.evaluate("document.activeElement.classList.contains('for')")
    assert received(live_server, event_id) == 0
    phone.click("button.choice.against")
    assert phone.inner_text(".chosen") == "KHÔNG TÁN THÀNH"
    phone.click("button.confirm-yes")
    phone.wait_for_selector(".status.ok")
    assert "KHÔNG TÁN THÀNH" in phone.inner_text(".status")
    assert phone.query_selector("button.choice") is None and phone.query_selector(".confirm") is None
    assert received(live_server, event_id) == 1
    assert no_sideways_scroll(phone)
    phone.screenshot(path=str(tmp_path / f"ballot-recorded-{width}.png"))
    closed = mc.post(f"{base}/votes/{vote['id']}/close", timeout=5).json()
    assert closed["counts"] == {"for": 0, "against": 1, "abstain": 0}


def test_the_confirmation_works_from_the_keyboard(app, page_factory, live_server, users, event_id):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2})
    organiser, mc = mc_session(live_server, users, "organiser"), mc_session(live_server, users)
    base = f"{live_server.url}/api/events/{event_id}"
    vote = organiser.post(f"{base}/votes", timeout=5, json={
        "title": "Thông qua danh sách", "method": "electronic", "secret": True}).json()
    mc.post(f"{base}/votes/{vote['id']}/open", timeout=5)
    phone = page_factory(width=390, height=844)
    phone.goto(f"{live_server.url}/vote/{people[1][1]}")
    phone.focus("button.choice.abstain")
    phone.keyboard.press("Enter")
    phone.wait_for_selector("button.confirm-yes:not([disabled])")
    assert phone.inner_text(".chosen") == "KHÔNG BIỂU QUYẾT"
    phone.focus("button.confirm-yes")
    phone.keyboard.press("Space")
    phone.wait_for_selector(".status.ok")
    assert "KHÔNG BIỂU QUYẾT" in phone.inner_text(".status")
    assert received(live_server, event_id) == 1
