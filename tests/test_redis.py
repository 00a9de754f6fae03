"""Several server processes behind one hall: a step taken on one reaches screens joined to another,
through the real Redis on 127.0.0.1:6379 as Flask-SocketIO's message queue."""
import os
import socket
import subprocess
import sys
import time
import uuid

import requests

from kiosk.extensions import db
from tests.helpers import Screen, sign_in


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
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except requests.RequestException:  # not listening yet, or gunicorn's worker still loading the app
            time.sleep(0.1)


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
        time.sleep(0.3)  # the second process's Redis listener is subscribed
        stepped = sign_in(first_url, users, "mc").post(f"{first_url}/api/events/{event_id}/live/next", timeout=5).json()
        assert projector.wait_for(stepped["version"])["item"]["title"] == "Chào cờ"
        projector.close()
    finally:
        for process in (first, second):
            process.terminate()
            process.wait(timeout=10)
