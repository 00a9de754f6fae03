"""Requests to speak (đăng ký phát biểu): a delegate asks on an item with a topic; the MC panel lists them live; the
MC or an organiser accepts one, which puts the delegate at the end of the speakers' list through the live state
(display.live.speakers_changed: one transaction, the hall's one broadcast), or declines it.

Speakers are walked by the programme's speeches items (display.live._sub_steps), so those are the items a delegate
may ask to speak on."""
from flask import current_app
from flask_login import current_user
from sqlalchemy import func, select, update

from display import live
from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import is_id, of_event
from models import Delegate, FloorRequest, ProgrammeItem, Speech
from models.types import utcnow
from models.vntime import iso_vn
from voice.sent import sent_rows, typed_text

MAX_TOPIC = 500
SPEAKER_MINUTES = 5  # a speaker from the floor, unless the config says otherwise (FLOOR_SPEAKER_MINUTES)
FLOOR_KINDS = ("speeches",)


def room(event_id: int) -> str:
    return f"floor:{event_id}"


def floor_items(event_id: int) -> list[int]:
    return list(db.session.scalars(select(ProgrammeItem.id).where(ProgrammeItem.event_id == event_id,
                                                                 ProgrammeItem.kind.in_(FLOOR_KINDS))))


def to_api(request: FloorRequest, full_name: str, unit: str | None) -> dict:
    return {"id": request.id, "item_id": request.item_id, "topic": request.topic, "status": request.status,
            "at": iso_vn(request.at), "speech_id": request.speech_id, "delegate": {"full_name": full_name, "unit": unit}}


def _topic(value) -> str:
    return typed_text(value, "topic", MAX_TOPIC, not_text="Nội dung đăng ký phát biểu phải là chữ.",
                      empty="Xin ghi vấn đề đồng chí muốn phát biểu.",
                      too_long=lambda length: f"Vấn đề phát biểu dài {length} ký tự, quá giới hạn {MAX_TOPIC} ký tự. "
                                              "Xin ghi ngắn gọn.")


def ask(delegate: Delegate, data: dict) -> dict:
    topic = _topic(data.get("topic"))
    item_id = data.get("item_id")
    if not is_id(item_id) or item_id not in floor_items(delegate.event_id):
        raise ApiError(400, "bad_item", "Xin chọn phần tham luận, thảo luận của chương trình để đăng ký phát biểu.")
    waiting = db.session.scalar(select(func.count()).where(
        FloorRequest.delegate_id == delegate.id, FloorRequest.item_id == item_id, FloorRequest.status == "requested"))
    if waiting:
        raise ApiError(409, "already_requested", "Đồng chí đã đăng ký phát biểu ở phần này; xin chờ người dẫn chương "
                                                 "trình xếp lượt.")
    request = FloorRequest(event_id=delegate.event_id, delegate_id=delegate.id, item_id=item_id, topic=topic,
                           at=utcnow(), status="requested")
    db.session.add(request)
    db.session.flush()
    shown = to_api(request, delegate.full_name, delegate.unit)
    db.session.commit()
    socketio.emit("floor_request", shown, to=room(delegate.event_id))
    return shown


def rows_of(event_id: int, delegate_id: int | None = None):
    return sent_rows(FloorRequest, event_id, delegate_id)


def requests_of(event_id: int) -> list[dict]:
    return [to_api(*row) for row in rows_of(event_id)]


def _decide(event_id: int, request_id: int, status: str) -> tuple[FloorRequest, Delegate, bool]:
    """Marks a waiting request; False when it was decided already (the same decision again changes nothing)."""
    request = of_event(FloorRequest, request_id, event_id, "request_not_found", "Không tìm thấy lượt đăng ký này.")
    delegate = db.session.get(Delegate, request.delegate_id)
    if request.status == status:
        return request, delegate, False
    if request.status != "requested":
        done = "đã được nhận" if request.status == "accepted" else "đã được từ chối"
        raise ApiError(409, "already_decided", f"Lượt đăng ký này {done} trước đó.")
    claimed = db.session.execute(
        update(FloorRequest).where(FloorRequest.id == request.id, FloorRequest.status == "requested")
        .values(status=status, decided_at=utcnow(), decided_by=current_user.username)
        .execution_options(synchronize_session=False)).rowcount
    if claimed != 1:
        db.session.rollback()
        raise ApiError(409, "conflict", "Lượt đăng ký vừa được xử lý từ máy khác. Danh sách đã cập nhật.")
    return request, delegate, True


def accept(event_id: int, request_id: int) -> dict:
    """The delegate joins the speakers' list after the last speaker; the hall's screens hear of it through the
    live state, the MC panels through their room."""
    live.get_state(event_id)  # the live row exists before this transaction writes (it may make it and commit)
    request, delegate, changed = _decide(event_id, request_id, "accepted")
    if changed:
        last = db.session.scalar(select(func.max(Speech.position)).where(Speech.event_id == event_id)) or 0
        speech = Speech(event_id=event_id, position=last + 1, name=delegate.full_name, title=delegate.title,
                        unit=delegate.unit, topic=request.topic, collective=False,
                        minutes=current_app.config.get("FLOOR_SPEAKER_MINUTES", SPEAKER_MINUTES))
        db.session.add(speech)
        db.session.flush()
        db.session.execute(update(FloorRequest).where(FloorRequest.id == request.id).values(speech_id=speech.id)
                           .execution_options(synchronize_session=False))
        audit.record(event_id, "floor", f"Nhận đăng ký phát biểu: {delegate.full_name} – {request.topic} "
                                        f"(tham luận số {speech.position})")
        live.speakers_changed(event_id)  # commits, and the hall's one broadcast
    db.session.refresh(request)
    shown = to_api(request, delegate.full_name, delegate.unit)
    if changed:
        socketio.emit("floor_request", shown, to=room(event_id))
    return shown


def decline(event_id: int, request_id: int) -> dict:
    request, delegate, changed = _decide(event_id, request_id, "declined")
    if changed:
        audit.record(event_id, "floor", f"Không nhận đăng ký phát biểu: {delegate.full_name} – {request.topic}")
        db.session.commit()
    db.session.refresh(request)
    shown = to_api(request, delegate.full_name, delegate.unit)
    if changed:
        socketio.emit("floor_request", shown, to=room(event_id))
    return shown
