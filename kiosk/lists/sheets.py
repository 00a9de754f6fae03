"""Reading the lists offices send: .xlsx or .csv (UTF-8, with or without BOM), headers in the first row
or after a few title rows, header words matched without regard to case, accents or spacing."""
import csv
import io
import re

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kiosk.errors import ApiError
from kiosk.lists.legacy import to_unicode
from models.text import fold

MAX_ROWS = 20000
HEADER_SEARCH_ROWS = 15


def header_key(text) -> str:
    """'Họ và tên', 'HỌ VÀ TÊN' and ' họ  và tên ' all give 'hovaten'."""
    return re.sub(r"[^a-z0-9]", "", fold(str(text or "")))


def _row_keys(row: list) -> list[str]:
    """The header keys of a row, the row read as Unicode first: typed in TCVN3 ('Hä vµ tªn') or VNI ('Hoï vaø
    teân'). The encoding is decided for the row as a whole, since a header such as 'Giíi tÝnh' alone reads as
    Unicode letters."""
    cells = ["" if cell is None else str(cell).replace("\n", " ") for cell in row]
    return [header_key(cell) for cell in to_unicode("\n".join(cells))[0].split("\n")]


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


def _other_kind(keys: set[str], others: dict[str, dict[str, str]]) -> tuple[str, str] | None:
    """(what the list looks like, the header that gives it away) when a header row is another kind of list's."""
    for kind, signature in others.items():
        for key, header in signature.items():
            if key in keys:
                return kind, header
    return None


def read_table(filename: str, data: bytes, columns: dict[str, tuple[str, ...]], required: dict[str, str],
               others: dict[str, dict[str, str]] | None = None):
    """Finds the header row and yields (row number, {field: (column letter, header, value)}).

    `columns` maps a field to the header keys that name it (folded, letters and digits only); `required` maps
    the fields the header row must have to the header people know them by, for the message when it has not.
    `others` maps the other kinds of list to the header keys only they have: a file of another kind is refused
    with a message that says what it looks like."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise ApiError(400, "bad_file_type", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")
    wanted = {key: field for field, keys in columns.items() for key in keys}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found, keys = {}, _row_keys(row)
        for col, (cell, key) in enumerate(zip(row, keys, strict=True)):
            field = wanted.get(key)
            if field and field not in found:
                found[field] = (get_column_letter(col + 1), str(cell).strip(), col)
        other = _other_kind(set(keys), others or {})
        if other:
            raise ApiError(400, "wrong_list", f"Tệp này giống {other[0]} (có cột “{other[1]}”), không phải danh sách "
                                              "cần tải lên ở đây. Hãy chọn đúng tệp.")
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
