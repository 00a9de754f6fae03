from datetime import date

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db
from models.types import NFCString


class HonourGroup(db.Model):
    """One đợt of the ceremony: recipients of one award form, called to the stage together."""

    __tablename__ = "honour_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    award: Mapped[str] = mapped_column(NFCString(300))
    decision_number: Mapped[str | None] = mapped_column(NFCString(100))
    decision_date: Mapped[date | None] = mapped_column(Date)
    decision_authority: Mapped[str | None] = mapped_column(NFCString(300))

    honours: Mapped[list["Honour"]] = relationship(
        back_populates="group", order_by="Honour.position", cascade="all, delete-orphan"
    )

    @property
    def decision(self) -> str:
        parts = []
        if self.decision_number:
            parts.append(f"Quyết định số {self.decision_number}")
        if self.decision_date:
            parts.append(f"ngày {self.decision_date.strftime('%d/%m/%Y')}")
        if self.decision_authority:
            parts.append(f"của {self.decision_authority}")
        return " ".join(parts)


class Honour(db.Model):
    __tablename__ = "honours"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("honour_groups.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(NFCString(300))
    title: Mapped[str | None] = mapped_column(NFCString(300))
    unit: Mapped[str | None] = mapped_column(NFCString(300))
    collective: Mapped[bool] = mapped_column(default=False)
    delegate_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"))
    # handed over: "" (not yet), on_stage, received, received_on_behalf
    handover: Mapped[str] = mapped_column(String(20), default="")
    received_by: Mapped[str | None] = mapped_column(NFCString(200))

    group: Mapped[HonourGroup] = relationship(back_populates="honours")
    delegate: Mapped["Delegate | None"] = relationship()  # noqa: F821
