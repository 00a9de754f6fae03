"""The votes API of API.md."""
from flask import jsonify
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.extensions import db
from kiosk.lookup import event_or_404
from models import Vote
from votes import bp


@bp.get("/api/events/<int:event_id>/votes")
def votes(event_id):
    event_or_404(event_id)
    rows = db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id)
                              .options(selectinload(Vote.nominees)))
    return jsonify([v.to_api() for v in rows])
