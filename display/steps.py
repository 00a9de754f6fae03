"""Stepping through the programme: its items in order, and inside an item its sub-steps (each speaker, each page of
each honours group, each vote). It reads and works out where → and ← go; display.live writes it.

The position is the item (state.item_id) and its sub-step (state.position_step: the screen of a speaker, an honours
page or a vote, without the names of the page; ITEM_SLIDE for the item's own slide). Every change works out the new
position from the screen it shows: one of the item's sub-steps moves it there; anything else is a side trip and
leaves it alone, with a running speaker's clock held where it was."""
import math
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select

from display import clock, content
from kiosk.extensions import db
from models import Event, Honour, HonourGroup, LiveState, Speech, Vote, VoteNominee

ITEM_SLIDE = {"kind": "programme"}  # the programme is at the item's own slide, before its first sub-step
SUB_STEP_KINDS = ("speaker", "honours", "vote")

# The fields that say which screen it is; the rest (names, countdown start) is filled in from them.
# `as_of`: showing the credentials figures again shows them as of now; `until`: a break shown again starts again.
# `layout`: the speaker full screen or as a lower third.
SCREEN_IDENTITY = ("kind", "text", "group_id", "page", "speech_id", "vote_id", "as_of", "layout", "until")
_BULKY = ("recipients", "nominees", "item_started_at")

# A sub-step's line in the MC's script: the speaker, the honours group (all its pages) or the vote.
_SCRIPT_STEPS = (("speaker", "speech_id", "speech"), ("honours", "group_id", "honours"), ("vote", "vote_id", "vote"))


def screen_key(screen: dict) -> tuple:
    return tuple(screen.get(k) for k in SCREEN_IDENTITY)


def step_key(screen: dict) -> tuple:
    """Which sub-step a screen is, whatever its layout (a speaker shown as a lower third is still that speaker)."""
    return tuple(screen.get(k) for k in SCREEN_IDENTITY if k != "layout")


def script_step(screen: dict) -> str | None:
    """The MC's script step of a sub-step or a screen: `speech:ID`, `honours:ID` or `vote:ID`; None for any other."""
    for kind, key, prefix in _SCRIPT_STEPS:
        if screen.get("kind") == kind and screen.get(key) is not None:
            return f"{prefix}:{screen[key]}"
    return None


# ---- the programme's steps ---------------------------------------------------------------------

def _speakers(event_id: int) -> list[dict]:
    ids = db.session.scalars(select(Speech.id).where(Speech.event_id == event_id).order_by(Speech.position))
    return [{"kind": "speaker", "speech_id": i} for i in ids]


def _honours_pages(event_id: int) -> list[dict]:
    groups = db.session.execute(
        select(HonourGroup.id, func.count(Honour.id), Event.honours_per_page)
        .join(Event, Event.id == HonourGroup.event_id).outerjoin(Honour, Honour.group_id == HonourGroup.id)
        .where(HonourGroup.event_id == event_id)
        .group_by(HonourGroup.id, HonourGroup.position, Event.honours_per_page)
        .order_by(HonourGroup.position)).all()
    return [{"kind": "honours", "group_id": group_id, "page": page}
            for group_id, count, per_page in groups
            for page in range(1, max(1, math.ceil(count / per_page)) + 1)]


def _vote_pages(event_id: int) -> list[dict]:
    """Each vote; a vote being prepared page by page through its nominees, as display.slides pages them."""
    votes = db.session.execute(
        select(Vote.id, Vote.status, func.count(VoteNominee.id), Event.honours_per_page)
        .join(Event, Event.id == Vote.event_id).outerjoin(VoteNominee, VoteNominee.vote_id == Vote.id)
        .where(Vote.event_id == event_id)
        .group_by(Vote.id, Vote.status, Event.honours_per_page)
        .order_by(Vote.id)).all()
    return [{"kind": "vote", "vote_id": vote_id, "page": page}
            for vote_id, status, count, per_page in votes
            for page in range(1, (max(1, math.ceil(count / per_page)) if status == "draft" else 1) + 1)]


_INSIDE = {"speeches": _speakers, "honours": _honours_pages, "vote": _vote_pages}

def _inside(kind: str, event_id: int, content_version: int | None) -> list[dict]:
    if kind == "vote":  # a vote opens and closes by a conditional UPDATE that no flush sees: read every time
        return _vote_pages(event_id)
    return content.kept(event_id, content_version, kind, lambda: _INSIDE[kind](event_id))


