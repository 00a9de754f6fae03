"""`flask demo`: a whole congress to show on a first start, with one account per role."""
import random
import secrets
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from demo import names as D
from demo.people import People, made_up_post, weighted
from display.programme import create_event
from kiosk.extensions import db
from kiosk.identity.accounts import assign_events, assigned_events, create_account
from models import Delegate, Event, Honour, HonourGroup, Speech, Vote, VoteNominee
from models.user import EVENT_BOUND_ROLES
from models.vntime import VN_TZ
from seating import plan as seating

DEMO_ACCOUNTS = [("btc", "organiser"), ("mc", "mc"), ("cua1", "door"), ("hautruong", "usher"), ("manhinh", "display"),
                 ("thuky", "secretary"), ("chutich", "presidium")]
DELEGATES = 400
HALL = [{"zone": zone, "rows": 10, "seats_per_row": 10} for zone in "BCDE"]  # the guests sit in zone A, in front


def _delegation(unit: str) -> str:
    """The delegation (đoàn) a unit's delegate comes in: a district's own, or one of the province's blocs."""
    for district in D.DISTRICTS:
        if unit.endswith(district):
            return f"Đoàn {district}"
    for units, delegation in ((D.DEPARTMENTS, "Đoàn khối các sở, ngành"), (D.FORCES, "Đoàn lực lượng vũ trang"),
                              (D.MASS_ORGS, "Đoàn khối Mặt trận, đoàn thể"),
                              (D.SCHOOLS + D.HOSPITALS, "Đoàn khối giáo dục, y tế"),
                              (D.COOPERATIVES + D.COMPANIES, "Đoàn khối doanh nghiệp, hợp tác xã")):
        if unit in units:
            return delegation
    raise ValueError(unit)


def _delegations(delegates: list[Delegate]) -> None:
    """Every delegate (not the guests) in a delegation; its first member by badge number leads it."""
    for delegate in delegates:
        if not delegate.is_guest:
            delegate.delegation = _delegation(delegate.unit)
    heads = {}
    for delegate in delegates:
        if delegate.delegation and heads.setdefault(delegate.delegation, delegate) is delegate:
            delegate.delegation_head = True


def _delegates(rng, event: Event) -> list[Delegate]:
    people, rows = People(rng), []
    groups = [("cán bộ", 30), ("chiến sĩ", 10), ("nhân viên", 20), ("công nhân", 14), ("nông dân", 16),
              ("người lao động trực tiếp", 10)]
    for number in range(1, DELEGATES + 1):
        guest = number > DELEGATES - 30
        female = rng.random() < (0.25 if guest else 0.42)
        group = "cán bộ" if guest else weighted(rng, groups)
        title, unit = made_up_post(rng, group, female)
        if guest:
            title, unit = rng.choice([("Phó Bí thư Tỉnh ủy", "Tỉnh ủy Thái Bình"),
                                      ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thái Bình"),
                                      ("Trưởng ban", "Ban Thi đua - Khen thưởng, Sở Nội vụ"),
                                      ("Phó Chủ tịch HĐND tỉnh", "HĐND tỉnh Thái Bình"),
                                      ("Phóng viên", "Báo Thái Bình")])
        young = rng.random() < 0.18
        minority = rng.random() < 0.02
        religion = rng.choices(["Không", "Công giáo", "Phật giáo"], weights=[84, 13, 3])[0]
        rows.append(Delegate(
            event_id=event.id, number=number, full_name=people.name(female), title=title, unit=unit,
            gender="nu" if female else "nam",
            birth_year=rng.randint(1991, 2000) if young else rng.randint(1962, 1990),
            ethnicity=rng.choice(D.ETHNIC_MINORITIES) if minority else "Kinh", religion=religion,
            occupation_group=group, sector=rng.choice(D.SECTORS[group]), is_guest=guest,
            is_collective=not guest and rng.random() < 0.1, is_hero=not guest and rng.random() < 0.01,
            seat="Khu A - Khách mời" if guest else None,
        ))
    _delegations(rows)
    db.session.add_all(rows)
    db.session.flush()
    return rows


def _honours(rng, event: Event, delegates: list[Delegate]) -> None:
    voters = [d for d in delegates if not d.is_guest]
    rng.shuffle(voters)
    collective_units = sorted({d.unit for d in delegates if not d.is_guest})
    rng.shuffle(collective_units)
    decision_day = event.date - timedelta(days=20)
    for position, (award, count, collective, number, authority) in enumerate(D.AWARD_GROUPS, start=1):
        group = HonourGroup(event_id=event.id, position=position, award=award, decision_number=number,
                            decision_date=decision_day, decision_authority=authority)
        for order in range(1, count + 1):
            if collective:
                unit = collective_units.pop()
                group.honours.append(Honour(position=order, name=unit, collective=True))
            else:
                person = voters.pop()
                group.honours.append(Honour(position=order, name=person.full_name, title=person.title,
                                            unit=person.unit, delegate_id=person.id))
        db.session.add(group)


