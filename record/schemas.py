"""The record's HTTP bodies and answers, declared once (kiosk.schema)."""
from typing import Any, ClassVar

from pydantic import Field

from kiosk.schema import Answer, Body, Problems
from record.absences import MAX_REASON


class Absence(Body):
    """Why a delegate is absent (empty or null clears it); 409 for a delegate checked in."""
    reason: str | None = Field(None, json_schema_extra={"maxLength": MAX_REASON})  # counted after NFC: record.absences
    problems: ClassVar[Problems] = {"reason": ("bad_reason", "Lý do vắng mặt phải là chữ.")}


class Credentials(Answer):
    """The credentials report's figures now: summoned, present, absent with reasons, composition with percentages."""
    summoned: int
    present: int
    absent: int
    present_pct: Any
    absent_list: list
    composition: Any
    groups: Any
    valid: bool


class AuditLine(Answer):
    at: str | None
    username: str | None
    action: str
    detail: str | None
