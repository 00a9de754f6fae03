"""What a delegate sends from the phone, an opinion (voice.opinions) or a request to speak (voice.floor), alike: the
text as typed, kept after NFC and trimming or refused in its form's own words, and the rows kept, read with the
sender's name and unit."""
from collections.abc import Callable

from sqlalchemy import select

from kiosk.errors import ApiError
from kiosk.extensions import db
from models import Delegate
from models.types import nfc


def typed_text(value, field: str, limit: int, *, not_text: str, empty: str, too_long: Callable[[int], str]) -> str:
    """`value` as kept, 1 to `limit` characters counted as the delegate sees them; else 400 bad_{field},
    empty_{field} or {field}_too_long (its words from `too_long(length)`)."""
    if value is not None and not isinstance(value, str):
        raise ApiError(400, f"bad_{field}", not_text)
    text = nfc(value or "")
    if not text:
        raise ApiError(400, f"empty_{field}", empty)
    if len(text) > limit:
        raise ApiError(400, f"{field}_too_long", too_long(len(text)))
    return text


def sent_rows(model, event_id: int, delegate_id: int | None = None, only: tuple = ()):
    """(row, sender's full_name, unit) of the event's `model` rows (Opinion, FloorRequest) meeting the conditions
    `only`, one delegate's alone when `delegate_id` is given; oldest first."""
    query = (select(model, Delegate.full_name, Delegate.unit).join(Delegate, Delegate.id == model.delegate_id)
             .where(model.event_id == event_id, *only).order_by(model.at, model.id))
    if delegate_id is not None:
        query = query.where(model.delegate_id == delegate_id)
    return db.session.execute(query).all()
