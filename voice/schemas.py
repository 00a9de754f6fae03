"""The delegates' voice: HTTP bodies and answers, declared once (kiosk.schema). The text's and the topic's checks
(NFC, trimmed, their lengths) stay in voice.opinions and voice.floor."""
from typing import Literal

from kiosk.schema import Answer, Body, checked_later

# the token's refusals besides 404 unknown_token: a badge taken back, too many wrong tokens (or opinions) a minute
TOKEN_REFUSALS = {403: None, 404: None, 429: None}


class NewOpinion(Body):
    """An opinion to the presidium (1 to 2,000 characters after NFC and trimming), on an item or in general."""
    text: checked_later({"type": "string", "maxLength": 2000}) = None
    item_id: checked_later(["integer", "null"]) = None

    def given(self) -> dict:
        return self.model_dump(exclude_unset=True)


class FloorRequest(Body):
    """Ask to speak on a speeches item, with a topic (1 to 500 characters)."""
    item_id: checked_later("integer") = None
    topic: checked_later({"type": "string", "maxLength": 500}) = None

    def given(self) -> dict:
        return self.model_dump(exclude_unset=True)


class Who(Answer):
    full_name: str
    unit: str | None


class Opinion(Answer):
    id: int
    text: str
    at: str | None
    item_id: int | None
    status: Literal["received", "forwarded"]
    delegate: Who


class Floor(Answer):
    id: int
    item_id: int
    topic: str
    status: Literal["requested", "accepted", "declined"]
    delegate: Who


class OpinionSent(Answer):
    id: int
    status: Literal["received"]


class FloorAsked(Answer):
    id: int
    status: Literal["requested"]


class VoiceData(Answer):
    items: list[dict]
    opinions: list[dict]
    floor: list[dict]


class OwnOpinions(Answer):
    opinions: list[dict]


class OwnRequests(Answer):
    requests: list[dict]
