"""The live state of an event: the one place that changes what the hall sees.

Each action is one function: read the state, work out the new one, write it with the version bumped
by one in a single conditional UPDATE (so two MC laptops pressing at once cannot both win), commit,
then broadcast the whole new state to the event's room. Nothing else emits `live_state`.
"""
import math

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import event_or_404, is_id, of_event
from models import Event, Honour, HonourGroup, LiveState, ProgrammeItem, Speech, Vote
from models.types import nfc, utcnow
from models.vntime import iso_vn

SCREEN_KINDS = ("programme", "welcome", "blank", "logo", "announcement", "honours", "speaker", "vote")
MAX_ANNOUNCEMENT = 500


def room(event_id: int) -> str:
    return f"event:{event_id}"


def initial_state(event_id: int) -> LiveState:
    return LiveState(event_id=event_id, version=1, item_id=None, screen={"kind": "programme"}, updated_at=utcnow())


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


def _payload(event_id: int, version: int, item_id, screen: dict, updated_at, briefs: list[dict]) -> dict:
    """The whole state as clients get it: small, self-contained, enough to draw the screen."""
    index = next((i for i, it in enumerate(briefs) if it["id"] == item_id), None)
    upcoming = index + 1 if index is not None else 0
    return {
        "event_id": event_id,
        "version": version,
        "item": briefs[index] if index is not None else None,
        "next_item": briefs[upcoming] if upcoming < len(briefs) else None,
        "screen": screen,
        "updated_at": iso_vn(updated_at),
        "item_started_at": screen.get("item_started_at"),
    }


def payload(state: LiveState, briefs: list[dict] | None = None) -> dict:
    briefs = _briefs(state.event_id) if briefs is None else briefs
    return _payload(state.event_id, state.version, state.item_id, state.screen, state.updated_at, briefs)


def get_state(event_id: int) -> dict:
    return payload(_state_row(event_id))


# ---- building screens --------------------------------------------------------------------------

def _honours_screen(event_id: int, group_id, page) -> dict:
    group = of_event(HonourGroup, group_id, event_id, "bad_group", "Không có đợt khen thưởng này trong sự kiện.", 400)
    honours = list(db.session.scalars(
        select(Honour).where(Honour.group_id == group.id).order_by(Honour.position)))
    per_page = db.session.get(Event, event_id).honours_per_page
    pages = max(1, math.ceil(len(honours) / per_page))
    page = page if isinstance(page, int) and not isinstance(page, bool) else 1
    if not 1 <= page <= pages:
        raise ApiError(400, "bad_page", f"Trang phải từ 1 đến {pages}.")
    shown = honours[(page - 1) * per_page: page * per_page]
    return {"kind": "honours", "group_id": group.id, "page": page, "pages": pages, "first": (page - 1) * per_page + 1,
            "award": group.award, "decision": group.decision, "count": len(honours),
            "recipients": [{"name": h.name, "title": h.title, "unit": h.unit, "collective": h.collective}
                           for h in shown]}


def _speaker_screen(event_id: int, speech_id) -> dict:
    speech = of_event(Speech, speech_id, event_id, "bad_speech", "Không có bài tham luận này trong sự kiện.", 400)
    return {"kind": "speaker", "speech_id": speech.id, **{k: v for k, v in speech.to_api().items() if k != "id"},
            "started_at": iso_vn(utcnow())}


def _vote_screen(event_id: int, vote_id) -> dict:
    vote = of_event(Vote, vote_id, event_id, "bad_vote", "Không có nội dung biểu quyết này trong sự kiện.", 400)
    return {"kind": "vote", "vote_id": vote.id, **{k: v for k, v in vote.to_api().items() if k != "id"}}


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
        return _speaker_screen(event_id, spec.get("speech_id"))
    if kind == "vote":
        return _vote_screen(event_id, spec.get("vote_id"))
    return {"kind": kind}


