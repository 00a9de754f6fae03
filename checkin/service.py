"""Checking a delegate in: one conditional UPDATE, so concurrent scans of one badge give one winner."""
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from checkin.feed import attendance_changed
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.text import fold, printable
from kiosk.vntime import hhmm, iso_vn
from models import CheckIn, Delegate, Event
from models.types import nfc, utcnow

MESSAGES = {
    "checked_in": "Chào mừng đại biểu!",
    "already_checked_in": "Đại biểu đã điểm danh lúc {time} tại {door}.",
    "unknown_code": "Mã không có trong danh sách đại biểu.",
    "wrong_event": "Thẻ này thuộc sự kiện khác.",
    "revoked": "Thẻ này đã bị thu hồi. Mời đại biểu gặp Ban tổ chức.",
}


def _answer(result: str, delegate: Delegate | None = None) -> dict:
    at = delegate.checked_in_at if delegate and result in ("checked_in", "already_checked_in") else None
    door = delegate.checked_in_door if at else None
    message = MESSAGES[result].format(time=hhmm(at), door=door or "cửa không rõ")
    shown = None
    if delegate is not None and result != "wrong_event":
        shown = {"id": delegate.id, "number": delegate.number, "full_name": delegate.full_name,
                 "title": delegate.title, "unit": delegate.unit, "seat": delegate.seat, "guest": delegate.is_guest}
    return {"result": result, "message": message, "delegate": shown, "checked_in_at": iso_vn(at), "door": door}


def check_in(event_id: int, code: str, door: str, username: str | None = None,
             scan_id: str | None = None, scanned_at: datetime | None = None) -> dict:
    """Checks in by badge code. `scan_id` makes a retried scan harmless; `scanned_at` is the time a tablet
    that was offline took the scan, and the earliest time of a delegate is the one kept."""
    code = printable(code).strip()  # a scanner that misreads can send anything
    delegate = db.session.scalar(select(Delegate).where(Delegate.code == code)) if code else None
    if delegate is None:
        return _answer("unknown_code")
    if delegate.event_id != event_id:
        return _answer("wrong_event", delegate)
    if delegate.revoked:
        return _answer("revoked", delegate)
    if scan_id and db.session.scalar(select(CheckIn.id).where(CheckIn.scan_id == scan_id)):
        return _answer("checked_in", delegate)  # the same scan sent again: the answer it already had
    at = scanned_at or utcnow()
    won = db.session.execute(
        update(Delegate).where(Delegate.id == delegate.id, Delegate.checked_in_at.is_(None))
        .values(checked_in_at=at, checked_in_door=nfc(door))
    ).rowcount == 1
    if not won and scanned_at is not None:
        # An offline scan older than the time on record: the delegate arrived then.
        won = db.session.execute(
            update(Delegate).where(Delegate.id == delegate.id, Delegate.checked_in_at > at)
            .values(checked_in_at=at, checked_in_door=nfc(door))
        ).rowcount == 1
        first = False
    else:
        first = won
    if won:
        db.session.add(CheckIn(event_id=event_id, delegate_id=delegate.id, at=at, door=nfc(door),
                               username=username, scan_id=scan_id))
    try:
        db.session.commit()
    except IntegrityError:  # the same scan_id from two retries at once: the other one stands
        db.session.rollback()
    db.session.refresh(delegate)
    if won:
        attendance_changed(event_id)
    return _answer("checked_in" if first else "already_checked_in", delegate)


