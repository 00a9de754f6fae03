"""Attendance, live: after check-ins, one `attendance` message to the door tablets and MC panels watching.

Arrivals come in bursts (hundreds in twenty minutes); the counts of the next moment go out as one message
instead of one per scan, so the door stays fast however many screens watch."""
import time
from threading import Lock

from flask import current_app

from kiosk.extensions import db, socketio

DELAY = 0.25  # seconds: short enough to look live, long enough to gather a burst
_pending: set[int] = set()
_lock = Lock()


def room(event_id: int) -> str:
    return f"attendance:{event_id}"


def _watched(event_id: int) -> bool:
    if socketio.server is None:
        return False
    if socketio.server.manager.__class__.__name__ != "Manager":
        return True  # a message queue: the watchers may be on another process
    return next(socketio.server.manager.get_participants("/", room(event_id)), None) is not None


def attendance_changed(event_id: int, count) -> None:
    """`count(event_id)` gives the counts to send, a moment later, once for the whole burst."""
    if not _watched(event_id):
        return  # nobody watching: no need to count
    with _lock:
        if event_id in _pending:
            return
        _pending.add(event_id)
    socketio.start_background_task(_send, current_app._get_current_object(), event_id, count)


def _send(app, event_id: int, count) -> None:
    time.sleep(DELAY)
    with _lock:
        _pending.discard(event_id)
    try:
        with app.app_context():
            counts = count(event_id)
            db.session.remove()
    except Exception:
        app.logger.warning("attendance update for event %s failed", event_id, exc_info=True)
        return
    socketio.emit("attendance", counts, to=room(event_id))


def roster_changed(event_id: int, delegate: dict) -> None:
    """After the organiser or the door lead changed the list during the day (a walk-in, a substitute, a revoked
    badge, an edit): every door tablet watching fetches its offline roster again."""
    socketio.emit("roster_changed", {"event_id": event_id, "delegate": delegate}, to=room(event_id))
