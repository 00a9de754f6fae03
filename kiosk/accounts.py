"""Accounts: one place that checks a new user's name, role and password, for the CLI and the admin page."""
import re

from sqlalchemy import select

from kiosk.auth import forget_cached_users
from kiosk.errors import ApiError
from kiosk.extensions import db
from models import User
from models.user import ROLES
from record import audit

USERNAME = re.compile(r"^[a-z0-9._-]{2,40}$")


def create_account(username: str, role: str, password: str, display_name: str | None = None) -> User:
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise ApiError(400, "bad_username", "Tên đăng nhập gồm 2-40 chữ cái không dấu, số, dấu chấm, gạch.")
    if role not in ROLES:
        raise ApiError(400, "bad_role", "Vai trò phải là một trong: " + ", ".join(ROLES) + ".")
    if len(password) < 8:
        raise ApiError(400, "weak_password", "Mật khẩu cần ít nhất 8 ký tự.")
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username)
        db.session.add(user)
    user.role, user.display_name = role, display_name
    user.set_password(password)
    audit.record(None, "account", f"{'Tạo' if user.id is None else 'Đặt lại'} tài khoản {username} ({role})")
    db.session.commit()
    forget_cached_users()
    return user