def undo(event_id: int, delegate_id: int, reason: str, door: str, username: str) -> dict:
    """Takes back a mistaken check-in; the undo and its reason stay in the record."""
    delegate = db.session.get(Delegate, delegate_id)
    if delegate is None or delegate.event_id != event_id:
        raise ApiError(404, "delegate_not_found", "Không tìm thấy đại biểu.")
    if not reason.strip():
        raise ApiError(400, "missing_reason", "Cần ghi lý do huỷ điểm danh.")
    if delegate.checked_in_at is None:
        raise ApiError(409, "not_checked_in", "Đại biểu này chưa điểm danh.")
    delegate.checked_in_at = None
    delegate.checked_in_door = None
    db.session.add(CheckIn(event_id=event_id, delegate_id=delegate.id, action="undo", at=utcnow(), door=nfc(door),
                           username=username, reason=reason))
    db.session.commit()
    attendance_changed(event_id)
    return {"result": "undone", "message": f"Đã huỷ điểm danh của {delegate.full_name}.",
            "delegate": _answer("checked_in", delegate)["delegate"]}


def roster(event_id: int) -> list[dict]:
    """What a door tablet keeps to go on scanning when the server is out of reach."""
    rows = db.session.execute(
        select(Delegate.id, Delegate.code, Delegate.number, Delegate.full_name, Delegate.title, Delegate.unit,
               Delegate.seat, Delegate.is_guest, Delegate.revoked, Delegate.checked_in_at)
        .where(Delegate.event_id == event_id)).all()
    return [{"id": r.id, "code": r.code, "number": r.number, "full_name": r.full_name, "title": r.title,
             "unit": r.unit, "seat": r.seat, "guest": r.is_guest, "revoked": r.revoked,
             "checked_in_at": iso_vn(r.checked_in_at)} for r in rows]


def search(event_id: int, query: str, limit: int = 20) -> list[Delegate]:
    """'nguyen van a' finds 'Nguyễn Văn A': every word of the query, accents and case ignored."""
    words = fold(query).split()
    if not words:
        return []
    stmt = select(Delegate).where(Delegate.event_id == event_id)
    for word in words[:6]:
        stmt = stmt.where(Delegate.search_name.contains(word, autoescape=True))
    return list(db.session.scalars(stmt.order_by(Delegate.search_name).limit(limit)))


YOUNG_AGE = 35  # đại biểu trẻ tuổi: 35 or under in the year of the event


def _tally(counts: dict, key, present: bool) -> None:
    entry = counts.setdefault(key or "Không rõ", [0, 0])
    entry[0] += 1
    entry[1] += present


def _rows(counts: dict, label: str) -> list[dict]:
    return [{label: key, "expected": e, "present": p} for key, (e, p) in sorted(counts.items(), key=lambda kv: -kv[1][0])]


def attendance(event_id: int) -> dict:
    """Present and expected overall, by unit and by the composition DOMAIN.md reports on: one query."""
    event = db.session.get(Event, event_id)
    rows = db.session.execute(
        select(Delegate.unit, Delegate.gender, Delegate.birth_year, Delegate.ethnicity, Delegate.religion,
               Delegate.occupation_group, Delegate.sector, Delegate.is_guest, Delegate.checked_in_at)
        .where(Delegate.event_id == event_id, Delegate.revoked.is_(False))).all()
    groups = {name: {} for name in ("unit", "ethnicity", "religion", "occupation_group", "sector")}
    flags = {name: [0, 0] for name in ("delegates", "guests", "women", "young")}
    for row in rows:
        here = row.checked_in_at is not None
        for name in groups:
            _tally(groups[name], getattr(row, name), here)
        marks = ["guests" if row.is_guest else "delegates"]
        if row.gender == "nu":
            marks.append("women")
        if row.birth_year and event.date.year - row.birth_year <= YOUNG_AGE:
            marks.append("young")
        for mark in marks:
            flags[mark][0] += 1
            flags[mark][1] += here
    return {"event_id": event_id, "expected": len(rows), "present": sum(r.checked_in_at is not None for r in rows),
            **{name: {"expected": e, "present": p} for name, (e, p) in flags.items()},
            "by_unit": sorted(_rows(groups["unit"], "unit"), key=lambda r: r["unit"]),
            "composition": {name: _rows(groups[name], "value")
                            for name in ("ethnicity", "religion", "occupation_group", "sector")}}
