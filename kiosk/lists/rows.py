"""One list file read row by row: each cell as clean text or a checked value, each problem noted with its
row, column and header, and the legacy encodings met along the way."""
import re
from datetime import date, datetime

from kiosk.errors import ApiError
from kiosk.lists.legacy import to_unicode
from kiosk.lists.sheets import read_table
from models.text import is_collective_name
from models.types import nfc


class Problem(Exception):
    """A cell that cannot be read: its row and column go into the message."""


# What gives each kind of list away: header keys that only it has, with the header as people write it.
KINDS = {
    "delegates": ("danh sách đại biểu", {"gioitinh": "Giới tính", "namsinh": "Năm sinh", "ngaysinh": "Ngày sinh",
                                         "dantoc": "Dân tộc", "tongiao": "Tôn giáo", "doituong": "Đối tượng"}),
    # not "Danh hiệu": a delegate list names its heroes and emulation fighters in such a column too
    "honours": ("danh sách khen thưởng", {"hinhthuckhenthuong": "Hình thức khen thưởng",
                                          "soquyetdinh": "Số quyết định"}),
    "speeches": ("danh sách tham luận", {"chudethamluan": "Chủ đề tham luận", "tenbaithamluan": "Tên bài tham luận",
                                         "thoiluongphut": "Thời lượng (phút)"}),
}

# The columns that name a recipient or a speaker: a person, a collective, or one column for either.
NAME_COLUMNS = {
    "person": ("hovaten", "hoten"),
    "collective": ("tentapthe", "tapthe"),
    "either": ("canhantapthe", "tencanhantapthe", "tapthecanhan"),
}


class ListFile:
    """An uploaded list being read: its rows, the problems found so far and the legacy encodings met.

    `kind` is one of KINDS; `columns` maps a field to the header keys that name it; `required` maps the fields
    the header row must have to the header people know them by. `who`, for lists that name people or collectives
    (honours, speakers), says whose name the name column holds, for the message when there is none."""

    def __init__(self, filename: str, data: bytes, kind: str, columns: dict, required: dict[str, str],
                 who: str | None = None):
        self.problems: list[dict] = []
        self.legacy: set[str] = set()
        others = {description: signature for other, (description, signature) in KINDS.items() if other != kind}
        table = read_table(filename, data, columns, required, others)
        if who and table and not any(field in table[0][1] for field in NAME_COLUMNS):
            raise ApiError(400, "no_name_column",
                           f"Không thấy cột tên {who} (“Họ và tên”, “Tên tập thể” hoặc “Cá nhân/tập thể”).")
        self.rows = [RowReader(row_number, cells, self) for row_number, cells in table]

    def named_records(self, limits: dict[str, int], missing: str):
        """(row, record) for a list that names people or collectives: the record holds the row's texts (within
        `limits`) and its `name` and `collective`; `missing` is the problem of a row that names no one."""
        for row in self.rows:
            record = row.texts(limits)
            row.add_name(record, missing)
            yield row, record

    def notes(self) -> list[str]:
        return [f"Đã chuyển chữ từ bảng mã {', '.join(sorted(self.legacy))} sang Unicode."] if self.legacy else []


class RowReader:
    """One row of a list: its cells read as text or values, and each problem noted with the row, column and header."""

    def __init__(self, row_number: int, cells: dict, source: ListFile):
        self.row_number, self.cells, self.source = row_number, cells, source
        self.converted: set[str] = set()  # the legacy encodings this row was typed in

    def problem(self, field: str, message: str) -> None:
        letter, header, _ = self.cells[field]
        self.source.problems.append({"row": self.row_number, "column": letter, "header": header, "message": message})

    def _raw(self, field: str):
        """The cell's value; text typed in TCVN3 or VNI comes back as Unicode, and the encoding is noted."""
        raw = self.cells[field][2]
        if isinstance(raw, str):
            raw, legacy = to_unicode(raw)
            if legacy:
                self.converted.add(legacy)
                self.source.legacy.add(legacy)
        return raw

    def text(self, field: str, limit: int) -> str | None:
        """The cell as NFC Unicode; None when the column is missing or the cell is too long (the problem is noted)."""
        if field not in self.cells:
            return None
        text = nfc(as_text(self._raw(field))) or ""
        if len(text) > limit:
            self.problem(field, f"dài quá {limit} ký tự")
            return None
        return text

    def texts(self, limits: dict[str, int]) -> dict:
        """{field: text} for each field of `limits` (field -> longest length) that the list has a column for."""
        return {field: self.text(field, limit) for field, limit in limits.items() if field in self.cells}

    def value(self, field: str, convert):
        """`convert(cell)`; None when the column is missing or `convert` raises a Problem (noted)."""
        if field not in self.cells:
            return None
        try:
            return convert(self._raw(field))
        except Problem as e:
            self.problem(field, str(e))
            return None

    def add_name(self, record: dict, missing: str) -> None:
        """Puts `name` and `collective` into the record from the name columns there are (its `title` helps tell
        a person from a collective); `missing` is the problem when all are empty."""
        named = self._name(record.get("title"), missing)
        if named:
            record["name"], record["collective"] = named

    def _name(self, title: str | None, missing: str) -> tuple[str, bool] | None:
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
