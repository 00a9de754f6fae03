"""Creating events and editing their programmes; planned times follow on from the event's start."""
from datetime import datetime

from sqlalchemy import select

from display.live import initial_state
from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import of_event
from kiosk.ordering import move_one_place
from models import Event, ProgrammeItem, vntime
from models.agenda import KINDS, retime, template_items
from models.event import FORMS, LEVELS
from models.types import nfc
from models.vntime import VN_TZ

FORM_TITLES = {
    "dai_hoi": "Đại hội Thi đua yêu nước",
    "hoi_nghi": "Hội nghị tuyên dương điển hình tiên tiến",
}


def _text(fields: dict, key: str, label: str, required=True, limit=300) -> str | None:
    value = (fields.get(key) or "").strip()
    if required and not value:
        raise ApiError(400, "missing_" + key, f"Cần nhập {label}.")
    if len(value) > limit:
        raise ApiError(400, "too_long_" + key, f"{label.capitalize()} dài quá {limit} ký tự.")
    return value or None


# 8 a page by default: two columns of four keep names and units above H/30 on a 4:3 projector (issue 26)
DEFAULT_HONOURS_PER_PAGE, MIN_HONOURS_PER_PAGE, MAX_HONOURS_PER_PAGE = 8, 4, 24


def parse_event_fields(fields: dict) -> dict:
    level, form = fields.get("level"), fields.get("form")
    if level not in LEVELS:
        raise ApiError(400, "bad_level", "Cấp tổ chức không hợp lệ.")
    if form not in FORMS:
        raise ApiError(400, "bad_form", "Hình thức phải là Đại hội hoặc Hội nghị.")
    day = vntime.parse_day(fields.get("date"))
    if day is None:
        raise ApiError(400, "bad_date", "Ngày tổ chức không hợp lệ (ngày/tháng/năm, ví dụ 20/06/2025).")
    start = vntime.parse_clock(fields.get("start_time") or "08:00")
    if start is None:
        raise ApiError(400, "bad_time", "Giờ bắt đầu không hợp lệ (giờ:phút, ví dụ 08:00).")
    try:
        per_page = int(fields.get("honours_per_page") or DEFAULT_HONOURS_PER_PAGE)
    except (TypeError, ValueError):
        per_page = 0
    if not MIN_HONOURS_PER_PAGE <= per_page <= MAX_HONOURS_PER_PAGE:
        raise ApiError(400, "bad_honours_per_page", f"Số người mỗi trang khen thưởng phải từ {MIN_HONOURS_PER_PAGE} "
                                                    f"đến {MAX_HONOURS_PER_PAGE}.")
    return {
        "name": _text(fields, "name", "tên sự kiện"),
        "level": level,
        "form": form,
        "form_title": _text(fields, "form_title", "tên hình thức", required=False) or FORM_TITLES[form],
        "period": _text(fields, "period", "giai đoạn", required=False, limit=100),
        "date": day,
        "start_time": start.replace(second=0, microsecond=0),
        "venue": _text(fields, "venue", "địa điểm"),
        "organiser": _text(fields, "organiser", "đơn vị tổ chức"),
        "honours_per_page": per_page,
        # the hall Wi-Fi for the arrival slide (its QR lets a phone join)
        "wifi_ssid": _text(fields, "wifi_ssid", "tên Wi-Fi", required=False, limit=32),
        "wifi_password": _text(fields, "wifi_password", "mật khẩu Wi-Fi", required=False, limit=63),
    }


def create_event(fields: dict) -> Event:
    """A new event with the seed's programme: nine items for a Đại hội, eight (no Chào cờ) for a Hội nghị."""
    event = Event(**parse_event_fields(fields))
    event.items = template_items(event)
    db.session.add(event)
    db.session.flush()
    db.session.add(initial_state(event.id))
    db.session.commit()
    return event


def update_event(event: Event, fields: dict) -> None:
    for key, value in parse_event_fields(fields).items():
        setattr(event, key, value)
    _retime(event)
    audit.record(event.id, "event", f"Sửa thông tin sự kiện: {event.name}")
    db.session.commit()


def _items(event: Event) -> list[ProgrammeItem]:
    return list(db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event.id)
                                   .order_by(ProgrammeItem.position)))


def _retime(event: Event, items: list[ProgrammeItem] | None = None) -> None:
    retime(_items(event) if items is None else items,
           datetime.combine(event.date, event.start_time, tzinfo=VN_TZ))


