"""Lists kept in the order the organiser arranges: honours groups and recipients, speeches."""
from kiosk.api import json_body
from kiosk.errors import ApiError


def requested_offset() -> int:
    """The `offset` of a move request: -1 (up) or 1 (down)."""
    offset = json_body().get("offset")
    if offset not in (-1, 1) or isinstance(offset, bool):
        raise ApiError(400, "bad_offset", "offset phải là -1 (lên) hoặc 1 (xuống).")
    return offset


def renumber(items) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position


def move_one_place(items: list, item, offset: int) -> None:
    """Up (-1) or down (1); the first cannot go up nor the last down, and then nothing changes."""
    index = items.index(item)
    if 0 <= index + offset < len(items):
        items.insert(index + offset, items.pop(index))
        renumber(items)
