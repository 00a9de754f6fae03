"""What a hostile client costs the server, in one process on SQLite (PostgreSQL too when DATABASE_URL is set):

(a) ten sign-ins with 10 MB names: memory kept afterwards (tracemalloc, after a collection) and the throttle's size;
(b) a 1 MB workbook that unpacks to 1 GB (a zip bomb): the time to refuse it and the peak memory (VmHWM) it cost;
(c) a wrong password for an unknown name and for a known one: the median time of each;
(d) the server-side session check: its query's median time, and the statements of one check-in.

    .venv/bin/python bench/hostile.py
"""
import gc
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import stamp  # noqa: E402
from sqlalchemy import event as sa_event  # noqa: E402

from kiosk import create_app  # noqa: E402
from kiosk.extensions import db  # noqa: E402
from kiosk.identity.accounts import assign_events, create_account  # noqa: E402
from kiosk.identity.auth import load_user  # noqa: E402
from models import Delegate  # noqa: E402


def vm(field: str) -> int:
    """VmRSS or VmHWM of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return -1


def bomb(unpacked_mb: int) -> bytes:
    """A real workbook whose first sheet has, under its header, one cell holding `unpacked_mb` MB of text."""
    from openpyxl import Workbook
    book, out = Workbook(), io.BytesIO()
    book.active.append(["STT", "Họ và tên"])
    book.save(out)
    source, packed = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for item in source.infolist():
            if item.filename != sheet:
                archive.writestr(item, source.read(item))
        head, tail = source.read(sheet).split(b"</sheetData>")
        with archive.open(sheet, "w", force_zip64=True) as member:
            member.write(head + b'<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>')
            chunk = b"a" * 2**20
            for _ in range(unpacked_mb):
                member.write(chunk)
            member.write(b"</t></is></c></row></sheetData>" + tail)
    return packed.getvalue()


def hall(tmp: Path):
    """An app on a new database with an organiser, a door account and a small congress: (app, event_id, a badge code)."""
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'kiosk.db'}"
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_DIR": str(tmp / "instance")})
    with app.app_context():
        db.drop_all()
        db.create_all()
        stamp()
        create_account("btc", "organiser", "btc-mat-khau-dai")
        door = create_account("cua1", "door", "cua-mat-khau-dai")
        from tests.factories import build_event
        event_id = build_event()
        assign_events(door.id, [event_id])  # a door account works only where assigned
        code = db.session.query(Delegate).filter_by(event_id=event_id).first().code
    return app, event_id, code


def giant_names(app) -> None:
    """(a) ten sign-ins with 10 MB names: what memory they leave behind."""
    client = app.test_client()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    rss_before = vm("VmRSS")
    for n in range(10):
        client.post("/api/login", json={"username": f"{n}" + "a" * 10 * 2**20, "password": "sai"})
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    throttle = app.extensions["kiosk_login_throttle"]
    key_chars = sum(len(key) for key in throttle.memory_keys())
    print(f"(a) ten 10 MB names: {kept / 2**20:.2f} MB kept after (tracemalloc), RSS {rss_before} -> {vm('VmRSS')} MB; "
          f"throttle {len(throttle)} keys, {key_chars} key characters in all (names cut to {throttle.MAX_NAME})")


def zip_bomb(app, event_id: int) -> None:
    """(b) a delegate list that unpacks to a gigabyte."""
    data = bomb(1024)
    gc.collect()
    hwm_before, start = vm("VmHWM"), time.perf_counter()
    organiser = app.test_client()
    token = organiser.post("/api/login", json={"username": "btc", "password": "btc-mat-khau-dai"}).get_json()
    answer = organiser.post(f"/api/events/{event_id}/delegates/import", headers={"X-CSRFToken": token["csrf_token"]},
                            data={"file": (io.BytesIO(data), "bom.xlsx")}, content_type="multipart/form-data")
    took = time.perf_counter() - start
    print(f"(b) zip bomb of {len(data) / 2**20:.2f} MB unpacking to 1024 MB: {answer.status_code} "
          f"“{answer.get_json()['message']}” in {took * 1000:.0f} ms; peak memory {hwm_before} -> {vm('VmHWM')} MB")


def wrong_password_times(app) -> None:
    """(c) the time of a wrong password, unknown name vs known name."""
    times = {"khong-co-ai": [], "cua1": []}
    for n in range(50):  # interleaved, each from its own address (the throttle would answer 429 at once)
        for username, took in times.items():
            start = time.perf_counter()
            app.test_client().post("/api/login", json={"username": username, "password": "sai-mat-khau"},
                                   environ_base={"REMOTE_ADDR": f"10.1.{n}.{len(username)}"})
            took.append(time.perf_counter() - start)
    unknown, known = (statistics.median(t) * 1000 for t in times.values())
    print(f"(c) wrong password, median of 50 each: unknown name {unknown:.1f} ms, known name {known:.1f} ms")


def session_check(app, event_id: int, code: str) -> None:
    """(d) the session check of every request, and the statements of one check-in."""
    door = app.test_client()
    token = door.post("/api/login", json={"username": "cua1", "password": "cua-mat-khau-dai"}).get_json()["csrf_token"]
    key = next(c.value for c in door._cookies.values() if c.key == "remember_token").split("|")[0]
    with app.test_request_context():
        times = []
        for _ in range(2000):
            start = time.perf_counter()
            load_user(key)
            times.append(time.perf_counter() - start)
            db.session.remove()
    statements = []
    with app.app_context():
        engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    scan = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"},
                     headers={"X-CSRFToken": token})
    assert scan.status_code == 200 and scan.get_json()["result"] == "checked_in", scan.get_json()
    if "-v" in sys.argv:
        print("\n".join(" ".join(s.split())[:100] for s in statements))
    print(f"(d) session check (user joined to its session, one indexed query): median "
          f"{statistics.median(times) * 1e6:.0f} µs, p99 {sorted(times)[int(len(times) * 0.99)] * 1e6:.0f} µs; "
          f"one check-in: {len(statements)} statements")


def main():
    app, event_id, code = hall(Path(tempfile.mkdtemp()))
    giant_names(app)
    zip_bomb(app, event_id)
    wrong_password_times(app)
    session_check(app, event_id, code)
    with app.app_context():
        db.drop_all()


if __name__ == "__main__":
    main()
