"""The all-or-nothing rule of every import: a list with any problem saves nothing and names every problem."""
from kiosk.errors import ApiError


def describe(problem: dict) -> str:
    return f"Dòng {problem['row']}, cột {problem['column']} ({problem['header']}): {problem['message']}."


class ImportProblems(ApiError):
    def __init__(self, problems: list[dict]):
        lines = [describe(p) for p in problems]
        super().__init__(400, "import_failed", f"Không nhập được: {len(problems)} lỗi, chưa lưu gì. " + " ".join(lines[:20]))
        self.problems = problems


def rows_to_save(parse, filename: str, data: bytes, what: str) -> tuple[list[dict], list[str]]:
    """The rows of a list and its notes, or nothing saved: every problem raised at once, an empty list refused.
    `what` names the rows in the message ("đại biểu", "khen thưởng", "tham luận")."""
    rows, problems, notes = parse(filename, data)
    if problems:
        raise ImportProblems(problems)
    if not rows:
        raise ApiError(400, "empty_file", f"Tệp không có dòng {what} nào dưới dòng tiêu đề.")
    return rows, notes
