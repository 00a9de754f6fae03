import hashlib
import secrets
from datetime import datetime
from functools import lru_cache

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from models.base import db
from models.types import NFCString, UTCDateTime

# werkzeug's strong default; the config's PASSWORD_HASH_METHOD may name another (the tests use a cheap one).
DEFAULT_PASSWORD_HASH = "scrypt"  # noqa: S105 (a method name, not a password)
ROLES = ("organiser", "mc", "door_lead", "door", "usher", "display", "kiosk", "secretary", "presidium")
ROLE_LABELS = {
    "organiser": "Ban tổ chức",
    "mc": "Người dẫn chương trình",
    "door_lead": "Trưởng ban đón tiếp (thêm, thay, thu hồi thẻ)",
    "door": "Đón tiếp (cửa vào)",
    "usher": "Hậu trường (gọi lên sân khấu)",
    "display": "Màn hình (chỉ xem)",
    "kiosk": "Quầy tự điểm danh (đại biểu tự quét)",
    "secretary": "Thư ký (đọc, chuyển ý kiến đại biểu)",
    "presidium": "Đoàn Chủ tịch (màn hình bàn chủ tọa)",
}



class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str | None] = mapped_column(NFCString(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # The session this object was loaded for (kiosk.identity.auth): what Flask-Login keeps in the cookie, so that a cookie
    # and a "remember me" token name one server-side session, and die with it.
    session_key = None  # str
    session_event_id = None  # int: a paired door tablet's one event
    session_door = None  # str: and its door
    event_ids: frozenset = frozenset()  # a door account's assigned events (UserEvent); empty: none (kiosk.identity.auth)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=_hash_method())

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: str) -> bool:
        # The organiser may do everything (API.md); the door lead is a door too.
        return self.role == "organiser" or self.role in roles or (self.role == "door_lead" and "door" in roles)

    def get_id(self) -> str | None:
        return self.session_key

    @property
    def is_active(self) -> bool:
        return not self.disabled


def _hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_PASSWORD_HASH) if has_app_context() \
        else DEFAULT_PASSWORD_HASH


@lru_cache(maxsize=4)
def dummy_hash(method: str) -> str:
    """A hash of nothing, made the way accounts' are: what a wrong name's password is checked against."""
    return generate_password_hash(secrets.token_hex(16), method=method)


def waste_a_password_check(password: str) -> bool:
    """The same work as a real check, for a name that has no account: a hash made the way accounts' are, so a
    wrong name costs the same time as a wrong password."""
    check_password_hash(dummy_hash(_hash_method()), password)
    return False


def session_digest(key: str) -> str:
    """Sessions are stored by the digest of their key: a copy of the table opens no session."""
    return hashlib.sha256(key.encode()).hexdigest()


class UserSession(db.Model):
    """One sign-in: the cookie and the "remember me" token carry its key; signing out, a new password or a
    disabled account ends it, on every server process at once."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the key
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    address: Mapped[str | None] = mapped_column(String(64))
    # a paired door tablet's session (kiosk.identity.pairing): good for this one event, at this door
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    door: Mapped[str | None] = mapped_column(NFCString(50))


# accounts that work only for the events assigned to them
EVENT_BOUND_ROLES = ("door", "door_lead", "kiosk", "secretary", "presidium")


class UserEvent(db.Model):
    """An event a door, door-lead or kiosk account is assigned to. Such an account works for those alone (403
    other_event elsewhere, as a paired tablet); one with none assigned yet works for no event."""

    __tablename__ = "user_events"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True)


class DoorPairing(db.Model):
    """A short-lived code that gives the first tablet that uses it a door session for one event and door."""

    __tablename__ = "door_pairings"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the code
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    door: Mapped[str] = mapped_column(NFCString(50))
    role: Mapped[str] = mapped_column(String(20), default="door", server_default="door")  # door or kiosk (a stand)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
