"""The secretariat's, the presidium's and the MC's side: opinions and requests to speak, read and decided."""
from flask import make_response, render_template, request
from flask_login import current_user

from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from kiosk.schema import api
from voice import bp, floor, opinions
from voice.schemas import Floor, Opinion


def _private(response):
    answer = make_response(response)
    answer.headers["Cache-Control"] = "no-store"  # delegates' names and words
    return answer


def _forwarded_only() -> bool:
    """The presidium reads what the secretariat forwarded, never the rest; others may ask for the same."""
    return not current_user.has_role("secretary") or request.args.get("status") == "forwarded"


@bp.get("/api/events/<int:event_id>/opinions")
@role_required("secretary", "presidium")
@api("The opinions, oldest first (the presidium gets the forwarded ones only; `?status=forwarded` for anyone)",
     "voice", answers={200: list[Opinion]}, role="organiser, secretary or presidium",
     query={"status": {"type": "string"}})
def opinions_api(event_id):
    event_or_404(event_id)
    return _private(opinions.opinions_of(event_id, _forwarded_only()))


@bp.post("/api/events/<int:event_id>/opinions/<int:opinion_id>/forward")
@role_required("secretary")
@api("Forward an opinion to the presidium's screen (again: unchanged)", "voice", answers={200: Opinion},
     role="organiser or secretary")
def forward_api(event_id, opinion_id):
    event_or_404(event_id)
    return _private(opinions.forward(event_id, opinion_id))


@bp.get("/api/events/<int:event_id>/floor")
@role_required("mc")
@api("The requests to speak, oldest first", "voice", answers={200: list[Floor]}, role="mc or organiser")
def floor_api(event_id):
    event_or_404(event_id)
    return _private(floor.requests_of(event_id))


@bp.post("/api/events/<int:event_id>/floor/<int:request_id>/accept")
@role_required("mc")
@api("Accept: the delegate is added at the end of the speakers' list (live state version + 1); 409 when declined "
     "before", "voice", answers={200: Floor, 409: None}, role="mc or organiser")
def accept_api(event_id, request_id):
    event_or_404(event_id)
    return _private(floor.accept(event_id, request_id))


@bp.post("/api/events/<int:event_id>/floor/<int:request_id>/decline")
@role_required("mc")
@api("Decline a request to speak; 409 when accepted before", "voice", answers={200: Floor, 409: None},
     role="mc or organiser")
def decline_api(event_id, request_id):
    event_or_404(event_id)
    return _private(floor.decline(event_id, request_id))


@bp.get("/secretariat/<int:event_id>")
@role_required("secretary")
def secretariat_page(event_id):
    return _private(render_template("secretariat.html", event=event_or_404(event_id)))


@bp.get("/presidium/<int:event_id>")
@role_required("presidium")
def presidium_page(event_id):
    return _private(render_template("presidium.html", event=event_or_404(event_id)))
