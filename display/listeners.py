"""What display/ hears from the other features (kiosk.signals): a vote or an usher's mark changed what some screen
shows, so the live-state engine redraws or tells that screen."""
from display import live
from kiosk import signals


def on_vote_changed(event_id: int, vote_id: int) -> None:
    live.vote_changed(event_id, vote_id)


def on_ballot_cast(event_id: int, vote_id: int) -> None:
    live.vote_changed_soon(event_id, vote_id)


def on_handover_marked(event_id: int, mark: dict) -> None:
    live.handover_marked(event_id, mark)


def connect() -> None:
    signals.vote_changed.connect(on_vote_changed)
    signals.ballot_cast.connect(on_ballot_cast)
    signals.handover_marked.connect(on_handover_marked)
