"""The door: the check-in API, name search, attendance and the tablet page."""
from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user

from checkin import service
from kiosk.api import json_body
from kiosk.auth import page_role_required, role_required
from kiosk.errors import ApiError
from kiosk.lookup import event_or_404

bp = Blueprint("checkin", __name__, template_folder="templates")

MAX_DOOR = 50


@bp.post("/api/events/<int:event_id>/checkin")
@role_required("door")
def checkin(event_id):
    event_or_404(event_id)
    data = json_body()
    code, door = data.get("code"), data.get("door", "")
    if not isinstance(code, str) or len(code) > 200:
        raise ApiError(400, "bad_code", "Mã quét không hợp lệ.")
    if not isinstance(door, str) or len(door) > MAX_DOOR:
        raise ApiError(400, "bad_door", f"Tên cửa phải là chữ, tối đa {MAX_DOOR} ký tự.")
    return jsonify(service.check_in(event_id, code, door.strip() or "Cửa chính", current_user.username))


@bp.get("/api/events/<int:event_id>/delegates/search")
@role_required("door")
def search(event_id):
    event_or_404(event_id)
    found = service.search(event_id, request.args.get("q", "")[:100])
    return jsonify([d.to_api() for d in found])


@bp.get("/api/events/<int:event_id>/attendance")
@role_required()
def attendance(event_id):
    event_or_404(event_id)
    return jsonify(service.attendance(event_id))


@bp.get("/checkin/<int:event_id>")
@page_role_required("door")
def door_page(event_id):
    return render_template("checkin.html", event=event_or_404(event_id))
