"""The live state of an event: the one place that changes what the hall sees.

Each action is one function: read the state, work out the new one, write it with the version bumped
by one in a single conditional UPDATE (so two MC laptops pressing at once cannot both win), commit,
then broadcast the whole new state to the event's room. Nothing else emits `live_state`.
"""
import math
from datetime import datetime
from threading import Lock

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import event_or_404, is_id, of_event
from models import Event, Honour, HonourGroup, LiveState, ProgrammeItem, Speech, Vote, VoteNominee
from models.types import nfc, utcnow
from models.vntime import iso_vn
from record import audit, credentials

ITEM_SLIDE = {"kind": "programme"}  # the programme is at the item's own slide, before its first sub-step
SCREEN_KINDS = ("programme", "welcome", "blank", "logo", "announcement", "honours", "speaker", "vote", "credentials",
                "arrival")
MAX_ANNOUNCEMENT = 500


def room(event_id: int) -> str:
    return f"event:{event_id}"


def initial_state(event_id: int) -> LiveState:
    return LiveState(event_id=event_id, version=1, item_id=None, screen={"kind": "programme"},
                     position_step=dict(ITEM_SLIDE),
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


def _briefs(event_id: int) -> list[dict]:
    items = db.session.scalars(
        select(ProgrammeItem).where(ProgrammeItem.event_id == event_id).order_by(ProgrammeItem.position))
    return [item.brief() for item in items]


def _payload(event_id: int, version: int, item_id, screen: dict, updated_at, briefs: list[dict],
             position_step: dict | None = None, content_version: int | None = None) -> dict:
    """The whole state as clients get it: small, self-contained, enough to draw the screen. `position`: where the
    programme is (the item and its sub-step), which a side trip leaves alone; `on_screen` is false during one.
    `content_version`: changes when the programme, speeches or honours change (panels fetch them again only then)."""
    index = next((i for i, it in enumerate(briefs) if it["id"] == item_id), None)
    upcoming = index + 1 if index is not None else 0
    spot = _position_of(screen, position_step)
    step = None if spot["kind"] == "programme" else spot
    return {
        "event_id": event_id,
        "version": version,
        "item": briefs[index] if index is not None else None,
        "next_item": briefs[upcoming] if upcoming < len(briefs) else None,
        "screen": screen,
        "updated_at": iso_vn(updated_at),
        "item_started_at": screen.get("item_started_at"),
        "position": {"item_id": item_id, "step": step, "on_screen": _step_key(screen) == _step_key(spot)},
        "content_version": content_version or 1,
    }


def payload(state: LiveState, briefs: list[dict] | None = None) -> dict:
    briefs = _briefs(state.event_id) if briefs is None else briefs
    return _payload(state.event_id, state.version, state.item_id, state.screen, state.updated_at, briefs,
                    state.position_step, state.content_version)


def get_state(event_id: int) -> dict:
    return payload(_state_row(event_id))


# ---- building screens --------------------------------------------------------------------------

def _honours_screen(event_id: int, group_id, page) -> dict:
    group = of_event(HonourGroup, group_id, event_id, "bad_group", "Không có đợt khen thưởng này trong sự kiện.", 400)
    honours = list(db.session.scalars(
        select(Honour).where(Honour.group_id == group.id).order_by(Honour.position)))
    per_page = db.session.get(Event, event_id).honours_per_page
    pages = max(1, math.ceil(len(honours) / per_page))
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= pages:
        raise ApiError(400, "bad_page", f"Trang phải từ 1 đến {pages}.")
    shown = honours[(page - 1) * per_page: page * per_page]
    return {"kind": "honours", "group_id": group.id, "page": page, "pages": pages, "first": (page - 1) * per_page + 1,
            "award": group.award, "decision": group.decision, "count": len(honours),
            "recipients": [{"name": h.name, "title": h.title, "unit": h.unit, "collective": h.collective}
                           for h in shown]}


SPEAKER_LAYOUTS = ("full", "lower_third")


def _speaker_screen(event_id: int, speech_id, layout=None) -> dict:
    speech = of_event(Speech, speech_id, event_id, "bad_speech", "Không có bài tham luận này trong sự kiện.", 400)
    layout = layout or "full"
    if layout not in SPEAKER_LAYOUTS:
        raise ApiError(400, "bad_layout", "Cách hiện diễn giả phải là full (cả màn hình) hoặc lower_third "
                                          "(dải chữ phía dưới).")
    now = utcnow()
    # A speaker who has spoken comes back with the time they spoke, paused: resume goes on, start begins again.
    return {"kind": "speaker", "speech_id": speech.id, **{k: v for k, v in speech.to_api().items() if k != "id"},
            "layout": layout, "started_at": iso_vn(now),
            "clock": {"allowed_s": speech.minutes * 60, "elapsed_s": speech.spoken_s or 0, "running": False,
                      "as_of": iso_vn(now)}}


VOTE_STAGES = {"draft": "nominees", "open": "open", "closed": "result"}


def _vote_pages(event_id: int, vote_id: int) -> int:
    count = db.session.scalar(select(func.count()).where(VoteNominee.vote_id == vote_id))
    return max(1, math.ceil(count / db.session.get(Event, event_id).honours_per_page))


def _vote_screen(event_id: int, vote_id, page=1) -> dict:
    """The vote as the hall sees it: its nominees paged like the honours, then while open how many have voted
    out of those entitled (never a running result), then the figures and the verdict."""
    vote = of_event(Vote, vote_id, event_id, "bad_vote", "Không có nội dung biểu quyết này trong sự kiện.", 400)
    shown = vote.to_api()
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


def build_screen(event_id: int, spec) -> dict:
    """Checks a `live/screen` request and fills in what the projector needs to draw it."""
    if not isinstance(spec, dict) or spec.get("kind") not in SCREEN_KINDS:
        raise ApiError(400, "bad_screen", "Loại màn hình không hợp lệ. Chọn một trong: " + ", ".join(SCREEN_KINDS) + ".")
    kind = spec["kind"]
    if kind == "announcement":
        text = spec.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "bad_text", "Cần nhập nội dung thông báo.")
        if len(text) > MAX_ANNOUNCEMENT:
            raise ApiError(400, "bad_text", f"Thông báo dài quá {MAX_ANNOUNCEMENT} ký tự.")
        return {"kind": kind, "text": nfc(text)}
    if kind == "honours":
        screen = _honours_screen(event_id, spec.get("group_id"), spec.get("page", 1))
        if spec.get("auto", True) is False:
            screen["auto"] = False  # the MC paused the automatic paging: this page stays until they move
        return screen
    if kind == "speaker":
        return _speaker_screen(event_id, spec.get("speech_id"), spec.get("layout"))
    if kind == "vote":
        return _vote_screen(event_id, spec.get("vote_id"), spec.get("page", 1))
    if kind == "credentials":
        return {"kind": kind, **credentials.slide(event_id)}  # the credentials report's figures, as of now
    if kind == "arrival":
        from stand import arrival  # the arrival slide: Wi-Fi, follow page, arrivals, time to the opening
        return {"kind": kind, **arrival.slide(event_id)}
    return {"kind": kind}


