"""Opinions and requests to speak over Socket.IO (issue 23, point 5): the secretariat receives each opinion as it
arrives, the presidium only the forwarded ones, the MC panels the requests to speak; the event's public room (every
projector and phone) none of it. The check that the public room got nothing waits first for a live step that the
same room receives after the opinion was sent."""
import threading
import time

import pytest
import requests

from tests.helpers import Screen, close_all, sign_in
from tests.voice_helpers import item_of_kind, token_of, voice_accounts


class Watcher(Screen):
    """A socket client that also records `opinion` and `floor_request` messages."""

    def __init__(self, url, event_id, cookies=None):
        super().__init__(url, event_id, cookies)
        self.opinions, self.floor = [], []
        self.sio.on("opinion", self.opinions.append)
        self.sio.on("floor_request", self.floor.append)


def until(check, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    raise AssertionError("not in time")


@pytest.fixture
def accounts(app, users, event_id):
    return voice_accounts(app, users)


def watcher(live_server, accounts, event_id, role=None):
    cookies = sign_in(live_server.url, accounts, role).cookies.get_dict() if role else None
    return Watcher(live_server.url, event_id, cookies)


def test_the_secretariat_receives_opinions_live_and_the_public_room_does_not(app, live_server, accounts, event_id):
    secretariat = watcher(live_server, accounts, event_id, "secretary")
    presidium = watcher(live_server, accounts, event_id, "presidium")
    projector, mc_panel = watcher(live_server, accounts, event_id), watcher(live_server, accounts, event_id, "mc")
    try:
        assert secretariat.sio.call("watch_opinions", {"event_id": event_id}, timeout=5) == {
            "ok": True, "forwarded_only": False}
        assert presidium.sio.call("watch_opinions", {"event_id": event_id}, timeout=5) == {
            "ok": True, "forwarded_only": True}
        token = token_of(app, event_id)
        sent = requests.post(f"{live_server.url}/api/me/{token}/opinions", json={"text": "Ý kiến từ điện thoại"},
                             timeout=5).json()
        until(lambda: secretariat.opinions)
        assert secretariat.opinions[0]["id"] == sent["id"] and secretariat.opinions[0]["status"] == "received"
        assert secretariat.opinions[0]["delegate"]["full_name"] == "Nguyễn Văn An"
        secretary = sign_in(live_server.url, accounts, "secretary")
        secretary.post(f"{live_server.url}/api/events/{event_id}/opinions/{sent['id']}/forward", timeout=5)
        until(lambda: presidium.opinions)
        assert [(o["id"], o["status"]) for o in presidium.opinions] == [(sent["id"], "forwarded")]
        until(lambda: len(secretariat.opinions) == 2)
        # a step the public room must receive, after the opinion and its forwarding
        version = projector.states[-1]["version"]
        sign_in(live_server.url, accounts, "mc").post(f"{live_server.url}/api/events/{event_id}/live/next", timeout=5)
        projector.wait_for(version + 1)
        mc_panel.wait_for(version + 1)
        assert projector.opinions == [] and mc_panel.opinions == []
    finally:
        close_all(secretariat, presidium, projector, mc_panel)


@pytest.mark.parametrize("role", [None, "door", "usher", "display", "mc"])
def test_opinions_are_refused_to_other_sockets(live_server, accounts, event_id, role):
    other = watcher(live_server, accounts, event_id, role)
    try:
        answer = other.sio.call("watch_opinions", {"event_id": event_id}, timeout=5)
        assert answer["error"] == ("unauthorized" if role is None else "forbidden")
    finally:
        other.close()


def test_the_mc_panel_receives_requests_and_the_speakers_list_moves_on_every_screen(app, live_server, accounts,
                                                                                     event_id):
    mc_panel, projector = watcher(live_server, accounts, event_id, "mc"), watcher(live_server, accounts, event_id)
    secretariat = watcher(live_server, accounts, event_id, "secretary")
    try:
        assert mc_panel.sio.call("watch_floor", {"event_id": event_id}, timeout=5) == {"ok": True}
        assert secretariat.sio.call("watch_floor", {"event_id": event_id}, timeout=5)["error"] == "forbidden"
        token, speeches = token_of(app, event_id), item_of_kind(app, event_id, "speeches")
        asked = requests.post(f"{live_server.url}/api/me/{token}/floor",
                              json={"item_id": speeches, "topic": "Xin phát biểu về chuyển đổi số"}, timeout=5).json()
        until(lambda: mc_panel.floor)
        assert mc_panel.floor[0]["id"] == asked["id"] and mc_panel.floor[0]["status"] == "requested"
        before = projector.states[-1]
        mc = sign_in(live_server.url, accounts, "mc")
        mc.post(f"{live_server.url}/api/events/{event_id}/floor/{asked['id']}/accept", timeout=5)
        state = projector.wait_for(before["version"] + 1)
        assert state["content_version"] > before["content_version"]  # screens read the speakers' list again
        until(lambda: len(mc_panel.floor) == 2)
        assert mc_panel.floor[1]["status"] == "accepted" and projector.floor == []
    finally:
        close_all(mc_panel, projector, secretariat)


def test_three_hundred_opinions_in_a_burst_all_reach_the_secretariat(app, live_server, accounts, event_id):
    """The bench (bench/opinions.py) measures the minute; this checks that none is lost or reordered in a burst
    from many phones at once."""
    app.config["OPINIONS_PER_MINUTE"] = 1000
    secretariat = watcher(live_server, accounts, event_id, "secretary")
    try:
        secretariat.sio.call("watch_opinions", {"event_id": event_id}, timeout=5)
        tokens = [token_of(app, event_id, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường")]
        sent, lock = [], threading.Lock()

        def phone(n):
            session = requests.Session()
            for i in range(n, 300, 6):
                answer = session.post(f"{live_server.url}/api/me/{tokens[i % 3]}/opinions", json={"text": f"Ý kiến {i}"},
                                      timeout=10)
                with lock:
                    sent.append(answer.json()["id"])
        threads = [threading.Thread(target=phone, args=(n,)) for n in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        until(lambda: len(secretariat.opinions) >= 300, timeout=30)
        received = [o["id"] for o in secretariat.opinions]
        assert sorted(received) == sorted(sent) and len(set(received)) == 300
        assert received == sorted(received)  # in the order they were kept
    finally:
        secretariat.close()
