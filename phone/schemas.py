"""The delegate's page's answer, declared once (kiosk.schema)."""
from kiosk.schema import Answer


class MeAnswer(Answer):
    delegate: dict
    event: dict
    badge_code: str | None
    checked_in_at: str | None
    documents: list[dict]
    open_vote: dict | None
