"""Time to print N badges (default 1,000) as A4 PDF sheets, as `flask badges` does.

    .venv/bin/python bench/badges.py [--count 1000] [--json out.json]
"""
import argparse
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkin.badge_pdf import write_sheets
from demo.people import People, made_up_post
from display.programme import create_event
from kiosk import create_app
from kiosk.extensions import db
from models import Delegate


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not 1 <= args.count <= 10000:
        parser.error("--count from 1 to 10000")
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/b.db", "INSTANCE_DIR": directory,
                          "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            event = create_event({"name": "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII", "level": "tinh",
                                  "form": "dai_hoi", "date": "2025-09-19", "venue": "Thái Bình", "organiser": "UBND tỉnh"})
            rng, people = random.Random(1), People(random.Random(2))
            for number in range(1, args.count + 1):
                female = rng.random() < 0.4
                title, unit = made_up_post(rng, rng.choice(["cán bộ", "nhân viên", "nông dân"]), female)
                db.session.add(Delegate(event_id=event.id, number=number, full_name=people.name(female),
                                        title=title, unit=unit))
            db.session.commit()
            delegates = db.session.query(Delegate).order_by(Delegate.number).all()
            started = time.perf_counter()
            out = io.BytesIO()
            pages = write_sheets(delegates, event.name, out)
            elapsed = time.perf_counter() - started
    print(f"badges: {args.count} badges, {pages} A4 pages, {len(out.getvalue()) / 1e6:.1f} MB PDF")
    print(f"time: {elapsed:.2f} s ({elapsed / args.count * 1000:.1f} ms per badge); target under 20 s for 1,000")
    if args.json:
        Path(args.json).write_text(json.dumps({"count": args.count, "pages": pages, "seconds": elapsed,
                                               "megabytes": len(out.getvalue()) / 1e6}))


if __name__ == "__main__":
    main()
