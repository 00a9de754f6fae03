"""The door's HTTP bodies and answers, declared once (kiosk.schema): checked on the way in, published in
/api/openapi.json."""
from typing import ClassVar, Literal

from pydantic import Field

from kiosk.schema import Answer, Body, Id, Problems

MAX_DOOR = 50
DOOR_PROBLEM = ("bad_door", f"Tên cửa phải là chữ, tối đa {MAX_DOOR} ký tự.")


class Scan(Body):
    """A badge scanned (or typed) at a door, or a delegate found by name (`delegate_id` instead of `code`: the door
    is never given badge codes). `scan_id`, chosen by the tablet, makes a resent scan harmless; `scanned_at` (ISO time
    with its zone) is when a tablet that was offline took it."""
    code: str | None = Field(None, max_length=200)
    delegate_id: Id | None = None
    scan_id: str | None = Field(None, min_length=8, max_length=64)
    door: str = Field("", max_length=MAX_DOOR)
    scanned_at: str | None = None
    problems: ClassVar[Problems] = {"code": ("bad_code", "Mã quét không hợp lệ."),
                "scan_id": ("bad_scan_id", "Mã lượt quét không hợp lệ."), "door": DOOR_PROBLEM,
                "scanned_at": ("bad_time", "Thời điểm quét phải là thời gian ISO có múi giờ."),
                "delegate_id": ("bad_delegate", "Đại biểu tìm được không hợp lệ.")}


class Undo(Body):
    delegate_id: Id
    reason: str = Field(max_length=500)
    door: str = Field("", max_length=MAX_DOOR)
    problems: ClassVar[Problems] = {"delegate_id": ("bad_delegate", "Thiếu đại biểu cần huỷ điểm danh."),
                "reason": ("missing_reason", "Cần ghi lý do huỷ điểm danh (tối đa 500 ký tự)."), "door": DOOR_PROBLEM}


class DelegateFields(Body):
    """A delegate's details (a walk-in, a correction, a substitute): the types here, the lengths and what is required
    in checkin.changes (shared with the pages' forms); a field left out of a correction stays as it was."""
    full_name: str | None = None
    title: str | None = None
    unit: str | None = None
    seat: str | None = None
    ethnicity: str | None = None
    religion: str | None = None
    occupation_group: str | None = None
    sector: str | None = None
    gender: Literal["nam", "nu", ""] | None = None
    guest: bool = False
    problems: ClassVar[Problems] = {"full_name": ("bad_full_name", "Họ và tên: tối đa 200 ký tự."),
                "title": ("bad_title", "Chức vụ: tối đa 300 ký tự."), "unit": ("bad_unit", "Đơn vị: tối đa 300 ký tự."),
                "seat": ("bad_seat", "Chỗ ngồi: tối đa 50 ký tự."),
                "ethnicity": ("bad_ethnicity", "Dân tộc: tối đa 50 ký tự."),
                "religion": ("bad_religion", "Tôn giáo: tối đa 50 ký tự."),
                "occupation_group": ("bad_occupation_group", "Thành phần: tối đa 100 ký tự."),
                "sector": ("bad_sector", "Ngành, lĩnh vực: tối đa 200 ký tự."),
                "gender": ("bad_gender", "Giới tính phải là nam hoặc nu."),
                "guest": ("bad_guest", "Khách mời phải là true hoặc false.")}

    def given(self) -> dict:
        """The fields the client sent, as checkin.changes reads them."""
        return self.model_dump(exclude_unset=True)


class Seat(Answer):
    zone: str | None
    row: str | None
    seat: str | None


class DoorDelegate(Answer):
    """A delegate as the door sees them (the organiser's answers carry every field, the badge code among them)."""
    id: int
    number: int | None
    full_name: str
    unit: str | None
    seat: Seat | None
    revoked: bool
    checked_in_at: str | None


class CheckinAnswer(Answer):
    result: str
    message: str
    delegate: dict | None
    checked_in_at: str | None
    door: str | None


class Undone(Answer):
    result: str
    message: str


class ImportResult(Answer):
    created: int
    updated: int
    notes: list[str]


class Attendance(Answer):
    expected: int
    present: int
