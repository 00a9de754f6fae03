"""The speaker's clock. It lives in the speaker screen: {"allowed_s", "elapsed_s", "running", "as_of"}, elapsed_s
measured at as_of, so every screen computes allowed_s - elapsed_s - (running ? now - as_of : 0) and a reload or a
restart changes nothing. Each action is one function of (clock, now, seconds) giving the new clock; `now` is always
the server's time (display.live reads it), never a client's. display.live writes the new clock with the live state."""
from datetime import datetime

from sqlalchemy import update

from kiosk.errors import ApiError
from kiosk.extensions import db
from models import Speech
from models.vntime import iso_vn

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


def checked_seconds(action, seconds) -> int | None:
    """Checks a `live/clock` request: the action, and for `add` the seconds (a minute when none is given)."""
    if action not in CLOCK_ACTIONS:
        raise ApiError(400, "bad_action", "Thao tác đồng hồ phải là start, pause, resume, stop hoặc add.")
    if action != "add":
        return seconds
    seconds = 60 if seconds is None else seconds
    if not isinstance(seconds, int) or isinstance(seconds, bool) or abs(seconds) > MAX_ADD_SECONDS:
        raise ApiError(400, "bad_seconds", f"Số giây thêm hoặc bớt phải là số nguyên từ -{MAX_ADD_SECONDS} "
                                           f"đến {MAX_ADD_SECONDS}.")
    return seconds


def stepped(screen: dict, action: str, now: datetime, seconds) -> tuple[dict, dict]:
    """The speaker screen's clock and the clock after one action (the same object when the action changes nothing,
    as pausing a paused clock). A screen without a clock has the speaker's minutes, not started."""
    clock = screen.get("clock") or {"allowed_s": screen.get("minutes", 7) * 60, "elapsed_s": 0, "running": False,
                                    "as_of": iso_vn(now)}
    return clock, _CLOCK_STEPS[action](clock, now, seconds)


def held(clock: dict, now: datetime) -> dict:
    """A speaker left for a side trip: their clock stops counting until the hall comes back to them."""
    if not clock or not clock.get("running"):
        return clock
    return {**clock, "elapsed_s": elapsed_at(clock, now), "running": False, "as_of": iso_vn(now), "held": True}


def released(clock: dict, now: datetime) -> dict:
    if not clock or not clock.get("held"):
        return clock
    return {**{k: v for k, v in clock.items() if k != "held"}, "running": True, "as_of": iso_vn(now)}


def save_spoken(speech_id: int, seconds: float) -> None:
    """The time a speaker spoke, on their speech, in the caller's transaction."""
    db.session.execute(update(Speech).where(Speech.id == speech_id).values(spoken_s=round(seconds))
                       .execution_options(synchronize_session=False))


def keep_time_spoken(screen: dict, now: datetime) -> None:
    """Leaving a speaker whose clock ran and was not stopped: the time spoken is kept all the same."""
    clock = screen.get("clock") if screen.get("kind") == "speaker" else None
    if clock and not clock.get("stopped") and (clock["running"] or clock["elapsed_s"]):
        save_spoken(screen["speech_id"], elapsed_at(clock, now))
