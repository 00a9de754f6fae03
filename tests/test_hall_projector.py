"""The hall projector under real operators: bursts of MC steps at any speed end with exactly one slide drawn
(visible, not just present), the last state's; a state it already drew (the periodic re-join) draws nothing
again, so the speaker's countdown never blinks; a projector opened while the server is unreachable waits
calmly and comes up by itself."""

import pytest

pytestmark = pytest.mark.browser

VISIBLE_SLIDES = """() => [...document.querySelectorAll('#screen .slide')].filter((s) => {
    const r = s.getBoundingClientRect(), cs = getComputedStyle(s);
    return r.width > 0 && r.height > 0 && cs.display !== 'none' && cs.visibility !== 'hidden'
        && parseFloat(cs.opacity) > 0;
}).map((s) => ({cls: s.className, text: s.innerText}))"""

# The MC's laptop fires `count` requests `gap` ms apart without waiting for the answers (several presses).
BURST = """async ([url, count, gap, actions]) => {
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const sent = [];
    for (let i = 0; i < count; i++) {
        const [action, body] = actions[i % actions.length];
        sent.push(fetch(url + action, {method: 'POST', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'X-CSRFToken': token}, body: JSON.stringify(body)}));
        if (gap) await new Promise((r) => setTimeout(r, gap));
    }
    await Promise.all(sent);
}"""


def settled(projector, client, event_id):
    """The projector has drawn the server's last version and its fades are over: what is visible then."""
    state = client.get(f"/api/events/{event_id}/live").get_json()
    projector.wait_for_selector(f"#projector[data-version='{state['version']}']")
    projector.wait_for_timeout(700)   # longer than the crossfade
    return state, projector.evaluate(VISIBLE_SLIDES)


def expected_class(state):
    kind = state["screen"]["kind"]
    if kind == "programme":
        if state["item"] is None:
            return "welcome"
        return "flag-salute" if state["item"]["kind"] == "flag_salute" else "programme"
    return kind


@pytest.mark.parametrize("gap", [0, 50, 150, 400])
def test_a_burst_of_steps_ends_with_exactly_one_slide(page_factory, live_server, users, event_id, client, gap):
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    panel = page_factory("mc", users)
    panel.goto(f"{live_server.url}/control/{event_id}")
    url = f"/api/events/{event_id}/live/"
    mixed = [["next", {}], ["screen", {"kind": "blank"}], ["next", {}], ["screen", {"kind": "logo"}],
             ["previous", {}], ["next", {}], ["screen", {"kind": "announcement", "text": "Mời ổn định chỗ ngồi"}]]
    for actions, count in ([[["next", {}]]], 6), (mixed, 7), ([[["next", {}]], [["previous", {}]]][0], 3):
        panel.evaluate(BURST, [url, count, gap, actions])
        state, visible = settled(projector, client, event_id)
        assert len(visible) == 1, visible
        assert expected_class(state) in visible[0]["cls"].split(), (state["screen"], visible)
        if state["item"] and state["screen"]["kind"] == "programme" and state["item"]["kind"] != "flag_salute":
            assert state["item"]["title"] in visible[0]["text"]
        # and nothing else is left in the DOM to come back: one slide element in all
        assert projector.locator("#screen .slide").count() == 1


def test_the_same_version_draws_nothing_again(page_factory, live_server, event_id, mc):
    """The periodic re-join answers with the state already drawn: the slide stays the same element and the
    countdown keeps ticking (it used to be rebuilt every 30 s and blink)."""
    projector = page_factory(width=1280, height=720)
    frames = []
    projector.on("websocket", lambda ws: ws.on(
        "framereceived", lambda payload: "live_state" in str(payload) and frames.append(payload)))
    projector.clock.install()
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    first = mc.client.get(f"/api/events/{event_id}/speeches").get_json()[0]
    answer = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "speaker", "speech_id": first["id"]})
    assert answer.status_code == 200, answer.get_json()
    version = answer.get_json()["version"]
    projector.wait_for_selector(f"#projector[data-version='{version}'] .speaker")
    projector.clock.run_for(2000)
    projector.evaluate("""() => {
        window.__slide = document.querySelector('#screen .speaker');
        window.__changes = 0;
        new MutationObserver((m) => { window.__changes += m.length; })
            .observe(document.getElementById('screen'), {childList: true});
        new MutationObserver((m) => { window.__changes += m.length; })
            .observe(window.__slide, {attributes: true, attributeFilter: ['class']});
    }""")
    before = len(frames)
    projector.clock.run_for(31_000)   # the periodic re-join, answered with the same version
    projector.wait_for_timeout(1000)
    assert len(frames) > before, "the projector asked again and got the state"
    assert projector.evaluate("() => window.__changes") == 0
    assert projector.evaluate("() => document.querySelector('#screen .speaker') === window.__slide")
    assert projector.locator("#screen .slide").count() == 1


def test_a_projector_reloaded_while_the_server_is_unreachable_waits_and_comes_up(page_factory, live_server,
                                                                                 event_id, mc, tmp_path):
    import os
    from pathlib import Path
    shots = Path(os.environ.get("KIOSK_SHOTS") or tmp_path)
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    # the service worker keeps the page and every file it loaded (some only after the page asked it to), as it
    # has long done by the time a projector is reloaded in the hall
    projector.wait_for_function("""async () => {
        const cache = await caches.open('kiosk-screens-v1');
        const files = performance.getEntriesByType('resource').map((entry) => entry.name)
            .filter((url) => new URL(url).pathname.startsWith('/static/'));
        const kept = await Promise.all([location.href, ...files].map((url) => cache.match(url)));
        return files.length > 5 && kept.every(Boolean);
    }""")
    mc.post(f"/api/events/{event_id}/live/next")
    projector.context.set_offline(True)
    projector.reload()
    projector.wait_for_selector(".waiting .subline:text('Đang chờ kết nối tới máy chủ…')")
    projector.wait_for_timeout(1500)
    projector.screenshot(path=str(shots / "projector-waiting-1280x720.png"))
    assert projector.locator("#screen .slide").count() == 1
    projector.context.set_offline(False)
    projector.wait_for_selector(".flag-salute .flag-title", timeout=15000)   # by itself, the current slide
    projector.wait_for_timeout(700)
    assert projector.locator("#screen .slide").count() == 1


def test_a_projector_page_that_never_started_loads_again_when_the_network_is_back(page_factory, live_server,
                                                                                 event_id):
    """Opened offline with a module missing from every copy, a page cannot start and nothing in it would reconnect
    (seen when a projector was reloaded offline: its modules came neither from the service worker nor the HTTP
    cache). static/js/watchdog.js loads such a page again when the browser is back online; a page that started is
    left alone."""
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    assert projector.evaluate("document.documentElement.dataset.started") == "1"
    projector.evaluate("window.stayedHere = true; window.dispatchEvent(new Event('online'))")
    projector.wait_for_timeout(500)
    assert projector.evaluate("window.stayedHere") is True  # started: no reload
    with projector.expect_navigation(timeout=5000):
        projector.evaluate("""delete document.documentElement.dataset.started;  // as if its module had not loaded
                              window.dispatchEvent(new Event('online'))""")
    projector.wait_for_selector(".welcome .headline")
    assert projector.evaluate("window.stayedHere") is None
    assert projector.evaluate("document.documentElement.dataset.started") == "1"
