"""The shell's HTTP bodies and answers (sign-in, accounts, door pairing, jobs), declared once (kiosk.schema).
What the accounts' and pairing's pages send through forms is checked where both meet (kiosk.identity.accounts,
kiosk.identity.pairing); here the types the document names."""
from typing import Any, ClassVar

from kiosk.schema import Answer, Body, Problems, checked_later

ID_LIST = {"type": "array", "items": {"type": "integer"}}


class Login(Body):
    username: str
    password: str
    problems: ClassVar[Problems] = {"*": ("bad_request", "Cần gửi tên đăng nhập và mật khẩu.")}


class SignedIn(Answer):
    username: str
    role: str
    csrf_token: str


class Account(Answer):
    id: int
    username: str
    role: str
    disabled: bool


class EventIds(Body):
    event_ids: checked_later(ID_LIST) = None


class EventIdsAnswer(Answer):
    event_ids: list[int]


class NewPassword(Body):
    password: checked_later({"type": "string", "minLength": 8, "maxLength": 200}) = None


class Pairing(Body):
    """A pairing code for one tablet: a door (the volunteer's) or a kiosk stand (the delegates' own)."""
    door: checked_later({"type": "string", "maxLength": 50}) = None
    role: checked_later({"enum": ["door", "kiosk"]}) = "door"


class PairingAnswer(Answer):
    code: str
    url: str
    door: str
    expires_at: str


class Tablet(Answer):
    id: str
    door: str | None
    since: str
    address: str | None


class TabletRef(Body):
    tablet_id: checked_later("string") = None  # as listed; any other: 404 tablet_not_found (kiosk.identity.pairing)


class JobRequest(Body):
    """badges.pdf, attendance.xlsx, credentials.pdf, credentials.docx, minutes.pdf, minutes.docx, archive.xlsx,
    honours.xlsx or script.pdf (kiosk.job_routes checks it against the kinds offered)."""
    kind: checked_later("string") = None


class Job(Answer):
    id: str
    kind: str
    event_id: int
    status: str
    label: Any
    done: Any
    total: Any
    file: Any
    error: Any
    message: Any


class LoopFigures(Answer):
    running: bool
