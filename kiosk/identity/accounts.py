"""Accounts: one place that checks a new user's name, role and password, for the CLI, the admin page and the API.
A new password or a disabled account ends every session of that account, sockets included (kiosk.identity.auth)."""
import re

from sqlalchemy import delete, select

from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.identity import passwords
from kiosk.identity.auth import end_sessions
from kiosk.lookup import is_id
from models import Event, User, UserEvent
from models.user import EVENT_BOUND_ROLES, ROLE_LABELS, ROLES

USERNAME = re.compile(r"^[a-z0-9._-]{2,40}$")
MAX_PASSWORD = 200


def _check_password(password) -> None:
    if not isinstance(password, str) or len(password) < 8:
        raise ApiError(400, "weak_password", "Mật khẩu cần ít nhất 8 ký tự.")
    if len(password) > MAX_PASSWORD:
        raise ApiError(400, "long_password", f"Mật khẩu dài quá {MAX_PASSWORD} ký tự.")


def create_account(username: str, role: str, password: str, display_name: str | None = None) -> User:
    """Creates an account, or resets the role and password of an existing one (and ends its sessions)."""
    username = username.strip().lower() if isinstance(username, str) else ""
    if not USERNAME.match(username):
        raise ApiError(400, "bad_username", "Tên đăng nhập gồm 2-40 chữ cái không dấu, số, dấu chấm, gạch.")
    if role not in ROLES:
        raise ApiError(400, "bad_role", "Vai trò phải là một trong: " + ", ".join(ROLES) + ".")
    _check_password(password)
    user = db.session.scalar(select(User).where(User.username == username))
    existing = user is not None
    if user is None:
        user = User(username=username)
        db.session.add(user)
    user.role, user.display_name = role, display_name
    user.password_hash = passwords.make(password)
    audit.record(None, "account", f"{'Tạo' if user.id is None else 'Đặt lại'} tài khoản {username} ({ROLE_LABELS[role]})")
    db.session.commit()
    if existing:
        end_sessions(user_id=user.id)
    return user


def account_or_404(user_id) -> User:
    user = db.session.get(User, user_id) if is_id(user_id) else None
    if user is None:
        raise ApiError(404, "user_not_found", "Không tìm thấy tài khoản.")
    return user


def set_password(user_id, password) -> User:
    user = account_or_404(user_id)
    _check_password(password)
    user.password_hash = passwords.make(password)
    db.session.commit()
    end_sessions(user_id=user.id)
    return user


def set_disabled(user_id, disabled, by: User | None = None) -> User:
    """Disables (ending every session and socket of the account) or enables an account. An organiser cannot
    disable their own account: the hall would be left without one by a slip of the finger."""
    if not isinstance(disabled, bool):
        raise ApiError(400, "bad_disabled", "Trường “disabled” phải là true hoặc false.")
    user = account_or_404(user_id)
    if disabled and by is not None and by.id == user.id:
        raise ApiError(409, "own_account", "Không thể tự khoá tài khoản của chính mình.")
    user.disabled = disabled
    db.session.commit()
    if disabled:
        end_sessions(user_id=user.id)
    return user


def assigned_events(user_id: int) -> list[int]:
    return sorted(db.session.scalars(select(UserEvent.event_id).where(UserEvent.user_id == user_id)))


def assign_events(user_id, event_ids) -> list[int]:
    """The events a door, door-lead, kiosk, secretary or presidium account works for, replacing those it had; its
    sessions end, so the new set applies at once (a tablet signs in again)."""
    user = account_or_404(user_id)
    if user.role not in EVENT_BOUND_ROLES:
        raise ApiError(400, "not_event_bound", "Chỉ tài khoản cửa, trưởng ban đón tiếp, quầy tự phục vụ, thư ký và "
                                               "Đoàn Chủ tịch được giao theo sự kiện.")
    if not isinstance(event_ids, list) or len(event_ids) > 1000 or not all(is_id(i) for i in event_ids):
        raise ApiError(400, "bad_events", "event_ids phải là danh sách mã sự kiện.")
    wanted = set(event_ids)
    found = set(db.session.scalars(select(Event.id).where(Event.id.in_(wanted))))
    if missing := sorted(wanted - found):
        raise ApiError(400, "bad_events", f"Không có sự kiện mã {missing[0]}.")
    db.session.execute(delete(UserEvent).where(UserEvent.user_id == user.id))
    db.session.add_all([UserEvent(user_id=user.id, event_id=e) for e in sorted(wanted)])
    audit.record(None, "account", f"Giao tài khoản {user.username} cho sự kiện: "
                                  f"{', '.join(map(str, sorted(wanted))) or 'không giới hạn'}")
    db.session.commit()
    end_sessions(user_id=user.id)
    return sorted(wanted)


def account_json(user: User) -> dict:
    return {"id": user.id, "username": user.username, "role": user.role, "disabled": user.disabled,
            **({"event_ids": assigned_events(user.id)} if user.role in EVENT_BOUND_ROLES else {})}
