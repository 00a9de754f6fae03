"""The delegate's page and its API. Every answer is about the token's delegate only and is not kept by any cache
(kiosk.security: no-store on /api/ and on this page); a wrong token counts as a guess (kiosk.guesses)."""
from flask import jsonify, render_template

from kiosk.errors import ApiError
from kiosk.extensions import csrf, db
from kiosk.guesses import throttled
from kiosk.tablets import qr_svg
from models import Event
from phone import bp
from phone.me import delegate_of, me_data, programme, zone_plan

UNKNOWN = "Mã cá nhân không đúng. Mời đồng chí quét lại mã trên phiếu, hoặc gặp Ban tổ chức."


@bp.get("/api/me/<token>")
@csrf.exempt
@throttled
def me_api(token):
    delegate = delegate_of(token)
    if delegate is None:
        raise ApiError(404, "unknown_token", UNKNOWN)
    return jsonify(me_data(delegate))


@bp.get("/me/<token>")
@throttled
def me_page(token):
    delegate = delegate_of(token)
    if delegate is None:  # a link mistyped or cut short: a page for the delegate holding the phone
        return render_template("me/unknown.html"), 404
    event = db.session.get(Event, delegate.event_id)
    data = me_data(delegate)
    page = {"me": data, "token": token, "plan": zone_plan(event, data["delegate"]["seat"]),
            "programme": programme(event)}
    return render_template("me/page.html", page=page, me=data, event=event, token=token, event_id=event.id,
                           delegate_id=delegate.id, badge_qr=qr_svg(delegate.code))