def programme_steps(event_id: int, items: list[dict], content_version: int | None = None) -> dict[int, list[dict]]:
    """The one list of the programme's steps: for each item (a brief, {"id", "kind"}), its sub-steps in order, the
    screens that → walks through inside it. The live engine walks them; the MC's script has a line for each item
    and each speaker, honours group and vote in them. One statement a kind of item, whatever the lists' lengths,
    none for a kind kept under `content_version` (the live state's, read in this transaction)."""
    inside = {kind: _inside(kind, event_id, content_version)
              for kind in {item["kind"] for item in items} if kind in _INSIDE}
    return {item["id"]: [dict(step) for step in inside.get(item["kind"], [])] for item in items}


def sub_steps(state: LiveState, item: dict) -> list[dict]:
    return programme_steps(state.event_id, [item], state.content_version)[item["id"]]


def index(items: list[dict], item_id) -> int | None:
    return next((i for i, it in enumerate(items) if it["id"] == item_id), None)


# ---- the position ------------------------------------------------------------------------------

def as_position(screen: dict) -> dict:
    return {k: v for k, v in screen.items() if k not in _BULKY}


def position_of(screen: dict, position_step: dict | None) -> dict:
    """Rows written before the position was kept have none: a sub-step on screen was the position then."""
    if position_step is None:
        return as_position(screen) if screen.get("kind") in SUB_STEP_KINDS else dict(ITEM_SLIDE)
    return position_step


def position_screen(state: LiveState) -> dict:
    """The screen the programme is at, for → and ← to go on from (the layout, a paused paging)."""
    return position_of(state.screen, state.position_step)


def _is_sub_step(state: LiveState, items: list[dict], item_id, screen: dict) -> bool:
    if screen.get("kind") not in SUB_STEP_KINDS:
        return False
    at = index(items, item_id)
    return at is not None and step_key(screen) in {step_key(s) for s in sub_steps(state, items[at])}


def position_after(state: LiveState, items: list[dict], item_id, screen: dict, now: datetime) -> dict:
    """Where the programme is once `screen` shows on `item_id`."""
    if _is_sub_step(state, items, item_id, screen):
        return as_position(screen)
    if item_id != state.item_id:
        return dict(ITEM_SLIDE)  # a new item starts at its own slide
    spot = position_screen(state)
    if spot.get("kind") == "speaker" and step_key(state.screen) == step_key(spot):
        return {**spot, "clock": clock.held(state.screen.get("clock"), now)}
    return spot


def _sub_step_here(state: LiveState, inside: list[dict]) -> int:
    """Which of the item's sub-steps the programme is at (whatever a side trip shows): -1 for the item's own slide."""
    keys = [step_key(step) for step in inside]
    here = step_key(position_screen(state))
    return keys.index(here) if here in keys else -1


# ---- → and ← ----------------------------------------------------------------------------------

class Move(NamedTuple):
    """Where a step goes: an item and a screen to build (one of its sub-steps, or ITEM_SLIDE). `item_slide`: the
    position is set to the item's own slide rather than worked out from the screen."""
    item_id: int | None
    spec: dict
    item_slide: bool = False


def _in_layout(step: dict, screen: dict) -> dict:
    """The next speaker appears the way the last one was shown."""
    if step["kind"] == "speaker" and screen.get("kind") == "speaker" and screen.get("layout"):
        return {**step, "layout": screen["layout"]}
    return step


def _keep_pause(current: dict, spec: dict) -> dict:
    """Paging by hand through a paused honours group keeps the pause: → does not restart the timer."""
    if spec["kind"] == "honours" and current.get("kind") == "honours" and current.get("auto", True) is False:
        return {**spec, "auto": False}
    return spec


def _beside(state: LiveState, step: dict) -> Move:
    where = position_screen(state)
    return Move(state.item_id, _keep_pause(where, _in_layout(step, where)))


def forward(state: LiveState, items: list[dict]) -> Move | None:
    """→: the item's next sub-step, else the next item's own slide; None at the end of the programme."""
    at = index(items, state.item_id)
    if at is not None:
        inside = sub_steps(state, items[at])
        here = _sub_step_here(state, inside)
        if here + 1 < len(inside):
            return _beside(state, inside[here + 1])
    target = 0 if at is None else at + 1
    return Move(items[target]["id"], dict(ITEM_SLIDE)) if target < len(items) else None


def backward(state: LiveState, items: list[dict]) -> Move | None:
    """←: the item's sub-step before, its own slide, else the item before; None before the first item."""
    at = index(items, state.item_id)
    if at is None:
        return None
    inside = sub_steps(state, items[at])
    here = _sub_step_here(state, inside)
    if here > 0:
        return _beside(state, inside[here - 1])
    if here == 0:
        return Move(state.item_id, dict(ITEM_SLIDE), item_slide=True)
    return None if at == 0 else Move(items[at - 1]["id"], dict(ITEM_SLIDE))
