"""The loop's watch (kiosk.serving.loopwatch) and the password hashes off the loop (kiosk.identity.passwords), under
gevent as the server runs them: each in a Python process of its own, monkey-patched as gunicorn's gevent worker is.
No clock is asserted but a stall made three times longer than the limit it must be caught by."""
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk.identity import passwords

ROOT = Path(__file__).resolve().parent.parent

HOLD_THE_LOOP = """
from gevent import monkey; monkey.patch_all()
import json, logging, sys, time
import gevent
import gevent.events
from flask import Flask
from kiosk.serving import loopwatch
logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s %(message)s")
watch = loopwatch.start(Flask("t"))
reports = []
gevent.events.subscribers.append(lambda event: reports.append("".join(map(str, getattr(event, "info", [])))))

def an_open_websocket():
    gevent.sleep(600)

sockets = [gevent.spawn(an_open_websocket) for _ in range(300)]  # the hall's open sockets, waiting
gevent.sleep(0.3)

def busy_request():
    watch.requests[gevent.getcurrent()] = "GET /api/events/1/badges.pdf"
    end = time.perf_counter() + 0.3   # a greenlet that holds the loop for 300 ms of CPU
    while time.perf_counter() < end:
        pass

deadline = time.monotonic() + 60  # on a machine at load 30 the monitor thread may miss one stall: hold it again
while time.monotonic() < deadline:
    gevent.spawn(busy_request).join()
    gevent.sleep(0.3)  # the watch and the monitor's report have their turn
    figures = watch.figures()
    if any(r["cause"] for r in figures["recent"]) and figures["stalls"]:
        break
print(json.dumps({**watch.figures(), "reports": reports}))
"""


def test_a_greenlet_holding_the_loop_is_caught_and_named():
    done = subprocess.run([sys.executable, "-c", HOLD_THE_LOOP], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["running"] and figures["stalls"] >= 1 and figures["max_lag_ms"] >= 100
    (caught,) = [r for r in figures["recent"] if r["cause"]][:1]
    assert caught["cause"].startswith("GET /api/events/1/badges.pdf tại ") and "busy_request" in caught["cause"]
    assert "Vòng sự kiện bị giữ hơn" in done.stderr and "GET /api/events/1/badges.pdf" in done.stderr


def test_a_stall_s_report_holds_the_blocked_stack_not_every_open_socket_s():
    """gevent's own report rendered the stack of every greenlet: with a thousand open websockets it held the loop
    longer than the stall it reported (kiosk.loopwatch._report_stalls_cheaply)."""
    done = subprocess.run([sys.executable, "-c", HOLD_THE_LOOP], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    reports = [r for r in json.loads(done.stdout)["reports"] if r]
    assert reports and all("busy_request" in r for r in reports)
    assert not any("an_open_websocket" in r for r in reports)


HASH_IN_A_THREAD = """
from gevent import monkey; monkey.patch_all()
import json, threading
import kiosk.identity.passwords as passwords
from werkzeug.security import generate_password_hash
where = []
real = passwords.check_password_hash
passwords.check_password_hash = lambda h, p: where.append(threading.get_native_id()) or real(h, p)
ok = passwords.check(generate_password_hash("mot-mat-khau", "pbkdf2:sha256:1"), "mot-mat-khau")
print(json.dumps({"ok": ok, "hashed_in": where, "loop": threading.get_native_id()}))
"""


def test_under_gevent_a_password_is_hashed_outside_the_loop_s_thread():
    done = subprocess.run([sys.executable, "-c", HASH_IN_A_THREAD], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["ok"] is True and len(answer["hashed_in"]) == 1 and answer["hashed_in"][0] != answer["loop"]


class CountingSlots:
    """The hashes' semaphore, counting who has asked for a slot."""

    def __init__(self, cap):
        self.inner, self.arrived = threading.BoundedSemaphore(cap), 0

    def acquire(self, timeout=None):
        self.arrived += 1
        return self.inner.acquire(timeout=timeout)

    def release(self):
        self.inner.release()


def test_no_more_than_the_cap_of_hashes_run_at_once(app, users, monkeypatch):
    monkeypatch.setattr(passwords, "_slots", CountingSlots(2))
    inside, most, release = [], [], threading.Event()

    def slow_hash(password_hash, password):
        inside.append(1)
        most.append(len(inside))
        release.wait(60)
        inside.pop()
        return False
    monkeypatch.setattr(passwords, "check_password_hash", slow_hash)
    answers = []

    def sign_in(n):
        answers.append(app.test_client().post("/api/login", json={"username": "mc1", "password": f"sai-{n}"},
                                              environ_base={"REMOTE_ADDR": f"10.0.1.{n}"}).status_code)
    threads = [threading.Thread(target=sign_in, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while (passwords._slots.arrived < 6 or len(inside) < 2) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert passwords._slots.arrived == 6 and len(inside) == 2  # six sign-ins at the door, two hashing
    release.set()
    for thread in threads:
        thread.join(60)
    assert max(most) == 2 and answers == [401] * 6


def test_a_sign_in_that_waits_too_long_for_a_hash_is_asked_to_try_again(client, users, monkeypatch):
    monkeypatch.setattr(passwords, "_slots", CountingSlots(1))
    monkeypatch.setattr(passwords, "WAIT_SECONDS", 0)
    assert passwords._slots.acquire()
    try:
        answer = client.post("/api/login", json={"username": "mc1", "password": users["mc"][1]})
    finally:
        passwords._slots.release()
    assert answer.status_code == 503 and answer.get_json()["message"].startswith("Máy chủ đang bận")


@pytest.mark.parametrize("role", ["mc", "door"])
def test_only_the_organiser_reads_the_loop_s_figures(organiser, role, request):
    assert request.getfixturevalue(role).client.get("/api/loop").status_code == 403
    assert organiser.client.get("/api/loop").get_json() == {"running": False}  # a threaded server has no loop
