"""Attendance, live: after check-ins, one `attendance` message to the door tablets and MC panels watching.

Arrivals come in bursts (hundreds in twenty minutes); the counts of the next moment go out as one message
instead of one per scan, so the door stays fast however many screens watch. Nobody watching, on any process:
nothing is counted. A big list that takes long to count is counted less often, so counting never takes more
than a fifth of the time."""
import time
from threading import Lock

from flask import current_app
from flask_socketio import join_room

from checkin.counts import without_composition
from kiosk.extensions import db, socketio
from kiosk.realtime import rooms

DELAY = 0.25     # seconds: short enough to look live, long enough to gather a burst
COST_SHARE = 5   # the next count waits at least five times as long as the last one took,
LONGEST_WAIT = 3.0  # but never longer than this (a count slowed once by a busy database must not stall the next)
_pending: set[int] = set()
_cost: dict[int, float] = {}  # event -> seconds its last count took
_lock = Lock()


def room(event_id: int) -> str:
    return f"attendance:{event_id}"


def full_room(event_id: int) -> str:
    """The organisers watching: they also receive `attendance_full`, with the composition."""
    return f"attendance-full:{event_id}"


def watch(sid: str, event_id: int, count, full: bool = False) -> bool:
    """The socket `sid` receives the counts from now on; False when it left in the meantime.

    With several processes, one that read a moment ago that nobody watched may skip the counts of a scan or two
    (kiosk.realtime.rooms): the new watcher gets the counts again once that moment has passed."""
    try:
        join_room(room(event_id), sid=sid)
        if full:
            join_room(full_room(event_id), sid=sid)
    except (KeyError, ValueError):  # disconnected while its request was on its way
        return False
    if rooms.joined(room(event_id)):
        socketio.start_background_task(_send, current_app._get_current_object(), event_id, count,
                                       rooms.READ_SECONDS + DELAY, sid)
    return True


def attendance_changed(event_id: int, count) -> None:
    """`count(event_id)` gives the counts to send, a moment later, once for the whole burst."""
    if not rooms.occupied(room(event_id)):
        return  # nobody watching: no need to count
    with _lock:
        if event_id in _pending:
            return
        _pending.add(event_id)
    socketio.start_background_task(_send, current_app._get_current_object(), event_id, count)


def _send(app, event_id: int, count, wait: float | None = None, to: str | None = None) -> None:
    """The counts of the moment to the room (or to the one socket `to`, which then leaves the pending mark alone)."""
    time.sleep(wait if wait is not None else min(LONGEST_WAIT, max(DELAY, COST_SHARE * _cost.get(event_id, 0.0))))
    if to is None:
        with _lock:
            _pending.discard(event_id)
    try:
        with app.app_context():
            started = time.monotonic()
            counts = count(event_id)
            _cost[event_id] = time.monotonic() - started
            db.session.remove()
    except Exception:
        app.logger.warning("attendance update for event %s failed", event_id, exc_info=True)
        return
    emit_counts(counts, to or room(event_id), None if to else full_room(event_id))


def emit_counts(counts: dict, to: str, full_to: str | None) -> None:
    """`attendance` without the composition to everyone watching, `attendance_full` to the organisers."""
    socketio.emit("attendance", without_composition(counts), to=to)
    if full_to:
        socketio.emit("attendance_full", counts, to=full_to)


def roster_changed(event_id: int, delegate: dict) -> None:
    """After the organiser or the door lead changed the list during the day (a walk-in, a substitute, a revoked
    badge, an edit): every door tablet watching fetches its offline roster again."""
    socketio.emit("roster_changed", {"event_id": event_id, "delegate": delegate}, to=room(event_id))
