"""The audit trail: one line for every change an operator makes, written in the transaction of the change.

`record()` only adds the line to the current session: the caller's commit writes both or neither, so a change
that fails (a refused live step, an import with problems) leaves no line, and no change is without its line.
"""
from datetime import datetime, time, timedelta

from flask import g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import Select, distinct, or_, select, update

from kiosk.extensions import db
from models import AuditLog, ItemTime, vntime
from models.types import utcnow
from models.vntime import VN_TZ

MAX_DETAIL = 2000
# what the organiser's page calls each kind of line
ACTIONS = {"live": "Điều hành màn hình", "clock": "Đồng hồ diễn giả", "checkin_undo": "Huỷ điểm danh",
           "import_delegates": "Nhập đại biểu", "import_honours": "Nhập khen thưởng", "import_speeches": "Nhập tham luận",
           "account": "Tài khoản", "handover": "Trao khen thưởng", "absence_reason": "Lý do vắng mặt",
           "vote": "Biểu quyết", "revoke": "Thu hồi thẻ", "pairing": "Ghép thiết bị", "event": "Sự kiện",
           "programme": "Chương trình", "speeches": "Tham luận", "delegate": "Đại biểu trong ngày",
           "script": "Lời dẫn", "opinion": "Ý kiến đại biểu", "floor": "Đăng ký phát biểu"}


def action_words(action: str) -> str:
    """What the pages and the archive call a kind of line (an unknown kind, from a newer version, as it is)."""
    return ACTIONS.get(action, action)


def _username() -> str | None:
    if has_app_context() and g.get("kiosk_acting_user"):
        return g.kiosk_acting_user  # a job worker doing what a signed-in user asked (kiosk.jobs)
    if not has_request_context():
        return None  # a command, or the server's own timer (an honours page turning by itself)
    user = current_user._get_current_object() if current_user else None
    return user.username if user is not None and user.is_authenticated else None


def record(event_id: int | None, action: str, detail: str = "") -> None:
    """Adds the line to the session; who is the signed-in user, if any. `event_id` None: an account change."""
    db.session.add(AuditLog(event_id=event_id, at=utcnow(), username=_username(), action=action,
                            detail=(detail or "")[:MAX_DETAIL]))


def item_changed(event_id: int, item_id: int | None, at) -> None:
    """The live item changed: the item that was on ends now, the new one (if any) starts now. Same session."""
    db.session.execute(update(ItemTime).where(ItemTime.event_id == event_id, ItemTime.ended_at.is_(None))
                       .values(ended_at=at).execution_options(synchronize_session=False))
    if item_id is not None:
        db.session.add(ItemTime(event_id=event_id, item_id=item_id, started_at=at))


def lines(event_id: int, limit: int | None = None) -> list[AuditLog]:
    """The event's lines and the changes that belong to no event (accounts), newest first; all of them unless
    `limit` says how many (the organiser's page shows the latest few hundred)."""
    return list(db.session.scalars(
        select(AuditLog).where(or_(AuditLog.event_id == event_id, AuditLog.event_id.is_(None)))
        .order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit)))


def _of_event(event_id: int):
    return or_(AuditLog.event_id == event_id, AuditLog.event_id.is_(None))


def people(event_id: int) -> list[str]:
    """Who has lines in the event's trail, for the page's filter."""
    return sorted(db.session.scalars(select(distinct(AuditLog.username)).where(_of_event(event_id),
                                                                               AuditLog.username.is_not(None))))


def parse_day(text: str) -> datetime | None:
    """'20/06/2025' as the start of that day in Vietnam; None for anything that is not a day."""
    day = vntime.parse_day(text)
    return datetime.combine(day, time(0), tzinfo=VN_TZ) if day else None


def parse_clock(text: str) -> timedelta | None:
    """'08:30' (or 8h30) as the time since midnight; None for anything that is not a time."""
    at = vntime.parse_clock(text)
    return timedelta(hours=at.hour, minutes=at.minute) if at else None


def filtered(event_id: int, who: str = "", action: str = "", day: datetime | None = None,
             since: timedelta | None = None, until: timedelta | None = None) -> Select:
    """The trail's lines that match the organiser's filters, newest first: by whom (a user name, or "hệ thống" for
    the server's own), what (an action), and when (a day in Vietnam, from and to a time of that day)."""
    stmt = select(AuditLog).where(_of_event(event_id))
    if who == SYSTEM:
        stmt = stmt.where(AuditLog.username.is_(None))
    elif who:
        stmt = stmt.where(AuditLog.username == who)
    if action:
        stmt = stmt.where(AuditLog.action == action)
    if day is not None:
        start, end = day + (since or timedelta(0)), day + (until + timedelta(minutes=1) if until else timedelta(days=1))
        stmt = stmt.where(AuditLog.at >= start, AuditLog.at < end)
    return stmt.order_by(AuditLog.at.desc(), AuditLog.id.desc())


SYSTEM = "hệ thống"  # what the pages call a line with no user: a command, or the server's own timer


SCREEN_LABELS = {"programme": "trang chương trình", "blank": "màn hình trống", "logo": "biểu trưng",
                 "announcement": "thông báo", "honours": "khen thưởng", "speaker": "diễn giả", "vote": "biểu quyết",
                 "credentials": "báo cáo thẩm tra tư cách đại biểu"}


def live_change(state, items: list[dict], item_id, screen: dict) -> None:
    """The line for a live step: the item and what the projector shows; `clock` when only the clock changed."""
    item = next((i for i in items if i["id"] == item_id), None)
    where = f"Mục {item['position']}: {item['title']}" if item else "Ngoài chương trình"
    kind = screen.get("kind")
    shown = SCREEN_LABELS.get(kind, kind)
    if kind == "announcement":
        shown += f" «{screen.get('text', '')}»"
    elif kind == "honours":
        shown += f" {screen.get('award', '')}, trang {screen.get('page')}/{screen.get('pages')}"
    elif kind == "speaker":
        shown += f" {screen.get('name', '')}"
    elif kind == "vote":
        shown += f" {screen.get('title', '')}"
    action = "live"
    old = state.screen or {}
    if item_id == state.item_id and screen.get("clock") != old.get("clock") and kind == old.get("kind"):
        action = "clock"
        clock = screen.get("clock") or {}
        shown += f" · đồng hồ: {clock.get('allowed_s')} giây cho phép, đã nói {clock.get('elapsed_s')} giây"
        shown += ", đang chạy" if clock.get("running") else ", dừng"
    record(state.event_id, action, f"{where} · {shown}")
