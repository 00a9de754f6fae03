"""An electronic ballot from a delegate's phone: one delegate, one ballot, while the vote is open; who voted and
what they chose written apart (votes.box), so that a secret vote stays secret in storage too."""
from sqlalchemy import and_, bindparam, exists, select, update

from kiosk import signals
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import is_id
from kiosk.writes import write_turn
from models import Delegate, Vote, VoteVoter
from models.types import utcnow
from models.vote import CHOICES
from voice.tokens import holder_of
from votes import box

BALLOT_MESSAGES = {
    "voted": "Đã ghi nhận phiếu biểu quyết của đồng chí. Xin cảm ơn!",
    "already_voted": "Đồng chí đã biểu quyết nội dung này rồi. Mỗi đại biểu chỉ biểu quyết một lần.",
    "not_entitled": "Đồng chí không thuộc số đại biểu có mặt khi bắt đầu biểu quyết, nên không biểu quyết "
                    "nội dung này.",
    "not_open": "Nội dung này hiện không mở biểu quyết.",
}

# One statement claims the delegate's row of the roll: only while the vote is open, only once.
_CLAIM = (update(VoteVoter)
          .where(VoteVoter.vote_id == bindparam("vote"), VoteVoter.voted_at.is_(None),
                 VoteVoter.delegate_id == select(Delegate.id).where(Delegate.ballot_token == bindparam("token"))
                 .scalar_subquery(),
                 exists().where(Vote.id == bindparam("vote"), Vote.status == "open"))
          .values(voted_at=bindparam("at"), choice=bindparam("kept_choice")))
_UNCLAIM = (update(VoteVoter)
            .where(VoteVoter.vote_id == bindparam("vote"), VoteVoter.voted_at.is_not(None),
                   VoteVoter.delegate_id == select(Delegate.id).where(Delegate.ballot_token == bindparam("token"))
                   .scalar_subquery())
            .values(voted_at=None, choice=None))
# The roll claim holds a share lock on its vote until it commits (PostgreSQL; SQLite writes one at a time anyway):
# claims do not wait for each other, and closing waits for those in flight; closing then waits for their choices to
# leave the box, so each ballot answered `voted` is in the closing figures.
_VOTE = (select(Vote.id, Vote.event_id, Vote.secret, Vote.method, Vote.status).where(Vote.id == bindparam("vote"))
         .with_for_update(read=True))
_VOTE_NOW = select(Vote.id, Vote.event_id, Vote.method, Vote.status).where(Vote.id == bindparam("vote"))
_WHO = (select(Delegate.id, Delegate.event_id, VoteVoter.voted_at)
        .outerjoin(VoteVoter, and_(VoteVoter.delegate_id == Delegate.id, VoteVoter.vote_id == bindparam("vote")))
        .where(Delegate.ballot_token == bindparam("token")))


def cast_ballot(token: str, data: dict) -> dict:
    """One delegate, one ballot: the phone's answer is voted, already_voted, not_entitled or not_open.
    The hot path is Core statements on one connection: a burst of 500 phones must not pay for the ORM.
    Who voted and what they chose are written apart (votes.box): the roll row here, the choice with others'."""
    vote_id, choice = data.get("vote_id"), data.get("choice")
    if not is_id(vote_id):
        raise ApiError(400, "bad_vote", "Cần chọn nội dung biểu quyết (vote_id).")
    if choice not in CHOICES:
        raise ApiError(400, "bad_choice", "Lựa chọn phải là for (tán thành), against (không tán thành) hoặc "
                                          "abstain (không biểu quyết).")
    values = {"vote": vote_id, "token": token, "at": utcnow()}
    with write_turn(), db.engine.begin() as conn:
        vote = conn.execute(_VOTE, values).first()
        if vote is None:
            raise ApiError(404, "vote_not_found", "Không tìm thấy nội dung biểu quyết này.")
        values["kept_choice"] = None if vote.secret else choice  # a secret vote keeps who voted, never how
        voted = vote.status == "open" and conn.execute(_CLAIM, values).rowcount == 1
    if not voted:
        return _ballot_answer(_why_not(values), vote.id)
    if not box.drop(vote.id, choice):
        with write_turn(), db.engine.begin() as conn:  # not counted: the delegate may vote again
            conn.execute(_UNCLAIM, values)
        raise ApiError(503, "not_counted", "Chưa ghi được phiếu của đồng chí. Mời đồng chí biểu quyết lại.")
    signals.ballot_cast.send(vote.event_id, vote_id=vote.id)
    return _ballot_answer("voted", vote.id, choice)


def _why_not(values: dict) -> str:
    with db.engine.connect() as conn:
        vote = conn.execute(_VOTE_NOW, values).first()  # read again: it may have closed in the meantime
        who = conn.execute(_WHO, values).first()
    if who is None or who.event_id != vote.event_id:
        raise ApiError(404, "unknown_token", "Mã phiếu biểu quyết không đúng. Mời đồng chí gặp Ban tổ chức.")
    if vote.method != "electronic":
        raise ApiError(409, "not_electronic", "Nội dung này không biểu quyết bằng điện thoại.")
    if vote.status != "open":
        return "not_open"
    return "already_voted" if who.voted_at is not None else "not_entitled"


# The answer names the choice recorded, so a delegate whose hand slipped knows what was cast (issue 26).
CHOICE_WORDS = {"for": "Tán thành", "against": "Không tán thành", "abstain": "Không biểu quyết"}


def _ballot_answer(result: str, vote_id: int, choice: str | None = None) -> dict:
    if choice is None:
        return {"result": result, "message": BALLOT_MESSAGES[result], "vote_id": vote_id}
    return {"result": result, "vote_id": vote_id, "choice": choice,
            "message": f"Đã ghi nhận phiếu biểu quyết của đồng chí: {CHOICE_WORDS[choice].upper()}. Xin cảm ơn!"}


def ballot_page_data(token: str) -> dict | None:
    """What the phone page shows: the delegate, and the event's electronic votes with whether they voted."""
    delegate = holder_of(token)
    if delegate is None:
        return None
    votes = db.session.scalars(select(Vote).where(Vote.event_id == delegate.event_id, Vote.method == "electronic",
                                                  Vote.status != "draft").order_by(Vote.id)).all()
    rows = dict(db.session.execute(select(VoteVoter.vote_id, VoteVoter.voted_at)
                                   .where(VoteVoter.delegate_id == delegate.id)).all())
    return {"token": token, "name": delegate.full_name, "unit": delegate.unit, "guest": delegate.is_guest,
            "event_id": delegate.event_id,
            "votes": [{"id": v.id, "title": v.title, "status": v.status, "secret": v.secret,
                       "entitled": v.id in rows, "voted": rows.get(v.id) is not None} for v in votes]}