# The fields that say which screen it is; the rest (names, countdown start) is filled in from them.
# `as_of`: showing the credentials figures again shows them as of now. `layout`: the speaker full screen or as a
# lower third.
SCREEN_IDENTITY = ("kind", "text", "group_id", "page", "speech_id", "vote_id", "as_of", "layout")


def _screen_key(screen: dict) -> tuple:
    return tuple(screen.get(k) for k in SCREEN_IDENTITY)


def _step_key(screen: dict) -> tuple:
    """Which sub-step a screen is, whatever its layout (a speaker shown as a lower third is still that speaker)."""
    return tuple(screen.get(k) for k in SCREEN_IDENTITY if k != "layout")


def _in_layout(step: dict, screen: dict) -> dict:
    """The next speaker appears the way the last one was shown."""
    if step["kind"] == "speaker" and screen.get("kind") == "speaker" and screen.get("layout"):
        return {**step, "layout": screen["layout"]}
    return step


# ---- the programme's position ------------------------------------------------------------------
# The position is the item (state.item_id) and its sub-step (state.position_step: the screen of a speaker, an
# honours page or a vote, without the names of the page; ITEM_SLIDE for the item's own slide). Every change works out the
# new position from the screen it shows: one of the item's sub-steps moves it there; anything else is a side trip
# and leaves it alone, with a running speaker's clock held where it was.

