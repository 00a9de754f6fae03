from datetime import datetime

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.types import UTCDateTime, utcnow


class LiveState(db.Model):
    """What the hall sees now, one row per event. Only display.live writes it."""

    __tablename__ = "live_states"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    version: Mapped[int] = mapped_column(default=1)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("programme_items.id", ondelete="SET NULL"))
    screen: Mapped[dict] = mapped_column(JSON, default=lambda: {"kind": "programme"})
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # one more whenever the programme or the script's words or facts change (display.content): an MC panel
    # fetches them again only then, not after every step
    content_version: Mapped[int] = mapped_column(default=1, server_default="1")
