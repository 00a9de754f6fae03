"""What a delegate types on the phone (an opinion, the topic of a request to speak): kept after NFC and trimming,
refused when it is not text, empty or over its form's limit, each refusal in that form's own words."""
from collections.abc import Callable

from kiosk.errors import ApiError
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