_KEEP = object()  # _commit_change works out the position from the screen
_BULKY = ("recipients", "nominees", "item_started_at")


def _as_position(screen: dict) -> dict:
    return {k: v for k, v in screen.items() if k not in _BULKY}


def _position_of(screen: dict, position_step: dict | None) -> dict:
    """Rows written before the position was kept have none: a sub-step on screen was the position then."""
    if position_step is None:
        return _as_position(screen) if screen.get("kind") in ("speaker", "honours", "vote") else dict(ITEM_SLIDE)
    return position_step


def _is_sub_step(event_id: int, items: list[dict], item_id, screen: dict) -> bool:
    if screen.get("kind") not in ("speaker", "honours", "vote"):
        return False
    index = _index(items, item_id)
    return index is not None and _step_key(screen) in {_step_key(s) for s in _sub_steps(event_id, items[index])}


def _held(clock: dict, now: datetime) -> dict:
    """A speaker left for a side trip: their clock stops counting until the hall comes back to them."""
    if not clock or not clock.get("running"):
        return clock
    return {**clock, "elapsed_s": elapsed_at(clock, now), "running": False, "as_of": iso_vn(now), "held": True}


def _released(clock: dict, now: datetime) -> dict:
    if not clock or not clock.get("held"):
        return clock
    return {**{k: v for k, v in clock.items() if k != "held"}, "running": True, "as_of": iso_vn(now)}


def _position_after(state: LiveState, items: list[dict], item_id, screen: dict, now: datetime) -> dict:
    if _is_sub_step(state.event_id, items, item_id, screen):
        return _as_position(screen)
    if item_id != state.item_id:
        return dict(ITEM_SLIDE)  # a new item starts at its own slide
    spot = _position_of(state.screen, state.position_step)
    if spot.get("kind") == "speaker" and _step_key(state.screen) == _step_key(spot):
        return {**spot, "clock": _held(state.screen.get("clock"), now)}
    return spot


def _position_screen(state: LiveState) -> dict:
    """The screen the programme is at, for → and ← to go on from (the layout, a paused paging)."""
    return _position_of(state.screen, state.position_step)


# ---- the one write path ------------------------------------------------------------------------

def _commit_change(state: LiveState, items: list[dict], item_id, screen: dict, redraw: bool = False,
                   position=_KEEP, quiet: bool = False) -> dict:
    """Writes the new state with the version bumped, in the transaction of whatever the caller wrote before.
    `redraw`: the same screen with new figures (a clock, a vote's count) is a change too; so is pausing or resuming
    an honours group's automatic paging. `position`: the programme's sub-step when the caller sets it (ITEM_SLIDE:
    the item's own slide); otherwise worked out from the screen."""
    now = utcnow()
    if position is _KEEP:
        position = _position_after(state, items, item_id, screen, now)
    if (not redraw and item_id == state.item_id and _screen_key(screen) == _screen_key(state.screen)
            and screen.get("auto", True) == state.screen.get("auto", True)
            and position == _position_of(state.screen, state.position_step)):
        return payload(state, items)  # nothing changes: same version, no broadcast (API.md)
    if item_id != state.item_id:
        screen = {**screen, "item_started_at": iso_vn(now)}
    elif "item_started_at" in state.screen:
        screen = {**screen, "item_started_at": state.screen["item_started_at"]}
    if not redraw and not _same_speaker(state.screen, screen):
        _keep_time_spoken(state.screen, now)
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
        _turn_page_later(event_id, version, screen)
    return new_state


