"""The MC panel never loses the keyboard: after an announcement is shown with Enter, →, Space, ←, B, L, P, C
and A are commands at once; a key in a text box is text. The programme list follows the organisers' changes;
the honours auto-paging shows on the panel and can be paused; the welcome slide can be called back; no
developer words on any screen."""
import time

import pytest

from models import HonourGroup, ProgrammeItem
from models.base import db
from tests.factories import build_event
from tests.helpers import signed_in


def open_panel(page_factory, live_server, users, event_id, **size):
    panel = page_factory("mc", users, **size)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    return panel


def live_state(client, event_id):
    return client.get(f"/api/events/{event_id}/live").get_json()


def wait_version(panel, client, event_id, version):
    panel.wait_for_function("(v) => Number(document.getElementById('version').textContent) >= v", arg=version)
    return live_state(client, event_id)


@pytest.mark.browser
def test_keys_are_commands_again_right_after_an_announcement(page_factory, live_server, users, event_id, client):
    panel = open_panel(page_factory, live_server, users, event_id)
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    panel.keyboard.press("a")                       # A: into the announcement box
    panel.keyboard.type("Bắt đầu phiên họp lúc 8 giờ")
    assert panel.input_value("#announce-text") == "Bắt đầu phiên họp lúc 8 giờ"   # the B, P… typed as text
    panel.keyboard.press("Enter")
    projector.wait_for_selector(".announcement .headline:text('Bắt đầu phiên họp lúc 8 giờ')")
    version = live_state(client, event_id)["version"]
    wait_version(panel, client, event_id, version)
    expected = [("ArrowRight", "flag-salute"), (" ", "programme"), ("ArrowLeft", "flag-salute"),
                ("b", "blank"), ("l", "logo"), ("p", "flag-salute"), ("c", "welcome")]
    for key, slide in expected:
        panel.keyboard.press(key)
        version += 1
        state = wait_version(panel, client, event_id, version)
        assert state["version"] == version, (key, state)
        projector.wait_for_selector(f"#projector[data-version='{version}'] .slide.{slide}")
    panel.keyboard.press("a")
    assert panel.evaluate("() => document.activeElement.id") == "announce-text"
    panel.keyboard.press("Escape")
    panel.keyboard.press("b")
    wait_version(panel, client, event_id, version + 1)
    assert live_state(client, event_id)["screen"]["kind"] == "blank"
    # the welcome slide is the event's own: its name not repeated in the backdrop above it
    assert "phiên bản" not in panel.inner_text("body")


@pytest.mark.browser
def test_the_programme_follows_the_organisers_changes(page_factory, live_server, users, event_id, app, mc):
    panel = open_panel(page_factory, live_server, users, event_id)
    assert panel.locator("#items li").count() > 0
    with app.app_context():
        first = db.session.scalars(db.select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)
                                   .order_by(ProgrammeItem.position)).first()
        first.title = "Chào cờ và Quốc ca (sửa lúc 7 giờ 50)"
        db.session.commit()
    mc.post(f"/api/events/{event_id}/live/next")       # any change of the live state: the list is read again
    panel.wait_for_selector("#items li.current .item-title:text('Chào cờ và Quốc ca (sửa lúc 7 giờ 50)')")
    panel.click("#items li:nth-child(2) button")
    panel.wait_for_selector("#items li:nth-child(2).current")


@pytest.mark.browser
def test_a_step_within_an_item_fetches_neither_programme_nor_script_again(page_factory, live_server, users,
                                                                         event_id, mc):
    """The live state carries the programme and script's version (issue 19): an announcement over the current
    item changes nothing the panel lists or reads, so it asks for nothing; the next item's words are fetched."""
    panel = open_panel(page_factory, live_server, users, event_id)
    version = mc.post(f"/api/events/{event_id}/live/next").get_json()["version"]
    panel.wait_for_selector("#script .script-line:first-child .script-label:has-text('1. ')")
    asked = []
    panel.on("request", lambda request: asked.append(request.url.split("/api/events/")[-1]))
    shown = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "announcement", "text": "Mời ngồi"})
    panel.wait_for_function("(v) => Number(document.getElementById('version').textContent) >= v",
                            arg=shown.get_json()["version"])
    assert shown.get_json()["version"] == version + 1
    assert not [url for url in asked if url.endswith(("/programme", "/script/now"))], asked
    mc.post(f"/api/events/{event_id}/live/next")
    panel.wait_for_selector("#script .script-line:first-child .script-label:has-text('2. ')")
    assert any(url.endswith("/script/now") for url in asked) and any(url.endswith("/programme") for url in asked)


