"""Socket.IO events. Joining gives the current state at once; the MC's commands go through kiosk.live
with the same role check as HTTP, and answer with an ack: the new state, or {"error", "message"}."""
from flask import request
from flask_login import current_user
from flask_socketio import emit, join_room, leave_room

from kiosk import live
from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import event_or_404


def _event_id(data):
    event_id = data.get("event_id") if isinstance(data, dict) else None
    if isinstance(event_id, str) and event_id.isdigit():
        event_id = int(event_id)
    if not isinstance(event_id, int) or isinstance(event_id, bool):
        raise ApiError(400, "bad_event", "Thiếu mã sự kiện.")
    return event_id


def _guarded(action):
    """Runs a socket handler as an HTTP route would run: errors become an ack, the session is closed after."""
    def handler(data=None):
        try:
            return action(data if isinstance(data, dict) else {})
        except ApiError as e:
            db.session.rollback()
            return {"error": e.code, "message": e.message}
        finally:
            db.session.remove()
    handler.__name__ = action.__name__
    return handler


def _require_mc():
    if not current_user.is_authenticated:
        raise ApiError(401, "unauthorized", "Bạn cần đăng nhập.")
    if not current_user.has_role("mc"):
        raise ApiError(403, "forbidden", "Tài khoản của bạn không có quyền làm việc này.")


def on_join(data):
    event_id = _event_id(data)
    state = live.get_state(event_id)
    join_room(live.room(event_id))
    emit("live_state", state, to=request.sid)
    return {"ok": True, "version": state["version"]}


def on_watch_attendance(data):
    """Door tablets and MC panels: the attendance counts now, then after each burst of arrivals."""
    if not current_user.is_authenticated:
        raise ApiError(401, "unauthorized", "Bạn cần đăng nhập.")
    from checkin import feed, service
    event_id = _event_id(data)
    event_or_404(event_id)
    join_room(feed.room(event_id))
    emit("attendance", service.attendance(event_id), to=request.sid)
    return {"ok": True}


def on_leave(data):
    leave_room(live.room(_event_id(data)))
    return {"ok": True}


def on_next(data):
    _require_mc()
    return live.next_step(_event_id(data))


def on_previous(data):
    _require_mc()
    return live.previous_step(_event_id(data))


def on_goto(data):
    _require_mc()
    return live.goto_item(_event_id(data), data.get("item_id"))


def on_screen(data):
    _require_mc()
    return live.show_screen(_event_id(data), data.get("screen"))


def register():
    for name, action in (("join", on_join), ("leave", on_leave), ("watch_attendance", on_watch_attendance),
                         ("next", on_next), ("previous", on_previous), ("goto", on_goto), ("screen", on_screen)):
        socketio.on_event(name, _guarded(action))