def speakers_changed(event_id: int) -> dict:
    """The speakers' list changed in the caller's transaction (a delegate from the floor put at the end, voice.floor):
    the same screen and position with the version bumped, committed, and broadcast, so that every screen that walks
    the list (the MC panel, → on the projector, the phones) reads it again (content_version). The caller writes its
    own audit line."""
    state = _state_row(event_id)
    db.session.flush()
    db.session.expire(state, ["content_version"])  # the flush counted the new speech in it (display.content)
    return _commit_change(state, _briefs(event_id), state.item_id, state.screen, redraw=True,
                          position=_position_of(state.screen, state.position_step), quiet=True)


def handover_marked(event_id: int, mark: dict) -> None:
    """After an usher's mark is committed: the other ushers' tablets and the MC panel show it."""
    socketio.emit("handover", mark, to=room(event_id))


def _turn_page_later(event_id: int, version: int, screen: dict) -> None:
    """A long group pages by itself: if nothing else has changed after a while, show its next page."""
    seconds = current_app.config.get("HONOURS_AUTO_PAGE_SECONDS", 0)
    if not seconds:
        return
    app = current_app._get_current_object()

    def turn():
        socketio.sleep(seconds)
        try:
            with app.app_context():
                state = db.session.get(LiveState, event_id)
                if state is not None and state.version == version:
                    show_screen(event_id, {"kind": "honours", "group_id": screen["group_id"], "page": screen["page"] + 1})
                db.session.remove()
        except Exception:  # the MC can always page by hand; never kill the server thread
            app.logger.warning("automatic page turn failed", exc_info=True)
    socketio.start_background_task(turn)


def _keep_pause(current: dict, spec: dict) -> dict:
    """Paging by hand through a paused honours group keeps the pause: → does not restart the timer."""
    if spec["kind"] == "honours" and current.get("kind") == "honours" and current.get("auto", True) is False:
        return {**spec, "auto": False}
    return spec


def _index(items, item_id):
    return next((i for i, it in enumerate(items) if it["id"] == item_id), None)


def _sub_steps(event_id: int, item: dict) -> list[dict]:
    """The screens inside an item that → walks through: each speaker, each page of each honours group."""
    if item["kind"] == "speeches":
        ids = db.session.scalars(select(Speech.id).where(Speech.event_id == event_id).order_by(Speech.position))
        return [{"kind": "speaker", "speech_id": i} for i in ids]
    if item["kind"] == "honours":
        groups = db.session.execute(
            select(HonourGroup.id, func.count(Honour.id), Event.honours_per_page)
            .join(Event, Event.id == HonourGroup.event_id).outerjoin(Honour, Honour.group_id == HonourGroup.id)
            .where(HonourGroup.event_id == event_id)
            .group_by(HonourGroup.id, HonourGroup.position, Event.honours_per_page)
            .order_by(HonourGroup.position)).all()
        return [{"kind": "honours", "group_id": group_id, "page": page}
                for group_id, count, per_page in groups
                for page in range(1, max(1, math.ceil(count / per_page)) + 1)]
    if item["kind"] == "vote":
        votes = db.session.execute(select(Vote.id, Vote.status).where(Vote.event_id == event_id).order_by(Vote.id))
        return [{"kind": "vote", "vote_id": vote_id, "page": page} for vote_id, status in votes
                for page in range(1, (_vote_pages(event_id, vote_id) if status == "draft" else 1) + 1)]
    return []


def _sub_step_here(state: LiveState, steps: list[dict]) -> int:
    """Which of the item's sub-steps the programme is at (whatever a side trip shows): -1 for the item's own slide."""
    keys = [_step_key(step) for step in steps]
    spot = _position_of(state.screen, state.position_step)
    here = _step_key(spot)
    return keys.index(here) if here in keys else -1


