"""The live programme's timers: work that runs a moment after an action, in the background on the server's loop
(a greenlet under gevent) with an app context of its own: the automatic page turn of a long honours group, and the
vote screen's redraw after a burst of ballots. What they then change goes through display.live, which hands them
the function to call; a timer that fails is logged and never kills the server thread."""
from threading import Lock

from flask import current_app

from kiosk.extensions import db, socketio
from models import LiveState

VOTE_REDRAW_SECONDS = 0.3  # a burst of ballots redraws the hall's count at most ~3 times a second
_redraw_lock = Lock()
_redraw_pending: set[tuple] = set()
_redraws_running = [0]


def turn_page_later(event_id: int, version: int, screen: dict, show) -> None:
    """A long group pages by itself: if nothing else has changed after a while, `show` its next page."""
    seconds = current_app.config.get("HONOURS_AUTO_PAGE_SECONDS", 0)
    if not seconds:
        return
    app = current_app._get_current_object()

    def turn():
        socketio.sleep(seconds)
        try:
            with app.app_context():
                state = db.session.get(LiveState, event_id)
                if state is not None and state.version == version:
                    show(event_id, {"kind": "honours", "group_id": screen["group_id"], "page": screen["page"] + 1})
                db.session.remove()
        except Exception:  # the MC can always page by hand; never kill the server thread
            app.logger.warning("automatic page turn failed", exc_info=True)
    socketio.start_background_task(turn)


def redraws_running() -> int:
    """Redraws scheduled and not finished yet (a clean shutdown, or a test, waits for them)."""
    return _redraws_running[0]


def redraw_vote_soon(event_id: int, vote_id: int, redraw) -> None:
    """After a ballot: one `redraw` a moment later for the whole burst. The pending mark is cleared before the
    count is read, so a ballot that lands during the redraw asks for another one: the last count always shows."""
    key = (current_app.name, id(current_app._get_current_object()), event_id, vote_id)
    with _redraw_lock:
        if key in _redraw_pending:
            return
        _redraw_pending.add(key)
        _redraws_running[0] += 1
    app = current_app._get_current_object()
    delay = current_app.config.get("VOTE_REDRAW_SECONDS", VOTE_REDRAW_SECONDS)

    def later():
        socketio.sleep(delay)
        with _redraw_lock:
            _redraw_pending.discard(key)
        try:
            with app.app_context():
                redraw(event_id, vote_id)
                db.session.remove()
        except Exception:  # the next ballot or the MC's next action redraws; never kill the server thread
            app.logger.warning("vote redraw failed", exc_info=True)
        finally:
            with _redraw_lock:
                _redraws_running[0] -= 1
    socketio.start_background_task(later)
