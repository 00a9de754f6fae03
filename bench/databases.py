"""The databases the benchmarks measure on, and the halls prepared in them: a SQLite file or a throwaway PostgreSQL
database, with a live congress, a door of N delegates, or the bare endpoint's one table."""
import os
import secrets
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project before bench/ on the path: bench/checkin.py must not shadow the checkin package.
sys.path.insert(0, str(ROOT))

MC_PASSWORD = "bench-mat-khau"  # noqa: S105  (a throwaway account in a temporary database)
PG_ADMIN_URL = os.environ.get("KIOSK_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
EVENT = {"name": "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII", "level": "tinh", "form": "dai_hoi",
         "date": "2025-09-19", "venue": "Thái Bình", "organiser": "UBND tỉnh"}


@contextmanager
def database(kind: str):
    """(SQLAlchemy URL, temporary directory): a SQLite file, or a PostgreSQL database kiosk_bench_<random> created
    on 127.0.0.1 and dropped afterwards."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as directory:
        if kind == "sqlite":
            yield f"sqlite:///{directory}/bench.db", directory
            return
        from sqlalchemy import create_engine, text
        name = f"kiosk_bench_{secrets.token_hex(4)}"
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name, directory
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def badge_codes(directory: str, count: int) -> list[str]:
    codes = [secrets.token_urlsafe(16) for _ in range(count)]
    Path(directory, "codes.txt").write_text("\n".join(codes) + "\n")
    return codes


def bench_app(url: str, directory: str):
    from kiosk import create_app
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_DIR": f"{directory}/instance", "SECRET_KEY": "bench"})


def prepare_live(url: str, directory: str) -> None:
    """The fan-out's event: a congress programme with speeches and honours lists, and the MC's account."""
    from kiosk.extensions import db
    from kiosk.identity.accounts import create_account
    from tests.factories import build_event
    app = bench_app(url, directory)
    with app.app_context():
        db.create_all()
        build_event(speeches=5, honours_per_group=(8, 18, 14, 20, 25, 35))
        create_account("mc", "mc", MC_PASSWORD)
        db.session.remove()
        db.engine.dispose()


def prepare_door(url: str, directory: str, count: int) -> None:
    """One event with `count` delegates (their codes in DIR/codes.txt), a door account and an MC account."""
    from checkin.counts import recount
    from display.programme import create_event
    from kiosk.extensions import db
    from kiosk.identity.accounts import assign_events, create_account
    from models import Delegate
    app = bench_app(url, directory)
    with app.app_context():
        db.create_all()
        event = create_event(dict(EVENT))
        codes = badge_codes(directory, count)
        for first in range(0, count, 5000):
            db.session.execute(db.insert(Delegate), [
                {"event_id": event.id, "number": n + 1, "code": code, "full_name": f"Đại biểu số {n + 1}",
                 "search_name": f"dai bieu so {n + 1}", "unit": f"Đơn vị {n % 40}", "gender": "nu" if n % 2 else "nam",
                 "is_guest": False, "is_collective": False, "is_hero": False, "revoked": False}
                for n, code in enumerate(codes[first:first + 5000], start=first)])
        recount(db.session.connection(), event.id)  # a list written without the ORM: its counts made once
        db.session.commit()
        assign_events(create_account("cua", "door", MC_PASSWORD).id, [event.id])  # a door account works where assigned
        create_account("mc", "mc", MC_PASSWORD)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def prepare_bare_door(url: str, directory: str, count: int) -> None:
    """The bare endpoint's one table, with its own `count` codes in DIR/codes.txt."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE bare_door (code VARCHAR(40) PRIMARY KEY, checked_in_at VARCHAR(40))"))
        conn.execute(text("INSERT INTO bare_door (code) VALUES (:c)"), [{"c": c} for c in badge_codes(directory, count)])
    engine.dispose()
