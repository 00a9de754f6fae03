"""Reading the lists offices send: .xlsx or .csv (UTF-8, with or without BOM), headers in the first row
or after a few title rows, header words matched without regard to case, accents or spacing."""
import csv
import io
import re
import zipfile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kiosk.errors import ApiError
from kiosk.lists.legacy import convert, to_unicode
from models.text import fold

MAX_ROWS = 20000
MAX_COLUMNS = 200  # a delegate list has about 20; Excel allows 16,384
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # a list of 20,000 rows unpacks to a few MB
HEADER_SEARCH_ROWS = 15
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')

_DIMENSION_TEXT = re.compile(_DIMENSION.pattern.decode())

_TOO_BIG = "Tệp Excel quá lớn khi giải nén (quá {mb} MB): hãy kiểm tra lại tệp, một danh sách chỉ vài MB."


def header_key(text) -> str:
    """'Họ và tên', 'HỌ VÀ TÊN' and ' họ  và tên ' all give 'hovaten'."""
    return re.sub(r"[^a-z0-9]", "", fold(str(text or "")))


def _row_keys(row: list) -> list[str]:
    """The header keys of a row, the row read as Unicode first: typed in TCVN3 ('Hä vµ tªn') or VNI ('Hoï vaø
    teân'). The encoding is decided for the row as a whole, since a header such as 'Giíi tÝnh' alone reads as
    Unicode letters."""
    cells = ["" if cell is None else str(cell) for cell in row]
    encoding = to_unicode(" ".join(cells))[1]
    return [header_key(convert(cell, encoding) if encoding else cell) for cell in cells]


def _bad_xlsx() -> ApiError:
    return ApiError(400, "bad_file", "Không đọc được tệp Excel (.xlsx). Hãy lưu lại bằng Excel rồi thử lại.")


def check_xlsx_size(data: bytes) -> None:
    """Before openpyxl reads a byte: the unpacked size of the whole package (a 1 MB zip bomb unpacks to 1 GB),
    and the dimensions each sheet declares. The zip's table of contents is read, nothing is unpacked but the
    first few KB of each sheet, where Excel writes <dimension ref="A1:T350"/>."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _bad_xlsx() from None
    if len(members) > 1000 or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise ApiError(400, "file_too_big", _TOO_BIG.format(mb=MAX_UNPACKED_BYTES // 2**20))
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            try:
                with archive.open(member) as stream:
                    head = stream.read(4096)
            except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
                raise _bad_xlsx() from None
            match = _DIMENSION.search(head)
            match = re.fullmatch(_DIMENSION_TEXT, match.group(0).decode()) if match else None
            if match and match.group(4) and int(match.group(4)) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise ApiError(400, "too_many_rows", f"Tệp có quá {MAX_ROWS} dòng (trang tính ghi {match.group(4)} dòng).")
            if match and match.group(3) and _column_number(match.group(3)) > MAX_COLUMNS:
                raise ApiError(400, "too_many_columns", f"Tệp có quá {MAX_COLUMNS} cột (trang tính ghi đến cột "
                                                        f"{match.group(3)}).")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _xlsx_rows(data: bytes) -> list[list]:
    check_xlsx_size(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = []
        # only the first MAX_COLUMNS columns, whatever the sheet declares: a row never grows past them
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS:
                raise ApiError(400, "too_many_rows", f"Tệp có quá {MAX_ROWS} dòng.")
        book.close()
    except ApiError:
        raise
    except Exception:  # noqa: BLE001 — openpyxl raises many kinds for a file that is not a workbook
        raise _bad_xlsx() from None
    return rows


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(400, "bad_encoding", "Tệp CSV phải lưu bằng bảng mã UTF-8 (trong Excel: CSV UTF-8).") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel  # one column, or nothing that looks like a separator: read it with commas
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(row) > MAX_COLUMNS:
                raise ApiError(400, "too_many_columns", f"Dòng {len(rows) + 1} có quá {MAX_COLUMNS} cột.")
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise ApiError(400, "too_many_rows", f"Tệp có quá {MAX_ROWS} dòng.")
    except csv.Error:
        # a field past csv.field_size_limit() (128 KB), or a quote never closed
        raise ApiError(400, "bad_csv", f"Dòng {len(rows) + 1} của tệp CSV có một ô quá dài hoặc dấu ngoặc kép "
                                       "không đóng. Hãy lưu lại bằng Excel (CSV UTF-8) rồi thử lại.") from None
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
