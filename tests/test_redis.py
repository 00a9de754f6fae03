"""Several server processes behind one hall: a step taken on one reaches screens joined to another,
through the real Redis on 127.0.0.1:6379 as Flask-SocketIO's message queue."""
import os
import socket
import subprocess
import sys
import time
import uuid

import pytest
import redis
import requests

from kiosk.extensions import db
from tests.conftest import LiveServer, make_app
from tests.test_sockets import Screen, sign_in

REDIS_URL = os.environ.get("KIOSK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    return REDIS_URL


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_step_on_one_process_reaches_a_screen_on_another(tmp_path, database_url, redis_url, users, app, event_id):
    channel = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        db.session.remove()
    first_app = make_app(tmp_path, url, REDIS_URL=redis_url, SOCKETIO_CHANNEL=channel)
    first = LiveServer(first_app).start()
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url, "SOCKETIO_CHANNEL": channel, "PORT": str(port),
           "HOST": "127.0.0.1", "SECRET_KEY": "test-secret", "KIOSK_INSTANCE": str(tmp_path / "second")}
    second = subprocess.Popen([sys.executable, "-m", "kiosk"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        second_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{second_url}/healthz", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        projector = Screen(second_url, event_id)
        projector.wait_for(1)
        time.sleep(0.3)  # the second process's Redis listener is subscribed
        stepped = sign_in(first.url, users, "mc").post(f"{first.url}/api/events/{event_id}/live/next", timeout=5).json()
        assert projector.wait_for(stepped["version"])["item"]["title"] == "Chào cờ"
        projector.close()
    finally:
        second.terminate()
        second.wait(timeout=10)
        first.stop()
        with first_app.app_context():
            db.session.remove()
            db.engine.dispose()
