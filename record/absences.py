"""The delegates who did not come, for the record page: found by name, number or code like at the door, and the
reason the organiser records for each (audited). Their figures are the credentials report's (checkin.credentials)."""
from sqlalchemy import select

from checkin.service import matching
from kiosk.audit import record
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import of_event
from models import Delegate
from models.types import nfc

MAX_REASON = 300


def absent_query(event_id: int, query: str = "", without_reason: bool = False):
    """The delegates summoned and not (yet) here, in badge-number order, for the record page: found by name,
    number or code like at the door; `without_reason` keeps those whose absence has no reason yet."""
    stmt = select(Delegate).where(Delegate.event_id == event_id, Delegate.revoked.is_(False),
                                  Delegate.is_guest.is_(False), Delegate.checked_in_at.is_(None))
    if without_reason:
        stmt = stmt.where(Delegate.absence_reason.is_(None))
    return matching(stmt, query).order_by(Delegate.number, Delegate.id)


def set_absence_reason(event_id: int, delegate_id, reason) -> Delegate:
    """The organiser records why a delegate did not come (or clears it with an empty reason); audited."""
    delegate = of_event(Delegate, delegate_id, event_id, "delegate_not_found", "Không tìm thấy đại biểu.")
    reason = nfc(reason or "") or None
    if reason and len(reason) > MAX_REASON:
        raise ApiError(400, "bad_reason", f"Lý do vắng mặt dài quá {MAX_REASON} ký tự.")
    if reason and delegate.checked_in_at is not None:
        raise ApiError(409, "present", "Đại biểu này đã điểm danh, không ghi lý do vắng mặt.")
    delegate.absence_reason = reason
    record(event_id, "absence_reason", f"{delegate.full_name}: {reason or '(xoá lý do)'}")
    db.session.commit()
    return delegate
