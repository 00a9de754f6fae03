"""Issue 26: axe-core (WCAG 2.1 A and AA rules, vendored in tests/vendor/) finds no violation on the pages the
hall uses, each in Vietnamese (lang="vi")."""
from pathlib import Path

import pytest

from tests.test_votes import delegates_of

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.map((v) => v.id + ' (' + v.impact + '): '
      + v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
        .join(' | '));
}"""


def violations(page):
    page.add_script_tag(path=str(AXE))
    assert page.evaluate("document.documentElement.lang") == "vi"
    return page.evaluate(RUN)


PAGES = [
    (None, "/login", "form"),
    (None, "/display/{event}", "#projector[data-version]"),
    (None, "/lectern/{event}", "#lectern[data-online='1']"),
    (None, "/live/{event}", "body"),
    (None, "/vote/{token}", "#votes"),
    (None, "/me/{token}", "#now-title:not(:text('…'))"),
    ("mc", "/control/{event}", "#conn.up"),
    ("door", "/checkin/{event}", "#present:not(:text('–'))"),
    ("usher", "/stage/{event}", "body"),
    (None, "/me/{token}/voice", "#floor-item:has(option)"),
    ("organiser", "/secretariat/{event}", "#conn.up"),
    ("organiser", "/presidium/{event}", "#summoned:text('6')"),
]


def page_id(path: str) -> str:
    return path.split("/")[1] + ("-" + path.split("/")[-1] if path.startswith("/me/") else "")


@pytest.mark.parametrize("role, path, ready", PAGES, ids=[page_id(p[1]) for p in PAGES])
def test_no_axe_violation(app, page_factory, live_server, users, event_id, role, path, ready):
    token = delegates_of(app, event_id)[0][1]
    page = page_factory(role, users, width=1280, height=800)
    page.goto(live_server.url + path.format(event=event_id, token=token))
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    found = violations(page)
    assert found == [], "\n".join(found)


def test_axe_sees_a_violation_when_there_is_one(page_factory, live_server):
    """The check itself: the same run finds a button with no name and grey-on-white text."""
    page = page_factory(width=800, height=600)
    page.goto(f"{live_server.url}/login")
    page.evaluate("""() => { document.body.insertAdjacentHTML('beforeend',
        '<button id="nameless"></button><p style="color:#bbb;background:#fff">Chữ mờ</p>'); }""")
    found = " ".join(violations(page))
    assert "button-name" in found and "color-contrast" in found
