"""Importing the delegate list: every problem reported with its row and column, and a file with any
problem imports nothing. Importing an updated list again updates people rather than duplicating them."""
import re

from sqlalchemy import select

from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lists.problems import rows_to_save
from kiosk.lists.rows import ListFile, Problem, as_text, as_year
from kiosk.lists.sheets import template_workbook
from models import Delegate
from models.text import fold

# field: header keys (folded: no accents, letters and digits only); the first names the column in messages
COLUMNS = {
    "full_name": ("hovaten", "hoten", "hotendaibieu", "tendaibieu"),
    "number": ("stt", "sott", "sothe", "sodaibieu"),
    "title": ("chucvu", "chucdanh", "chucvuchucdanh"),
    "unit": ("donvi", "coquandonvi", "donvicongtac", "coquan", "noicongtac"),
    "gender": ("gioitinh",),
    "birth": ("namsinh", "ngaysinh", "ngaythangnamsinh"),
    "ethnicity": ("dantoc",),
    "religion": ("tongiao",),
    "occupation_group": ("thanhphan", "thanhphandaibieu"),
    "sector": ("nganhlinhvuc", "nganh", "linhvuc"),
    "kind": ("doituong", "loaidaibieu"),
    "code": ("madaibieu", "ma"),
    "seat": ("chongoi", "vitringoi", "khuvuc"),
    # e.g. "Anh hùng Lao động", "Chiến sĩ thi đua toàn quốc": counted in the credentials report
    "distinction": ("danhhieu", "danhhieuthidua", "danhhieucaonhat"),
    "delegation": ("doan", "doandaibieu", "tendoan", "thuocdoan"),
    "head": ("truongdoan", "latruongdoan"),
}
TEMPLATE_HEADERS = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giới tính", "Năm sinh", "Dân tộc", "Tôn giáo",
                    "Thành phần", "Ngành, lĩnh vực", "Đối tượng", "Chỗ ngồi", "Mã đại biểu", "Đoàn", "Trưởng đoàn"]
TEMPLATE_EXAMPLE = [1, "Nguyễn Thị Lan", "Chủ tịch Hội Nông dân xã", "UBND xã Vũ Hội, huyện Vũ Thư", "Nữ", 1982,
                    "Kinh", "Không", "nông dân", "Nông nghiệp", "Đại biểu", "Khu B - Hàng 3", "", "Đoàn huyện Vũ Thư", "x"]
LIMITS = {"full_name": 200, "title": 300, "unit": 300, "ethnicity": 50, "religion": 50, "occupation_group": 100,
          "sector": 200, "seat": 50, "delegation": 300}


def _gender(value: str) -> str | None:
    key = fold(value)
    if not key:
        return None
    if key in ("nam", "m", "male"):
        return "nam"
    if key in ("nu", "f", "female"):
        return "nu"
    raise Problem(f"“{value}” không phải Nam hoặc Nữ")


def _is_guest(value: str) -> bool:
    key = fold(value)
    if not key or "dai bieu" in key:
        return False
    if "khach" in key:
        return True
    raise Problem(f"“{value}” không phải Đại biểu hoặc Khách mời")


def _number(value) -> int | None:
    text = as_text(value)
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,6}", text):
        raise Problem(f"“{text[:40]}” không phải số thứ tự (1 đến 999999)")
    return int(text)


MAX_CODE = 64  # the column's width; a QR of a longer code is too dense to scan at the door


def _code(value) -> str | None:
    text = as_text(value)
    if len(text) > MAX_CODE:
        raise Problem(f"mã đại biểu dài quá {MAX_CODE} ký tự ({len(text)} ký tự)")
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise Problem("mã đại biểu không được có khoảng trắng hay ký tự điều khiển")
    return text or None


def _flag(value) -> bool:
    """A mark in a column such as "Trưởng đoàn": x, có, 1, ✓ or the word itself; empty, không or 0 for no."""
    if isinstance(value, bool):
        return value
    key = fold(as_text(value))
    if key in ("", "0", "khong", "no", "false"):
        return False
    if key in ("x", "co", "1", "yes", "true", "v", "truong doan") or as_text(value) in ("✓", "✔", "☑"):
        return True
    raise Problem(f"“{as_text(value)[:40]}” không rõ: đánh dấu x (hoặc Có) nếu là trưởng đoàn, để trống nếu không")


