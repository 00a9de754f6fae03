"""What delegates send from their phones: opinions to the presidium (ý kiến gửi Đoàn Chủ tịch) and requests to
speak (đăng ký phát biểu). Only voice/ writes them."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.types import NFCString, NFCText, UTCDateTime, utcnow

OPINION_STATUSES = ("received", "forwarded")
FLOOR_STATUSES = ("requested", "accepted", "declined")


class Opinion(db.Model):
    """One opinion, kept with its time; the secretariat forwards it to the presidium's screen."""

    __tablename__ = "opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), index=True)
    # the programme item it is about; None: in general (or the item was removed since)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("programme_items.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(NFCText)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="received", server_default="received")
    forwarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    forwarded_by: Mapped[str | None] = mapped_column(String(80))


class FloorRequest(db.Model):
    """A delegate asks to speak on an item; accepted, they join the speakers' list (speech_id)."""

    __tablename__ = "floor_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("programme_items.id", ondelete="SET NULL"))
    topic: Mapped[str] = mapped_column(NFCString(500))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="requested", server_default="requested")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[str | None] = mapped_column(String(80))
    speech_id: Mapped[int | None] = mapped_column(ForeignKey("speeches.id", ondelete="SET NULL"))
