"""The programme and live-state API of API.md. The MC's commands only call display.live."""

from flask import jsonify
from sqlalchemy import select

from display import bp, live, script
from kiosk import jobs
from kiosk.auth import role_required
from kiosk.extensions import db
from kiosk.http import json_body
from kiosk.lookup import event_or_404
from models import Event, ProgrammeItem


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
    return jsonify(live.next_step(event_id, json_body().get("version")))


@bp.post("/api/events/<int:event_id>/live/previous")
@role_required("mc")
def live_previous(event_id):
    return jsonify(live.previous_step(event_id, json_body().get("version")))


@bp.post("/api/events/<int:event_id>/live/back")
@role_required("mc")
def live_back(event_id):
    return jsonify(live.back_to_programme(event_id, json_body().get("version")))


@bp.post("/api/events/<int:event_id>/live/goto")
@role_required("mc")
def live_goto(event_id):
    return jsonify(live.goto_item(event_id, json_body().get("item_id")))


@bp.post("/api/events/<int:event_id>/live/screen")
@role_required("mc")
def live_screen(event_id):
    return jsonify(live.show_screen(event_id, json_body()))


@bp.post("/api/events/<int:event_id>/live/clock")
@role_required("mc")
def live_clock(event_id):
    body = json_body()
    return jsonify(live.change_clock(event_id, body.get("action"), body.get("seconds")))


@bp.get("/api/events/<int:event_id>/script")
@role_required("mc")
def script_lines(event_id):
    return jsonify(script.script(event_id))


@bp.get("/api/events/<int:event_id>/script/now")
@role_required("mc")
def script_now(event_id):
    """The MC's words for the step on screen and the next one."""
    return jsonify(script.now_and_next(event_id, live.get_state(event_id)))


@bp.post("/api/events/<int:event_id>/script")
@role_required("organiser")
def save_script_words(event_id):
    data = json_body()
    return jsonify(script.save_words(event_id, data.get("step"), data.get("words")))


@bp.get("/api/events/<int:event_id>/script.pdf")
@role_required("mc")
def script_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("script.pdf", event_id)
