"""Finding a row of an event by id, with the same refusal everywhere for an id that is not there."""
from kiosk.errors import ApiError
from kiosk.extensions import db
from models import Event


def is_id(value) -> bool:
    """An id as JSON carries it: an integer, never `true`, within what every database stores."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31


def event_or_404(event_id: int) -> Event:
    event = db.session.get(Event, event_id) if is_id(event_id) else None
    if event is None:
        raise ApiError(404, "event_not_found", "Không tìm thấy sự kiện.")
    return event


def of_event(model, row_id, event_id: int, code: str, message: str, status: int = 404, event_of=None):
    """The `model` row `row_id` if it belongs to the event, else an ApiError (404 for an id in the path, 400 for
    one in a body). `event_of(row)` gives the row's event where the row has no `event_id` of its own."""
    row = db.session.get(model, row_id) if is_id(row_id) else None
    if row is None or (event_of(row) if event_of else row.event_id) != event_id:
        raise ApiError(status, code, message)
    return row
