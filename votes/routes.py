"""The votes API of API.md, the organiser's page to prepare votes and the delegate's phone page.
Every change goes through votes.service."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.errors import ApiError
from kiosk.extensions import csrf, db
from kiosk.identity.auth import role_required
from kiosk.identity.guesses import throttled
from kiosk.lookup import event_or_404
from kiosk.paging import page_of
from kiosk.schema import api
from models import Delegate, Vote, VoteNominee
from models.vote import METHOD_WORDS, RULE_WORDS, STATUS_WORDS, VERDICT_WORDS
from votes import ballots, bp, service
from votes.answers import vote_api
from votes.schemas import Ballot, BallotAnswer, Counts, Deleted, NewVote
from votes.schemas import Vote as VoteAnswer

MAX_TOKEN = 64
CARDS_PER_PAGE = 100  # voting cards printed at a time: 25 A4 sheets


def _votes(event_id: int) -> list[Vote]:
    return list(db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id)
                                   .options(selectinload(Vote.nominees).selectinload(VoteNominee.delegate))))


@bp.get("/api/events/<int:event_id>/votes")
@api("Votes with their nominees", "votes", answers={200: list[VoteAnswer]})
def votes(event_id):
    event_or_404(event_id)
    return jsonify([vote_api(v) for v in _votes(event_id)])


@bp.post("/api/events/<int:event_id>/votes")
@role_required("organiser")
@api("Prepare a vote (a draft)", "votes", body=NewVote, answers={201: VoteAnswer}, role="organiser")
def create_vote(event_id, body: NewVote):
    event_or_404(event_id)
    return jsonify(vote_api(service.create_vote(event_id, body.given()))), 201


@bp.get("/api/events/<int:event_id>/votes/<int:vote_id>")
@api("One vote", "votes", answers={200: VoteAnswer})
def vote(event_id, vote_id):
    event_or_404(event_id)
    return jsonify(vote_api(service.vote_of(event_id, vote_id)))


@bp.delete("/api/events/<int:event_id>/votes/<int:vote_id>")
@role_required("organiser")
@api("Remove a vote still in draft (409 otherwise)", "votes", answers={200: Deleted, 409: None}, role="organiser")
def delete_vote(event_id, vote_id):
    event_or_404(event_id)
    service.delete_vote(event_id, vote_id)
    return jsonify(status="deleted")


@bp.post("/api/events/<int:event_id>/votes/<int:vote_id>/open")
@role_required("mc")
@api("Open the vote: entitled fixed from the delegates (not guests) checked in now; 409 not_draft, nobody_present",
     "votes", answers={200: VoteAnswer, 409: None}, role="mc")
def open_vote(event_id, vote_id):
    event_or_404(event_id)
    return jsonify(vote_api(service.open_vote(event_id, vote_id)))


@bp.post("/api/events/<int:event_id>/votes/<int:vote_id>/counts")
@role_required("mc")
@api("The counts of a show of hands or paper ballot; 409 for an electronic vote or one not open", "votes",
     body=Counts, answers={200: VoteAnswer, 409: None}, role="mc")
def enter_counts(event_id, vote_id, body: Counts):
    event_or_404(event_id)
    return jsonify(vote_api(service.enter_counts(event_id, vote_id, body.given())))


@bp.post("/api/events/<int:event_id>/votes/<int:vote_id>/close")
@role_required("mc")
@api("Close the vote: figures fixed, verdict by its rule; 409 when not open", "votes",
     answers={200: VoteAnswer, 409: None}, role="mc")
def close_vote(event_id, vote_id):
    event_or_404(event_id)
    return jsonify(vote_api(service.close_vote(event_id, vote_id)))


@bp.post("/api/ballots/<token>")
@csrf.exempt
@throttled  # no session: the personal token in the address is the delegate's credential
@api("An electronic ballot, no session needed (the delegate's personal ballot_token, never the badge code): result "
     "voted, already_voted, not_entitled or not_open; 404 unknown_token; wrong tokens are throttled per address",
     "votes", body=Ballot, answers={200: BallotAnswer, 404: None, 429: None, 503: None})
def cast_ballot(token, body: Ballot):
    if len(token) > MAX_TOKEN:
        raise ApiError(404, "unknown_token", "Mã phiếu biểu quyết không đúng. Mời đồng chí gặp Ban tổ chức.")
    return jsonify(ballots.cast_ballot(token, body.model_dump()))


@bp.get("/api/ballots/<token>")
@throttled
@api("The delegate's phone page data: name and the event's electronic votes", "votes",
     answers={200: dict, 404: None, 429: None})
def ballot_state(token):
    """What the phone page shows: the delegate and the event's electronic votes, whether they may and did vote."""
    data = ballots.ballot_page_data(token)
    if data is None:
        raise ApiError(404, "unknown_token", "Mã phiếu biểu quyết không đúng. Mời đồng chí gặp Ban tổ chức.")
    return jsonify(data)


