"""Finding an event by id, with the 404 that every route and socket event gives for an unknown one."""
from kiosk.errors import ApiError
from kiosk.extensions import db
from models import Event


def event_or_404(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise ApiError(404, "event_not_found", "Không tìm thấy sự kiện.")
    return event
