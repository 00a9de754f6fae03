"""The start page: every event, with links to its screens."""
from flask import Blueprint, render_template
from sqlalchemy import select

from kiosk.extensions import db
from models import Event

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
    return render_template("index.html", events=events)
