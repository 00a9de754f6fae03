"""The programme and live-state API of API.md. The MC's commands only call display.live."""

from flask import jsonify
from sqlalchemy import select

from display import bp, live, script
from display.answers import item_api
from display.schemas import (
    ClockRequest,
    Goto,
    LiveState,
    NowAndNext,
    ScreenRequest,
    ScriptLine,
    ScriptWords,
    Seen,
)
from display.schemas import (
    Event as EventAnswer,
)
from display.schemas import (
    ProgrammeItem as ItemAnswer,
)
from kiosk import jobs
from kiosk.answers import event_api
from kiosk.extensions import db
from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from kiosk.schema import PDF, Download, api
from models import Event, ProgrammeItem


@bp.get("/api/events")
@api("Events", "events", answers={200: list[EventAnswer]})
def events():
    rows = db.session.scalars(select(Event).order_by(Event.date, Event.id))
    return jsonify([event_api(e) for e in rows])


@bp.get("/api/events/<int:event_id>")
@api("One event", "events", answers={200: EventAnswer})
def event_detail(event_id):
    return jsonify(event_api(event_or_404(event_id)))


@bp.get("/api/events/<int:event_id>/programme")
@api("Programme items in order", "events", answers={200: list[ItemAnswer]})
def programme(event_id):
    event_or_404(event_id)
    items = db.session.scalars(
        select(ProgrammeItem).where(ProgrammeItem.event_id == event_id).order_by(ProgrammeItem.position))
    return jsonify([item_api(i) for i in items])


@bp.get("/api/events/<int:event_id>/live")
@api("The live state", "live", answers={200: LiveState})
def live_state(event_id):
    return jsonify(live.get_state(event_id))


@bp.post("/api/events/<int:event_id>/live/next")
@role_required("mc")
@api("Next step from where the programme is (sub-steps inside speeches, honours, vote), whatever a side trip shows",
     "live", body=Seen, body_required=False, answers={200: LiveState}, role="mc")
def live_next(event_id, body: Seen):
    return jsonify(live.next_step(event_id, body.version))


@bp.post("/api/events/<int:event_id>/live/previous")
@role_required("mc")
@api("Previous step from where the programme is",
     "live", body=Seen, body_required=False, answers={200: LiveState}, role="mc")
def live_previous(event_id, body: Seen):
    return jsonify(live.previous_step(event_id, body.version))


@bp.post("/api/events/<int:event_id>/live/back")
@role_required("mc")
@api("Back to the programme after a side trip: the position's screen, a speaker with the clock as it was left",
     "live", body=Seen, body_required=False, answers={200: LiveState}, role="mc")
def live_back(event_id, body: Seen):
    return jsonify(live.back_to_programme(event_id, body.version))


@bp.post("/api/events/<int:event_id>/live/goto")
@role_required("mc")
@api("Jump to an item", "live", body=Goto, answers={200: LiveState}, role="mc")
def live_goto(event_id, body: Goto):
    return jsonify(live.goto_item(event_id, body.item_id))


@bp.post("/api/events/<int:event_id>/live/screen")
@role_required("mc")
@api("Show a screen", "live", body=ScreenRequest, answers={200: LiveState}, role="mc")
def live_screen(event_id, body: ScreenRequest):
    return jsonify(live.show_screen(event_id, body.spec()))


@bp.post("/api/events/<int:event_id>/live/clock")
@role_required("mc")
@api("The speaker's clock: the new live state with screen.clock; 409 no_speaker on another screen", "live",
     body=ClockRequest, answers={200: LiveState, 409: None}, role="mc")
def live_clock(event_id, body: ClockRequest):
    return jsonify(live.change_clock(event_id, body.action, body.seconds))


@bp.get("/api/events/<int:event_id>/script")
@role_required("mc")
@api("The MC's script: every step with its words as written (`words`) and as read (`text`)", "script",
     answers={200: list[ScriptLine]}, role="mc")
def script_lines(event_id):
    return jsonify(script.script(event_id))


@bp.get("/api/events/<int:event_id>/script/now")
@role_required("mc")
@api("The words of the step on screen and of the next one", "script", answers={200: NowAndNext}, role="mc")
def script_now(event_id):
    """The MC's words for the step on screen and the next one."""
    return jsonify(script.now_and_next(event_id, live.get_state(event_id)))


@bp.post("/api/events/<int:event_id>/script")
@role_required("organiser")
@api("The organiser's words for one step; empty words go back to the default", "script", body=ScriptWords,
     answers={200: ScriptLine}, role="organiser")
def save_script_words(event_id, body: ScriptWords):
    return jsonify(script.save_words(event_id, body.step, body.words))


@bp.get("/api/events/<int:event_id>/script.pdf")
@role_required("mc")
@api("The whole script as a PDF for the MC to hold", "script", answers={200: Download(PDF)}, role="mc")
def script_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("script.pdf", event_id)
