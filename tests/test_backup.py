"""Backups: SQLite's online backup taken during a stream of check-ins holds every check-in acknowledged before it;
restore refuses a database in use; files readable by the owner only; a pg_dump restores."""
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest
from flask_migrate import stamp
from sqlalchemy import create_engine, make_url, text

from checkin import service
from kiosk.extensions import db
from models import Delegate
from record import backup
from tests.factories import build_event
from tests.helpers import make_app, unavailable


@pytest.fixture
def sqlite_app(app, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite backups; PostgreSQL is backed up with pg_dump")
    return app


def add_delegates(event_id: int, n: int) -> list[str]:
    people = [Delegate(event_id=event_id, number=100 + i, full_name=f"Đại biểu {i:03d}", unit="Xã Vũ Hội")
              for i in range(n)]
    db.session.add_all(people)
    db.session.commit()
    return [d.code for d in people]


def checked_in_codes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT code FROM delegates WHERE checked_in_at IS NOT NULL")}
    finally:
        conn.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_during_a_stream_of_check_ins_holds_every_acknowledged_one(sqlite_app, runner, tmp_path):
    app = sqlite_app
    with app.app_context():
        event_id = build_event()
        codes = add_delegates(event_id, 400)
    acknowledged, half_way, failures = [], threading.Event(), []

    def stream():
        try:
            with app.app_context():
                for i, code in enumerate(codes):
                    if service.check_in(event_id, code, "Cửa A")["result"] == "checked_in":
                        acknowledged.append(code)
                    if i == 150:
                        half_way.set()
                db.session.remove()
        except Exception as e:  # noqa: BLE001  (surfaced below)
            failures.append(e)
            half_way.set()

    door = threading.Thread(target=stream)
    door.start()
    half_way.wait(30)
    before = list(acknowledged)  # answered to a tablet before the backup began
    out = tmp_path / "sao-luu" / "kiosk-backup.db"
    result = runner.invoke(args=["backup", str(out)])
    door.join(60)
    assert not failures and result.exit_code == 0, result.output
    assert "Đã sao lưu" in result.output
    assert len(before) > 100 and len(acknowledged) == 400
    in_backup = checked_in_codes(out)
    assert set(before) <= in_backup  # every acknowledged check-in is in the copy
    assert mode(out) == 0o600
    assert not Path(str(out) + "-wal").exists()  # one self-contained file

    # Restoring brings the database back to the moment of the backup.
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    restored = runner.invoke(args=["restore", str(out)])
    assert restored.exit_code == 0, restored.output
    assert "Đã phục hồi" in restored.output and "Bản cũ được giữ" in restored.output
    database = backup.sqlite_path(app)
    assert checked_in_codes(database) == in_backup and mode(database) == 0o600
    kept = next(database.parent.glob(database.name + ".before-restore-*"))
    assert len(checked_in_codes(kept)) == 400  # the replaced database, in case the restore was a mistake
    with app.app_context():
        assert db.session.query(Delegate).filter(Delegate.checked_in_at.is_not(None)).count() == len(in_backup)


def test_restore_refuses_a_database_in_use(sqlite_app, runner, tmp_path):
    database = backup.sqlite_path(sqlite_app)
    out = tmp_path / "copy.db"
    assert runner.invoke(args=["backup", str(out)]).exit_code == 0
    held = backup.hold_in_use(database)  # what a running server holds
    try:
        result = runner.invoke(args=["restore", str(out)])
        assert result.exit_code != 0
        assert "Máy chủ đang dùng cơ sở dữ liệu này" in result.output and "Ctrl+C" in result.output
    finally:
        held.close()
    assert runner.invoke(args=["restore", str(out)]).exit_code == 0


def test_restore_refuses_what_is_not_a_backup(sqlite_app, runner, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    result = runner.invoke(args=["restore", str(junk)])
    assert result.exit_code != 0 and "không phải cơ sở dữ liệu SQLite" in result.output
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert "không phải bản sao lưu của Kiosk" in runner.invoke(args=["restore", str(other)]).output
    assert "Không tìm thấy" in runner.invoke(args=["restore", str(tmp_path / "none.db")]).output


def test_periodic_backups_keep_the_last_few(sqlite_app):
    sqlite_app.config["BACKUP_KEEP"] = 2
    made = [backup.backup_now(sqlite_app) for _ in range(3)]
    folder = made[0].parent
    assert sorted(folder.glob("kiosk-*.db")) == sorted(made[1:])
    assert all(mode(p) == 0o600 for p in made[1:]) and mode(folder) == 0o700


def test_no_periodic_backup_in_tests(sqlite_app):
    assert "kiosk_in_use" not in sqlite_app.extensions


PG_URL = os.environ.get("KIOSK_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def test_a_pg_dump_restores(tmp_path):
    """README's PostgreSQL commands: pg_dump -Fc, then pg_restore into an empty database."""
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        unavailable("pg_dump and pg_restore are not installed (Debian's postgresql-client)")
    server = make_url(PG_URL)
    try:
        socket.create_connection((server.host or "127.0.0.1", server.port or 5432), timeout=3).close()
    except OSError as error:
        unavailable(f"no PostgreSQL server at {server.host}:{server.port} ({error})")
    # the server answers: from here a refused sign-in or a missing role fails the test, it is not skipped
    admin = create_engine(PG_URL.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    names = [f"kiosk_dump_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    source, target = (PG_URL.rsplit("/", 1)[0] + "/" + name for name in names)
    try:
        app = make_app(tmp_path, source)
        with app.app_context():
            db.create_all()
            event_id = build_event()
            first = db.session.query(Delegate).filter_by(event_id=event_id).first()
            service.check_in(event_id, first.code, "Cửa A")
            db.session.remove()
            db.engine.dispose()
        libpq = lambda url: url.replace("postgresql+psycopg://", "postgresql://")  # noqa: E731
        dump = tmp_path / "kiosk.dump"
        subprocess.run(["pg_dump", "-Fc", "-f", str(dump), libpq(source)], check=True)
        subprocess.run(["pg_restore", "--no-owner", "-d", libpq(target), str(dump)], check=True)
        restored = create_engine(target)
        with restored.connect() as conn:
            rows = conn.execute(text("SELECT full_name, checked_in_door FROM delegates WHERE checked_in_at IS NOT NULL")
                                ).all()
        restored.dispose()
        assert [tuple(r) for r in rows] == [("Nguyễn Văn An", "Cửa A")]
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_backup_and_restore_on_postgresql_say_to_use_pg_dump(tmp_path):
    app = make_app(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:9/kiosk")  # never connected to
    runner = app.test_cli_runner()
    for args in (["backup", str(tmp_path / "x.db")], ["restore", str(tmp_path / "x.db")]):
        result = runner.invoke(args=args)
        assert result.exit_code != 0 and "pg_dump" in result.output and "pg_restore" in result.output


def test_a_running_server_backs_up_by_itself_and_cannot_be_restored_over(tmp_path, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite backups")
    app = make_app(tmp_path, None, TESTING=False, BACKUP_MINUTES=0.005, BACKUP_KEEP=2)  # every 0.3 s
    try:
        with app.app_context():
            db.create_all()
            stamp()
        folder = Path(app.config["INSTANCE_DIR"]) / "backups"
        deadline = time.monotonic() + 10
        while len(list(folder.glob("kiosk-*.db"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        copies = sorted(folder.glob("kiosk-*.db"))
        assert len(copies) == 2 and all(mode(p) == 0o600 for p in copies)
        with pytest.raises(backup.BackupError, match="Máy chủ đang dùng"):
            backup.restore_database(copies[-1], backup.sqlite_path(app))
    finally:
        backup.stop_periodic(app)
        with app.app_context():
            db.engine.dispose()
    assert backup.restore_database(copies[-1], backup.sqlite_path(app)) is not None
