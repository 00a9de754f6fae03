"""Issue 26: on the MC panel a key does what the focused control says. Space and Enter press the focused
button (never the page's "next"); the page's keys act only when no control has the focus, or with Alt; Esc
leaves a control; the keys are listed on the panel and can be switched off (kept after a reload)."""
import pytest

pytestmark = pytest.mark.browser


def open_panel(page_factory, live_server, users, event_id):
    panel = page_factory("mc", users, width=1440, height=900)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    return panel


def state(client, event_id):
    return client.get(f"/api/events/{event_id}/live").get_json()


def wait_screen(panel, client, event_id, version):
    panel.wait_for_function("(v) => Number(document.getElementById('version').textContent) >= v", arg=version)
    return state(client, event_id)


def step(panel, client, event_id, key, focus=None):
    """Presses `key` (on the control `focus` when given) and returns the live state it led to."""
    version = state(client, event_id)["version"]
    if focus:
        panel.focus(focus)
    panel.keyboard.press(key)
    return wait_screen(panel, client, event_id, version + 1)


def test_space_and_enter_press_the_focused_button(page_factory, live_server, users, event_id, client):
    panel = open_panel(page_factory, live_server, users, event_id)
    for _ in range(3):
        after = step(panel, client, event_id, "ArrowRight")
    third = after["item"]["id"]
    # Space on a focused "← Trước" goes back, as the button says
    back = step(panel, client, event_id, "Space", focus="#prev")
    assert back["item"]["id"] != third and back["version"] == after["version"] + 1
    assert panel.evaluate("document.activeElement.id") == "prev"  # the keyboard keeps its place
    # Enter on "Tiếp →" goes forward
    assert step(panel, client, event_id, "Enter", focus="#next")["item"]["id"] == third
    # Space on "Màn hình đen (B)" blanks the screen, and does not move the programme
    blank = step(panel, client, event_id, "Space", focus="button[data-screen=blank]")
    assert blank["screen"]["kind"] == "blank" and blank["item"]["id"] == third
    assert panel.inner_text("#now") == "Màn hình đen"


def test_page_keys_wait_for_no_focus_or_alt(page_factory, live_server, users, event_id, client):
    panel = open_panel(page_factory, live_server, users, event_id)
    before = state(client, event_id)
    panel.focus("#prev")
    assert before["screen"]["kind"] == "programme"
    panel.keyboard.press("b")          # on a focused button a letter is not a command
    panel.keyboard.press("ArrowRight")
    shown = step(panel, client, event_id, "Alt+l")  # with Alt it is, even there
    assert shown["screen"]["kind"] == "logo" and shown["version"] == before["version"] + 1
    assert panel.evaluate("document.activeElement.id") == "prev"
    panel.keyboard.press("Escape")     # Esc leaves the button: the keys are commands again
    assert panel.evaluate("document.activeElement === document.body")
    logo = step(panel, client, event_id, "p")
    assert logo["screen"]["kind"] == "programme" and logo["version"] == shown["version"] + 1
    # a button pressed with the mouse gives the focus back, so the next key is a command
    panel.click("button[data-screen=welcome]")
    welcome = wait_screen(panel, client, event_id, logo["version"] + 1)
    assert welcome["screen"]["kind"] == "welcome"
    assert step(panel, client, event_id, "b")["screen"]["kind"] == "blank"


def test_the_keys_are_listed_and_can_be_switched_off(page_factory, live_server, users, event_id, client):
    panel = open_panel(page_factory, live_server, users, event_id)
    listed = panel.inner_text("#shortcuts")
    for words in ("Bật phím tắt", "Alt", "Space", "Enter", "Esc", "màn hình đen", "biểu trưng"):
        assert words in listed, words
    assert panel.is_visible("#keys-on") and panel.is_checked("#keys-on")
    panel.click("#keys-on")
    assert not panel.is_checked("#keys-on")
    before = state(client, event_id)
    for key in ("b", "ArrowRight", "Space", "Alt+l"):
        panel.keyboard.press(key)
    panel.click("#next")               # the buttons still work, and only they did
    after = wait_screen(panel, client, event_id, before["version"] + 1)
    assert after["version"] == before["version"] + 1 and after["screen"]["kind"] != "blank"
    panel.reload()
    panel.wait_for_selector("#conn.up")
    assert not panel.is_checked("#keys-on")  # kept on this computer
    panel.click("#keys-on")
    assert step(panel, client, event_id, "b")["screen"]["kind"] == "blank"
