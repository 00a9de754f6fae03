"""Small helpers the tests and the fixture plugins share: an app on a given database, clients signed in,
a query counter for the hot paths, a real server in a thread, Socket.IO screens, and the rule that CI
never skips what it should test."""
import asyncio
import functools
import os
import threading
import time
from contextlib import contextmanager

import pytest
import requests
import socketio
from sqlalchemy import event, text
from werkzeug.serving import ThreadedWSGIServer

from kiosk import create_app
from kiosk.extensions import db

# One round of PBKDF2: the suite creates and checks hundreds of accounts, and the strong default
# (scrypt, see kiosk/config.py) costs ~75 ms each. tests/test_auth.py checks the default stays strong.
CHEAP_PASSWORD_HASH = "pbkdf2:sha256:1"


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def unavailable(reason: str):
    """A service a test needs is missing: skip on a developer's machine, FAIL on CI (CI=true), where a skipped
    PostgreSQL, Redis or Chromium test would hide that it was never run."""
    if on_ci():
        pytest.fail(f"{reason}. CI=true: the run must test this, so it fails instead of skipping.", pytrace=False)
    pytest.skip(reason)


def make_app(tmp_path, database_url=None, **extra):
    """The application as the tests run it: on `database_url` (a SQLite file in `tmp_path` if None), its
    instance folder in `tmp_path`, no Redis, no automatic paging, accounts hashed cheaply."""
    url = database_url or f"sqlite:///{tmp_path / 'kiosk.db'}"
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": url,
                       "INSTANCE_DIR": str(tmp_path / "instance"), "REDIS_URL": extra.pop("REDIS_URL", None),
                       "HONOURS_AUTO_PAGE_SECONDS": extra.pop("HONOURS_AUTO_PAGE_SECONDS", 0),
                       "PASSWORD_HASH_METHOD": extra.pop("PASSWORD_HASH_METHOD", CHEAP_PASSWORD_HASH),
                       # the hall-wide cap of failed sign-ins is its own test's (tests/test_hostile_input.py)
                       "LOGIN_ATTEMPTS_PER_SECOND": extra.pop("LOGIN_ATTEMPTS_PER_SECOND", 10**6),
                       # in-process tests stand in for other machines by their REMOTE_ADDR over plain http; the
                       # redirect to https has its own tests (tests/test_https.py)
                       "HTTPS_REDIRECT": extra.pop("HTTPS_REDIRECT", False), **extra})


def reset_schema():
    """Drops every table and the migrations' stamp (for the tests that build the schema themselves)."""
    db.drop_all()
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()


def empty_tables():
    """Deletes every row, children before parents, and restarts the ids at 1, as on a new database; the schema
    and the migrations' stamp stay. Milliseconds, against a whole schema dropped and made again (PostgreSQL's
    TRUNCATE is no faster here: ~0.4 s, as it makes new files for every table)."""
    postgres = db.engine.dialect.name == "postgresql"
    if postgres:
        db.session.execute(text("SET LOCAL lock_timeout = '10s'"))  # a connection left open says so, not hangs
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    if postgres:
        db.session.execute(text("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'"))
    db.session.commit()


# Threads that outlive a test by design and touch no database: Engine.IO's housekeeping and pings, the
# worker threads of asyncio's executor (Playwright's), and the job pool's manager and feeder (kiosk.jobs).
_LONG_LIVED_THREADS = ("_service_task", "_send_ping", "asyncio_", "QueueFeederThread")
_LONG_LIVED_KINDS = ("_ExecutorManagerThread",)


def join_new_threads(before, timeout=5.0):
    """Waits (at most `timeout` s in all) for the threads started since `before` (a set of threads) to end: the
    background tasks a test set off (attendance messages, page turns, socket handlers) use the database, and
    their connections must be back in the pool before the engine is disposed."""
    deadline = time.monotonic() + timeout
    for thread in set(threading.enumerate()) - before:
        if thread is not threading.current_thread() and not any(n in thread.name for n in _LONG_LIVED_THREADS) \
                and type(thread).__name__ not in _LONG_LIVED_KINDS:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))


