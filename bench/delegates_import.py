"""Time to import a delegate list of N rows (default 5,000) from .xlsx, as an organiser uploads it:

  first import   checkin.importer.import_delegates (what the upload page and `flask import-delegates` both call)
                 on an event with no delegates: the file read, checked row by row, and saved;
  again          the same file once more: everyone found and updated, nobody duplicated;
  command        `flask --app kiosk import-delegates EVENT FILE` on a fresh database, the whole command with its
                 start-up, as an operator runs it.

    .venv/bin/python bench/delegates_import.py [--rows 5000] [--database sqlite|postgresql] [--json out.json]
"""
import argparse
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from bench.databases import EVENT, database  # noqa: E402
from checkin.importer import TEMPLATE_HEADERS  # noqa: E402
from demo.people import People, made_up_post  # noqa: E402
from models.text import fold  # noqa: E402

FLASK = str(Path(sys.executable).with_name("flask"))


def workbook(rows: int) -> bytes:
    """A list as offices send it: the template's headers, names with diacritics, no one twice."""
    rng, people = random.Random(1), People(random.Random(2))
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐẠI BIỂU DỰ ĐẠI HỘI"])
    sheet.append(TEMPLATE_HEADERS)
    seen = set()
    for number in range(1, rows + 1):
        female = rng.random() < 0.4
        group = rng.choice(["cán bộ", "nhân viên", "nông dân"])
        title, unit = made_up_post(rng, group, female)
        name = people.name(female)
        while (fold(name), fold(unit)) in seen:  # the importer refuses one person twice (names compared unaccented)
            name = people.name(female)
        seen.add((fold(name), fold(unit)))
        sheet.append([number, name, title, unit, "Nữ" if female else "Nam", rng.randint(1960, 2000), "Kinh", "Không",
                      group, "Quản lý nhà nước", "Đại biểu", f"Khu {'ABCD'[number % 4]} - Hàng {number % 30 + 1}", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def new_event(url: str, directory: str):
    from display.programme import create_event
    from kiosk import create_app
    from kiosk.extensions import db
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_DIR": f"{directory}/instance", "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        event_id = create_event(dict(EVENT)).id
        db.session.remove()
    return app, event_id


def run(rows: int, kind: str) -> dict:
    from sqlalchemy import func, select

    from checkin.importer import import_delegates
    from kiosk.extensions import db
    from models import Delegate
    data = workbook(rows)
    timings = {}
    with database(kind) as (url, directory):
        app, event_id = new_event(url, directory)
        with app.app_context():
            for label, created in (("first", rows), ("again", 0)):
                started = time.perf_counter()
                result = import_delegates(event_id, "danh-sach-dai-bieu.xlsx", data)
                timings[label] = time.perf_counter() - started
                assert result["created"] == created and result["created"] + result["updated"] == rows, result
                db.session.remove()
            count = db.session.scalar(select(func.count()).select_from(Delegate).where(Delegate.event_id == event_id))
            assert count == rows, count
            db.session.remove()
            db.engine.dispose()
    with database(kind) as (url, directory):
        _, event_id = new_event(url, directory)
        path = Path(directory, "danh-sach-dai-bieu.xlsx")
        path.write_bytes(data)
        started = time.perf_counter()
        done = subprocess.run([FLASK, "--app", "kiosk", "import-delegates", str(event_id), str(path)], cwd=ROOT,
                              env={**os.environ, "DATABASE_URL": url, "KIOSK_INSTANCE": f"{directory}/instance",
                                   "SECRET_KEY": "bench", "PYTHONPATH": str(ROOT)},
                              capture_output=True, text=True, timeout=600)
        timings["command"] = time.perf_counter() - started
        assert done.returncode == 0 and f"{rows} đại biểu mới" in done.stdout, done.stdout + done.stderr
    return {"rows": rows, "database": kind, "bytes": len(data), **timings}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not 1 <= args.rows <= 50000:
        parser.error("--rows from 1 to 50000")
    r = run(args.rows, args.database)
    print(f"delegate import: {r['rows']} rows, .xlsx of {r['bytes'] / 1e6:.2f} MB, on {r['database']}")
    print(f"first import (function)  {r['first']:6.2f} s  ({r['first'] / r['rows'] * 1000:.2f} ms per row)")
    print(f"same file again          {r['again']:6.2f} s  (everyone updated)")
    print(f"flask import-delegates   {r['command']:6.2f} s  (whole command, start-up included)")
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=1))


if __name__ == "__main__":
    main()
