"""Time to produce the papers of the day for a large congress: the credentials report and the minutes (PDF and
Word) and the archive workbook, as the organiser's downloads do.

    .venv/bin/python bench/papers.py [--delegates 1000] [--honours 300]
"""
import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo.people import People, made_up_post
from display import live
from display.programme import create_event
from kiosk import create_app
from kiosk.extensions import db
from models import Delegate, Honour, HonourGroup, Speech
from models.types import utcnow
from record import archive, paper, papers


def build(args) -> int:
    event = create_event({"name": "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII", "level": "tinh",
                          "form": "dai_hoi", "date": "2025-09-19", "start_time": "08:00",
                          "venue": "Trung tâm Hội nghị tỉnh", "organiser": "UBND tỉnh Thái Bình", "period": "2020 - 2025"})
    rng, people = random.Random(1), People(random.Random(2))
    now = utcnow()
    for number in range(1, args.delegates + 1):
        female = rng.random() < 0.4
        title, unit = made_up_post(rng, rng.choice(["cán bộ", "nhân viên", "nông dân", "công nhân"]), female)
        here = rng.random() < 0.9
        db.session.add(Delegate(event_id=event.id, number=number, full_name=people.name(female), title=title, unit=unit,
                                gender="nu" if female else "nam", birth_year=rng.randint(1955, 2002),
                                ethnicity=rng.choice(["Kinh"] * 20 + ["Tày", "Mường"]),
                                religion=rng.choice(["Không"] * 10 + ["Công giáo", "Phật giáo"]),
                                occupation_group=rng.choice(["cán bộ", "công nhân", "nông dân", "chiến sĩ"]),
                                sector=rng.choice(["Y tế", "Giáo dục", "Nông nghiệp", "Quản lý nhà nước"]),
                                checked_in_at=now if here else None, checked_in_door="Cửa A" if here else None,
                                absence_reason=None if here or rng.random() < 0.5 else "Ốm, có đơn xin phép"))
    per_group = max(1, args.honours // 10)
    for position in range(1, 11):
        group = HonourGroup(event_id=event.id, position=position, award=f"Bằng khen của Chủ tịch UBND tỉnh đợt {position}",
                            decision_number=f"{position}/QĐ-UBND", decision_date=date(2025, 9, 1),
                            decision_authority="Chủ tịch UBND tỉnh")
        group.honours = [Honour(position=i, name=people.name(rng.random() < 0.4), unit="Sở Y tế",
                                handover=rng.choice(["received", "received", "received_on_behalf", ""]))
                         for i in range(1, per_group + 1)]
        db.session.add(group)
    for position in range(1, 9):
        db.session.add(Speech(event_id=event.id, position=position, name=people.name(False), topic="Chuyển đổi số",
                              minutes=7))
    db.session.commit()
    for _ in range(len(event.items)):
        live.next_step(event.id)
    return event.id


def timed(label, produce):
    started = time.perf_counter()
    data = produce()
    elapsed = time.perf_counter() - started
    print(f"{label:<28} {elapsed * 1000:7.0f} ms  {len(data) / 1e3:7.0f} kB")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=1000)
    parser.add_argument("--honours", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/b.db", "INSTANCE_DIR": directory,
                          "SECRET_KEY": "bench", "TESTING": True, "HONOURS_AUTO_PAGE_SECONDS": 0})
        with app.app_context():
            db.create_all()
            event_id = build(args)
            print(f"{args.delegates} delegates (about 10% absent), {args.honours} honours, 8 speakers")
            timed("credentials report PDF", lambda: paper.to_pdf(papers.credentials_paper(event_id)))
            timed("credentials report Word", lambda: paper.to_docx(papers.credentials_paper(event_id)))
            timed("minutes PDF", lambda: paper.to_pdf(papers.minutes_paper(event_id)))
            timed("minutes Word", lambda: paper.to_docx(papers.minutes_paper(event_id)))
            timed("archive workbook", lambda: archive.workbook(event_id))


if __name__ == "__main__":
    main()
