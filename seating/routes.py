"""The routes of delegations and seating."""
from flask import jsonify

from kiosk.auth import role_required
from kiosk.lookup import event_or_404
from seating import bp
from seating.delegations import delegations


@bp.get("/api/events/<int:event_id>/delegations")
@role_required("organiser", "presidium", "mc")
def delegations_api(event_id):
    event_or_404(event_id)
    return jsonify(delegations(event_id))
