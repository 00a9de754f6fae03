"""The kiosk stand's HTTP bodies and answers, declared once (kiosk.schema)."""
from kiosk.schema import Answer, Body, checked_later


class Pin(Body):
    """The organiser's PIN (4-8 digits) that lets a stand be left; stand.pin checks it, for the page's form too."""
    pin: checked_later({"type": "string", "pattern": "^[0-9]{4,8}$"}) = None


class Arrivals(Answer):
    present: int
    summoned: int
