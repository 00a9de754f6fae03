"""Door tablets paired in seconds (issue 12): the organiser makes a short-lived code (shown with its QR) for one
event and one door; the tablet that opens it gets a door session for that event and that door only, listed on the
organiser's page and revocable there. No password is typed at the door.

A paired tablet signs in as the event's own door account (made on first pairing, its password random and never
shown), so that the record of the day says which account scanned, and so that disabling that account, like
revoking one tablet, ends the sessions at once (kiosk.identity.auth.end_sessions)."""
import base64
import io
import secrets
from datetime import timedelta

import qrcode
import qrcode.image.svg
from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from sqlalchemy import delete, select, update

from kiosk.errors import ApiError
from kiosk.extensions import csrf, db
from kiosk.forms import apply_and_flash
from kiosk.identity.accounts import create_account
from kiosk.identity.auth import end_sessions, role_required, start_session
from kiosk.identity.guesses import throttled
from kiosk.lookup import event_or_404
from kiosk.schema import Done, api
from kiosk.schemas import Pairing, PairingAnswer, Tablet, TabletRef
from kiosk.serving.tablets import public_url
from models import DoorPairing, Event, User, UserEvent, UserSession
from models.types import nfc, utcnow
from models.user import session_digest
from models.vntime import to_vn

bp = Blueprint("pairing", __name__)

PAIRING_MINUTES = 10
MAX_DOOR = 50


def door_account_name(event_id: int) -> str:
    return f"may-cua-{event_id}"


def kiosk_account_name(event_id: int) -> str:
    return f"quay-{event_id}"


# what a pairing code makes of the tablet: a door (the volunteer's tablet) or a kiosk stand (the delegates' own)
PAIRING_ROLES = {"door": (door_account_name, "Máy tính bảng cửa vào"), "kiosk": (kiosk_account_name, "Quầy tự điểm danh")}


def _door_name(value) -> str:
    door = nfc(value) if isinstance(value, str) else ""
    if not door:
        raise ApiError(400, "bad_door", "Cần đặt tên cửa (ví dụ “Cửa 1”).")
    if len(door) > MAX_DOOR:
        raise ApiError(400, "bad_door", f"Tên cửa dài quá {MAX_DOOR} ký tự.")
    return door


def new_pairing(event_id: int, door, role="door") -> dict:
    """A code valid for PAIRING_MINUTES, for one tablet (the first that opens it); `role` door or kiosk."""
    event_or_404(event_id)
    if role not in PAIRING_ROLES:
        raise ApiError(400, "bad_role", "Loại máy phải là door (cửa vào) hoặc kiosk (quầy tự điểm danh).")
    door = _door_name(door)
    code = secrets.token_urlsafe(12)  # 96 bits: not guessable in ten minutes
    now = utcnow()
    db.session.execute(delete(DoorPairing).where(DoorPairing.event_id == event_id, DoorPairing.expires_at < now))
    db.session.add(DoorPairing(id=session_digest(code), event_id=event_id, door=door, role=role, created_at=now,
                               expires_at=now + timedelta(minutes=PAIRING_MINUTES)))
    db.session.commit()
    url = public_url("pairing.pair_page", code=code)  # https, and never 127.0.0.1: the tablet opens it
    return {"code": code, "url": url, "door": door, "role": role,
            "expires_at": (now + timedelta(minutes=PAIRING_MINUTES)).isoformat()}


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def paired_tablets(event_id: int) -> list[dict]:
    rows = db.session.execute(
        select(UserSession).where(UserSession.event_id == event_id, UserSession.ended_at.is_(None),
                                  UserSession.expires_at > utcnow()).order_by(UserSession.created_at)).scalars()
    return [{"id": s.id[:16], "door": s.door, "since": to_vn(s.created_at).isoformat(), "address": s.address}
            for s in rows]


def revoke_tablet(event_id: int, tablet_id) -> None:
    if not isinstance(tablet_id, str) or not 8 <= len(tablet_id) <= 64:
        raise ApiError(404, "tablet_not_found", "Không tìm thấy máy tính bảng này.")
    row = db.session.scalar(select(UserSession).where(UserSession.event_id == event_id,
                                                      UserSession.id.startswith(tablet_id, autoescape=True),
                                                      UserSession.ended_at.is_(None)).limit(2))
    if row is None:
        raise ApiError(404, "tablet_not_found", "Không tìm thấy máy tính bảng này.")
    end_sessions(digest=row.id)


def _door_account(event_id: int, role: str = "door") -> User:
    account_name, label = PAIRING_ROLES[role]
    user = db.session.scalar(select(User).where(User.username == account_name(event_id)))
    if user is None:
        user = create_account(account_name(event_id), role, secrets.token_urlsafe(24),
                              display_name=f"{label} (sự kiện {event_id})")
        db.session.add(UserEvent(user_id=user.id, event_id=event_id))  # the event's own door account
        db.session.commit()
    if user.disabled:
        raise ApiError(403, "account_disabled", "Tài khoản máy tính bảng của sự kiện này đã bị khoá.")
    return user


