"""Importing the list of tham luận speakers: the same rules as the other lists (row and column in every error,
all or nothing, NFC, legacy encodings converted, importing again updates). The file's order is the speaking
order."""
import re

from sqlalchemy import select

from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lists.problems import rows_to_save
from kiosk.lists.rows import NAME_COLUMNS, ListFile, Problem, as_text
from kiosk.lists.sheets import template_workbook
from kiosk.ordering import renumber
from models import Speech
from models.text import fold
from models.types import nfc

COLUMNS = {
    "topic": ("chudethamluan", "chude", "tenthamluan", "tenbaithamluan", "noidungthamluan", "thamluan", "noidung"),
    **NAME_COLUMNS,
    "person": (*NAME_COLUMNS["person"], "nguoithamluan", "nguoitrinhbay"),
    "title": ("chucvu", "chucdanh"),
    "unit": ("donvi", "coquandonvi", "donvicongtac"),
    "minutes": ("thoiluongphut", "thoiluong", "sophut", "thoigianphut", "thoigian"),
}
LIMITS = {"topic": 500, "title": 300, "unit": 300}
DEFAULT_MINUTES, MAX_MINUTES = 7, 60
TEMPLATE_HEADERS = ["STT", "Họ và tên", "Tên tập thể", "Chức vụ", "Đơn vị", "Chủ đề tham luận", "Thời lượng (phút)"]
TEMPLATE_EXAMPLE = [1, "Nguyễn Thị Lan", "", "Chủ tịch Hội Nông dân xã", "UBND xã Vũ Hội, huyện Vũ Thư",
                    "Phong trào “Nông dân thi đua sản xuất, kinh doanh giỏi” ở xã Vũ Hội", 7]


def _minutes(raw) -> int:
    """7, "7", "7 phút" or 7.0; empty means the usual seven minutes."""
    text = as_text(raw)
    if not text:
        return DEFAULT_MINUTES
    match = re.fullmatch(r"(\d{1,3})(\.0+)?\s*(phut|p|')?", fold(text))
    if not match or not 1 <= int(match.group(1)) <= MAX_MINUTES:
        raise Problem(f"“{text}” không phải số phút (từ 1 đến {MAX_MINUTES})")
    return int(match.group(1))


def parse(filename: str, data: bytes):
    listing = ListFile(filename, data, "speeches", COLUMNS, {"topic": "Chủ đề tham luận"},
                       who="người tham luận")
    rows = []
    for row, record in listing.named_records(LIMITS, "thiếu tên người hoặc tập thể tham luận"):
        if record["topic"] == "":
            row.problem("topic", "thiếu chủ đề tham luận")
        record["minutes"] = row.value("minutes", _minutes) if "minutes" in row.cells else DEFAULT_MINUTES
        rows.append(record)
    return rows, listing.problems, listing.notes()


def speech_fields(data: dict) -> dict:
    """A speech typed on the organiser page: the same limits as a row of the file."""
    fields = {}
    for field, label, limit, required in (("name", "Họ và tên hoặc tên tập thể", 300, True),
                                          ("topic", "Chủ đề tham luận", 500, True),
                                          ("title", "Chức vụ", LIMITS["title"], False),
                                          ("unit", "Đơn vị", LIMITS["unit"], False)):
        value = data.get(field) or ""
        if not isinstance(value, str) or len(value.strip()) > limit:
            raise ApiError(400, f"bad_{field}", f"{label}: tối đa {limit} ký tự.")
        if required and not value.strip():
            raise ApiError(400, f"missing_{field}", f"Cần nhập {label.lower()}.")
        fields[field] = nfc(value) or None
    try:
        fields["minutes"] = _minutes(data.get("minutes"))
    except Problem as e:
        raise ApiError(400, "bad_minutes", f"Thời lượng: {e}.") from None
    fields["collective"] = data.get("collective") is True
    return fields


def speeches_of(event_id: int) -> list[Speech]:
    return list(db.session.scalars(select(Speech).where(Speech.event_id == event_id).order_by(Speech.position)))


def import_speeches(event_id: int, filename: str, data: bytes) -> dict:
    """All or nothing. A speaker already on the list (same name and unit) is updated, not added twice; speakers
    the file no longer names are kept, after the others, for the organiser to remove on purpose."""
    rows, notes = rows_to_save(parse, filename, data, "tham luận")
    existing = speeches_of(event_id)
    by_speaker = {(fold(s.name), fold(s.unit)): s for s in existing}
    order, created, updated = [], 0, 0
    for record in rows:
        speech = by_speaker.get((fold(record["name"]), fold(record.get("unit"))))
        if speech is None or speech in order:
            speech = Speech(event_id=event_id, position=0)
            db.session.add(speech)
            created += 1
        else:
            updated += 1
        speech.name, speech.collective, speech.topic = record["name"], record["collective"], record["topic"]
        speech.title, speech.unit = record.get("title") or None, record.get("unit") or None
        speech.minutes = record["minutes"]
        order.append(speech)
    kept = [s for s in existing if s not in order]
    if kept:
        notes.append(f"Giữ lại {len(kept)} bài tham luận không có trong tệp, xếp sau cùng; "
                     "bỏ trên trang Tham luận nếu không cần.")
    renumber(order + kept)
    audit.record(event_id, "import_speeches", f"Nhập danh sách tham luận «{filename}»: {created} mới, {updated} cập nhật")
    db.session.commit()
    return {"created": created, "updated": updated, "kept": len(kept), "notes": notes}


def template_xlsx() -> bytes:
    return template_workbook("Danh sách tham luận", TEMPLATE_HEADERS, TEMPLATE_EXAMPLE, (6, 28, 30, 30, 36, 60, 12))