@pytest.mark.browser
def test_the_honours_auto_page_shows_and_pauses(page_factory, live_server, users, event_id, app, mc):
    app.config["HONOURS_AUTO_PAGE_SECONDS"] = 3
    programme = mc.client.get(f"/api/events/{event_id}/programme").get_json()
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": next(i["id"] for i in programme
                                                                       if i["kind"] == "honours")})
    panel = open_panel(page_factory, live_server, users, event_id)
    groups = mc.client.get(f"/api/events/{event_id}/honours").get_json()
    long_group = next(g for g in groups if len(g["recipients"]) > 12)
    panel.click(f"#group-list button[data-group='{long_group['id']}']")
    panel.wait_for_selector("#autopage:not([hidden]) #autopage-text:text-matches('tự chuyển trang sau \\\\d+ giây')")
    panel.click("#autopage-toggle")
    panel.wait_for_selector("#autopage-text:text('đã tạm dừng')")
    paused = live_state(mc.client, event_id)
    assert paused["screen"]["page"] == 1 and paused["screen"]["auto"] is False
    panel.wait_for_timeout(4000)                        # longer than the auto page: nothing moved
    assert live_state(mc.client, event_id)["version"] == paused["version"]
    panel.keyboard.press("ArrowRight")                  # paging by hand keeps the pause
    panel.wait_for_selector("#now:text('trang 2/2')")
    assert live_state(mc.client, event_id)["screen"].get("auto") is False
    panel.keyboard.press("ArrowLeft")
    panel.wait_for_selector("#autopage-text:text('Trang 1/2 · đã tạm dừng')")
    panel.click("#autopage-toggle")                     # resumed: it pages by itself again
    panel.wait_for_selector("#autopage-text:text('tự chuyển trang sau')")
    panel.wait_for_selector("#now:text('trang 2/')", timeout=8000)


@pytest.mark.browser
def test_one_page_group_says_no_page_numbers(page_factory, live_server, users, event_id, mc):
    groups = mc.client.get(f"/api/events/{event_id}/honours").get_json()
    short = next(g for g in groups if len(g["recipients"]) <= 3)
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": short["id"], "page": 1})
    panel = open_panel(page_factory, live_server, users, event_id)
    panel.wait_for_selector("#now:text('Bằng khen đợt 1')")
    follow = page_factory(width=390, height=800)
    follow.goto(f"{live_server.url}/live/{event_id}")
    follow.wait_for_selector("#now-detail:text('Bằng khen đợt 1')")
    for page in (panel, follow):
        assert "trang 1/1" not in page.inner_text("body")
        assert "phiên bản" not in page.inner_text("body")




def test_a_paused_group_stays_on_its_page_and_paging_by_hand_keeps_the_pause(app, users):
    app.config["HONOURS_AUTO_PAGE_SECONDS"] = 0.2
    with app.app_context():
        event_id = build_event(honours_per_group=(40,))
        group_id = db.session.query(HonourGroup).filter_by(event_id=event_id).one().id
        honours_item = db.session.query(ProgrammeItem).filter_by(event_id=event_id, kind="honours").one().id
    mc = signed_in(app, users, "mc")
    api = f"/api/events/{event_id}/live"
    mc.post(api + "/goto", json={"item_id": honours_item})
    paused = mc.post(api + "/screen", json={"kind": "honours", "group_id": group_id, "page": 1, "auto": False})
    assert paused.status_code == 200 and paused.get_json()["screen"]["auto"] is False
    again = mc.post(api + "/screen", json={"kind": "honours", "group_id": group_id, "page": 1, "auto": False})
    assert again.get_json()["version"] == paused.get_json()["version"]   # the same screen: nothing changes
    time.sleep(0.6)
    state = mc.client.get(api).get_json()
    assert state["version"] == paused.get_json()["version"] and state["screen"]["page"] == 1
    stepped = mc.post(api + "/next").get_json()                           # by hand: page 2, still paused
    assert stepped["screen"]["page"] == 2 and stepped["screen"]["auto"] is False
    time.sleep(0.6)
    assert mc.client.get(api).get_json()["screen"]["page"] == 2
    resumed = mc.post(api + "/screen", json={"kind": "honours", "group_id": group_id, "page": 2, "auto": True})
    assert resumed.get_json()["version"] == stepped["version"] + 1 and "auto" not in resumed.get_json()["screen"]
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and mc.client.get(api).get_json()["screen"]["page"] != 3:
        time.sleep(0.05)
    assert mc.client.get(api).get_json()["screen"]["page"] == 3          # pages by itself again


def test_the_welcome_screen_can_be_called_back(app, users, event_id):
    mc = signed_in(app, users, "mc")
    api = f"/api/events/{event_id}/live"
    mc.post(api + "/next")
    mc.post(api + "/next")
    answer = mc.post(api + "/screen", json={"kind": "welcome"})
    assert answer.status_code == 200
    state = answer.get_json()
    assert state["screen"]["kind"] == "welcome" and state["item"]["kind"] == "opening"
    assert mc.post(api + "/screen", json={"kind": "wellcome"}).status_code == 400
