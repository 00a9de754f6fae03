"""Backups of the SQLite database with SQLite's online backup API (never a file copy of a live database):
`flask backup OUT`, `flask restore IN`, and a copy every BACKUP_MINUTES while the server runs, the last
BACKUP_KEEP kept in instance/backups. Files are readable by the owner only (0600).

A running server holds a shared lock on `<database>.in-use`; `restore` needs that lock exclusively, so it refuses
while any server process uses the database. PostgreSQL is backed up with pg_dump (README)."""
import fcntl
import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from kiosk import job_pool
from kiosk.extensions import db
from models.vntime import VN_TZ

PG_HELP = ("Cơ sở dữ liệu là PostgreSQL: sao lưu bằng `pg_dump -Fc -f kiosk.dump \"$DATABASE_URL\"`, "
           "phục hồi bằng `pg_restore --clean --if-exists -d \"$DATABASE_URL\" kiosk.dump` (xem README).")
STOP_HELP = ("Máy chủ đang dùng cơ sở dữ liệu này. Hãy dừng máy chủ trước (Ctrl+C ở cửa sổ chạy `make run`, "
             "hoặc dừng dịch vụ `make serve`/gunicorn), rồi chạy lại lệnh phục hồi.")


class BackupError(Exception):
    pass


def sqlite_path(app=None) -> Path | None:
    url = make_url((app or current_app).config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    path.chmod(0o600)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of `source` at one moment, written beside `target` and then moved over it, 0600.
    Writers may go on meanwhile: the backup reads one snapshot (WAL), in one step."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    _private_file(partial)
    if not source.is_file():
        raise BackupError(f"Không tìm thấy cơ sở dữ liệu {source}.")
    src = sqlite3.connect(source)  # read only in effect; a read-only open would fail without the WAL's -shm file
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)  # pages=-1: the whole database in one step, so one consistent snapshot
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()
    os.replace(partial, target)
    target.chmod(0o600)


def check_database(path: Path) -> None:
    """Refuses what is not a Kiosk database in good order."""
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp {path}.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise BackupError(f"Tệp {path} không phải cơ sở dữ liệu SQLite ({e}).") from None
    if ok != "ok":
        raise BackupError(f"Tệp {path} bị hỏng: {ok}.")
    if not {"events", "delegates", "alembic_version"} <= tables:
        raise BackupError(f"Tệp {path} không phải bản sao lưu của Kiosk Đại hội.")


def _lock_file(database: Path) -> Path:
    return database.with_name(database.name + ".in-use")


def hold_in_use(database: Path):
    """The server's shared lock for its lifetime: the open file is returned and must be kept."""
    path = _lock_file(database)
    _private_file(path)
    handle = open(path, "rb")  # noqa: SIM115  (held until the process ends)
    fcntl.flock(handle, fcntl.LOCK_SH)
    return handle


def restore_database(source: Path, database: Path) -> Path | None:
    """Replaces `database` with the backup `source`, keeping the replaced one beside it. Refuses while a server
    holds the database. Returns where the replaced database was kept (None when there was none)."""
    check_database(source)
    _private_file(_lock_file(database))
    with open(_lock_file(database), "rb") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupError(STOP_HELP) from None
        kept = None
        if database.exists():
            kept = database.with_name(f"{database.name}.before-restore-{datetime.now(VN_TZ):%Y%m%d-%H%M%S}")
            copy_database(database, kept)
        copy_database(source, database)
        for extra in ("-wal", "-shm"):  # the replaced database's journal must not be replayed over the new one
            database.with_name(database.name + extra).unlink(missing_ok=True)
    return kept


def backup_now(app, copy=copy_database) -> Path:
    """One periodic backup into instance/backups, then only the newest BACKUP_KEEP are kept. The server's copies
    are made by a job worker (`copy`): SQLite's backup of a large database is seconds the loop must not hold."""
    folder = Path(app.config["INSTANCE_DIR"]) / "backups"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / f"kiosk-{datetime.now(VN_TZ):%Y%m%d-%H%M%S-%f}.db"
    copy(sqlite_path(app), target)
    old = sorted(folder.glob("kiosk-*.db"))[:-max(1, int(app.config.get("BACKUP_KEEP", 12)))]
    for path in old:
        path.unlink(missing_ok=True)
    return target


def start_periodic(app) -> None:
    """While the server runs (not in tests, not in a `flask` command): hold the in-use lock, and back up every
    BACKUP_MINUTES (0 turns it off)."""
    if app.config.get("TESTING") or app.config.get("KIOSK_JOB_WORKER") or click.get_current_context(silent=True) is not None:
        return
    database = sqlite_path(app)
    if database is None:
        return
    app.extensions["kiosk_in_use"] = hold_in_use(database)
    minutes = float(app.config.get("BACKUP_MINUTES", 5))
    if minutes <= 0:
        return
    stop = app.extensions["kiosk_backup_stop"] = threading.Event()

    def loop():
        while not stop.wait(minutes * 60):
            try:
                backup_now(app, copy=lambda source, target: job_pool.call(copy_database, source, target))
            except Exception:  # a failed backup must never stop the server; the next one tries again
                app.logger.exception("periodic backup failed")

    threading.Thread(target=loop, name="kiosk-backup", daemon=True).start()


def stop_periodic(app) -> None:
    """Ends the periodic backups and lets go of the in-use lock (a server shutting down; tests)."""
    if "kiosk_backup_stop" in app.extensions:
        app.extensions.pop("kiosk_backup_stop").set()
    if "kiosk_in_use" in app.extensions:
        app.extensions.pop("kiosk_in_use").close()


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(out):
    """Copy the database to OUT (SQLite's online backup: safe while the server runs)."""
    database = sqlite_path()
    if database is None:
        raise click.ClickException(PG_HELP)
    try:
        copy_database(database, out)
    except BackupError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Đã sao lưu cơ sở dữ liệu vào {out} (chỉ chủ sở hữu đọc được).")


@click.command("restore")
@click.argument("source", metavar="IN", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(source):
    """Replace the database with the backup IN. The server must be stopped first."""
    database = sqlite_path()
    if database is None:
        raise click.ClickException(PG_HELP)
    db.engine.dispose()  # this command's own connections must not hold the old database open
    try:
        kept = restore_database(source, database)
    except BackupError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"Đã phục hồi cơ sở dữ liệu từ {source}."
               + (f" Bản cũ được giữ tại {kept}." if kept else "") + " Khởi động lại máy chủ.")


COMMANDS = (backup_command, restore_command)
