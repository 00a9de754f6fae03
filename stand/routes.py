"""The stand's page and its PIN."""
import qrcode
import qrcode.image.svg
from flask import Response, current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from kiosk.errors import ApiError
from kiosk.forms import apply_and_flash
from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from kiosk.schema import SVG, Done, Download, api
from stand import arrival, bp, pin
from stand.schemas import Arrivals, Pin

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
@api("A kiosk stand asks to be left: 200 for the right PIN, 403 bad_pin or no_pin, 429 after too many tries", "stand",
     body=Pin, answers={200: Done, 429: None}, role="kiosk")
def unlock(event_id, body: Pin):
    pin.check_pin(event_id, body.pin)
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/kiosk/pin")
@role_required("organiser")
@api("Set the organiser's PIN (4-8 digits) that lets a kiosk stand of the event be left", "stand", body=Pin,
     answers={200: Done}, role="organiser")
def set_pin(event_id, body: Pin):
    pin.set_pin(event_id, body.pin)
    return jsonify(status="ok")


@bp.post("/admin/events/<int:event_id>/kiosk/pin")
@role_required("organiser")
def set_pin_form(event_id):
    event_or_404(event_id)
    apply_and_flash(lambda: pin.set_pin(event_id, request.form.get("pin")), "Đã đặt mã PIN thoát quầy.")
    return redirect(url_for("pairing.doors_page", event_id=event_id) + "#kiosk-pin")


# ---- the arrival slide's images and counts (anyone: the projector signs in as nobody) ----------------------------

def _qr_svg(text: str) -> Response:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    response = Response(image.to_string(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"  # the organiser may change the Wi-Fi
    return response


@bp.get("/api/events/<int:event_id>/arrival/wifi.svg")
@api("The QR that joins the hall Wi-Fi (404 when the event has none)", "stand", answers={200: Download(SVG)})
def wifi_qr(event_id):
    event = event_or_404(event_id)
    if not event.wifi_ssid:
        raise ApiError(404, "no_wifi", "Sự kiện chưa có thông tin Wi-Fi.")
    return _qr_svg(arrival.wifi_text(event.wifi_ssid, event.wifi_password))


@bp.get("/api/events/<int:event_id>/arrival/follow.svg")
@api("The QR of the follow page, at the hall's address", "stand", answers={200: Download(SVG)})
def follow_qr(event_id):
    event_or_404(event_id)
    return _qr_svg(arrival.follow_url(event_id))


@bp.get("/api/events/<int:event_id>/arrivals")
@api("Delegates (not guests) present and summoned: what the arrival slide counts", "stand", answers={200: Arrivals})
def arrivals(event_id):
    event_or_404(event_id)
    return jsonify(arrival.counts(event_id))
