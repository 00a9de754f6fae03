"""The day's surprises at the door, made by the organiser or the door lead: a delegate who walks in without being
on the list, a substitute for an absent delegate (the original kept on record), a badge revoked or given back, a
delegate's details corrected. Each change is one transaction, and then every door tablet's offline list follows."""
from sqlalchemy import func, select

from checkin.answers import door_delegate_api
from checkin.feed import roster_changed
from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import of_event
from models import Delegate

# field: (label for messages, longest length, required)
FIELDS = {
    "full_name": ("Họ và tên", 200, True),
    "title": ("Chức vụ", 300, False),
    "unit": ("Đơn vị", 300, False),
    "seat": ("Chỗ ngồi", 50, False),
    "ethnicity": ("Dân tộc", 50, False),
    "religion": ("Tôn giáo", 50, False),
    "occupation_group": ("Thành phần", 100, False),
    "sector": ("Ngành, lĩnh vực", 200, False),
}


EXTRA_WORDS = {"gender": "giới tính", "is_guest": "khách mời"}


def _changed_words(fields: dict) -> str:
    """The fields of an edit as the page names them: 'họ và tên, đơn vị'."""
    return ", ".join(FIELDS[f][0].lower() if f in FIELDS else EXTRA_WORDS.get(f, f) for f in fields)


def delegate_fields(data: dict, partial: bool = False) -> dict:
    """The fields of a delegate typed on a page or sent to the API, with the import's limits; `partial` for an
    edit, where a field left out stays as it was."""
    fields = {}
    for field, (label, limit, required) in FIELDS.items():
        if partial and field not in data:
            continue
        value = data.get(field)
        if value is None:
            value = ""
        if not isinstance(value, str) or len(value.strip()) > limit:
            raise ApiError(400, f"bad_{field}", f"{label}: tối đa {limit} ký tự.")
        if required and not value.strip():
            raise ApiError(400, f"missing_{field}", f"Cần nhập {label.lower()}.")
        fields[field] = value.strip() or None
    if "gender" in data or not partial:
        gender = data.get("gender") or None
        if gender not in (None, "nam", "nu"):
            raise ApiError(400, "bad_gender", "Giới tính phải là nam hoặc nu.")
        fields["gender"] = gender
    for flag in ("guest",):
        if flag in data or not partial:
            value = data.get(flag, False)
            if value in ("on", "1", "true"):  # a checkbox of a plain form
                value = True
            if not isinstance(value, bool):
                raise ApiError(400, f"bad_{flag}", "Khách mời phải là true hoặc false.")
            fields["is_guest"] = value
    return fields


def _delegate_of(event_id: int, delegate_id) -> Delegate:
    return of_event(Delegate, delegate_id, event_id, "delegate_not_found", "Không tìm thấy đại biểu.")


def _next_number(event_id: int) -> int:
    return (db.session.scalar(select(func.max(Delegate.number)).where(Delegate.event_id == event_id)) or 0) + 1


def _saved(delegate: Delegate, action: str, detail: str) -> Delegate:
    audit.record(delegate.event_id, action, detail)
    db.session.commit()
    roster_changed(delegate.event_id, door_delegate_api(delegate))
    return delegate


def add_walk_in(event_id: int, data: dict) -> Delegate:
    """Someone the list does not name: a new delegate (or guest) with a new badge number and code."""
    delegate = Delegate(event_id=event_id, number=_next_number(event_id), **delegate_fields(data))
    db.session.add(delegate)
    return _saved(delegate, "delegate", f"Thêm đại biểu đến mà chưa có tên: {delegate.full_name}")


def update(event_id: int, delegate_id, data: dict) -> Delegate:
    delegate = _delegate_of(event_id, delegate_id)
    fields = delegate_fields(data, partial=True)
    for field, value in fields.items():
        setattr(delegate, field, value)
    return _saved(delegate, "delegate", f"Sửa đại biểu {delegate.full_name}: {_changed_words(fields)}")


def revoke(event_id: int, delegate_id, revoked: bool = True) -> Delegate:
    """A revoked badge scans as `revoked` at every door; giving it back undoes that."""
    delegate = _delegate_of(event_id, delegate_id)
    if revoked and delegate.checked_in_at is not None:
        raise ApiError(409, "already_here", "Đại biểu này đã điểm danh: huỷ điểm danh trước khi thu hồi thẻ.")
    delegate.revoked = revoked
    return _saved(delegate, "revoke", f"{'Thu hồi' if revoked else 'Trả lại'} thẻ của {delegate.full_name}")


def substitute(event_id: int, delegate_id, data: dict) -> Delegate:
    """Someone comes in place of an absent delegate: a new badge for them, taking the delegate's place in the
    list's composition (unit, seat, guest or not unless given), and the absent delegate's badge revoked and kept
    on record with who replaced them."""
    absent = _delegate_of(event_id, delegate_id)
    if absent.checked_in_at is not None:
        raise ApiError(409, "already_here", "Đại biểu này đã có mặt: không thể cử người dự thay.")
    if absent.substitute_id is not None:
        raise ApiError(409, "already_substituted", "Đại biểu này đã có người dự thay.")
    fields = delegate_fields({"unit": absent.unit or "", "seat": absent.seat or "", "guest": absent.is_guest,
                              **data})
    stand_in = Delegate(event_id=event_id, number=_next_number(event_id), **fields)
    # the stand-in takes the absent delegate's seat in the plan and place in the delegation (not its headship)
    stand_in.seat_zone, stand_in.seat_row, stand_in.seat_no = absent.seat_zone, absent.seat_row, absent.seat_no
    stand_in.delegation = absent.delegation
    db.session.add(stand_in)
    db.session.flush()
    absent.revoked, absent.substitute_id = True, stand_in.id
    audit.record(event_id, "delegate", f"{stand_in.full_name} dự thay {absent.full_name} (thẻ cũ thu hồi)")
    db.session.commit()
    for changed in (absent, stand_in):
        roster_changed(event_id, door_delegate_api(changed))
    return stand_in
