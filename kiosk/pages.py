"""The shell's own pages: the start page with every event, the health check, the OpenAPI document."""
from flask import Blueprint, current_app, jsonify, render_template
from sqlalchemy import select, text

from kiosk.extensions import db
from kiosk.openapi import document
from kiosk.schema import Answer, api
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
