"""What a delegate's page shows, about that delegate only: never the birth year, gender, ethnicity or religion the
list may hold (Nghị định 13/2023), never anyone else's data but, for a delegation's head, the members' names and
whether each has arrived (issue 24)."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.extensions import db
from models import Delegate, Event, Vote, VoteNominee, VoteVoter
from models.delegate import seat_label, seat_of
from models.types import utcnow
from models.vntime import hhmm, iso_vn
from papers.answers import delegate_document_api
from papers.store import visible_to
from voice.tokens import holder_of
from votes.answers import vote_api


def delegate_of(token: str) -> Delegate | None:
    """The token's delegate; None for an unknown token or a revoked badge (a substitute holds the seat now)."""
    delegate = holder_of(token)
    return None if delegate is None or delegate.revoked else delegate


def _open_vote(delegate: Delegate) -> dict | None:
    # the nominees with their names in one more statement, not one each: a list of a hundred, read by a thousand phones
    vote = db.session.scalar(select(Vote).where(Vote.event_id == delegate.event_id, Vote.status == "open")
                             .order_by(Vote.id.desc()).limit(1)
                             .options(selectinload(Vote.nominees).selectinload(VoteNominee.delegate)))
    if vote is None:
        return None
    answer = vote_api(vote)
    if vote.method == "electronic":
        row = db.session.execute(select(VoteVoter.voted_at).where(VoteVoter.vote_id == vote.id,
                                                                  VoteVoter.delegate_id == delegate.id)).first()
        answer["ballot"] = {"entitled": row is not None, "voted": bool(row and row.voted_at)}
    return answer


def _members(delegate: Delegate) -> list[dict] | None:
    """The delegation's members and whether each has arrived: for its head only."""
    if not (delegate.delegation_head and delegate.delegation):
        return None
    rows = db.session.execute(select(Delegate.full_name, Delegate.unit, Delegate.checked_in_at, Delegate.id)
                              .where(Delegate.event_id == delegate.event_id, Delegate.delegation == delegate.delegation,
                                     Delegate.revoked.is_(False), Delegate.is_guest.is_(False))
                              .order_by(Delegate.number, Delegate.id)).all()
    return [{"full_name": r.full_name, "unit": r.unit, "arrived": r.checked_in_at is not None,
             "arrived_at": hhmm(r.checked_in_at) or None, "me": r.id == delegate.id} for r in rows]


def me_data(delegate: Delegate) -> dict:
    """GET /api/me/{token}: API.md's fields, and what the page needs besides (title, place, the head's list)."""
    event = db.session.get(Event, delegate.event_id)
    return {
        "delegate": {"id": delegate.id, "full_name": delegate.full_name, "unit": delegate.unit,
                     "delegation": delegate.delegation,
                     "seat": seat_of(delegate.seat_zone, delegate.seat_row, delegate.seat_no),
                     "title": delegate.title, "number": delegate.number, "guest": delegate.is_guest,
                     "place": seat_label(delegate.seat_zone, delegate.seat_row, delegate.seat_no) or delegate.seat,
                     "head": bool(delegate.delegation_head and delegate.delegation)},
        "event": {"id": event.id, "name": event.name},
        "badge_code": delegate.code,
        "checked_in_at": iso_vn(delegate.checked_in_at),
        "documents": [delegate_document_api(d) for d in visible_to(delegate)],
        "open_vote": _open_vote(delegate),
        "delegation_members": _members(delegate),
        "as_of": iso_vn(utcnow()),
    }


def zone_plan(event: Event, seat: dict | None) -> dict | None:
    """The delegate's zone of the hall (rows and seat labels, nobody's name), to light their seat on a small plan."""
    if not seat or not seat.get("row"):
        return None
    from seating.plan import layout
    return next((z for z in layout(event) if z["zone"] == seat["zone"]), None)


def programme(event: Event) -> list[dict]:
    return [{"id": i.id, "title": i.title, "start": hhmm(i.planned_start)} for i in event.items]
