"""The shell's own pages: the start page with every event, the health check, the OpenAPI document."""
from flask import Blueprint, jsonify, render_template
from sqlalchemy import select, text

from kiosk.extensions import db
from kiosk.openapi import SPEC
from models import Event

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
    return render_template("index.html", events=events)


@bp.get("/healthz")
def healthz():
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")


@bp.get("/api/openapi.json")
def openapi():
    return jsonify(SPEC)
