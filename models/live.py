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
    # Where the programme is inside item_id: the sub-step's screen (a speaker with their clock, an honours page, a
    # vote), or None for the item's own slide. A side trip (an announcement, an honours group out of order) changes
    # `screen` and leaves this alone, so → goes on from here and "back" returns here.
    position_step: Mapped[dict | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # one more whenever the programme or the script's words or facts change (display.content): an MC panel
    # fetches them again only then, not after every step
    content_version: Mapped[int] = mapped_column(default=1, server_default="1")
