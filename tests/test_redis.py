"""Several server processes behind one hall: a step taken on one reaches screens joined to another,
through the real Redis on 127.0.0.1:6379 as Flask-SocketIO's message queue."""
import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
import requests

from kiosk.extensions import db
from tests.helpers import Screen, sign_in, wait_for_subscribers


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(tmp_path, name, database_url, redis_url, channel):
    """`python -m kiosk` in its own process, as a second hall server would run (started, not yet answering)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url, "SOCKETIO_CHANNEL": channel,
           "PORT": str(port), "HTTPS_PORT": "0", "HOST": "127.0.0.1",
           "SECRET_KEY": "test-secret", "KIOSK_INSTANCE": str(tmp_path / name)}
    process = subprocess.Popen([sys.executable, "-m", "kiosk"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    return process, f"http://127.0.0.1:{port}"


def wait_until_up(url):
    deadline = time.monotonic() + 90  # a busy machine starts a server slowly; the wait ends when it answers
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except requests.RequestException:  # not listening yet, or gunicorn's worker still loading the app
            time.sleep(0.1)


@pytest.mark.process
def test_a_step_on_one_process_reaches_a_screen_on_another(tmp_path, redis_url, users, app, event_id):
    channel = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    with app.app_context():
        database_url = app.config["SQLALCHEMY_DATABASE_URI"]
        db.session.remove()
    first, first_url = serve(tmp_path, "first", database_url, redis_url, channel)
    second, second_url = serve(tmp_path, "second", database_url, redis_url, channel)
    try:
        wait_until_up(first_url)  # both processes start at the same time
        wait_until_up(second_url)
        projector = Screen(second_url, event_id)
        projector.wait_for(1)
        # the second process listens (Socket.IO starts a process's listener with its first client): a step
        # published by the first from now on reaches the projector
        wait_for_subscribers(redis_url, channel, 1)
        stepped = sign_in(first_url, users, "mc").post(f"{first_url}/api/events/{event_id}/live/next", timeout=5).json()
        assert projector.wait_for(stepped["version"])["item"]["title"] == "Chào cờ"
        projector.close()
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=60)


@pytest.mark.process
def test_a_door_on_one_process_counts_for_a_watcher_on_another(tmp_path, redis_url, users, app, event_id):
    """The MC panel watches the attendance on the second process; the doors scan on the first, whose own
    clients watch nothing: the first learns through Redis that someone watches, and the count arrives."""
    from models import Delegate
    channel = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    with app.app_context():
        database_url = app.config["SQLALCHEMY_DATABASE_URI"]
        codes = [d.code for d in db.session.query(Delegate).filter_by(event_id=event_id).order_by(Delegate.number)]
        db.session.remove()
    first, first_url = serve(tmp_path, "first", database_url, redis_url, channel)
    second, second_url = serve(tmp_path, "second", database_url, redis_url, channel)
    try:
        wait_until_up(first_url)
        wait_until_up(second_url)
        panel = Screen(second_url, event_id, sign_in(second_url, users, "mc").cookies.get_dict())
        counts = []
        panel.sio.on("attendance", counts.append)
        assert panel.sio.call("watch_attendance", {"event_id": event_id}, timeout=5) == {"ok": True}
        door = sign_in(first_url, users, "door")
        for code in codes[:2]:
            answer = door.post(f"{first_url}/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"},
                               timeout=5).json()
            assert answer["result"] == "checked_in"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (counts and counts[-1]["present"] == 2):
            time.sleep(0.02)
        assert counts[0]["present"] == 0 and counts[-1]["present"] == 2
        panel.close()
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=60)


def test_nobody_watching_on_any_process_means_no_counting(app, redis_url, event_id):
    """Counting a big list for nobody took most of the database's time in a rush of scans; a watcher on another
    process (its word in Redis) brings the counting back."""
    from checkin import feed
    from kiosk.realtime import rooms
    channel = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    app.config.update(SOCKETIO_CHANNEL=channel, REDIS_URL=redis_url)
    key = f"{channel}:occupied:{feed.room(event_id)}"
    try:
        with app.app_context():
            assert rooms.occupied(feed.room(event_id)) is False
            rooms._redis().set(key, 1, ex=5)  # what a process whose MC panel watches says
            time.sleep(rooms.READ_SECONDS + 0.05)  # what this process read of the others is trusted this long
            assert rooms.occupied(feed.room(event_id)) is True
            rooms._redis().delete(key)
    finally:
        rooms._read.clear()
        client = app.extensions.pop("kiosk_rooms_redis", None)
        if client is not None:
            client.close()


def test_failed_sign_ins_count_across_processes_on_redis(app, redis_url):
    """Two processes' throttles on one Redis count the same failures: sign-in need not be sticky behind nginx."""
    from kiosk.identity.throttle import LoginThrottle
    prefix = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    first, second = LoginThrottle(redis_url, prefix), LoginThrottle(redis_url, prefix)
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 4
    with app.app_context():
        for throttle in (first, second, first, second):
            assert not throttle.blocked("10.0.0.9", "mc1")
            throttle.failed("10.0.0.9", "mc1")
        assert first.blocked("10.0.0.9", "mc1") and second.blocked("10.0.0.9", "MC1")
        assert not second.blocked("10.0.0.10", "mc1")
        assert len(first) == len(second) == 0  # nothing kept in either process's memory
        unreachable = LoginThrottle("redis://127.0.0.1:1/0", prefix)  # Redis gone: counted in memory instead
        unreachable.failed("10.0.0.9", "mc1")
        assert len(unreachable) > 0
