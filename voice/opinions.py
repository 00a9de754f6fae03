"""Opinions to the presidium: received from a delegate's phone, read live by the secretariat, forwarded by it to
the presidium's screen. Each change is one transaction, then one message to the rooms that may see it: the
secretariat's (`room`) and, once forwarded, the presidium's (`forwarded_room`); never the event's public room."""
from datetime import timedelta
from threading import Lock

from flask import current_app
from flask_login import current_user
from sqlalchemy import func, select, update

from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import is_id, of_event
from models import Delegate, Opinion, ProgrammeItem
from models.types import utcnow
from models.vntime import iso_vn
from voice.sent import sent_rows, typed_text

MAX_TEXT = 2000
PER_MINUTE = 10  # opinions one delegate may send a minute: a stuck button or a script, not a person, sends more

# Commit and message in one order within a process: the secretariat receives the opinions in the order they were
# kept (the page still sorts by time, for those that come through several processes).
_order = Lock()


def room(event_id: int) -> str:
    return f"opinions:{event_id}"


def forwarded_room(event_id: int) -> str:
    return f"opinions-forwarded:{event_id}"


def to_api(opinion: Opinion, full_name: str, unit: str | None) -> dict:
    return {"id": opinion.id, "text": opinion.text, "at": iso_vn(opinion.at), "item_id": opinion.item_id,
            "status": opinion.status, "forwarded_at": iso_vn(opinion.forwarded_at),
            "delegate": {"full_name": full_name, "unit": unit}}


def clean_text(value) -> str:
    """1 to MAX_TEXT characters after NFC and trimming, counted as the delegate sees them."""
    return typed_text(value, "text", MAX_TEXT, not_text="Nội dung ý kiến phải là chữ.",
                      empty="Xin nhập nội dung ý kiến trước khi gửi.",
                      too_long=lambda length: f"Ý kiến dài {length:,} ký tự, quá giới hạn {MAX_TEXT:,} ký tự. "
                                              "Xin rút gọn hoặc chia thành nhiều ý kiến.".replace(",", "."))


def item_of(event_id: int, item_id) -> int | None:
    """The programme item an opinion or a request is about: None (in general), or an item of this event."""
    if item_id is None or item_id == "":
        return None
    if not is_id(item_id) or db.session.scalar(select(ProgrammeItem.event_id).where(ProgrammeItem.id == item_id)) \
            != event_id:
        raise ApiError(400, "bad_item", "Không có mục này trong chương trình của đại hội.")
    return item_id


def _check_pace(delegate: Delegate) -> None:
    limit = current_app.config.get("OPINIONS_PER_MINUTE", PER_MINUTE)
    recent = db.session.scalar(select(func.count()).where(Opinion.delegate_id == delegate.id,
                                                          Opinion.at > utcnow() - timedelta(minutes=1)))
    if recent >= limit:
        raise ApiError(429, "too_many_opinions", "Đồng chí vừa gửi nhiều ý kiến liên tiếp. Xin đợi một phút rồi gửi tiếp.")


def receive(delegate: Delegate, data: dict) -> dict:
    """A delegate's new opinion: kept, then sent to the secretariat."""
    text = clean_text(data.get("text"))
    item_id = item_of(delegate.event_id, data.get("item_id"))
    _check_pace(delegate)
    with _order:
        opinion = Opinion(event_id=delegate.event_id, delegate_id=delegate.id, item_id=item_id, text=text,
                          at=utcnow(), status="received")
        db.session.add(opinion)
        db.session.flush()
        shown = to_api(opinion, delegate.full_name, delegate.unit)
        db.session.commit()
        socketio.emit("opinion", shown, to=room(delegate.event_id))
    return shown


def _rows(event_id: int, forwarded_only: bool = False, delegate_id: int | None = None):
    return sent_rows(Opinion, event_id, delegate_id, only=(Opinion.status == "forwarded",) if forwarded_only else ())


def opinions_of(event_id: int, forwarded_only: bool = False) -> list[dict]:
    """Oldest first; the presidium's screen asks for the forwarded ones only."""
    return [to_api(*row) for row in _rows(event_id, forwarded_only)]


def own(delegate: Delegate) -> list[dict]:
    """What a delegate's phone lists: their own opinions, without their name (they know it)."""
    return [{k: v for k, v in to_api(*row).items() if k != "delegate"}
            for row in _rows(delegate.event_id, delegate_id=delegate.id)]


def forward(event_id: int, opinion_id: int) -> dict:
    """The secretariat sends an opinion to the presidium's screen; forwarding it again changes nothing."""
    opinion = of_event(Opinion, opinion_id, event_id, "opinion_not_found", "Không tìm thấy ý kiến này.")
    delegate = db.session.get(Delegate, opinion.delegate_id)
    if opinion.status == "forwarded":
        return to_api(opinion, delegate.full_name, delegate.unit)
    now = utcnow()
    changed = db.session.execute(
        update(Opinion).where(Opinion.id == opinion.id, Opinion.status == "received")
        .values(status="forwarded", forwarded_at=now, forwarded_by=current_user.username)
        .execution_options(synchronize_session=False)).rowcount
    if changed:
        audit.record(event_id, "opinion", f"Chuyển tới Đoàn Chủ tịch ý kiến số {opinion.id} của {delegate.full_name}")
    db.session.commit()
    db.session.refresh(opinion)
    shown = to_api(opinion, delegate.full_name, delegate.unit)
    if changed:  # another secretary's press got in first: their message went out already
        socketio.emit("opinion", shown, to=room(event_id))
        socketio.emit("opinion", shown, to=forwarded_room(event_id))
    return shown
