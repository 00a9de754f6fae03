"""Checking a delegate in: one conditional UPDATE, so concurrent scans of one badge give one winner."""
import time
from collections import deque
from datetime import datetime

from flask import current_app
from sqlalchemy import bindparam, false, insert, select, update
from sqlalchemy.exc import IntegrityError

from checkin import counts
from checkin.counts import YOUNG_AGE  # noqa: F401  (checkin.credentials reads it here)
from checkin.feed import attendance_changed
from kiosk import app_memory, audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import of_event
from kiosk.writes import one_statement, write_turn
from models import CheckIn, Delegate, Vote
from models.delegate import seat_of
from models.text import fold, printable, vietnamese_text_key
from models.types import nfc, utcnow
from models.vntime import hhmm, iso_vn

MESSAGES = {
    "checked_in": "Chào mừng đại biểu!",
    "already_checked_in": "Đại biểu đã điểm danh lúc {time} tại {door}.",
    "unknown_code": "Mã không có trong danh sách đại biểu.",
    "wrong_event": "Thẻ này thuộc sự kiện khác.",
    "revoked": "Thẻ này đã bị thu hồi. Mời đại biểu gặp Ban tổ chức.",
}


def _answer(result: str, delegate=None, at=None, door=None) -> dict:
    """The tablet's card. `delegate` is anything with the shown fields: a row or a Delegate."""
    message = MESSAGES[result].format(time=hhmm(at), door=door or "cửa không rõ")
    shown = _shown(delegate) if delegate is not None and result != "wrong_event" else None
    return {"result": result, "message": message, "delegate": shown, "checked_in_at": iso_vn(at), "door": door}


def _shown(delegate) -> dict:
    return {"id": delegate.id, "number": delegate.number, "full_name": delegate.full_name, "title": delegate.title,
            "unit": delegate.unit, "place": delegate.seat, "guest": delegate.is_guest,
            "seat": seat_of(delegate.seat_zone, delegate.seat_row, delegate.seat_no), "delegation": delegate.delegation}


_SHOWN = (Delegate.id, Delegate.event_id, Delegate.revoked, Delegate.number, Delegate.full_name, Delegate.title,
          Delegate.unit, Delegate.seat, Delegate.is_guest, Delegate.seat_zone, Delegate.seat_row, Delegate.seat_no,
          Delegate.delegation)

# The door's statements, built once: a scan only binds its values. The first scan of a badge is one UPDATE
# that claims the delegate and returns what the card shows; only the other answers read more.
_CLAIM = (update(Delegate)
          .where(Delegate.code == bindparam("badge"), Delegate.event_id == bindparam("event"),
                 Delegate.revoked.is_(False), Delegate.checked_in_at.is_(None))
          .values(checked_in_at=bindparam("at"), checked_in_door=bindparam("door_name"),
                  checked_in_by=bindparam("username"), checked_in_scan_id=bindparam("scan"))
          .returning(*_SHOWN, *(getattr(Delegate, name) for name in counts.GROUPINGS
                                if name not in {column.key for column in _SHOWN})))
_FIND = select(*_SHOWN, Delegate.checked_in_at, Delegate.checked_in_door, Delegate.checked_in_scan_id).where(
    Delegate.code == bindparam("badge"))
_CLAIM_EARLIER = (update(Delegate).where(Delegate.id == bindparam("delegate"), Delegate.checked_in_at > bindparam("at"))
                  .values(checked_in_at=bindparam("at"), checked_in_door=bindparam("door_name")))
_LOG_EARLIER = insert(CheckIn).values(event_id=bindparam("event"), delegate_id=bindparam("delegate"), action="earlier",
                                      at=bindparam("at"), door=bindparam("door_name"), username=bindparam("username"),
                                      scan_id=bindparam("scan_id"))
_SEEN_SCAN = select(CheckIn.id).where(CheckIn.scan_id == bindparam("scan_id"))


