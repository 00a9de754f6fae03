from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db
from models.types import NFCString, UTCDateTime

METHODS = ("hands", "ballot", "electronic")
RULES = ("half_present", "half_all", "two_thirds_present")
CHOICES = ("for", "against", "abstain")
TALLY_SHARDS = 8  # each answer counted on 8 rows picked at random: concurrent ballots seldom wait on one row

METHOD_WORDS = {"hands": "Biểu quyết bằng giơ thẻ đại biểu", "ballot": "Bỏ phiếu kín bằng phiếu giấy",
                "electronic": "Biểu quyết điện tử"}
# the short words of a table cell (the archive): the same words as the pages, without the sentence
METHOD_SHORT = {"hands": "Giơ thẻ đại biểu", "ballot": "Phiếu giấy", "electronic": "Điện tử"}
STATUS_WORDS = {"draft": "Chưa mở", "open": "Đang biểu quyết", "closed": "Đã kết thúc"}
VERDICT_WORDS = {"passed": "Thông qua", "failed": "Không thông qua"}
RULE_WORDS = {
    "half_present": "Thông qua khi quá nửa số đại biểu có mặt tán thành",
    "half_all": "Thông qua khi quá nửa tổng số đại biểu được triệu tập tán thành",
    "two_thirds_present": "Thông qua khi ít nhất hai phần ba số đại biểu có mặt tán thành",
}


def passes(rule: str, votes_for: int, entitled: int, listed: int) -> bool:
    """The rule, in whole numbers so the boundaries are exact: exactly half is not more than half."""
    if rule == "half_all":
        return votes_for * 2 > listed
    if rule == "two_thirds_present":
        return votes_for * 3 >= entitled * 2
    return votes_for * 2 > entitled


class Vote(db.Model):
    """A vote of the hall, e.g. approving the delegates proposed for the higher-level congress.

    Only votes.service changes a vote. `entitled` (delegates, not guests, checked in) and `listed` (voting
    delegates on the list) are fixed when it opens; the figures are `votes_for/against/abstain`: entered by
    the MC for hands and paper ballots, read from the tallies when an electronic vote closes."""

    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(NFCString(500))
    method: Mapped[str] = mapped_column(String(20), default="hands")  # hands / ballot / electronic
    secret: Mapped[bool] = mapped_column(default=False)
    rule: Mapped[str] = mapped_column(String(30), default="half_present")
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft / open / closed
    entitled: Mapped[int | None]
    listed: Mapped[int | None]
    received: Mapped[int] = mapped_column(default=0)  # the counts' sum; an open electronic vote: see received_now
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]
    verdict: Mapped[str | None] = mapped_column(String(10))  # passed / failed once closed
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when the MC last entered the counts

    nominees: Mapped[list["VoteNominee"]] = relationship(
        order_by="VoteNominee.position", cascade="all, delete-orphan"
    )

    def counts(self) -> dict | None:
        if self.votes_for is None:
            return None
        return {"for": self.votes_for, "against": self.votes_against, "abstain": self.votes_abstain}

    def received_now(self) -> int:
        """Ballots so far: an open electronic vote sums its tallies (no ballot writes the vote's own row)."""
        if self.method == "electronic" and self.status == "open":
            return db.session.scalar(select(func.coalesce(func.sum(VoteTally.count), 0))
                                     .where(VoteTally.vote_id == self.id))
        return self.received


class VoteNominee(db.Model):
    __tablename__ = "vote_nominees"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"))

    # loaded with the nominee: the vote screen shows every nominee's name, one query for the list, not one each
    delegate: Mapped["Delegate"] = relationship(lazy="joined", innerjoin=True)  # noqa: F821


class VoteVoter(db.Model):
    """The roll of an electronic vote: one row per delegate entitled when it opened, written then.

    A ballot is one conditional UPDATE of its row (`voted_at IS NULL`), so a delegate's second ballot, even sent
    at the same instant from two phones, finds the row taken and counts nothing. `choice` is kept only for an
    open vote; a secret vote keeps here who voted, never how (the choice goes to VoteTally alone)."""

    __tablename__ = "vote_voters"
    __table_args__ = (UniqueConstraint("vote_id", "delegate_id", name="uq_vote_voters_vote_delegate"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"))
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), index=True)
    voted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    choice: Mapped[str | None] = mapped_column(String(10))


class VoteTally(db.Model):
    """How many chose each answer in an electronic vote: counters with no link to any delegate (nor an order or a
    time that could be matched with the roll). Each answer has TALLY_SHARDS rows; a ballot adds one to a row picked
    at random, and the answer's figure is their sum."""

    __tablename__ = "vote_tallies"

    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), primary_key=True)
    choice: Mapped[str] = mapped_column(String(10), primary_key=True)
    shard: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(default=0)
