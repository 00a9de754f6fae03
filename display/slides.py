"""The screen builders: from what the MC asked for (a `live/screen` body, or a sub-step of the programme) to what
the projector needs to draw it. They know the honours, the speeches, the credentials report's figures and the
arrival slide; the vote's screen is drawn by votes/, asked by signal (feature_screen). They read and check, and never
write: display.live writes the screen they build."""
import math
from datetime import datetime, timedelta

from sqlalchemy import func, select

from checkin import credentials
from kiosk import signals
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import of_event
from models import Event, Honour, HonourGroup, Speech, VoteNominee
from models.types import nfc, utcnow
from models.vntime import hhmm, iso_vn
from speeches.answers import speech_api

SCREEN_KINDS = ("programme", "welcome", "blank", "logo", "announcement", "honours", "speaker", "vote", "credentials",
                "arrival", "break")
MAX_ANNOUNCEMENT = 500


def honours_screen(event_id: int, group_id, page) -> dict:
    group = of_event(HonourGroup, group_id, event_id, "bad_group", "Không có đợt khen thưởng này trong sự kiện.", 400)
    count = db.session.scalar(select(func.count()).where(Honour.group_id == group.id))
    per_page = db.session.get(Event, event_id).honours_per_page
    pages = max(1, math.ceil(count / per_page))
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= pages:
        raise ApiError(400, "bad_page", f"Trang phải từ 1 đến {pages}.")
    # only the page's names: a group of hundreds is not read whole at every →
    shown = db.session.execute(
        select(Honour.name, Honour.title, Honour.unit, Honour.collective).where(Honour.group_id == group.id)
        .order_by(Honour.position).limit(per_page).offset((page - 1) * per_page)).all()
    return {"kind": "honours", "group_id": group.id, "page": page, "pages": pages, "first": (page - 1) * per_page + 1,
            "award": group.award, "decision": group.decision, "count": count,
            "recipients": [{"name": h.name, "title": h.title, "unit": h.unit, "collective": h.collective}
                           for h in shown]}


SPEAKER_LAYOUTS = ("full", "lower_third")


def speaker_screen(event_id: int, speech_id, now: datetime, layout=None) -> dict:
    speech = of_event(Speech, speech_id, event_id, "bad_speech", "Không có bài tham luận này trong sự kiện.", 400)
    layout = layout or "full"
    if layout not in SPEAKER_LAYOUTS:
        raise ApiError(400, "bad_layout", "Cách hiện diễn giả phải là full (cả màn hình) hoặc lower_third "
                                          "(dải chữ phía dưới).")
    # A speaker who has spoken comes back with the time they spoke, paused: resume goes on, start begins again.
    return {"kind": "speaker", "speech_id": speech.id, **{k: v for k, v in speech_api(speech).items() if k != "id"},
            "layout": layout, "started_at": iso_vn(now),
            "clock": {"allowed_s": speech.minutes * 60, "elapsed_s": speech.spoken_s or 0, "running": False,
                      "as_of": iso_vn(now)}}


def vote_pages(event_id: int, vote_id: int) -> int:
    count = db.session.scalar(select(func.count()).where(VoteNominee.vote_id == vote_id))
    return max(1, math.ceil(count / db.session.get(Event, event_id).honours_per_page))


def vote_screen(event_id: int, vote_id, page=1) -> dict:
    """The vote as the hall sees it, drawn by the votes package (votes.screen), which answers the signal."""
    return feature_screen("vote", event_id, {"vote_id": vote_id, "page": page})


def feature_screen(kind: str, event_id: int, spec: dict, now: datetime | None = None) -> dict:
    """A screen that another feature draws: display asks by signal, the feature that owns the kind answers."""
    for _receiver, screen in signals.screen_wanted.send(kind, event_id=event_id, spec=spec, now=now):
        if screen is not None:
            return screen
    raise ApiError(400, "bad_screen", "Loại màn hình không hợp lệ.")


BREAK_MINUTES = (15, 1, 120)  # the default, the shortest and the longest break


def break_screen(minutes, now: datetime) -> dict:
    """Nghỉ giải lao: the hall is told when to be back. `until` is the server's time, so every screen says the same;
    showing it again starts the break again. `label` is how the MC's panel, the phones and the audit name it."""
    default, shortest, longest = BREAK_MINUTES
    minutes = default if minutes is None else minutes
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not shortest <= minutes <= longest:
        raise ApiError(400, "bad_minutes", f"Thời gian giải lao phải từ {shortest} đến {longest} phút.")
    back = now + timedelta(minutes=minutes)
    return {"kind": "break", "minutes": minutes, "until": iso_vn(back), "label": f"Nghỉ giải lao đến {hhmm(back)}"}


def build_screen(event_id: int, spec, now: datetime | None = None) -> dict:
    """Checks a `live/screen` request and fills in what the projector needs to draw it. `now`: the server's time,
    which starts a speaker's screen (display.live passes the time it reads, so that one action has one time)."""
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
        screen = honours_screen(event_id, spec.get("group_id"), spec.get("page", 1))
        if spec.get("auto", True) is False:
            screen["auto"] = False  # the MC paused the automatic paging: this page stays until they move
        return screen
    if kind == "speaker":
        return speaker_screen(event_id, spec.get("speech_id"), now or utcnow(), spec.get("layout"))
    if kind == "vote":
        return vote_screen(event_id, spec.get("vote_id"), spec.get("page", 1))
    if kind == "break":
        return break_screen(spec.get("minutes"), now or utcnow())
    if kind == "credentials":
        return {"kind": kind, **credentials.slide(event_id)}  # the credentials report's figures, as of now
    if kind == "arrival":
        from stand import arrival  # the arrival slide: Wi-Fi, follow page, arrivals, time to the opening
        return {"kind": kind, **arrival.slide(event_id)}
    return {"kind": kind}
