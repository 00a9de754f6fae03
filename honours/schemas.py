"""The honours' HTTP bodies and answers, declared once (kiosk.schema)."""
from typing import ClassVar, Literal

from honours.handover import STATUSES
from kiosk.schema import Answer, Body, Id, Problems, checked_later


class DelegateLink(Body):
    delegate_id: Id | None
    problems: ClassVar[Problems] = {"delegate_id": ("bad_delegate", "Không có đại biểu này trong sự kiện.")}


class Handover(Body):
    """A recipient's mark; received_by (at most 200 characters) names who received on their behalf."""
    status: Literal[tuple(STATUSES)]
    received_by: checked_later(["string", "null"]) = None  # read as none when not text (honours.handover)
    problems: ClassVar[Problems] = {
        "status": ("bad_status", "Trạng thái phải là: " + ", ".join(f"{k or '(trống)'}" for k in STATUSES) + ".")}


class Recipient(Answer):
    id: int
    name: str
    delegate_id: int | None
    present: bool | None
    handover: str | None
    received_by: str | None


class Group(Answer):
    id: int
    position: int
    award: str | None
    decision: str | None
    recipients: list[Recipient]


class HandoverAnswer(Answer):
    honour_id: int
    group_id: int
    handover: str
    received_by: str | None
