from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from models.base import db
from models.types import NFCString

# werkzeug's strong default; the config's PASSWORD_HASH_METHOD may name another (the tests use a cheap one).
DEFAULT_PASSWORD_HASH = "scrypt"  # noqa: S105 (a method name, not a password)
ROLES = ("organiser", "mc", "door_lead", "door", "usher", "display")
ROLE_LABELS = {
    "organiser": "Ban tổ chức",
    "mc": "Người dẫn chương trình",
    "door_lead": "Trưởng ban đón tiếp (thêm, thay, thu hồi thẻ)",
    "door": "Đón tiếp (cửa vào)",
    "usher": "Hậu trường (gọi lên sân khấu)",
    "display": "Màn hình (chỉ xem)",
}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str | None] = mapped_column(NFCString(200))

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_PASSWORD_HASH) if has_app_context() \
            else DEFAULT_PASSWORD_HASH
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def has_role(self, *roles: str) -> bool:
        # The organiser may do everything (API.md); the door lead is a door too.
        return self.role == "organiser" or self.role in roles or (self.role == "door_lead" and "door" in roles)
