"""Checking a delegate in: one conditional UPDATE, so concurrent scans of one badge give one winner."""
from sqlalchemy import func, select, update

from kiosk.extensions import db
from kiosk.text import fold, printable
from kiosk.vntime import hhmm, iso_vn
from models import CheckIn, Delegate
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


def check_in(event_id: int, code: str, door: str, username: str | None = None) -> dict:
    code = printable(code).strip()  # a scanner that misreads can send anything
    delegate = db.session.scalar(select(Delegate).where(Delegate.code == code)) if code else None
    if delegate is None:
        return _answer("unknown_code")
    if delegate.event_id != event_id:
        return _answer("wrong_event", delegate)
    if delegate.revoked:
        return _answer("revoked", delegate)
    now = utcnow()
    won = db.session.execute(
        update(Delegate).where(Delegate.id == delegate.id, Delegate.checked_in_at.is_(None))
        .values(checked_in_at=now, checked_in_door=nfc(door))
    ).rowcount == 1
    if won:
        db.session.add(CheckIn(event_id=event_id, delegate_id=delegate.id, at=now, door=nfc(door),
                               username=username))
    db.session.commit()
    db.session.refresh(delegate)
    return _answer("checked_in" if won else "already_checked_in", delegate)


def search(event_id: int, query: str, limit: int = 20) -> list[Delegate]:
    """'nguyen van a' finds 'Nguyễn Văn A': every word of the query, accents and case ignored."""
    words = fold(query).split()
    if not words:
        return []
    stmt = select(Delegate).where(Delegate.event_id == event_id)
    for word in words[:6]:
        stmt = stmt.where(Delegate.search_name.contains(word, autoescape=True))
    return list(db.session.scalars(stmt.order_by(Delegate.search_name).limit(limit)))


def attendance(event_id: int) -> dict:
    present = func.count(Delegate.checked_in_at)
    total, here = db.session.execute(
        select(func.count(), present).where(Delegate.event_id == event_id, Delegate.revoked.is_(False))).one()
    voting = db.session.execute(
        select(func.count(), present).where(Delegate.event_id == event_id, Delegate.revoked.is_(False),
                                            Delegate.is_guest.is_(False))).one()
    by_unit = db.session.execute(
        select(Delegate.unit, func.count(), present).where(Delegate.event_id == event_id,
                                                           Delegate.revoked.is_(False))
        .group_by(Delegate.unit).order_by(Delegate.unit)).all()
    return {"event_id": event_id, "expected": total, "present": here,
            "delegates": {"expected": voting[0], "present": voting[1]},
            "guests": {"expected": total - voting[0], "present": here - voting[1]},
            "by_unit": [{"unit": u, "expected": e, "present": p} for u, e, p in by_unit]}
