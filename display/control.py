"""The MC's control panel. It only reads here; every change goes through the live API / socket."""
from flask import render_template
from sqlalchemy import select

from display import bp
from kiosk.extensions import db
from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from models import ProgrammeItem, Vote


@bp.get("/control/<int:event_id>")
@role_required("mc")
def panel(event_id):
    event = event_or_404(event_id)
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)
                               .order_by(ProgrammeItem.position)).all()
    votes = db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id)).all()
    return render_template("control.html", event=event, items=items, votes=votes)