def check_in(event_id: int, code: str, door: str, username: str | None = None,
             scan_id: str | None = None, scanned_at: datetime | None = None) -> dict:
    """Checks in by badge code. `scan_id` makes a retried scan harmless; `scanned_at` is the time a tablet
    that was offline took the scan, and the earliest time of a delegate is the one kept."""
    code = printable(code).strip()  # a scanner that misreads can send anything
    if not code:
        return _answer("unknown_code")
    at, door = scanned_at or utcnow(), nfc(door)
    values = {"badge": code, "event": event_id, "at": at, "door_name": door, "username": username, "scan": scan_id}
    with write_turn(), one_statement() as conn:  # Core: the claim needs nothing of the ORM session
        claimed = counts.claim_and_count(conn, _CLAIM, values)
    if claimed is not None:
        attendance_changed(event_id, attendance)
        return _answer("checked_in", claimed, at, door)
    answer = _not_claimed(event_id, values, scanned_at)
    if answer["result"] == "unknown_code" and code != code.upper():
        # a scanner typing while Caps Lock is on inverts the case of a code made of capitals and digits
        return check_in(event_id, code.upper(), door, username, scan_id, scanned_at)
    return answer


def _not_claimed(event_id: int, values: dict, scanned_at: datetime | None) -> dict:
    """Why the badge did not check in: unknown, another event, revoked, or already here (when and where)."""
    conn = db.session.connection()
    delegate = conn.execute(_FIND, values).first()
    if delegate is None:
        return _answer("unknown_code")
    if delegate.event_id != event_id:
        return _answer("wrong_event", delegate)
    if delegate.revoked:
        return _answer("revoked", delegate)
    scan_id = values["scan"]
    at, door = delegate.checked_in_at, delegate.checked_in_door
    if scan_id and (delegate.checked_in_scan_id == scan_id or conn.execute(_SEEN_SCAN, {"scan_id": scan_id}).first()):
        return _answer("checked_in", delegate, at, door)  # the same scan sent again: it already counted
    if scanned_at is not None and at is not None and scanned_at < at:
        # An offline scan older than the time on record: the delegate arrived then.
        earlier = {**values, "delegate": delegate.id, "scan_id": scan_id}
        with write_turn():
            if conn.execute(_CLAIM_EARLIER, earlier).rowcount == 1:
                conn.execute(_LOG_EARLIER, earlier)
                at, door = scanned_at, values["door_name"]
            try:
                db.session.commit()
            except IntegrityError:  # the same scan from two retries at once: the other one stands
                db.session.rollback()
    return _answer("already_checked_in", delegate, at, door)


def delegates_of(event_id: int) -> list[Delegate]:
    """The event's list in badge-number order."""
    return list(db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)
                                   .order_by(Delegate.number, Delegate.id)))


UNDOS_PER_MINUTE = 3  # one account's undos in a minute; more is not a mistaken scan but a list being emptied


def undo(event_id: int, delegate_id: int, reason: str, door: str, username: str) -> dict:
    """Takes back a mistaken check-in; the undo and its reason stay in the record. Never while a vote is open (the
    roll was fixed when it opened, and an undo just before would take a delegate off it), and a few a minute."""
    delegate = of_event(Delegate, delegate_id, event_id, "delegate_not_found", "Không tìm thấy đại biểu.")
    if not reason.strip():
        raise ApiError(400, "missing_reason", "Cần ghi lý do huỷ điểm danh.")
    if db.session.scalar(select(Vote.id).where(Vote.event_id == event_id, Vote.status == "open").limit(1)):
        raise ApiError(409, "vote_open", "Đang biểu quyết: không huỷ điểm danh cho đến khi kết thúc biểu quyết.")
    if not _undo_allowed(username):
        audit.record(event_id, "checkin_undo", f"Từ chối huỷ điểm danh {delegate.full_name}: tài khoản {username} "
                                               f"đã huỷ {UNDOS_PER_MINUTE} lượt trong một phút")
        db.session.commit()
        raise ApiError(429, "too_many_undos", f"Đã huỷ {UNDOS_PER_MINUTE} lượt điểm danh trong một phút. Mời đợi "
                                              "một lát hoặc gặp Ban tổ chức.")
    if delegate.checked_in_at is None:
        raise ApiError(409, "not_checked_in", "Đại biểu này chưa điểm danh.")
    delegate.checked_in_at = delegate.checked_in_door = delegate.checked_in_by = delegate.checked_in_scan_id = None
    db.session.add(CheckIn(event_id=event_id, delegate_id=delegate.id, action="undo", at=utcnow(), door=nfc(door),
                           username=username, reason=reason))
    audit.record(event_id, "checkin_undo", f"Huỷ điểm danh {delegate.full_name} tại {nfc(door)}: {nfc(reason)}")
    db.session.commit()
    attendance_changed(event_id, attendance)
    return {"result": "undone", "message": f"Đã huỷ điểm danh của {delegate.full_name}.",
            "delegate": _shown(delegate)}


