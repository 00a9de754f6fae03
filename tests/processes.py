"""The server as production runs it, in processes of its own: gunicorn with gunicorn.conf.py, started, killed
with SIGKILL and started again; and the clients that follow it across such a restart."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
import socketio

from kiosk.extensions import db
from models import Delegate

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server stopped: {process.returncode}"
        try:
            if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


class Served:
    """`make serve` without make: gunicorn -c gunicorn.conf.py, in its own process group, on a free port."""

    def __init__(self, app, instance: Path, redis_url: str | None = None, channel: str | None = None, port=None,
                 https_port: int = 0):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "PORT": str(self.port),
                    "HOST": "127.0.0.1", "SECRET_KEY": app.config["SECRET_KEY"], "KIOSK_INSTANCE": str(instance),
                    "HONOURS_AUTO_PAGE_SECONDS": "0", "HTTPS_PORT": str(https_port)}
        if redis_url:
            self.env.update(REDIS_URL=redis_url, SOCKETIO_CHANNEL=channel)
        self.process = None

    def start(self):
        self.process = subprocess.Popen([GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")], cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until_up(self.url, self.process)
        return self

    def kill(self):
        """SIGKILL to gunicorn and its worker at once: a power cut, not a shutdown."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()


class ReconnectingScreen:
    """A projector's Socket.IO client: it reconnects by itself and joins again, as static/js/live-client does."""

    def __init__(self, url: str, event_id: int):
        self.versions: list[int] = []
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1)
        self.sio.on("connect", lambda: self.sio.emit("join", {"event_id": event_id}))
        self.sio.on("live_state", lambda state: self.versions.append(state["version"]))
        self.sio.connect(url, transports=["websocket"], wait_timeout=5)

    def wait_for(self, version: int, seconds: float = 20.0) -> float:
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if version in self.versions:
                return time.monotonic() - started
            time.sleep(0.02)
        raise AssertionError(f"no live_state {version} within {seconds} s; got {self.versions[-5:]}")

    def close(self):
        self.sio.disconnect()


def add_delegates(app, event_id: int, count: int) -> list[str]:
    with app.app_context():
        people = [Delegate(event_id=event_id, number=1000 + n, full_name=f"Đại biểu {n:04d}", unit="Xã Vũ Hội")
                  for n in range(count)]
        db.session.add_all(people)
        db.session.commit()
        codes = [p.code for p in people]
        db.session.remove()
    return codes