# ---- pages -------------------------------------------------------------------------------------------

@bp.get("/vote/<token>")
@throttled
def ballot_page(token):
    data = ballots.ballot_page_data(token)
    if data is None:  # a link mistyped or cut short: a page for the delegate holding the phone, not a sign-in link
        return render_template("ballot_unknown.html"), 404
    return render_template("ballot.html", data=data)


@bp.get("/admin/events/<int:event_id>/votes")
@role_required("organiser")
def votes_admin(event_id):
    event = event_or_404(event_id)
    listed = db.session.scalar(select(func.count()).where(Delegate.event_id == event_id, Delegate.is_guest.is_(False)))
    return render_template("votes_admin.html", event=event, votes=_votes(event_id), listed=listed,
                           methods=METHOD_WORDS, rules=RULE_WORDS, statuses=STATUS_WORDS, verdicts=VERDICT_WORDS)


@bp.get("/admin/events/<int:event_id>/votes/cards")
@role_required("organiser")
def voting_cards(event_id):
    """The voting cards to print: each delegate's personal link as a QR code (never the badge's code)."""
    from kiosk.serving.tablets import public_base, qr_svg
    event = event_or_404(event_id)
    base = public_base()
    # a page of cards at a time: each QR is drawn on the server, and 2,000 of them at once took seconds and megabytes
    delegates = page_of(select(Delegate).where(Delegate.event_id == event_id, Delegate.is_guest.is_(False),
                                               Delegate.revoked.is_(False)).order_by(Delegate.number, Delegate.id),
                        per_page=CARDS_PER_PAGE)
    cards = [{"number": d.number, "name": d.full_name, "unit": d.unit, "link": f"{base}/me/{d.ballot_token}"}
             for d in delegates.items]
    for card in cards:
        card["qr"] = qr_svg(card["link"])
    return render_template("voting_cards.html", event=event, cards=cards, delegates=delegates)


@bp.post("/admin/events/<int:event_id>/votes")
@role_required("organiser")
def votes_admin_create(event_id):
    event_or_404(event_id)
    form = request.form
    try:
        nominee_ids = service.nominees_from_form(event_id, form.getlist("nominee_ids"), form.get("numbers", ""))
        vote = service.create_vote(event_id, {"title": form.get("title", ""), "method": form.get("method"),
                                              "rule": form.get("rule"), "secret": form.get("secret") == "1",
                                              "nominee_ids": nominee_ids})
        flash(f"Đã tạo nội dung biểu quyết “{vote.title}” với {len(nominee_ids)} người được giới thiệu.", "ok")
    except ApiError as e:
        flash(e.message, "error")
    return redirect(url_for("votes.votes_admin", event_id=event_id))


@bp.post("/admin/events/<int:event_id>/votes/<int:vote_id>/delete")
@role_required("organiser")
def votes_admin_delete(event_id, vote_id):
    event_or_404(event_id)
    try:
        service.delete_vote(event_id, vote_id)
        flash("Đã xoá nội dung biểu quyết.", "ok")
    except ApiError as e:
        flash(e.message, "error")
    return redirect(url_for("votes.votes_admin", event_id=event_id))