def _undo_allowed(username: str) -> bool:
    recent = current_app.extensions["kiosk_undos"].setdefault(username, deque())
    now = time.monotonic()
    while recent and now - recent[0] > 60:
        recent.popleft()
    if len(recent) >= UNDOS_PER_MINUTE:
        return False
    recent.append(now)
    return True


app_memory.keep("kiosk_undos", lambda app: {})


def absent(event_id: int) -> list[dict]:
    """Who is expected and not yet here, unit by unit: the organisers ring them before the opening."""
    rows = db.session.execute(
        select(Delegate.id, Delegate.number, Delegate.full_name, Delegate.title, Delegate.unit, Delegate.seat,
               Delegate.is_guest, Delegate.seat_zone, Delegate.seat_row, Delegate.seat_no)
        .where(Delegate.event_id == event_id, Delegate.revoked.is_(False), Delegate.checked_in_at.is_(None))).all()
    rows = sorted(rows, key=lambda r: (r.unit is None, vietnamese_text_key(r.unit), r.number or 0, r.id))
    return [{"id": r.id, "number": r.number, "full_name": r.full_name, "title": r.title, "unit": r.unit,
             "place": r.seat, "seat": seat_of(r.seat_zone, r.seat_row, r.seat_no), "guest": r.is_guest}
            for r in rows]


def matching(stmt, query: str):
    """`stmt` narrowed to the delegates a query finds, as the door finds them: every word of a name with accents and
    case ignored ('nguyen van a'), a badge number ('125'), or a badge code as a scanner types it."""
    query = query.strip()
    if query.isdigit():
        return stmt.where(Delegate.number == int(query)) if len(query) < 10 else stmt.where(false())
    if len(query) >= 20 and " " not in query:
        return stmt.where(Delegate.code == query.upper())
    for word in fold(query).split()[:6]:
        stmt = stmt.where(Delegate.search_name.contains(word, autoescape=True))
    return stmt


# the delegates page's filter: what the organiser may narrow the list to
LIST_STATUSES = {"present": "Đã có mặt", "absent": "Chưa đến", "revoked": "Đã thu hồi thẻ", "guest": "Khách mời"}


def delegates_query(event_id: int, query: str = "", status: str = ""):
    """The event's list in badge-number order, narrowed by a search (name, number, code) and a status."""
    stmt = matching(select(Delegate).where(Delegate.event_id == event_id), query)
    stmt = {"present": lambda s: s.where(Delegate.checked_in_at.is_not(None)),
            "absent": lambda s: s.where(Delegate.checked_in_at.is_(None), Delegate.revoked.is_(False)),
            "revoked": lambda s: s.where(Delegate.revoked.is_(True)),
            "guest": lambda s: s.where(Delegate.is_guest.is_(True))}.get(status, lambda s: s)(stmt)
    return stmt.order_by(Delegate.number, Delegate.id)


def search(event_id: int, query: str, limit: int = 20) -> list[Delegate]:
    """'nguyen van a' finds 'Nguyễn Văn A': every word of the query, accents and case ignored."""
    words = fold(query).split()
    if not words:
        return []
    stmt = select(Delegate).where(Delegate.event_id == event_id)
    for word in words[:6]:
        stmt = stmt.where(Delegate.search_name.contains(word, autoescape=True))
    return list(db.session.scalars(stmt.order_by(Delegate.search_name).limit(limit)))


def attendance(event_id: int, delegates_only: bool = False) -> dict:
    """The counts kept as the list changes (checkin.counts), not a regrouping of the list."""
    return counts.attendance(db.session, event_id, delegates_only)
