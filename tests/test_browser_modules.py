"""Every page in real Chromium, served as a strict Content-Security-Policy would serve it: its scripts are ES
modules from our own origin (the vendored libraries excepted), no inline script or handler, no inline style,
and nothing goes wrong in the console while the page does its work."""
import pytest

pytestmark = pytest.mark.browser

# What the app will send once the policy is switched on: scripts, styles and connections from this origin only.
STRICT_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
              "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'")
VENDORED = ("/static/vendor/socket.io.min.js", "/static/vendor/jsQR.js")

# (role signed in, path, what the page shows once its module has run, the page's modules: a screen the service
# worker keeps has static/js/watchdog.js beside its own)
PAGES = [
    (None, "/display/{event}", ".welcome .headline", ("watchdog.js", "projector.js")),
    (None, "/live/{event}", "#now-title:text('Chưa bắt đầu')", "follow.js"),
    (None, "/login", "input[name=username]", None),
    ("mc", "/control/{event}", "#speech-list button[data-speech]", "control.js"),
    ("door", "/checkin/{event}", "#present:text('0')", ("watchdog.js", "checkin.js")),
    ("usher", "/stage/{event}", "#now .stage-item", "stage.js"),
    ("organiser", "/", "h1", None),
    ("organiser", "/admin", "h1", None),
    ("organiser", "/admin/events/new", "h1", None),
    ("organiser", "/admin/events/{event}", "h1", ("file-pick.js", "jobs.js")),
    ("organiser", "/admin/events/{event}/honours", "tr[id^=group-]", ("file-pick.js", "honours-admin.js")),
    ("organiser", "/admin/events/{event}/speeches", ".speech-list", ("file-pick.js", "speeches-admin.js")),
    ("organiser", "/admin/events/{event}/attendance", "[data-total]:text('0/6')", "attendance-admin.js"),
    (None, "/lectern/{event}", "#lectern[data-online='1']", "lectern.js"),
    ("organiser", "/admin/events/{event}/votes", "h1", "votes-admin.js"),
    ("organiser", "/admin/events/{event}/seating", "[data-zones] p:text('Chưa xếp chỗ')", "seating-plan.js"),
    ("organiser", "/kiosk/{event}", "#stand[data-state='idle'] .stand-hint", ("watchdog.js", "stand.js")),
    ("organiser", "/secretariat/{event}", "#opinions p.muted:text('Chưa có ý kiến nào.')", "secretariat.js"),
    ("organiser", "/presidium/{event}", "#summoned:text('6')", "presidium.js"),
]

PAGE_SCRIPTS = """() => ({
    inline: document.querySelectorAll('script:not([src]):not([type="application/json"])').length,
    classic: [...document.querySelectorAll('script[src]')].filter(s => s.type !== 'module')
                 .map(s => new URL(s.src).pathname),
    modules: [...document.querySelectorAll('script[type=module][src]')].map(s => new URL(s.src).pathname),
    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
                 .filter(name => name.startsWith('on')),
    javascript_links: document.querySelectorAll('a[href^="javascript:"]').length,
})"""


@pytest.fixture
def strict_policy(app):
    """The app under test sends STRICT_CSP with every page, for this test only.

    The worker's app has served earlier tests, so Flask no longer takes `app.after_request`: the hook is added to
    the list it reads at each request and taken out again afterwards."""
    def add_policy(response):
        if response.mimetype == "text/html":
            response.headers["Content-Security-Policy"] = STRICT_CSP
        return response
    hooks = app.after_request_funcs.setdefault(None, [])
    hooks.append(add_policy)
    yield
    hooks.remove(add_policy)


def strict_page(page_factory, live_server, users, role, problems):
    """A page signed in as `role`, recording whatever goes wrong in it (a blocked script or style included)."""
    page = page_factory(role, users, width=1440, height=900)
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(
        f"console {message.type}: {message.text} ({message.location.get('url')})"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # (ERR_ABORTED: a load cut short by leaving the page, as the sign-in's start page is left at once)
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED" and problems.append(
        f"request failed: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(
        f"HTTP {response.status}: {response.url}"))
    return page


@pytest.mark.parametrize("role, path, ready, module", PAGES, ids=[p[1].replace("{event}", "N") for p in PAGES])
def test_each_page_runs_its_modules_under_a_strict_policy(strict_policy, page_factory, live_server, users, event_id,
                                                         role, path, ready, module):
    problems = []
    page = strict_page(page_factory, live_server, users, role, problems)
    page.goto(live_server.url + path.format(event=event_id))
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    scripts = page.evaluate(PAGE_SCRIPTS)
    assert scripts["inline"] == 0, "inline <script> in " + path
    assert set(scripts["classic"]) <= set(VENDORED), scripts["classic"]
    assert scripts["handlers"] == [] and scripts["javascript_links"] == 0, scripts
    modules = (module,) if isinstance(module, str) else module or ()
    assert scripts["modules"] == [f"/static/js/{name}" for name in modules]
    assert problems == [], "\n".join(problems)


def test_the_pages_keep_working_under_the_policy(strict_policy, page_factory, live_server, users, event_id):
    """The policy blocks nothing the day needs: the MC steps, the projector and its preview follow, the door
    checks someone in, the attendance page counts them."""
    problems = []
    projector = strict_page(page_factory, live_server, users, None, problems)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    panel = strict_page(page_factory, live_server, users, "mc", problems)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    panel.keyboard.press("ArrowRight")
    projector.wait_for_selector(".flag-salute svg.flag")
    panel.frame_locator("#preview").locator(".flag-salute .flag-title").wait_for()
    panel.click("#group-list button[data-group]")
    projector.wait_for_selector(".honours .recipient")
    assert projector.inner_text(".honours .award") == "BẰNG KHEN ĐỢT 1"

    attendance = strict_page(page_factory, live_server, users, "organiser", problems)
    attendance.goto(f"{live_server.url}/admin/events/{event_id}/attendance")
    attendance.wait_for_selector("[data-total]:text('0/6')")
    door = strict_page(page_factory, live_server, users, "door", problems)
    door.goto(f"{live_server.url}/checkin/{event_id}")
    door.fill("#search", "Binh")
    door.click("#results button")
    door.wait_for_selector('#card[data-result="checked_in"]')
    assert door.inner_text("#card .result-name") == "Trần Thị Bình"
    attendance.wait_for_selector("[data-total]:text('1/6')")
    attendance.wait_for_selector("[data-count]:text('(5)')")
    assert problems == [], "\n".join(problems)


def test_the_delegates_voice_page_runs_its_modules_under_a_strict_policy(strict_policy, page_factory, live_server, users,
                                                                       event_id):
    """The phone's opinions and floor parts (voice/templates/me/), on their own page: the token in the address."""
    from tests.voice_helpers import token_of
    problems = []
    page = strict_page(page_factory, live_server, users, None, problems)
    page.goto(f"{live_server.url}/me/{token_of(live_server.app, event_id)}/voice")
    page.wait_for_selector("#floor-item option", state="attached")
    page.wait_for_load_state("networkidle")
    scripts = page.evaluate(PAGE_SCRIPTS)
    assert scripts["inline"] == 0 and scripts["handlers"] == [] and scripts["javascript_links"] == 0, scripts
    assert set(scripts["classic"]) <= set(VENDORED), scripts["classic"]
    assert scripts["modules"] == ["/static/js/me/opinions.js", "/static/js/me/floor.js"]
    assert problems == [], "\n".join(problems)
