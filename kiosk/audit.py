"""The audit writer: one line for every change an operator makes, written in the transaction of the change.
Every feature writes through it; the record of the day reads the lines back (record.trail).

`record()` only adds the line to the current session: the caller's commit writes both or neither, so a change
that fails (a refused live step, an import with problems) leaves no line, and no change is without its line.
"""
from flask import g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import update

from kiosk.extensions import db
from models import AuditLog, ItemTime
from models.types import utcnow

MAX_DETAIL = 2000
# what the organiser's page calls each kind of line
ACTIONS = {"live": "Điều hành màn hình", "clock": "Đồng hồ diễn giả", "checkin_undo": "Huỷ điểm danh",
           "import_delegates": "Nhập đại biểu", "import_honours": "Nhập khen thưởng", "import_speeches": "Nhập tham luận",
           "account": "Tài khoản", "handover": "Trao khen thưởng", "absence_reason": "Lý do vắng mặt",
           "vote": "Biểu quyết", "revoke": "Thu hồi thẻ", "pairing": "Ghép thiết bị", "event": "Sự kiện",
           "programme": "Chương trình", "speeches": "Tham luận", "delegate": "Đại biểu trong ngày",
           "script": "Lời dẫn", "opinion": "Ý kiến đại biểu", "floor": "Đăng ký phát biểu"}


def action_words(action: str) -> str:
    """What the pages and the archive call a kind of line (an unknown kind, from a newer version, as it is)."""
    return ACTIONS.get(action, action)


def _username() -> str | None:
    if has_app_context() and g.get("kiosk_acting_user"):
        return g.kiosk_acting_user  # a job worker doing what a signed-in user asked (kiosk.jobs)
    if not has_request_context():
        return None  # a command, or the server's own timer (an honours page turning by itself)
    user = current_user._get_current_object() if current_user else None
    return user.username if user is not None and user.is_authenticated else None


def record(event_id: int | None, action: str, detail: str = "") -> None:
    """Adds the line to the session; who is the signed-in user, if any. `event_id` None: an account change."""
    db.session.add(AuditLog(event_id=event_id, at=utcnow(), username=_username(), action=action,
                            detail=(detail or "")[:MAX_DETAIL]))


def item_changed(event_id: int, item_id: int | None, at) -> None:
    """The live item changed: the item that was on ends now, the new one (if any) starts now. Same session."""
    db.session.execute(update(ItemTime).where(ItemTime.event_id == event_id, ItemTime.ended_at.is_(None))
                       .values(ended_at=at).execution_options(synchronize_session=False))
    if item_id is not None:
        db.session.add(ItemTime(event_id=event_id, item_id=item_id, started_at=at))


SCREEN_LABELS = {"programme": "trang chương trình", "blank": "màn hình trống", "logo": "biểu trưng",
                 "announcement": "thông báo", "honours": "khen thưởng", "speaker": "diễn giả", "vote": "biểu quyết",
                 "credentials": "báo cáo thẩm tra tư cách đại biểu"}


def live_change(state, items: list[dict], item_id, screen: dict) -> None:
    """The line for a live step: the item and what the projector shows; `clock` when only the clock changed."""
    item = next((i for i in items if i["id"] == item_id), None)
    where = f"Mục {item['position']}: {item['title']}" if item else "Ngoài chương trình"
    kind = screen.get("kind")
    shown = SCREEN_LABELS.get(kind) or screen.get("label") or kind  # a newer kind says itself
    if kind == "announcement":
        shown += f" «{screen.get('text', '')}»"
    elif kind == "honours":
        shown += f" {screen.get('award', '')}, trang {screen.get('page')}/{screen.get('pages')}"
    elif kind == "speaker":
        shown += f" {screen.get('name', '')}"
    elif kind == "vote":
        shown += f" {screen.get('title', '')}"
    action = "live"
    old = state.screen or {}
    if item_id == state.item_id and screen.get("clock") != old.get("clock") and kind == old.get("kind"):
        action = "clock"
        clock = screen.get("clock") or {}
        shown += f" · đồng hồ: {clock.get('allowed_s')} giây cho phép, đã nói {clock.get('elapsed_s')} giây"
        shown += ", đang chạy" if clock.get("running") else ", dừng"
    record(state.event_id, action, f"{where} · {shown}")