def _item_fields(fields: dict) -> tuple[str, str, int]:
    kind = fields.get("kind") or "other"
    if kind not in KINDS:
        raise ApiError(400, "bad_kind", "Loại mục không hợp lệ.")
    title = _text(fields, "title", "tên mục", limit=500)
    try:
        minutes = int(fields.get("planned_minutes") or 10)
    except (TypeError, ValueError):
        raise ApiError(400, "bad_minutes", "Thời lượng phải là số phút.") from None
    if not 1 <= minutes <= 600:
        raise ApiError(400, "bad_minutes", "Thời lượng phải từ 1 đến 600 phút.")
    return kind, title, minutes


def _item_of(event: Event, item_id: int) -> ProgrammeItem:
    return of_event(ProgrammeItem, item_id, event.id, "item_not_found", "Không tìm thấy mục này trong chương trình.")


def add_item(event: Event, fields: dict) -> ProgrammeItem:
    kind, title, minutes = _item_fields(fields)
    items = _items(event)
    item = ProgrammeItem(event_id=event.id, kind=kind, title=title, planned_minutes=minutes, position=len(items) + 1)
    db.session.add(item)
    _retime(event, [*items, item])
    audit.record(event.id, "programme", f"Thêm mục {item.position}: {item.title}")
    db.session.commit()
    return item


def update_item(event: Event, item_id: int, fields: dict) -> None:
    item = _item_of(event, item_id)
    item.kind, item.title, item.planned_minutes = _item_fields(fields)
    _retime(event)
    audit.record(event.id, "programme", f"Sửa mục {item.position}: {item.title}, {item.planned_minutes} phút")
    db.session.commit()


def drop_item(event: Event, item_id: int) -> None:
    item = _item_of(event, item_id)
    audit.record(event.id, "programme", f"Bỏ mục {item.position}: {item.title}")
    db.session.delete(item)
    db.session.flush()
    _retime(event)
    db.session.commit()


def move_item(event: Event, item_id: int, offset: int) -> None:
    items = _items(event)
    if move_one_place(items, _item_of(event, item_id), offset):
        _retime(event, items)
        audit.record(event.id, "programme", "Đổi thứ tự: " + "; ".join(f"{i.position}. {i.title}" for i in items))
        db.session.commit()


MAX_GUESTS, MAX_SLOGAN, MAX_LAUNCH_TEXT = 20, 300, 3000


def _guests(text: str) -> list[dict]:
    """One guest a line, "Họ và tên; Chức vụ; Đơn vị", in the order they sit on the stage."""
    guests = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) > 3 or not parts[0] or any(len(part) > 300 for part in parts):
            raise ApiError(400, "bad_guest", f"Dòng {number}: ghi “Họ và tên; Chức vụ; Đơn vị”, mỗi phần tối đa 300 "
                                             "ký tự.")
        guests.append(dict(zip(("name", "title", "unit"), [*parts, "", ""][:3], strict=True)))
    if len(guests) > MAX_GUESTS:
        raise ApiError(400, "too_many_guests", f"Tối đa {MAX_GUESTS} khách giao lưu.")
    return guests


def _details_words(details: dict) -> str:
    """An item's details as the audit line reads them: the guests one by one, or the slogan and launch text."""
    if "guests" in details:
        guests = "; ".join(", ".join(filter(None, (g["name"], g["title"], g["unit"]))) for g in details["guests"])
        return f"khách giao lưu: {guests or '(không có)'}"
    return f"khẩu hiệu «{details.get('slogan', '')}», lời phát động «{details.get('text', '')[:200]}»"


def update_details(event: Event, item_id: int, fields: dict) -> None:
    """What the exchange item shows (its guests) or the launch item (the movement's slogan and launch text)."""
    item = _item_of(event, item_id)
    if item.kind == "exchange":
        item.details = {"guests": _guests(fields.get("guests") or "")}
    elif item.kind == "launch":
        slogan, text = (fields.get("slogan") or "").strip(), (fields.get("launch_text") or "").strip()
        if len(slogan) > MAX_SLOGAN or len(text) > MAX_LAUNCH_TEXT:
            raise ApiError(400, "too_long", f"Khẩu hiệu tối đa {MAX_SLOGAN} ký tự, lời phát động tối đa "
                                            f"{MAX_LAUNCH_TEXT} ký tự.")
        item.details = {"slogan": nfc(slogan), "text": nfc(text)}
    else:
        raise ApiError(400, "no_details", "Chỉ mục Giao lưu và Phát động thi đua có phần này.")
    audit.record(event.id, "programme", f"{item.title}: {_details_words(item.details)}")
    db.session.commit()