def _speeches(rng, event: Event, delegates: list[Delegate]) -> None:
    for position, (collective_name, collective, post, topic, minutes) in enumerate(D.SPEECH_TOPICS, start=1):
        if collective:
            speech = Speech(name=collective_name, collective=True, title=None, unit=None, topic=topic)
        else:
            title, unit = post.split(", ", 1)
            speech = Speech(name=People(rng).name(rng.random() < 0.5), title=title, unit=unit, topic=topic)
        speech.event_id, speech.position, speech.minutes = event.id, position, minutes
        db.session.add(speech)


def _upper_congress_vote(event: Event, delegates: list[Delegate]) -> None:
    vote = Vote(event_id=event.id, method="hands", rule="half_present",
                title="Thông qua danh sách đại biểu tham dự Đại hội Thi đua yêu nước toàn quốc lần thứ XI")
    chosen = [d for d in delegates if not d.is_guest][:12]
    vote.nominees = [VoteNominee(position=i, delegate_id=d.id) for i, d in enumerate(chosen, start=1)]
    db.session.add(vote)


def _commune_conference(rng, day: date) -> None:
    event = create_event({
        "name": "Hội nghị tuyên dương điển hình tiên tiến xã Vũ Hội giai đoạn 2020 - 2025",
        "level": "xa", "form": "hoi_nghi", "form_title": "Hội nghị tuyên dương điển hình tiên tiến",
        "period": "2020 - 2025", "date": (day + timedelta(days=7)).isoformat(), "start_time": "07:30",
        "venue": "Hội trường UBND xã Vũ Hội, huyện Vũ Thư", "organiser": "Ủy ban nhân dân xã Vũ Hội"})
    people = People(rng)
    db.session.add_all(Delegate(event_id=event.id, number=n, full_name=people.name(rng.random() < 0.45),
                                title=rng.choice(["Trưởng thôn", "Nông dân sản xuất giỏi", "Hội viên", "Giáo viên"]),
                                unit=f"Thôn {rng.choice(['Đông', 'Tây', 'Nam', 'Bắc', 'Trung'])} {rng.randint(1, 4)}",
                                gender="nu" if rng.random() < 0.45 else "nam", birth_year=rng.randint(1960, 2000),
                                ethnicity="Kinh", religion="Không", occupation_group="nông dân",
                                sector="Nông nghiệp")
                       for n in range(1, 61))


def is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(Event))


def create_demo(day: date | None = None) -> list[tuple[str, str, str]]:
    """Builds both demo events and the accounts; returns (username, role, password) for each account."""
    rng = random.Random(2025)
    day = day or datetime.now(VN_TZ).date()
    event = create_event({
        "name": "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII", "level": "tinh", "form": "dai_hoi",
        "form_title": "Đại hội Thi đua yêu nước", "period": "2020 - 2025", "date": day.isoformat(),
        "start_time": time(8, 0).isoformat(), "venue": "Trung tâm Hội nghị tỉnh Thái Bình",
        "organiser": "Ủy ban nhân dân tỉnh Thái Bình"})
    delegates = _delegates(rng, event)
    _honours(rng, event, delegates)
    _speeches(rng, event, delegates)
    _upper_congress_vote(event, delegates)
    from papers.sample import add_programme_paper
    db.session.flush()
    add_programme_paper(event)  # a paper for the delegates' own pages (/me/{token})
    _commune_conference(rng, day)
    db.session.commit()
    seating.assign(event.id, {"zones": HALL})  # delegations seated together, in the list's order
    return new_demo_passwords()


def new_demo_passwords() -> list[tuple[str, str, str]]:
    """Gives each demo account a new generated password (making the account if it is missing, ending the sessions
    of one that exists); returns (username, role, password) for each, to be shown once and kept nowhere."""
    accounts = []
    for username, role in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(9)
        user = create_account(username, role, password)
        if role in EVENT_BOUND_ROLES and not assigned_events(user.id):
            # the demo's door account works at the demo's events (one with no event works nowhere: kiosk.identity.auth)
            assign_events(user.id, list(db.session.scalars(select(Event.id).order_by(Event.id))))
        accounts.append((username, role, password))
    return accounts
