"""The shell's own pages: the start page with every event, the health check, the OpenAPI document, the loop's
figures (kiosk.serving.loopwatch watches, the organiser's role check guards)."""
from flask import Blueprint, Flask, current_app, jsonify, render_template
from sqlalchemy import select, text

from kiosk.extensions import db
from kiosk.identity.auth import role_required
from kiosk.openapi import document
from kiosk.schema import Answer, api
from kiosk.schemas import LoopFigures
from kiosk.serving import loopwatch
from models import Event

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
    return render_template("index.html", events=events)


class Health(Answer):
    status: str


@bp.get("/healthz")
@api("Health: 200 once the database answers", "system", answers={200: Health})
def healthz():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")


@bp.get("/api/openapi.json")
@api("This document", "system", answers={200: dict})
def openapi():
    # written once per application: the routes do not change while it runs
    if "openapi" not in current_app.extensions:
        current_app.extensions["openapi"] = document(current_app)
    return jsonify(current_app.extensions["openapi"])


def add_loop_figures(app: Flask) -> None:
    """GET /api/loop, added to the app itself as it always was (its endpoint is `loop_figures`, not a blueprint's)."""

    @role_required("organiser")
    @api("How late the server's loop has woken (gevent): stalls over LOOP_STALL_MS with the request that caused them, "
         "the largest lag, the last minute's p99; {\"running\": false} in a threaded server", "jobs",
         answers={200: LoopFigures}, role="organiser")
    def loop_figures():
        """How late the loop has woken: stalls over LOOP_STALL_MS and what caused them (for the benchmarks)."""
        return jsonify(loopwatch.figures())

    app.add_url_rule("/api/loop", "loop_figures", loop_figures)
