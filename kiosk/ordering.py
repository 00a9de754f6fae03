"""Lists kept in the order the organiser arranges: programme items, honours groups and recipients, speeches."""
from kiosk.errors import ApiError
from kiosk.http import json_body


def requested_offset() -> int:
    """The `offset` of a move request: -1 (up) or 1 (down)."""
    return checked_offset(json_body().get("offset"))


def checked_offset(offset) -> int:
    if offset not in (-1, 1) or isinstance(offset, bool):
        raise ApiError(400, "bad_offset", "offset phải là -1 (lên) hoặc 1 (xuống).")
    return offset


def renumber(items) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position


def move_one_place(items: list, item, offset: int) -> bool:
    """Up (-1) or down (1); the first cannot go up nor the last down, and then nothing changes (False)."""
    index = items.index(item)
    if not 0 <= index + offset < len(items):
        return False
    items.insert(index + offset, items.pop(index))
    renumber(items)
    return True