# The fields that say which screen it is; the rest (names, countdown start) is filled in from them.
SCREEN_IDENTITY = ("kind", "text", "group_id", "page", "speech_id", "vote_id")


def _screen_key(screen: dict) -> tuple:
    return tuple(screen.get(k) for k in SCREEN_IDENTITY)


# ---- the one write path ------------------------------------------------------------------------

def _commit_change(state: LiveState, items: list[dict], item_id, screen: dict) -> dict:
    if (item_id == state.item_id and _screen_key(screen) == _screen_key(state.screen)
            and screen.get("auto", True) == state.screen.get("auto", True)):
        return payload(state, items)  # nothing changes: same version, no broadcast (API.md)
    now = utcnow()
    if item_id != state.item_id:
        screen = {**screen, "item_started_at": iso_vn(now)}
    elif "item_started_at" in state.screen:
        screen = {**screen, "item_started_at": state.screen["item_started_at"]}
    event_id, version = state.event_id, state.version + 1
    result = db.session.execute(
        update(LiveState)
        .where(LiveState.event_id == event_id, LiveState.version == version - 1)
        .values(version=version, item_id=item_id, screen=screen, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if result.rowcount != 1:
        # Another MC laptop changed the state between our read and our write: theirs stands.
        raise ApiError(409, "conflict", "Trạng thái vừa được thay đổi từ máy khác. Màn hình đã cập nhật, hãy thử lại.")
    new_state = _payload(event_id, version, item_id, screen, now, items)
    socketio.emit("live_state", new_state, to=room(event_id))
    if screen["kind"] == "honours" and screen["page"] < screen["pages"] and screen.get("auto", True):
        _turn_page_later(event_id, version, screen)
    return new_state


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
        ids = db.session.scalars(select(Vote.id).where(Vote.event_id == event_id).order_by(Vote.id))
        return [{"kind": "vote", "vote_id": i} for i in ids]
    return []


def _sub_step_here(state: LiveState, steps: list[dict]) -> int:
    """Which of the item's sub-steps is on screen now: -1 when none (the item's own programme slide)."""
    keys = [_screen_key(step) for step in steps]
    here = _screen_key(state.screen)
    return keys.index(here) if here in keys else -1


def next_step(event_id: int) -> dict:
    state, items = _state_row(event_id), _briefs(event_id)
    index = _index(items, state.item_id)
    if index is not None:
        steps = _sub_steps(event_id, items[index])
        here = _sub_step_here(state, steps)
        if here + 1 < len(steps):
            spec = _keep_pause(state.screen, steps[here + 1])
            return _commit_change(state, items, state.item_id, build_screen(event_id, spec))
    target = 0 if index is None else index + 1
    if target >= len(items):
        return payload(state, items)
    return _commit_change(state, items, items[target]["id"], {"kind": "programme"})


def previous_step(event_id: int) -> dict:
    state, items = _state_row(event_id), _briefs(event_id)
    index = _index(items, state.item_id)
    if index is None:
        return payload(state, items)
    steps = _sub_steps(event_id, items[index])
    here = _sub_step_here(state, steps)
    if here > 0:
        spec = _keep_pause(state.screen, steps[here - 1])
        return _commit_change(state, items, state.item_id, build_screen(event_id, spec))
    if here == 0:
        return _commit_change(state, items, state.item_id, {"kind": "programme"})
    if index == 0:
        return payload(state, items)
    return _commit_change(state, items, items[index - 1]["id"], {"kind": "programme"})


def goto_item(event_id: int, item_id) -> dict:
    state, items = _state_row(event_id), _briefs(event_id)
    if not is_id(item_id) or _index(items, item_id) is None:
        raise ApiError(400, "bad_item", "Không có mục này trong chương trình.")
    return _commit_change(state, items, item_id, {"kind": "programme"})


def show_screen(event_id: int, spec) -> dict:
    state = _state_row(event_id)
    screen = build_screen(event_id, spec)
    return _commit_change(state, _briefs(event_id), state.item_id, screen)