def _seen(state: LiveState, items: list[dict], version) -> dict | None:
    """A step sent with the version the MC's panel showed, when the hall has moved on since (an automatic page
    turn, another laptop, the same press sent twice): the press was meant for a screen that is gone, so it changes
    nothing and the panel gets what the hall shows now."""
    if version is None:
        return None
    if not isinstance(version, int) or isinstance(version, bool):
        raise ApiError(400, "bad_version", "Số phiên bản (version) phải là số nguyên.")
    return payload(state, items) if version != state.version else None


def next_step(event_id: int, version=None) -> dict:
    state, items = _state_row(event_id), _briefs(event_id)
    if (stale := _seen(state, items, version)) is not None:
        return stale
    index = _index(items, state.item_id)
    if index is not None:
        steps = _sub_steps(event_id, items[index])
        here = _sub_step_here(state, steps)
        if here + 1 < len(steps):
            where = _position_screen(state)
            step = _keep_pause(where, _in_layout(steps[here + 1], where))
            return _commit_change(state, items, state.item_id, build_screen(event_id, step))
    target = 0 if index is None else index + 1
    if target >= len(items):
        return payload(state, items)
    return _commit_change(state, items, items[target]["id"], {"kind": "programme"})


def previous_step(event_id: int, version=None) -> dict:
    state, items = _state_row(event_id), _briefs(event_id)
    if (stale := _seen(state, items, version)) is not None:
        return stale
    index = _index(items, state.item_id)
    if index is None:
        return payload(state, items)
    steps = _sub_steps(event_id, items[index])
    here = _sub_step_here(state, steps)
    if here > 0:
        where = _position_screen(state)
        step = _keep_pause(where, _in_layout(steps[here - 1], where))
        return _commit_change(state, items, state.item_id, build_screen(event_id, step))
    if here == 0:
        return _commit_change(state, items, state.item_id, {"kind": "programme"}, position=dict(ITEM_SLIDE))
    if index == 0:
        return payload(state, items)
    return _commit_change(state, items, items[index - 1]["id"], {"kind": "programme"})


def goto_item(event_id: int, item_id) -> dict:
    state, items = _state_row(event_id), _briefs(event_id)
    if not is_id(item_id) or _index(items, item_id) is None:
        raise ApiError(400, "bad_item", "Không có mục này trong chương trình.")
    return _commit_change(state, items, item_id, {"kind": "programme"}, position=dict(ITEM_SLIDE))


def back_to_programme(event_id: int, version=None) -> dict:
    """`live/back`: after a side trip the hall sees the programme where it was, a speaker with their clock as it
    was left (running again if it ran). Already there: nothing changes."""
    state, items = _state_row(event_id), _briefs(event_id)
    if (stale := _seen(state, items, version)) is not None:
        return stale
    spot = _position_of(state.screen, state.position_step)
    if spot["kind"] == "programme" or _index(items, state.item_id) is None:
        return _commit_change(state, items, state.item_id, {"kind": "programme"}, position=dict(ITEM_SLIDE))
    if _step_key(state.screen) == _step_key(spot):
        return payload(state, items)
    spec = {k: spot[k] for k in ("kind", "group_id", "page", "speech_id", "vote_id", "layout", "auto") if k in spot}
    try:
        screen = build_screen(event_id, spec)
    except ApiError:  # the organisers removed that speaker or shortened that group meanwhile: the item's slide
        return _commit_change(state, items, state.item_id, {"kind": "programme"}, position=dict(ITEM_SLIDE))
    if screen["kind"] == "speaker" and spot.get("clock"):
        screen = {**screen, "clock": _released(spot["clock"], utcnow()), "started_at": spot.get("started_at")}
    return _commit_change(state, items, state.item_id, screen)


def _same_speaker(old: dict, new: dict) -> bool:
    return old.get("kind") == new.get("kind") == "speaker" and old.get("speech_id") == new.get("speech_id")


