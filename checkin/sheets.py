"""Reading the lists offices send: .xlsx or .csv (UTF-8, with or without BOM), headers in the first row
or after a few title rows, header words matched without regard to case, accents or spacing."""
import csv
import io
import re
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from checkin.legacy import to_unicode
from kiosk.errors import ApiError
from kiosk.text import fold, is_collective_name
from models.types import nfc

MAX_ROWS = 20000
HEADER_SEARCH_ROWS = 15


class Problem(Exception):
    """A cell that cannot be read: its row and column go into the message."""


def header_key(text) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(str(text or "")))


def _xlsx_rows(data: bytes) -> list[list]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a file that is not a workbook
        raise ApiError(400, "bad_file", "Không đọc được tệp Excel (.xlsx). Hãy lưu lại bằng Excel rồi thử lại.") from None
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > MAX_ROWS:
            raise ApiError(400, "too_many_rows", f"Tệp có quá {MAX_ROWS} dòng.")
    book.close()
    return rows


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_encoding", "Tệp CSV phải lưu bằng bảng mã UTF-8 (trong Excel: CSV UTF-8).") from None
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if len(rows) > MAX_ROWS:
        raise ApiError(400, "too_many_rows", f"Tệp có quá {MAX_ROWS} dòng.")
    return rows


def read_table(filename: str, data: bytes, columns: dict[str, tuple[str, ...]], required: dict[str, str]):
    """Finds the header row and yields (row number, {field: (column letter, header, value)}).

    `columns` maps a field to the header keys that name it (folded, letters and digits only); `required` maps
    the fields the header row must have to the header people know them by, for the message when it has not."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise ApiError(400, "bad_file_type", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")
    wanted = {key: field for field, keys in columns.items() for key in keys}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {}
        for col, cell in enumerate(row):
            field = wanted.get(header_key(cell))
            if field and field not in found:
                found[field] = (get_column_letter(col + 1), str(cell).strip(), col)
        if all(f in found for f in required):
            header_row = index
            break
    else:
        names = ", ".join(f"“{label}”" for label in required.values())
        raise ApiError(400, "no_header", f"Không tìm thấy dòng tiêu đề có cột {names} trong {HEADER_SEARCH_ROWS} dòng đầu.")
    table = []
    for index in range(header_row + 1, len(rows)):
        row = rows[index]
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        cells = {field: (letter, header, row[col] if col < len(row) else None)
                 for field, (letter, header, col) in found.items()}
        table.append((index + 1, cells))
    return table


# The columns that name a recipient or a speaker: a person, a collective, or one column for either.
NAME_COLUMNS = {
    "person": ("hovaten", "hoten"),
    "collective": ("tentapthe", "tapthe"),
    "either": ("canhantapthe", "tencanhantapthe", "tapthecanhan"),
}


class RowReader:
    """One row of a list: its cells read as text, and each problem noted with the row, column and header."""

    def __init__(self, row_number: int, cells: dict, problems: list[dict], legacy: set[str]):
        self.row_number, self.cells, self.problems, self.legacy = row_number, cells, problems, legacy

    def problem(self, field: str, message: str) -> None:
        letter, header, _ = self.cells[field]
        self.problems.append({"row": self.row_number, "column": letter, "header": header, "message": message})

    def text(self, field: str, limit: int) -> str | None:
        """The cell as NFC Unicode (TCVN3 or VNI converted, and the encoding noted); None when the column is
        missing or the cell cannot be read (the problem is noted)."""
        if field not in self.cells:
            return None
        text, legacy = to_unicode(as_text(self.cells[field][2]))
        if legacy:
            self.legacy.add(legacy)
        text = nfc(text) or ""
        if len(text) > limit:
            self.problem(field, f"dài quá {limit} ký tự")
            return None
        return text

    def name(self, title: str | None, missing: str) -> tuple[str, bool] | None:
        """(name, is a collective) from the name columns there are; `missing` is the problem when all are empty."""
        names = {field: self.text(field, 300) for field in NAME_COLUMNS if field in self.cells}
        if None in names.values():
            return None  # too long: already noted
        if names.get("person"):
            return names["person"], False
        if names.get("collective"):
            return names["collective"], True
        if names.get("either"):
            return names["either"], not title and is_collective_name(names["either"])
        self.problem(next(iter(names)), missing)
        return None


def rows_naming_someone(filename: str, data: bytes, columns: dict, required: dict[str, str], who: str,
                        problems: list[dict], legacy: set[str]) -> list[RowReader]:
    """The rows of a list whose header names people or collectives (honours, speakers); `who` says whose
    name the column holds, for the message when there is none."""
    table = read_table(filename, data, columns, required)
    if table and not any(field in table[0][1] for field in NAME_COLUMNS):
        raise ApiError(400, "no_name_column",
                       f"Không thấy cột tên {who} (“Họ và tên”, “Tên tập thể” hoặc “Cá nhân/tập thể”).")
    return [RowReader(row_number, cells, problems, legacy) for row_number, cells in table]


def legacy_notes(legacy: set[str]) -> list[str]:
    return [f"Đã chuyển chữ từ bảng mã {', '.join(sorted(legacy))} sang Unicode."] if legacy else []


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def as_year(value) -> int | None:
    """Năm sinh as 1985, "1985", a date cell, or "dd/mm/yyyy"."""
    if value is None or as_text(value) == "":
        return None
    if isinstance(value, datetime | date):
        return value.year
    text = as_text(value)
    match = re.fullmatch(r"(\d{4})|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if not match:
        raise Problem(f"“{text}” không phải năm sinh (ví dụ 1985 hoặc 20/05/1985)")
    year = int(match.group(1) or match.group(4))
    if not 1900 <= year <= date.today().year:
        raise Problem(f"năm sinh {year} không hợp lệ")
    return year


def as_date(value) -> date | None:
    if value is None or as_text(value) == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", as_text(value))
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value):
    raise Problem(f"“{as_text(value)}” không phải ngày (ngày/tháng/năm, ví dụ 05/11/2025)")


def template_workbook(title: str, headers: list[str], example: list, widths: tuple[int, ...]) -> bytes:
    """A list to fill in: bold headers and one example row, as offices expect to receive it."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(headers)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
