"""The audit trail read back for the organiser's pages and the archive: the lines of an event, who wrote them, and
the filters of the trail's page. The lines are written by kiosk.audit."""
from datetime import datetime, time, timedelta

from sqlalchemy import Select, distinct, or_, select

from kiosk.extensions import db
from models import AuditLog, vntime
from models.vntime import VN_TZ


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