def show_screen(event_id: int, spec) -> dict:
    state = _state_row(event_id)
    screen = build_screen(event_id, spec)
    spot = _position_of(state.screen, state.position_step)
    if _same_speaker(state.screen, screen) and state.screen.get("clock"):
        # the same speaker shown another way (a lower third): the clock runs on
        screen = {**screen, "clock": state.screen["clock"], "started_at": state.screen.get("started_at")}
    elif _same_speaker(spot, screen) and spot.get("clock"):
        # the programme's speaker picked again after a side trip: their clock as it was left
        screen = {**screen, "clock": _released(spot["clock"], utcnow()), "started_at": spot.get("started_at")}
    return _commit_change(state, _briefs(event_id), state.item_id, screen)


# ---- the speaker's clock -----------------------------------------------------------------------
# The clock lives in the speaker screen: {"allowed_s", "elapsed_s", "running", "as_of"}, elapsed_s measured at
# as_of, so every screen computes allowed_s - elapsed_s - (running ? now - as_of : 0) and a reload or a restart
# changes nothing. Each action is one function of (clock, now, seconds) giving the new clock.

CLOCK_ACTIONS = ("start", "pause", "resume", "stop", "add")
MAX_ADD_SECONDS = 3600


def elapsed_at(clock: dict, now: datetime) -> float:
    elapsed = clock["elapsed_s"]
    if clock["running"]:
        elapsed += (now - datetime.fromisoformat(clock["as_of"])).total_seconds()
    return round(max(0.0, elapsed), 3)


def _clock_start(clock: dict, now: datetime, seconds: int) -> dict:
    return {**clock, "elapsed_s": 0, "running": True, "as_of": iso_vn(now), "stopped": False}


def _clock_pause(clock: dict, now: datetime, seconds: int) -> dict:
    if not clock["running"]:
        return clock
    return {**clock, "elapsed_s": elapsed_at(clock, now), "running": False, "as_of": iso_vn(now)}


def _clock_resume(clock: dict, now: datetime, seconds: int) -> dict:
    if clock["running"] or clock.get("stopped") or not clock["elapsed_s"]:
        return clock  # running, stopped, or never started (that is `start`)
    return {**clock, "running": True, "as_of": iso_vn(now)}


def _clock_stop(clock: dict, now: datetime, seconds: int) -> dict:
    if clock.get("stopped") or (not clock["running"] and not clock["elapsed_s"]):
        return clock  # already stopped, or never started: nothing was spoken
    return {**clock, "elapsed_s": elapsed_at(clock, now), "running": False, "as_of": iso_vn(now), "stopped": True}


def _clock_add(clock: dict, now: datetime, seconds: int) -> dict:
    allowed = max(0, clock["allowed_s"] + seconds)
    if allowed == clock["allowed_s"]:
        return clock
    return {**clock, "allowed_s": allowed, "elapsed_s": elapsed_at(clock, now), "as_of": iso_vn(now)}


_CLOCK_STEPS = {"start": _clock_start, "pause": _clock_pause, "resume": _clock_resume, "stop": _clock_stop,
                "add": _clock_add}


def _keep_time_spoken(screen: dict, now: datetime) -> None:
    """Leaving a speaker whose clock ran and was not stopped: the time spoken is kept all the same."""
    clock = screen.get("clock") if screen.get("kind") == "speaker" else None
    if clock and not clock.get("stopped") and (clock["running"] or clock["elapsed_s"]):
        db.session.execute(update(Speech).where(Speech.id == screen["speech_id"])
                           .values(spoken_s=round(elapsed_at(clock, now)))
                           .execution_options(synchronize_session=False))


