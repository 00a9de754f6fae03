from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db
from models.types import NFCString


class Vote(db.Model):
    """A vote of the hall, e.g. approving the delegates proposed for the higher-level congress."""

    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(NFCString(500))
    method: Mapped[str] = mapped_column(String(20), default="show_of_hands")  # or "ballot"
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft / open / closed
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]

    nominees: Mapped[list["VoteNominee"]] = relationship(
        order_by="VoteNominee.position", cascade="all, delete-orphan"
    )

    def to_api(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "method": self.method,
            "status": self.status,
            "votes_for": self.votes_for,
            "votes_against": self.votes_against,
            "votes_abstain": self.votes_abstain,
            "nominees": [n.to_api() for n in self.nominees],
        }


class VoteNominee(db.Model):
    __tablename__ = "vote_nominees"

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("votes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"))

    delegate: Mapped["Delegate"] = relationship()  # noqa: F821

    def to_api(self) -> dict:
        d = self.delegate
        return {"position": self.position, "delegate_id": d.id, "name": d.full_name, "title": d.title, "unit": d.unit}