def redeem(code: str) -> DoorPairing:
    """Uses the code up (once, atomically) and signs this browser in as the event's door for that door."""
    digest = session_digest(code) if isinstance(code, str) and len(code) <= 64 else ""
    used = db.session.execute(update(DoorPairing).where(DoorPairing.id == digest, DoorPairing.used_at.is_(None),
                                                        DoorPairing.expires_at > utcnow()).values(used_at=utcnow()))
    if used.rowcount != 1:
        db.session.rollback()
        raise ApiError(404, "pairing_expired", "Mã ghép nối đã hết hạn hoặc đã được dùng. Hãy xin Ban tổ chức mã mới.")
    pairing = db.session.get(DoorPairing, digest)
    db.session.commit()
    start_session(_door_account(pairing.event_id, pairing.role), event_id=pairing.event_id, door=pairing.door)
    return pairing


# ---- the organiser's page and API --------------------------------------------------------------------------------

@bp.get("/admin/events/<int:event_id>/doors")
@role_required("organiser")
def doors_page(event_id):
    return render_template("admin/doors.html", event=event_or_404(event_id), tablets=paired_tablets(event_id),
                           pairing=None, minutes=PAIRING_MINUTES)


@bp.post("/admin/events/<int:event_id>/doors")
@role_required("organiser")
def doors_pair_form(event_id):
    event = event_or_404(event_id)
    pairing = apply_and_flash(lambda: new_pairing(event_id, request.form.get("door"), request.form.get("role", "door")),
                              f"Mã ghép nối dùng được {PAIRING_MINUTES} phút, cho một máy.")
    if pairing:
        pairing["qr"] = qr_data_uri(pairing["url"])
    return render_template("admin/doors.html", event=event, tablets=paired_tablets(event_id), pairing=pairing,
                           minutes=PAIRING_MINUTES)


@bp.post("/admin/events/<int:event_id>/doors/<tablet_id>/revoke")
@role_required("organiser")
def doors_revoke_form(event_id, tablet_id):
    event_or_404(event_id)
    apply_and_flash(lambda: revoke_tablet(event_id, tablet_id), "Đã thu hồi phiên của máy tính bảng.")
    return redirect(url_for("pairing.doors_page", event_id=event_id))


@bp.post("/api/events/<int:event_id>/doors/pairings")
@role_required("organiser")
@api("A pairing code for one door tablet or kiosk stand (10 minutes, one use): the tablet that opens `url` gets a "
     "session for this event and this door, without a password", "checkin", body=Pairing,
     answers={201: PairingAnswer}, role="organiser")
def api_pair(event_id, body: Pairing):
    return jsonify(new_pairing(event_id, body.door, body.role)), 201


@bp.get("/api/events/<int:event_id>/doors")
@role_required("organiser")
@api("The paired door tablets of the event", "checkin", answers={200: list[Tablet]}, role="organiser")
def api_tablets(event_id):
    event_or_404(event_id)
    return jsonify(paired_tablets(event_id))


@bp.post("/api/events/<int:event_id>/doors/revoke")
@role_required("organiser")
@api("End a paired tablet's session (and its sockets) at once; `tablet_id` as listed", "checkin", body=TabletRef,
     answers={200: Done}, role="organiser")
def api_revoke(event_id, body: TabletRef):
    event_or_404(event_id)
    revoke_tablet(event_id, body.tablet_id)
    return jsonify(status="ok")


# ---- the tablet --------------------------------------------------------------------------------------------------

@bp.get("/pair/<code>")
@throttled
def pair_page(code):
    """Opening the link changes nothing (a link preview must not use the code up): one tap on the button does."""
    pairing = db.session.get(DoorPairing, session_digest(code)) if len(code) <= 64 else None
    live = pairing is not None and pairing.used_at is None and pairing.expires_at > utcnow()
    event = db.session.get(Event, pairing.event_id) if live else None
    return render_template("pair.html", code=code, pairing=pairing if live else None, event=event), 200 if live else 404


@bp.post("/pair/<code>")
@throttled
def pair(code):
    csrf.protect()
    try:
        pairing = redeem(code)
    except ApiError as e:
        return render_template("pair.html", code=code, pairing=None, event=None, error=e.message), e.status
    return render_template("pair.html", code=code, pairing=pairing, event=db.session.get(Event, pairing.event_id),
                           done=True, next=url_for("stand.kiosk_page" if pairing.role == "kiosk" else "checkin.door_page",
                                                   event_id=pairing.event_id))
