"""The record of the day: who changed what and when (the audit trail), and when each programme item ran."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.types import NFCText, UTCDateTime, utcnow


class AuditLog(db.Model):
    """One change an operator made. Written in the same transaction as the change itself (kiosk.audit)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    # null for a change that belongs to no event (an account)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    username: Mapped[str | None] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(NFCText, default="")


class ItemTime(db.Model):
    """A stretch of time during which a programme item was the live one: from the step that made it current to
    the step that moved on. An item gone back to has more than one."""

    __tablename__ = "item_times"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("programme_items.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
