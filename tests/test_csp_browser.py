"""The Content-Security-Policy in real Chromium, never bypassed: every page runs its own scripts, styles, fonts and
socket under it, and the browser reports no violation."""
import pytest

from tests.helpers import sign_in_page

pytestmark = pytest.mark.browser

PAGES = [
    (None, "/"), (None, "/login"), (None, "/display/{id}"), (None, "/live/{id}"),
    ("mc", "/control/{id}"), ("door", "/checkin/{id}"), ("organiser", "/admin"), ("organiser", "/kiosk/{id}"),
]
# the organiser's list pages, which carried inline scripts until they moved into static/js (STYLE.md)
LIST_PAGES = [("organiser", "/admin/events/{id}/honours"), ("organiser", "/admin/events/{id}/speeches"),
                       ("organiser", "/admin/events/{id}/attendance")]


def open_page(browser, live_server, users, role, path):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN", bypass_csp=False)
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: violations.append(str(e)) if "Content Security Policy" in str(e) else None)
    if role:
        sign_in_page(page, live_server.url, *users[role])
    return context, page, violations


def _check(browser, live_server, users, event_id, role, path):
    context, page, violations = open_page(browser, live_server, users, role, path)
    try:
        answer = page.goto(live_server.url + path.format(id=event_id))
        assert answer.status == 200
        assert "script-src 'self'" in answer.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        # the page's own module ran, and its styles and fonts loaded
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(("\"Be Vietnam Pro\"",
                                                                                        "Be Vietnam Pro"))
        assert violations == []
    finally:
        context.close()


@pytest.mark.parametrize("role, path", PAGES)
def test_pages_run_under_the_policy_without_violations(browser, live_server, users, event_id, role, path):
    _check(browser, live_server, users, event_id, role, path)


@pytest.mark.parametrize("role, path", LIST_PAGES)
def test_admin_list_pages_under_the_policy(browser, live_server, users, event_id, role, path):
    context, page, violations = open_page(browser, live_server, users, role, path)
    try:
        page.goto(live_server.url + path.format(id=event_id))
        page.wait_for_load_state("networkidle")
        assert violations == []
    finally:
        context.close()


def test_the_projector_follows_the_mc_under_the_policy(browser, live_server, users, event_id):
    """The socket (connect-src) and the live client run: a step by the MC reaches the projector."""
    import requests
    context, page, violations = open_page(browser, live_server, users, None, "/display/{id}")
    try:
        page.goto(f"{live_server.url}/display/{event_id}")
        page.wait_for_selector("#projector[data-version='1']")
        mc = requests.Session()
        token = mc.post(f"{live_server.url}/api/login", json={"username": users["mc"][0], "password": users["mc"][1]},
                        timeout=5).json()["csrf_token"]
        mc.post(f"{live_server.url}/api/events/{event_id}/live/next", headers={"X-CSRFToken": token}, timeout=5)
        page.wait_for_selector("#projector[data-version='2']", timeout=10000)
        assert violations == []
    finally:
        context.close()


def test_a_tablet_pairs_with_one_tap_and_opens_its_door(browser, live_server, users, event_id):
    """No password at the door: the tablet opens the code's link, taps once, and is on the door page as that door."""
    from urllib.parse import urlsplit

    import requests
    organiser = requests.Session()
    token = organiser.post(f"{live_server.url}/api/login", json={"username": users["organiser"][0],
                                                                  "password": users["organiser"][1]}, timeout=5)
    made = organiser.post(f"{live_server.url}/api/events/{event_id}/doors/pairings", json={"door": "Cửa Đông"},
                          headers={"X-CSRFToken": token.json()["csrf_token"]}, timeout=5).json()
    context, page, violations = open_page(browser, live_server, users, None, "")
    try:
        page.goto(live_server.url + urlsplit(made["url"]).path)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/checkin/{event_id}")
        page.wait_for_selector("#door")
        assert page.input_value("#door") == "Cửa Đông"
        assert violations == []
    finally:
        context.close()


def test_the_doors_page_shows_a_scannable_code(browser, live_server, users, event_id, tmp_path):
    context, page, violations = open_page(browser, live_server, users, "organiser", "")
    try:
        page.goto(f"{live_server.url}/admin/events/{event_id}/doors")
        page.fill("input[name=door]", "Cửa Tây")
        page.click("#pair button")
        page.wait_for_selector(".pairing-qr")
        assert page.evaluate("document.querySelector('.pairing-qr').naturalWidth") > 100  # the SVG drew
        assert "/pair/" in page.text_content(".pairing-url") and violations == []
        page.screenshot(path=str(tmp_path / "doors.png"), full_page=True)
    finally:
        context.close()
