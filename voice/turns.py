"""Where a delegate from the floor stands in the speakers' list, as the live programme is now: what their phone
says ("your turn is next") without a socket of its own for each request."""
from sqlalchemy import select

from display import live
from kiosk.extensions import db
from models import Delegate, Speech
from voice import floor


def _turn(speech_id: int, order: list[int], spoken: set[int], state: dict) -> dict:
    """`now` (on the programme), `next` (after the current speaker, or first when the speeches item has just
    begun), `spoken`, or `waiting` with how many speak before them."""
    if speech_id in spoken:
        return {"turn": "spoken", "ahead": 0}
    step = (state.get("position") or {}).get("step") or {}
    item = state.get("item") or {}
    current = step.get("speech_id") if step.get("kind") == "speaker" else None
    if current == speech_id:
        return {"turn": "now", "ahead": 0}
    # who speaks after the current speaker; at the speeches item's own slide, the first; elsewhere nobody yet
    at_item_slide = 0 if item.get("kind") in floor.FLOOR_KINDS else None
    after = order.index(current) + 1 if current in order else at_item_slide
    if speech_id not in order:
        return {"turn": None, "ahead": None}
    mine = order.index(speech_id)
    if after is not None and mine == after:
        return {"turn": "next", "ahead": 0}
    ahead = max(0, mine - (after or 0))
    return {"turn": "waiting", "ahead": ahead}


def own(delegate: Delegate) -> list[dict]:
    """A delegate's requests, oldest first, each with its turn once accepted."""
    rows = floor.rows_of(delegate.event_id, delegate.id)
    answer = [{k: v for k, v in floor.to_api(*row).items() if k != "delegate"} for row in rows]
    if any(r["speech_id"] for r in answer):
        speeches = db.session.execute(select(Speech.id, Speech.spoken_s).where(Speech.event_id == delegate.event_id)
                                      .order_by(Speech.position)).all()
        order = [s.id for s in speeches]
        spoken = {s.id for s in speeches if s.spoken_s is not None}
        state = live.get_state(delegate.event_id)
        for r in answer:
            r.update(_turn(r["speech_id"], order, spoken, state) if r["speech_id"] else {"turn": None, "ahead": None})
    else:
        for r in answer:
            r.update({"turn": None, "ahead": None})
    return answer