# field read from a cell: (the column, where it goes in the record, how it is read)
VALUE_FIELDS = (("gender", "gender", lambda v: _gender(as_text(v))), ("birth", "birth_year", as_year),
                ("kind", "is_guest", lambda v: _is_guest(as_text(v))), ("number", "number", _number),
                ("code", "code", _code), ("head", "delegation_head", _flag),
                ("distinction", "is_hero", lambda v: "anh hung" in fold(as_text(v))),
                ("distinction", "is_emulation_fighter", lambda v: "chien si thi dua" in fold(as_text(v))))


def parse(filename: str, data: bytes) -> tuple[list[dict], list[dict], list[str]]:
    """(rows ready to save, problems, notes). A problem names its row, column letter and header."""
    listing = ListFile(filename, data, "delegates", COLUMNS, required={"full_name": "Họ và tên"})
    rows, notes = [], []
    seen_codes, seen_people, heads = {}, {}, {}
    for row in listing.rows:
        record = row.texts(LIMITS)
        for field, key, convert in VALUE_FIELDS:
            if field in row.cells:
                record[key] = row.value(field, convert)
        if record["full_name"] is None:
            continue  # too long: already noted
        if not record["full_name"]:
            row.problem("full_name", "thiếu họ và tên")
            continue
        if row.converted:
            notes.append(f"Dòng {row.row_number}: đã chuyển chữ từ bảng mã {', '.join(sorted(row.converted))} sang "
                         f"Unicode (“{record['full_name']}”).")
        person = (fold(record["full_name"]), fold(record.get("unit")))
        if person in seen_people:
            row.problem("full_name", f"trùng người ở dòng {seen_people[person]} (cùng họ tên và đơn vị)")
        seen_people[person] = row.row_number
        if record.get("code"):
            if record["code"] in seen_codes:
                row.problem("code", f"mã đại biểu trùng với dòng {seen_codes[record['code']]}")
            seen_codes[record["code"]] = row.row_number
        if record.get("delegation_head"):
            if not record.get("delegation"):
                row.problem("head", "trưởng đoàn phải có tên đoàn (cột “Đoàn”)")
            elif fold(record["delegation"]) in heads:
                row.problem("head", f"đoàn “{record['delegation']}” đã có trưởng đoàn ở dòng "
                                    f"{heads[fold(record['delegation'])]}")
            else:
                heads[fold(record["delegation"])] = row.row_number
        rows.append(record)
    return rows, listing.problems, notes


def import_delegates(event_id: int, filename: str, data: bytes) -> dict:
    """All or nothing: with any problem nothing is saved and every problem is listed."""
    rows, notes = rows_to_save(parse, filename, data, "đại biểu")
    existing = list(db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)))
    by_code = {d.code: d for d in existing}
    by_person = {(d.search_name, fold(d.unit)): d for d in existing}
    taken_numbers = {d.number for d in existing if d.number is not None}
    created = updated = 0
    for record in rows:
        delegate = by_code.get(record.get("code")) or by_person.get((fold(record["full_name"]), fold(record.get("unit"))))
        if delegate is None:
            code = record.pop("code", None)
            if code and db.session.scalar(select(Delegate.id).where(Delegate.code == code)):
                raise ApiError(400, "code_taken", f"Mã đại biểu {code} đã dùng cho sự kiện khác.")
            delegate = Delegate(event_id=event_id, **({"code": code} if code else {}))
            db.session.add(delegate)
            created += 1
        else:
            record.pop("code", None)
            updated += 1
        number = record.pop("number", None)
        if number is not None and number != delegate.number:
            if number in taken_numbers:
                number = None  # STT clashes with someone already on the list: keep the old badge number
            else:
                taken_numbers.add(number)
        for field, value in record.items():
            setattr(delegate, field, value if value != "" else None)
        if number is not None:
            delegate.number = number
        elif delegate.number is None:
            delegate.number = max(taken_numbers, default=0) + 1
            taken_numbers.add(delegate.number)
    audit.record(event_id, "import_delegates", f"Nhập danh sách đại biểu «{filename}»: {created} mới, {updated} cập nhật")
    db.session.commit()
    return {"created": created, "updated": updated, "notes": notes}


def template_xlsx() -> bytes:
    return template_workbook("Danh sách đại biểu", TEMPLATE_HEADERS, TEMPLATE_EXAMPLE,
                             (6, 28, 30, 36, 10, 10, 10, 12, 16, 20, 12, 16, 24, 24, 12))
