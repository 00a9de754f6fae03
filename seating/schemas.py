"""Delegations' and seats' HTTP bodies and answers, declared once (kiosk.schema)."""
from kiosk.schema import Answer, Body, checked_later

ZONE = {"type": "object", "required": ["zone", "rows", "seats_per_row"], "properties": {
    "zone": {"type": "string"}, "rows": {"type": "integer"}, "seats_per_row": {"type": "integer"}}}


class SeatAssignment(Body):
    """The hall's zones in seating order; each one checked by seating.plan, whose messages name the zone at fault
    (and which the plan page's form feeds too)."""
    zones: checked_later({"type": "array", "items": ZONE}) = None


class Delegation(Answer):
    name: str
    head: str | None
    summoned: int
    present: int


class Seated(Answer):
    seated: int


class Plan(Answer):
    zones: list[dict]


class PresentSeats(Answer):
    present: list[list[str]]
