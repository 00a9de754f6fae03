"""The live state of an event: the one place that changes what the hall sees.

Each action is one function: read the state, work out the new one, write it with the version bumped
by one in a single conditional UPDATE (so two MC laptops pressing at once cannot both win), commit,
then broadcast the whole new state to the event's room. Nothing else emits `live_state`.

The screens it writes are built by display.slides; where → and ← go is display.steps's; the speaker's clock steps
in display.clock; what happens a moment after a change (a page turn, a vote's redraw) waits in display.timers.
"""
import secrets

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from display import clock, content, slides, steps, timers
from display.clock import elapsed_at  # noqa: F401  (re-exported: other packages may read it here)
from display.slides import SCREEN_KINDS, build_screen  # noqa: F401  (re-exported, the same)
from display.steps import ITEM_SLIDE
from display.timers import redraws_running  # noqa: F401  (re-exported, the same)
from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import event_or_404, is_id
from models import LiveState, ProgrammeItem, Vote
from models.types import utcnow
from models.vntime import iso_vn


def room(event_id: int) -> str:
    return f"event:{event_id}"


def initial_state(event_id: int) -> LiveState:
    # The content version starts anywhere: SQLite gives a new event the id of a deleted newest one, and what
    # display.steps keeps under (event, content version) must not be taken for the new event's.
    return LiveState(event_id=event_id, version=1, item_id=None, screen={"kind": "programme"},
                     position_step=dict(ITEM_SLIDE), content_version=secrets.randbelow(1 << 30) + 1,
                     updated_at=utcnow())


def _state_row(event_id: int) -> LiveState:
    state = db.session.get(LiveState, event_id)
    if state is None:
        # Events get their state when created; this covers older rows, and two first readers at once.
        event_or_404(event_id)
        try:
            db.session.add(initial_state(event_id))
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
        state = db.session.get(LiveState, event_id)
    return state


def _briefs(event_id: int, content_version: int | None = None) -> list[dict]:
    def read():
        items = db.session.scalars(
            select(ProgrammeItem).where(ProgrammeItem.event_id == event_id).order_by(ProgrammeItem.position))
        return [item.brief() for item in items]
    return [dict(brief) for brief in content.kept(event_id, content_version, "briefs", read)]


def _items(state: LiveState) -> list[dict]:
    return _briefs(state.event_id, state.content_version)


def _payload(event_id: int, version: int, item_id, screen: dict, updated_at, briefs: list[dict],
             position_step: dict | None = None, content_version: int | None = None) -> dict:
    """The whole state as clients get it: small, self-contained, enough to draw the screen. `position`: where the
    programme is (the item and its sub-step), which a side trip leaves alone; `on_screen` is false during one.
    `content_version`: changes when the programme, speeches or honours change (panels fetch them again only then)."""
    index = steps.index(briefs, item_id)
    upcoming = index + 1 if index is not None else 0
    spot = steps.position_of(screen, position_step)
    step = None if spot["kind"] == "programme" else spot
    return {
        "event_id": event_id,
        "version": version,
        "item": briefs[index] if index is not None else None,
        "next_item": briefs[upcoming] if upcoming < len(briefs) else None,
        "screen": screen,
        "updated_at": iso_vn(updated_at),
        "item_started_at": screen.get("item_started_at"),
        "position": {"item_id": item_id, "step": step, "on_screen": steps.step_key(screen) == steps.step_key(spot)},
        "content_version": content_version or 1,
    }


def payload(state: LiveState, briefs: list[dict] | None = None) -> dict:
    briefs = _items(state) if briefs is None else briefs
    return _payload(state.event_id, state.version, state.item_id, state.screen, state.updated_at, briefs,
                    state.position_step, state.content_version)


def get_state(event_id: int) -> dict:
    return payload(_state_row(event_id))


# ---- the one write path ------------------------------------------------------------------------

_KEEP = object()  # _commit_change works out the position from the screen


