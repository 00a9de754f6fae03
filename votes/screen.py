"""The vote's screen on the projector: display asks for it by signal (kiosk.signals.screen_wanted), so the
engine that shows it knows nothing of votes."""
import math

from kiosk import signals
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import of_event
from models import Event, Vote
from votes.answers import vote_api

VOTE_STAGES = {"draft": "nominees", "open": "open", "closed": "result"}


def vote_screen(event_id: int, vote_id, page=1) -> dict:
    """The vote as the hall sees it: its nominees paged like the honours, then while open how many have voted
    out of those entitled (never a running result), then the figures and the verdict."""
    vote = of_event(Vote, vote_id, event_id, "bad_vote", "Không có nội dung biểu quyết này trong sự kiện.", 400)
    shown = vote_api(vote)
    nominees = shown.pop("nominees")
    per_page = db.session.get(Event, event_id).honours_per_page
    pages = max(1, math.ceil(len(nominees) / per_page))
    page = page if isinstance(page, int) and not isinstance(page, bool) else 1
    if not 1 <= page <= pages:
        raise ApiError(400, "bad_page", f"Trang phải từ 1 đến {pages}.")
    stage = VOTE_STAGES.get(vote.status, "nominees")
    if stage != "result":
        shown["counts"] = None  # the hall never sees a running result
    return {"kind": "vote", "vote_id": vote.id, "page": page, "pages": pages, "first": (page - 1) * per_page + 1,
            "stage": stage, "nominee_count": len(nominees),
            **{k: v for k, v in shown.items() if k != "id"},
            "nominees": nominees[(page - 1) * per_page: page * per_page]}


def answer(kind: str, event_id: int, spec: dict, now=None) -> dict:
    """display's question (a `live/screen` body of kind "vote", or a redraw of the vote on the screen)."""
    return vote_screen(event_id, spec.get("vote_id"), spec.get("page", 1))


def connect() -> None:
    signals.screen_wanted.connect(answer, sender="vote")
