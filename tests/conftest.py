"""Fixtures: an app on a fresh database (SQLite by default, PostgreSQL when KIOSK_TEST_DATABASE_URL says so),
clients signed in per role, a real server on a free port, and headless Chromium."""
import os
import shutil
import threading
import uuid
from contextlib import contextmanager
from datetime import date

import pytest
from flask_migrate import stamp
from sqlalchemy import create_engine, event, text
from werkzeug.serving import make_server

from display.programme import create_event
from kiosk import create_app
from kiosk.accounts import create_account
from kiosk.extensions import db
from models import Delegate, Honour, HonourGroup, Speech, Vote, VoteNominee

PG_URL = os.environ.get("KIOSK_TEST_DATABASE_URL")
PASSWORDS = {"organiser": "btc-mat-khau", "mc": "mc-mat-khau", "door": "cua-mat-khau", "usher": "ht-mat-khau",
             "display": "mh-mat-khau"}


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """One database for the run: a temporary PostgreSQL database made and dropped here, or SQLite files."""
    if not PG_URL:
        yield None
        return
    name = f"kiosk_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def make_app(tmp_path, database_url, **extra):
    url = database_url or f"sqlite:///{tmp_path / 'kiosk.db'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": url,
                      "INSTANCE_DIR": str(tmp_path / "instance"), "REDIS_URL": extra.pop("REDIS_URL", None),
                      "HONOURS_AUTO_PAGE_SECONDS": extra.pop("HONOURS_AUTO_PAGE_SECONDS", 0), **extra})
    return app


@pytest.fixture
def app(tmp_path, database_url):
    app = make_app(tmp_path, database_url)
    with app.app_context():
        reset_schema()
        db.create_all()
        stamp()  # the schema is the migrations' head, so `flask demo` and `init-db` find nothing to do
    yield app
    with app.app_context():
        db.session.remove()
        reset_schema()
        db.engine.dispose()


def reset_schema():
    db.drop_all()
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def users(app):
    with app.app_context():
        for role, password in PASSWORDS.items():
            create_account(role + "1", role, password)
    return {role: (role + "1", password) for role, password in PASSWORDS.items()}


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


@pytest.fixture
def auth(client, users):
    return AuthActions(client, users)


def signed_in(app, users, role):
    actions = AuthActions(app.test_client(), users)
    actions.login(role)
    return actions


@pytest.fixture
def organiser(app, users):
    return signed_in(app, users, "organiser")


@pytest.fixture
def mc(app, users):
    return signed_in(app, users, "mc")


@pytest.fixture
def door(app, users):
    return signed_in(app, users, "door")


def build_event(form="dai_hoi", delegates=6, honours_per_group=(3, 15), speeches=2):
    """A small event with every kind of list, made through the same code the admin pages use."""
    event = create_event({"name": "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI", "level": "cum_khoi",
                          "form": form, "date": date(2025, 6, 20).isoformat(), "start_time": "08:00",
                          "venue": "Hội trường huyện Vũ Thư", "organiser": "UBND huyện Vũ Thư",
                          "period": "2020 - 2025"})
    people = [Delegate(event_id=event.id, number=n, full_name=name, title="Chủ tịch", unit=unit,
                       gender="nu" if "Thị" in name else "nam", birth_year=1980, ethnicity="Kinh", religion="Không",
                       occupation_group="cán bộ", sector="Quản lý nhà nước", seat=f"Hàng {n}")
              for n, (name, unit) in enumerate([("Nguyễn Văn An", "UBND xã Vũ Hội"), ("Trần Thị Bình", "Trường THCS Vũ Thư"),
                                                ("Lê Đức Cường", "Công an huyện"), ("Phạm Thị Dung", "HTX Song Lãng"),
                                                ("Đặng Quốc Đạt", "Bệnh viện huyện"), ("Vũ Thị Hà", "Hội Phụ nữ huyện")]
                                               [:delegates], start=1)]
    db.session.add_all(people)
    db.session.flush()
    for position, count in enumerate(honours_per_group, start=1):
        group = HonourGroup(event_id=event.id, position=position, award=f"Bằng khen đợt {position}",
                            decision_number=f"{position}/QĐ-UBND", decision_date=date(2025, 6, 1),
                            decision_authority="UBND huyện Vũ Thư")
        group.honours = [Honour(position=i, name=f"Người nhận {i:03d}", unit="Xã Vũ Hội") for i in range(1, count + 1)]
        db.session.add(group)
    for position in range(1, speeches + 1):
        db.session.add(Speech(event_id=event.id, position=position, name=f"Diễn giả {position}",
                              topic=f"Chủ đề {position}", minutes=5))
    vote = Vote(event_id=event.id, title="Thông qua danh sách đại biểu dự Đại hội cấp tỉnh")
    vote.nominees = [VoteNominee(position=1, delegate_id=people[0].id)] if people else []
    db.session.add(vote)
    db.session.commit()
    return event.id


@pytest.fixture
def event_id(app):
    with app.app_context():
        return build_event()


@contextmanager
def count_queries(app):
    """Counts the SQL statements sent while the block runs: the hot paths must stay a few each."""
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


class LiveServer:
    """A real HTTP + Socket.IO server for `app` on a free loopback port, in a thread of this process."""

    def __init__(self, app):
        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def live_server(app):
    server = LiveServer(app).start()
    yield server
    server.stop()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page_factory(browser, live_server):
    contexts = []

    def make(role=None, users=None, width=1280, height=800):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
        contexts.append(context)
        page = context.new_page()
        if role:
            page.goto(live_server.url + "/login")
            page.fill("input[name=username]", users[role][0])
            page.fill("input[name=password]", users[role][1])
            page.click("button[type=submit]")
            page.wait_for_url(live_server.url + "/")
        return page
    yield make
    for context in contexts:
        context.close()
