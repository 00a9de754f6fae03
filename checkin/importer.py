"""Importing the delegate list: every problem reported with its row and column, and a file with any
problem imports nothing. Importing an updated list again updates people rather than duplicating them."""
from sqlalchemy import select

from checkin.legacy import to_unicode
from checkin.sheets import Problem, as_text, as_year, read_table, template_workbook
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.text import fold
from models import Delegate
from models.types import nfc

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
}
TEMPLATE_HEADERS = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giới tính", "Năm sinh", "Dân tộc", "Tôn giáo",
                    "Thành phần", "Ngành, lĩnh vực", "Đối tượng", "Chỗ ngồi", "Mã đại biểu"]
TEMPLATE_EXAMPLE = [1, "Nguyễn Thị Lan", "Chủ tịch Hội Nông dân xã", "UBND xã Vũ Hội, huyện Vũ Thư", "Nữ", 1982,
                    "Kinh", "Không", "nông dân", "Nông nghiệp", "Đại biểu", "Khu B - Hàng 3", ""]
TEXT_FIELDS = ("full_name", "title", "unit", "ethnicity", "religion", "occupation_group", "sector", "seat")
LIMITS = {"full_name": 200, "title": 300, "unit": 300, "ethnicity": 50, "religion": 50, "occupation_group": 100,
          "sector": 200, "seat": 50}


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
    if not text.isdigit():
        raise Problem(f"“{text}” không phải số")
    return int(text)


def _text(field: str, raw) -> str:
    text = nfc(as_text(raw)) or ""
    if len(text) > LIMITS[field]:
        raise Problem(f"dài quá {LIMITS[field]} ký tự")
    return text


def parse(filename: str, data: bytes) -> tuple[list[dict], list[dict], list[str]]:
    """(rows ready to save, problems, notes). A problem names its row, column letter and header."""
    rows, problems, notes = [], [], []
    seen_codes, seen_people = {}, {}
    for row_number, cells in read_table(filename, data, COLUMNS, required={"full_name": "Họ và tên"}):
        record, legacy_found = {}, set()
        for field, (letter, header, raw) in cells.items():
            if isinstance(raw, str):  # text typed in TCVN3 or VNI is converted, and the conversion reported
                raw, legacy = to_unicode(raw)
                if legacy:
                    legacy_found.add(legacy)
            try:
                if field in TEXT_FIELDS:
                    record[field] = _text(field, raw)
                elif field == "gender":
                    record["gender"] = _gender(as_text(raw))
                elif field == "birth":
                    record["birth_year"] = as_year(raw)
                elif field == "kind":
                    record["is_guest"] = _is_guest(as_text(raw))
                elif field == "number":
                    record["number"] = _number(raw)
                elif field == "code":
                    record["code"] = as_text(raw) or None
            except Problem as e:
                problems.append({"row": row_number, "column": letter, "header": header, "message": str(e)})
        letter, header, _ = cells["full_name"]
        if not record.get("full_name"):
            problems.append({"row": row_number, "column": letter, "header": header, "message": "thiếu họ và tên"})
            continue
        if legacy_found:
            notes.append(f"Dòng {row_number}: đã chuyển chữ từ bảng mã {', '.join(sorted(legacy_found))} sang Unicode "
                         f"(“{record['full_name']}”).")
        person = (fold(record["full_name"]), fold(record.get("unit")))
        if person in seen_people:
            problems.append({"row": row_number, "column": letter, "header": header,
                             "message": f"trùng người ở dòng {seen_people[person]} (cùng họ tên và đơn vị)"})
        seen_people[person] = row_number
        if record.get("code"):
            if record["code"] in seen_codes:
                code_letter, code_header, _ = cells["code"]
                problems.append({"row": row_number, "column": code_letter, "header": code_header,
                                 "message": f"mã đại biểu trùng với dòng {seen_codes[record['code']]}"})
            seen_codes[record["code"]] = row_number
        rows.append(record)
    return rows, problems, notes


def describe(problem: dict) -> str:
    return f"Dòng {problem['row']}, cột {problem['column']} ({problem['header']}): {problem['message']}."


def rows_to_save(parse, filename: str, data: bytes, what: str) -> tuple[list[dict], list[str]]:
    """The rows of a list and its notes, or nothing saved: every problem raised at once, an empty list refused.
    `what` names the rows in the message ("đại biểu", "khen thưởng", "tham luận")."""
    rows, problems, notes = parse(filename, data)
    if problems:
        raise ImportProblems(problems)
    if not rows:
        raise ApiError(400, "empty_file", f"Tệp không có dòng {what} nào dưới dòng tiêu đề.")
    return rows, notes


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
    db.session.commit()
    return {"created": created, "updated": updated, "notes": notes}


class ImportProblems(ApiError):
    def __init__(self, problems: list[dict]):
        lines = [describe(p) for p in problems]
        super().__init__(400, "import_failed", f"Không nhập được: {len(problems)} lỗi, chưa lưu gì. " + " ".join(lines[:20]))
        self.problems = problems


def template_xlsx() -> bytes:
    return template_workbook("Danh sách đại biểu", TEMPLATE_HEADERS, TEMPLATE_EXAMPLE,
                             (6, 28, 30, 36, 10, 10, 10, 12, 16, 20, 12, 16, 24))
