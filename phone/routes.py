"""The delegate's page and its API. Every answer is about the token's delegate only and is not kept by any cache
(kiosk.serving.security: no-store on /api/ and on this page); a wrong token counts as a guess (kiosk.identity.guesses)."""
from flask import jsonify, render_template

from kiosk.errors import ApiError
from kiosk.extensions import csrf, db
from kiosk.identity.guesses import throttled
from kiosk.schema import api
from kiosk.serving.tablets import qr_svg
from models import Event
from phone import bp
from phone.me import delegate_of, me_data, programme, zone_plan
from phone.schemas import MeAnswer

UNKNOWN = "Mã cá nhân không đúng. Mời đồng chí quét lại mã trên phiếu, hoặc gặp Ban tổ chức."


@bp.get("/api/me/<token>")
@csrf.exempt
@throttled
@api("The delegate's own page data, no session: delegate {id, full_name, unit, delegation, seat, title, place, head}, "
     "event {id, name}, badge_code, checked_in_at, documents [{id, title, pages}], open_vote (a vote, with ballot "
     "{entitled, voted} when electronic) and, for a delegation's head, delegation_members [{full_name, unit, "
     "arrived}]; 404 unknown_token (also for a revoked badge); wrong tokens are throttled per address", "phone",
     answers={200: MeAnswer, 404: None, 429: None})
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