def change_clock(event_id: int, action, seconds=None) -> dict:
    """`live/clock`: one step of the speaker's clock; the new live state, version + 1 (unchanged when the step
    changes nothing, as pausing a paused clock)."""
    if action not in CLOCK_ACTIONS:
        raise ApiError(400, "bad_action", "Thao tác đồng hồ phải là start, pause, resume, stop hoặc add.")
    if action == "add":
        seconds = 60 if seconds is None else seconds
        if not isinstance(seconds, int) or isinstance(seconds, bool) or abs(seconds) > MAX_ADD_SECONDS:
            raise ApiError(400, "bad_seconds", f"Số giây thêm hoặc bớt phải là số nguyên từ -{MAX_ADD_SECONDS} "
                                               f"đến {MAX_ADD_SECONDS}.")
    state = _state_row(event_id)
    screen = state.screen
    if screen.get("kind") != "speaker":
        raise ApiError(409, "no_speaker", "Màn hình đang không hiện diễn giả: chưa có đồng hồ để điều khiển.")
    now = utcnow()
    clock = screen.get("clock") or {"allowed_s": screen.get("minutes", 7) * 60, "elapsed_s": 0, "running": False,
                                    "as_of": iso_vn(now)}
    new_clock = _CLOCK_STEPS[action](clock, now, seconds)
    if new_clock is clock:
        return payload(state)
    if new_clock.get("stopped"):
        db.session.execute(update(Speech).where(Speech.id == screen["speech_id"])
                           .values(spoken_s=round(new_clock["elapsed_s"]))
                           .execution_options(synchronize_session=False))
    return _commit_change(state, _briefs(event_id), state.item_id, {**screen, "clock": new_clock}, redraw=True)


def start_clock(event_id: int) -> dict:
    return change_clock(event_id, "start")


def pause_clock(event_id: int) -> dict:
    return change_clock(event_id, "pause")


def resume_clock(event_id: int) -> dict:
    return change_clock(event_id, "resume")


def stop_clock(event_id: int) -> dict:
    return change_clock(event_id, "stop")


def add_time(event_id: int, seconds: int = 60) -> dict:
    return change_clock(event_id, "add", seconds)


# ---- a vote on the screen ----------------------------------------------------------------------

VOTE_REDRAW_SECONDS = 0.3  # a burst of ballots redraws the hall's count at most ~3 times a second
_redraw_lock = Lock()
_redraw_pending: set[tuple] = set()
_redraws_running = [0]


def redraws_running() -> int:
    """Redraws scheduled and not finished yet (a clean shutdown, or a test, waits for them)."""
    return _redraws_running[0]


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
                return _commit_change(state, _briefs(event_id), state.item_id, {"kind": "programme"})
            page = min(screen.get("page", 1), _vote_pages(event_id, vote_id))
            fresh = _vote_screen(event_id, vote_id, page)
            if fresh == {k: v for k, v in screen.items() if k != "item_started_at"}:
                db.session.rollback()
                return payload(state)
            return _commit_change(state, _briefs(event_id), state.item_id, fresh, redraw=True)
        except ApiError as e:
            if e.code != "conflict":
                raise
            db.session.expire_all()  # another change got in first: read again and redraw on top of it
    return None


def vote_changed_soon(event_id: int, vote_id: int) -> None:
    """After a ballot: one redraw a moment later for the whole burst. The pending mark is cleared before the
    count is read, so a ballot that lands during the redraw asks for another one: the last count always shows."""
    key = (current_app.name, id(current_app._get_current_object()), event_id, vote_id)
    with _redraw_lock:
        if key in _redraw_pending:
            return
        _redraw_pending.add(key)
        _redraws_running[0] += 1
    app = current_app._get_current_object()
    delay = current_app.config.get("VOTE_REDRAW_SECONDS", VOTE_REDRAW_SECONDS)

    def redraw():
        socketio.sleep(delay)
        with _redraw_lock:
            _redraw_pending.discard(key)
        try:
            with app.app_context():
                vote_changed(event_id, vote_id)
                db.session.remove()
        except Exception:  # the next ballot or the MC's next action redraws; never kill the server thread
            app.logger.warning("vote redraw failed", exc_info=True)
        finally:
            with _redraw_lock:
                _redraws_running[0] -= 1
    socketio.start_background_task(redraw)