def _commit_change(state: LiveState, items: list[dict], item_id, screen: dict, redraw: bool = False,
                   position=_KEEP, quiet: bool = False) -> dict:
    """Writes the new state with the version bumped, in the transaction of whatever the caller wrote before.
    `redraw`: the same screen with new figures (a clock, a vote's count) is a change too; so is pausing or resuming
    an honours group's automatic paging. `position`: the programme's sub-step when the caller sets it (ITEM_SLIDE:
    the item's own slide); otherwise worked out from the screen."""
    now = utcnow()
    if position is _KEEP:
        position = steps.position_after(state, items, item_id, screen, now)
    if (not redraw and item_id == state.item_id and steps.screen_key(screen) == steps.screen_key(state.screen)
            and screen.get("auto", True) == state.screen.get("auto", True)
            and position == steps.position_of(state.screen, state.position_step)):
        return payload(state, items)  # nothing changes: same version, no broadcast (API.md)
    if item_id != state.item_id:
        screen = {**screen, "item_started_at": iso_vn(now)}
    elif "item_started_at" in state.screen:
        screen = {**screen, "item_started_at": state.screen["item_started_at"]}
    if not redraw and not _same_speaker(state.screen, screen):
        clock.keep_time_spoken(state.screen, now)
    event_id, version, content_version = state.event_id, state.version + 1, state.content_version
    result = db.session.execute(
        update(LiveState)
        .where(LiveState.event_id == event_id, LiveState.version == version - 1)
        .values(version=version, item_id=item_id, screen=screen, position_step=position, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        # Another MC laptop changed the state between our read and our write: theirs stands, ours is undone.
        db.session.rollback()
        raise ApiError(409, "conflict", "Trạng thái vừa được thay đổi từ máy khác. Màn hình đã cập nhật, hãy thử lại.")
    if item_id != state.item_id:
        audit.item_changed(event_id, item_id, now)  # the minutes' item times, in this transaction
    if not quiet and (not redraw or screen.get("kind") == "speaker"):
        # the audit line, in this transaction: an MC's step or clock, not a vote's count redrawn after ballots
        audit.live_change(state, items, item_id, screen)
    db.session.commit()
    new_state = _payload(event_id, version, item_id, screen, now, items, position, content_version)
    socketio.emit("live_state", new_state, to=room(event_id))
    if screen["kind"] == "honours" and screen["page"] < screen["pages"] and screen.get("auto", True):
        timers.turn_page_later(event_id, version, screen, show_screen)
    return new_state


def speakers_changed(event_id: int) -> dict:
    """The speakers' list changed in the caller's transaction (a delegate from the floor put at the end, voice.floor):
    the same screen and position with the version bumped, committed, and broadcast, so that every screen that walks
    the list (the MC panel, → on the projector, the phones) reads it again (content_version). The caller writes its
    own audit line."""
    state = _state_row(event_id)
    db.session.flush()
    db.session.expire(state, ["content_version"])  # the flush counted the new speech in it (display.content)
    return _commit_change(state, _items(state), state.item_id, state.screen, redraw=True,
                          position=steps.position_of(state.screen, state.position_step), quiet=True)


def handover_marked(event_id: int, mark: dict) -> None:
    """After an usher's mark is committed: the other ushers' tablets and the MC panel show it."""
    socketio.emit("handover", mark, to=room(event_id))


def _seen(state: LiveState, items: list[dict], version) -> dict | None:
    """A step sent with the version the MC's panel showed, when the hall has moved on since (an automatic page
    turn, another laptop, the same press sent twice): the press was meant for a screen that is gone, so it changes
    nothing and the panel gets what the hall shows now."""
    if version is None:
        return None
    if not isinstance(version, int) or isinstance(version, bool):
        raise ApiError(400, "bad_version", "Số phiên bản (version) phải là số nguyên.")
    return payload(state, items) if version != state.version else None


def _go(state: LiveState, items: list[dict], move: steps.Move | None) -> dict:
    if move is None:
        return payload(state, items)  # the end of the programme, or before its start: nothing changes
    screen = move.spec if move.spec["kind"] == "programme" else slides.build_screen(state.event_id, move.spec, utcnow())
    return _commit_change(state, items, move.item_id, screen, position=dict(ITEM_SLIDE) if move.item_slide else _KEEP)


def next_step(event_id: int, version=None) -> dict:
    state = _state_row(event_id)
    items = _items(state)
    if (stale := _seen(state, items, version)) is not None:
        return stale
    return _go(state, items, steps.forward(state, items))


def previous_step(event_id: int, version=None) -> dict:
    state = _state_row(event_id)
    items = _items(state)
    if (stale := _seen(state, items, version)) is not None:
        return stale
    return _go(state, items, steps.backward(state, items))


def goto_item(event_id: int, item_id) -> dict:
    state = _state_row(event_id)
    items = _items(state)
    if not is_id(item_id) or steps.index(items, item_id) is None:
        raise ApiError(400, "bad_item", "Không có mục này trong chương trình.")
    return _commit_change(state, items, item_id, {"kind": "programme"}, position=dict(ITEM_SLIDE))


def back_to_programme(event_id: int, version=None) -> dict:
    """`live/back`: after a side trip the hall sees the programme where it was, a speaker with their clock as it
    was left (running again if it ran). Already there: nothing changes."""
    state = _state_row(event_id)
    items = _items(state)
    if (stale := _seen(state, items, version)) is not None:
        return stale
    spot = steps.position_of(state.screen, state.position_step)
    if spot["kind"] == "programme" or steps.index(items, state.item_id) is None:
        return _commit_change(state, items, state.item_id, {"kind": "programme"}, position=dict(ITEM_SLIDE))
    if steps.step_key(state.screen) == steps.step_key(spot):
        return payload(state, items)
    spec = {k: spot[k] for k in ("kind", "group_id", "page", "speech_id", "vote_id", "layout", "auto") if k in spot}
    try:
        screen = slides.build_screen(event_id, spec, utcnow())
    except ApiError:  # the organisers removed that speaker or shortened that group meanwhile: the item's slide
        return _commit_change(state, items, state.item_id, {"kind": "programme"}, position=dict(ITEM_SLIDE))
    if screen["kind"] == "speaker" and spot.get("clock"):
        screen = {**screen, "clock": clock.released(spot["clock"], utcnow()), "started_at": spot.get("started_at")}
    return _commit_change(state, items, state.item_id, screen)


def _same_speaker(old: dict, new: dict) -> bool:
    return old.get("kind") == new.get("kind") == "speaker" and old.get("speech_id") == new.get("speech_id")


def show_screen(event_id: int, spec) -> dict:
    state = _state_row(event_id)
    screen = slides.build_screen(event_id, spec, utcnow())
    spot = steps.position_of(state.screen, state.position_step)
    if _same_speaker(state.screen, screen) and state.screen.get("clock"):
        # the same speaker shown another way (a lower third): the clock runs on
        screen = {**screen, "clock": state.screen["clock"], "started_at": state.screen.get("started_at")}
    elif _same_speaker(spot, screen) and spot.get("clock"):
        # the programme's speaker picked again after a side trip: their clock as it was left
        screen = {**screen, "clock": clock.released(spot["clock"], utcnow()), "started_at": spot.get("started_at")}
    return _commit_change(state, _items(state), state.item_id, screen)


def change_clock(event_id: int, action, seconds=None) -> dict:
    """`live/clock`: one step of the speaker's clock (display.clock); the new live state, version + 1 (unchanged
    when the step changes nothing, as pausing a paused clock)."""
    seconds = clock.checked_seconds(action, seconds)
    state = _state_row(event_id)
    screen = state.screen
    if screen.get("kind") != "speaker":
        raise ApiError(409, "no_speaker", "Màn hình đang không hiện diễn giả: chưa có đồng hồ để điều khiển.")
    old, new = clock.stepped(screen, action, utcnow(), seconds)
    if new is old:
        return payload(state)
    if new.get("stopped"):
        clock.save_spoken(screen["speech_id"], new["elapsed_s"])
    return _commit_change(state, _items(state), state.item_id, {**screen, "clock": new}, redraw=True)


# ---- a vote on the screen ----------------------------------------------------------------------

def vote_changed(event_id: int, vote_id: int) -> dict | None:
    """votes.service changed a vote: if it is on the screen, the hall gets its new figures (version + 1)."""
    for _attempt in range(3):
        state = _state_row(event_id)
        screen = state.screen
        if screen.get("kind") != "vote" or screen.get("vote_id") != vote_id:
            db.session.rollback()
            return None
        try:
            if db.session.get(Vote, vote_id) is None:  # deleted: back to the programme slide
                return _commit_change(state, _items(state), state.item_id, {"kind": "programme"})
            page = min(screen.get("page", 1), slides.vote_pages(event_id, vote_id))
            fresh = slides.vote_screen(event_id, vote_id, page)
            if fresh == {k: v for k, v in screen.items() if k != "item_started_at"}:
                db.session.rollback()
                return payload(state)
            return _commit_change(state, _items(state), state.item_id, fresh, redraw=True)
        except ApiError as e:
            if e.code != "conflict":
                raise
            db.session.expire_all()  # another change got in first: read again and redraw on top of it
    return None


def vote_changed_soon(event_id: int, vote_id: int) -> None:
    """After a ballot: the hall's count is redrawn a moment later, once for the whole burst (display.timers)."""
    timers.redraw_vote_soon(event_id, vote_id, vote_changed)