def wait_for_subscribers(redis_url: str, channel: str, count: int, timeout: float = 60.0) -> None:
    """Waits until `count` server processes listen on the Redis `channel` (PUBSUB NUMSUB): a message published
    after this reaches their screens. A process subscribes when its first Socket.IO client connects (python-socketio
    starts its listener then), a moment after that client's connection is answered."""
    import redis
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2)
    try:
        deadline = time.monotonic() + timeout
        while (listening := dict(client.pubsub_numsub(channel)).get(channel.encode(), 0)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{listening} of {count} processes subscribed to {channel} after {timeout} s")
            time.sleep(0.02)
    finally:
        client.close()


def form_token(page_text: str) -> str:
    """The CSRF token a page embeds in its forms, as a browser would send it back."""
    return page_text.split('name="csrf_token" value="')[1].split('"')[0]


class AuthActions:
    """Signs a test client in through the public API and sends the CSRF token with every write."""

    def __init__(self, client, users):
        self.client, self.users, self.csrf = client, users, None

    def login(self, role):
        username, password = self.users[role]
        answer = self.client.post("/api/login", json={"username": username, "password": password})
        assert answer.status_code == 200, answer.get_json()
        self.csrf = answer.get_json()["csrf_token"]
        return answer

    def post(self, url, **kwargs):
        headers = {"X-CSRFToken": self.csrf, **kwargs.pop("headers", {})}
        return self.client.post(url, headers=headers, **kwargs)


def signed_in(app, users, role):
    """A new test client of `app`, signed in as `role`."""
    actions = AuthActions(app.test_client(), users)
    actions.login(role)
    return actions


@contextmanager
def count_queries(app):
    """Counts the SQL statements sent while the block runs: the hot paths (check-in, a live step) must stay a
    few each. `with count_queries(app) as statements: ...; assert len(statements) <= 6, statements`"""
    statements = []
    with app.app_context():
        engine = db.engine

    def record(conn, cursor, statement, *args):
        statements.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _closing_static_files(wsgi_app):
    """Serves /static/ files read whole. When a browser page closes while a file is being sent, Werkzeug's
    server drops the connection without closing the open file, and the ResourceWarning that follows fails
    an unrelated test under filterwarnings=error."""
    def app(environ, start_response):
        if not environ.get("PATH_INFO", "").startswith("/static/"):
            return wsgi_app(environ, start_response)
        body = wsgi_app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()
    return app


class _TrackingServer(ThreadedWSGIServer):
    """Werkzeug's threaded server, remembering its request threads so that stopping can wait for them: a
    thread still answering holds a database connection, which must go back to the pool before the test's
    engine is disposed (or it is closed by the garbage collector, with a ResourceWarning in a later test)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.handlers = []

    def process_request(self, request, client_address):
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address), daemon=True)
        self.handlers = [t for t in self.handlers if t.is_alive()] + [thread]
        thread.start()


class LiveServer:
    """A real HTTP + Socket.IO server for `app` on a free loopback port, in a thread of this process."""

    def __init__(self, app):
        self.app = app
        self.server = _TrackingServer("127.0.0.1", 0, _closing_static_files(app))
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
        deadline = time.monotonic() + 5
        for handler in self.server.handlers:
            handler.join(timeout=max(0.0, deadline - time.monotonic()))


def sign_in(url, users, role):
    """A `requests` session signed in on a running server, sending the CSRF token with every request."""
    session = requests.Session()
    deadline = time.monotonic() + 30
    while True:
        answer = session.post(f"{url}/api/login", json={"username": users[role][0], "password": users[role][1]},
                              timeout=5)
        # twenty tablets signing in at once meet the hall's sign-ins-a-second cap (429): a tablet tries again
        if answer.status_code != 429 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    session.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    return session


class Screen:
    """A display (or MC laptop) client that records every live_state it is sent."""

    def __init__(self, url, event_id, cookies=None):
        self.states, self.arrived = [], threading.Event()
        self.sio = socketio.Client(reconnection=False)
        self.sio.on("live_state", self._on_state)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in (cookies or {}).items())} if cookies else None
        self.sio.connect(url, transports=["websocket"], headers=headers, wait_timeout=5)
        self.ack = self.sio.call("join", {"event_id": event_id}, timeout=5)

    def _on_state(self, state):
        self.states.append(state)
        self.arrived.set()

    def wait_for(self, version, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(s["version"] == version for s in self.states):
                return next(s for s in self.states if s["version"] == version)
            time.sleep(0.01)
        raise AssertionError(f"no live_state with version {version}; got {[s['version'] for s in self.states]}")

    def close(self):
        # The engine.io "close" packet reaches the server first (it forgets the client); the WebSocket close
        # frame that follows is never answered by Werkzeug's server, which reads it as a new HTTP request, so
        # websocket-client would wait its whole 3 s for the answer: a tenth of a second is plenty.
        ws = getattr(self.sio.eio, "ws", None)
        if ws is not None:
            ws.close = functools.partial(ws.close, timeout=0.1)
        self.sio.disconnect()


def close_all(*screens):
    """Disconnects in parallel."""
    threads = [threading.Thread(target=s.close) for s in screens]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def sign_in_page(page, base_url: str, username: str, password: str) -> None:
    """Signs in through the sign-in page, as a person at the screen does."""
    page.goto(base_url + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/")


def type_keys(page, text: str, gap_ms: float) -> None:
    """Types `text` ("\\n" is Enter) as real key presses whose timestamps are exactly `gap_ms` apart, however busy
    the machine is: the door tells a scanner's burst from a person by the events' timeStamp, so a test must not
    depend on how fast this machine delivers keys (Chromium's Input.dispatchKeyEvent with a set timestamp)."""
    cdp = page.context.new_cdp_session(page)
    start = time.time()
    try:
        for index, char in enumerate(text):
            at = start + index * gap_ms / 1000
            if char == "\n":
                key = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"}
            else:
                code = f"Digit{char}" if char.isdigit() else f"Key{char.upper()}" if char.isascii() and char.isalpha() \
                    else ""
                key = {"key": char, "code": code, "text": char,
                       "windowsVirtualKeyCode": ord(char.upper()) if code else 0}
            cdp.send("Input.dispatchKeyEvent", {"type": "keyDown", **key, "timestamp": at})
            cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **{k: v for k, v in key.items() if k != "text"},
                                                "timestamp": at + 0.001})
    finally:
        cdp.detach()


def scan_keys(page, code: str) -> None:
    """A handheld scanner: the code and Enter, 5 ms a key (on the event's clock, not this machine's)."""
    type_keys(page, code + "\n", gap_ms=5)


def run_apart(coroutine):
    """asyncio.run in a thread of its own: a browser test earlier on this pytest worker leaves Playwright's event
    loop running in the main thread."""
    outcome = {}

    def run():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001  (handed back to the test's thread)
            outcome["error"] = error
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
