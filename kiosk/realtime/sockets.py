"""What every Socket.IO handler shares: reading the event id, and running the handler as an HTTP route runs."""
from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import is_id


def event_id_of(data) -> int:
    event_id = data.get("event_id") if isinstance(data, dict) else None
    if isinstance(event_id, str) and event_id.isdigit() and len(event_id) < 11:
        event_id = int(event_id)
    if not is_id(event_id):
        raise ApiError(400, "bad_event", "Thiếu mã sự kiện.")
    return event_id


def _guarded(action):
    """Errors become the ack {"error", "message"}; the database session is closed after, as after a request."""
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


def on(name: str, action) -> None:
    socketio.on_event(name, _guarded(action))
