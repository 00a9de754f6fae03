"""Lists kept in the order the organiser arranges: programme items, honours groups and recipients, speeches."""
from typing import ClassVar

from pydantic import Field, field_validator

from kiosk.schema import Body, Problems


class Move(Body):
    """A move request: one place up (-1) or down (1)."""
    offset: int = Field(json_schema_extra={"enum": [-1, 1]})
    problems: ClassVar[Problems] = {"offset": ("bad_offset", "offset phải là -1 (lên) hoặc 1 (xuống).")}

    @field_validator("offset")
    @classmethod
    def _one_place(cls, offset: int) -> int:
        if offset not in (-1, 1):
            raise ValueError("offset")
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
