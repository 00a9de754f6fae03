"""The routes of delegations and seating."""
from flask import jsonify

from kiosk.auth import role_required
from kiosk.http import json_body
from kiosk.lists.uploads import import_upload
from kiosk.lookup import event_or_404
from seating import bp, plan
from seating.delegations import delegations


@bp.get("/api/events/<int:event_id>/delegations")
@role_required("organiser", "presidium", "mc")
def delegations_api(event_id):
    event_or_404(event_id)
    return jsonify(delegations(event_id))


@bp.post("/api/events/<int:event_id>/seats/assign")
@role_required("organiser")
def assign_api(event_id):
    return jsonify(plan.assign(event_id, json_body()))


@bp.post("/api/events/<int:event_id>/seats/import")
@role_required("organiser")
def import_api(event_id):
    event_or_404(event_id)
    return import_upload(plan.import_seats, event_id, "chỗ ngồi")


@bp.get("/api/events/<int:event_id>/seating")
@role_required("organiser", "presidium")
def seating_api(event_id):
    return jsonify(plan.seating(event_id))


@bp.get("/api/events/<int:event_id>/seating/layout")
@role_required()
def layout_api(event_id):
    """The hall's zones, rows and seats, with nobody's name: what a stand needs to light a seat."""
    return jsonify({"zones": plan.layout(event_or_404(event_id))})
