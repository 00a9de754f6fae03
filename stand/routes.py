"""The stand's page and its PIN."""
from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from kiosk.auth import role_required
from kiosk.forms import apply_and_flash
from kiosk.http import json_body
from kiosk.lookup import event_or_404
from stand import bp, pin

RESET_SECONDS = 6  # a greeting stays this long, then the stand is ready for the next delegate


@bp.get("/kiosk/<int:event_id>")
@role_required("kiosk")
def kiosk_page(event_id):
    event = event_or_404(event_id)
    stand = getattr(current_user, "session_door", None) or "Quầy tự điểm danh"
    return render_template("stand.html", event=event, stand=stand,
                           reset_s=current_app.config.get("KIOSK_STAND_RESET_SECONDS", RESET_SECONDS))


@bp.post("/api/events/<int:event_id>/kiosk/unlock")
@role_required("kiosk")
def unlock(event_id):
    pin.check_pin(event_id, json_body().get("pin"))
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/kiosk/pin")
@role_required("organiser")
def set_pin(event_id):
    pin.set_pin(event_id, json_body().get("pin"))
    return jsonify(status="ok")


@bp.post("/admin/events/<int:event_id>/kiosk/pin")
@role_required("organiser")
def set_pin_form(event_id):
    event_or_404(event_id)
    apply_and_flash(lambda: pin.set_pin(event_id, request.form.get("pin")), "Đã đặt mã PIN thoát quầy.")
    return redirect(url_for("pairing.doors_page", event_id=event_id) + "#kiosk-pin")
