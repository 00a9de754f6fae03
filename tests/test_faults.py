"""The hall's services fail under load: PostgreSQL restarts while doors scan, Redis restarts while the MC steps.
Clients see a clear answer or a short wait, never a wrong one, and everything recovers by itself.

Each test starts its own PostgreSQL cluster or Redis server on a free port, so restarting it disturbs nobody."""
import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from kiosk import create_app
from kiosk.extensions import db
from kiosk.identity.accounts import create_account
from tests.factories import build_event
from tests.fixtures.accounts import PASSWORDS
from tests.helpers import sign_in, unavailable
from tests.processes import ReconnectingScreen, Served, add_delegates, free_port

PG_BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), None)
REDIS_SERVER = shutil.which("redis-server")


def _missing(what: str):
    unavailable(f"{what} is not available for the fault tests")


class PrivateRedis:
    def __init__(self, directory):
        self.port, self.directory, self.process = free_port(), directory, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen([REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                         "--appendonly", "no", "--dir", str(self.directory)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True,
                             check=False).stdout.strip() != "PONG":
            assert time.monotonic() < deadline, "private redis did not start"
            time.sleep(0.05)
        return self

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


class PrivatePostgres:
    """A throwaway cluster owned by the postgres user, trust auth on loopback."""

    def __init__(self, directory):
        self.port, self.data = free_port(), directory / "pgdata"
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *args):
        user = pwd.getpwnam("postgres")
        done = subprocess.run(list(args), capture_output=True, text=True, timeout=60, check=False,
                              preexec_fn=lambda: (os.setgid(user.pw_gid), os.setuid(user.pw_uid)))
        assert done.returncode == 0, done.stderr

    def init(self):
        self.data.mkdir(parents=True)
        shutil.chown(self.data, "postgres", "postgres")
        self._as_postgres(f"{PG_BIN}/initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        return self

    def start(self):
        self._as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-w", "-l", str(self.data / "log"), "-o",
                          f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1", "start")
        return self

    def stop(self, mode="fast"):
        self._as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-w", "-m", mode, "stop")


@pytest.fixture
def private_redis(tmp_path):
    if not REDIS_SERVER:
        _missing("redis-server")
    server = PrivateRedis(tmp_path).start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def private_postgres():
    if not PG_BIN:
        _missing("PostgreSQL's server binaries")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        _missing("the postgres user")
    # outside pytest's own temporary folder, which the postgres user may not enter
    directory = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
    directory.chmod(0o755)  # postgres must reach its data folder inside
    server = PrivatePostgres(directory).init().start()
    yield server
    with contextlib.suppress(AssertionError):
        server.stop("immediate")
    shutil.rmtree(directory, ignore_errors=True)


def test_doors_ride_out_a_postgresql_restart(private_postgres, tmp_path, users_on_private):
    app, users, event_id = users_on_private(private_postgres.url)
    codes = add_delegates(app, event_id, 1500)
    server = Served(app, tmp_path / "instance").start()
    doors = [sign_in(server.url, users, "door") for _ in range(8)]
    answers: list[tuple[str, int, dict]] = []
    stop = threading.Event()

    def door(index: int):
        pending = list(codes[index::8])
        while pending and not stop.is_set():
            code = pending[0]
            answer = doors[index].post(f"{server.url}/api/events/{event_id}/checkin", json={"code": code}, timeout=10)
            answers.append((code, answer.status_code, answer.json()))
            if answer.status_code == 200:
                pending.pop(0)
            else:
                time.sleep(0.2)  # as the tablet does: wait a moment, then send the same scan again

    threads = [threading.Thread(target=door, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    private_postgres.stop("fast")
    time.sleep(1.0)
    private_postgres.start()
    for thread in threads:
        thread.join(timeout=60)
    stop.set()
    server.stop()

    statuses = {status for _, status, _ in answers}
    assert statuses <= {200, 503}, f"unexpected answers: {statuses}"
    assert 503 in statuses, "the outage was not seen: the test did not test it"
    for _, status, body in answers:
        if status == 503:
            assert body["error"] == "database_unavailable" and "thử lại" in body["message"]
    results = [body["result"] for _, status, body in answers if status == 200]
    # every badge checked in exactly once, even those whose first try met the outage
    assert results.count("checked_in") == len(codes)
    assert set(results) <= {"checked_in"}
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM delegates WHERE checked_in_at IS NOT NULL "
                                 "AND event_id = :e"), {"e": event_id}).scalar() == len(codes)
    engine.dispose()


def test_screens_ride_out_a_redis_restart(app, private_redis, tmp_path, users, event_id):
    channel = f"kiosk-test-{uuid.uuid4().hex[:8]}"
    with app.app_context():
        db.session.remove()
    first = Served(app, tmp_path / "first", redis_url=private_redis.url, channel=channel).start()
    second = Served(app, tmp_path / "second", redis_url=private_redis.url, channel=channel).start()
    try:
        projector = ReconnectingScreen(second.url, event_id)
        projector.wait_for(1)
        time.sleep(0.3)
        mc = sign_in(first.url, users, "mc")
        stepped = mc.post(f"{first.url}/api/events/{event_id}/live/next", timeout=5)
        projector.wait_for(stepped.json()["version"])

        private_redis.stop()
        during = mc.post(f"{first.url}/api/events/{event_id}/live/next", timeout=10)
        assert during.status_code == 200  # the step is saved; only its broadcast to the other process waits
        private_redis.start()
        # the listeners reconnect by themselves; the next step reaches the screen on the other process
        deadline, reached = time.monotonic() + 60, False
        while time.monotonic() < deadline and not reached:
            version = mc.post(f"{first.url}/api/events/{event_id}/live/next", timeout=10).json()["version"]
            try:
                projector.wait_for(version, seconds=1)
                reached = True
            except AssertionError:
                pass
        assert reached, "no step reached the other process after Redis came back"
        # a screen that asks again (as every screen does on reconnect and every 30 s) gets the latest state
        latest = requests.get(f"{second.url}/api/events/{event_id}/live", timeout=5).json()
        assert latest["version"] == version
        projector.close()
    finally:
        first.stop()
        second.stop()


@pytest.fixture
def users_on_private(tmp_path):
    """An app on another database: its schema, accounts and a small event, as the suite's fixtures make them."""
    made = []

    def make(url: str):
        from flask_migrate import upgrade

        app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": url,
                          "INSTANCE_DIR": str(tmp_path / "maker"), "HONOURS_AUTO_PAGE_SECONDS": 0})
        with app.app_context():
            upgrade()
            for role, password in PASSWORDS.items():
                create_account(role + "1", role, password)
            event_id = build_event()
            db.session.remove()
            db.engine.dispose()
        made.append(app)
        return app, {role: (role + "1", password) for role, password in PASSWORDS.items()}, event_id
    yield make
    for app in made:  # its pooled connections closed now, not by the garbage collector after the cluster is gone
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
