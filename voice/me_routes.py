"""The delegate's side, no session: the personal token in the address is the credential (kiosk.identity.guesses slows
guessing it); every answer is about that delegate alone and kept by no browser or proxy (no-store)."""
from flask import make_response, render_template
from sqlalchemy import select

from kiosk.extensions import csrf, db
from kiosk.identity.guesses import throttled
from kiosk.schema import api
from models import ProgrammeItem
from voice import bp, floor, opinions, turns
from voice.schemas import (
    TOKEN_REFUSALS,
    FloorAsked,
    FloorRequest,
    NewOpinion,
    OpinionSent,
    OwnOpinions,
    OwnRequests,
    VoiceData,
)
from voice.tokens import delegate_of


def _private(response, status=200):
    answer = make_response(response, status)
    answer.headers["Cache-Control"] = "no-store"
    return answer


@bp.get("/me/<token>/voice")
@throttled
def voice_page(token):
    """Opinions and the floor on a page of their own (the delegate's page /me/{token} includes the same parts)."""
    delegate = delegate_of(token)
    return _private(render_template("me_voice.html", token=token, event_id=delegate.event_id,
                                    delegate_id=delegate.id, full_name=delegate.full_name))


@bp.get("/api/me/<token>/voice")
@throttled
@api("The delegate's programme items to choose from (`floor`: one may ask to speak on it), their own opinions and "
     "requests to speak", "voice", answers={200: VoiceData, **TOKEN_REFUSALS})
def voice_data(token):
    """The programme items to choose from (those with a floor marked), and the delegate's own opinions and requests."""
    delegate = delegate_of(token)
    speaking = set(floor.floor_items(delegate.event_id))
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == delegate.event_id)
                               .order_by(ProgrammeItem.position))
    return _private({"items": [{"id": i.id, "position": i.position, "title": i.title, "floor": i.id in speaking}
                               for i in items],
                     "opinions": opinions.own(delegate), "floor": turns.own(delegate)})


@bp.post("/api/me/<token>/opinions")
@csrf.exempt
@throttled
@api("An opinion to the presidium, on an item or in general", "voice", body=NewOpinion,
     answers={201: OpinionSent, **TOKEN_REFUSALS})
def send_opinion(token, body: NewOpinion):
    shown = opinions.receive(delegate_of(token), body.given())
    return _private({"id": shown["id"], "status": shown["status"], "at": shown["at"], "item_id": shown["item_id"]}, 201)


@bp.get("/api/me/<token>/opinions")
@throttled
@api("The delegate's own opinions, oldest first", "voice", answers={200: OwnOpinions, **TOKEN_REFUSALS})
def own_opinions(token):
    return _private({"opinions": opinions.own(delegate_of(token))})


@bp.post("/api/me/<token>/floor")
@csrf.exempt
@throttled
@api("Ask to speak on a speeches item, with a topic; 409 when already waiting there", "voice", body=FloorRequest,
     answers={201: FloorAsked, 409: None, **TOKEN_REFUSALS})
def ask_floor(token, body: FloorRequest):
    shown = floor.ask(delegate_of(token), body.given())
    return _private({"id": shown["id"], "status": shown["status"], "item_id": shown["item_id"], "topic": shown["topic"]},
                    201)


@bp.get("/api/me/<token>/floor")
@throttled
@api("The delegate's requests to speak, with `turn`: now, next, waiting (`ahead` before them), spoken or null",
     "voice", answers={200: OwnRequests, **TOKEN_REFUSALS})
def own_floor(token):
    """The delegate's requests with their turn: `now`, `next`, `waiting` (with `ahead`), `spoken`, or null."""
    return _private({"requests": turns.own(delegate_of(token))})
