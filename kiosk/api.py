"""The read API of API.md and the MC's live commands (which only call kiosk.live)."""
from flask import Blueprint, jsonify, request
from sqlalchemy import select, text
from sqlalchemy.orm import selectinload

from kiosk import live
from kiosk.auth import role_required
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import event_or_404
from kiosk.openapi import SPEC
from models import Delegate, Event, Honour, HonourGroup, ProgrammeItem, Speech, Vote

bp = Blueprint("api", __name__)


def json_body() -> dict:
    data = request.get_json(silent=True)
    if data is None and not request.data:
        return {}
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "Nội dung gửi lên phải là một đối tượng JSON.")
    return data


@bp.get("/healthz")
def healthz():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")


@bp.get("/api/openapi.json")
def openapi():
    return jsonify(SPEC)


@bp.get("/api/events")
def events():
    rows = db.session.scalars(select(Event).order_by(Event.date, Event.id))
    return jsonify([e.to_api() for e in rows])


@bp.get("/api/events/<int:event_id>")
def event_detail(event_id):
    return jsonify(event_or_404(event_id).to_api())


@bp.get("/api/events/<int:event_id>/programme")
def programme(event_id):
    event_or_404(event_id)
    items = db.session.scalars(
        select(ProgrammeItem).where(ProgrammeItem.event_id == event_id).order_by(ProgrammeItem.position))
    return jsonify([i.to_api() for i in items])


@bp.get("/api/events/<int:event_id>/live")
def live_state(event_id):
    return jsonify(live.get_state(event_id))


@bp.post("/api/events/<int:event_id>/live/next")
@role_required("mc")
def live_next(event_id):
    return jsonify(live.next_step(event_id))


@bp.post("/api/events/<int:event_id>/live/previous")
@role_required("mc")
def live_previous(event_id):
    return jsonify(live.previous_step(event_id))


@bp.post("/api/events/<int:event_id>/live/goto")
@role_required("mc")
def live_goto(event_id):
    return jsonify(live.goto_item(event_id, json_body().get("item_id")))


@bp.post("/api/events/<int:event_id>/live/screen")
@role_required("mc")
def live_screen(event_id):
    return jsonify(live.show_screen(event_id, json_body()))


@bp.get("/api/events/<int:event_id>/honours")
def honours(event_id):
    event_or_404(event_id)
    groups = db.session.scalars(
        select(HonourGroup).where(HonourGroup.event_id == event_id).order_by(HonourGroup.position)
        .options(selectinload(HonourGroup.honours).selectinload(Honour.delegate)))
    return jsonify([{"id": g.id, "position": g.position, "award": g.award, "decision": g.decision,
                     "decision_number": g.decision_number,
                     "decision_date": g.decision_date.isoformat() if g.decision_date else None,
                     "decision_authority": g.decision_authority,
                     "recipients": [h.to_api() for h in g.honours]} for g in groups])


@bp.get("/api/events/<int:event_id>/speeches")
def speeches(event_id):
    event_or_404(event_id)
    rows = db.session.scalars(select(Speech).where(Speech.event_id == event_id).order_by(Speech.position))
    return jsonify([s.to_api() for s in rows])


@bp.get("/api/events/<int:event_id>/votes")
def votes(event_id):
    event_or_404(event_id)
    rows = db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id)
                              .options(selectinload(Vote.nominees)))
    return jsonify([v.to_api() for v in rows])


@bp.get("/api/events/<int:event_id>/delegates")
@role_required("organiser")
def delegates(event_id):
    event_or_404(event_id)
    rows = db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)
                              .order_by(Delegate.number, Delegate.id))
    return jsonify([d.to_api() for d in rows])
