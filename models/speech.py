from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.types import NFCString


class Speech(db.Model):
    """A tham luận: one exemplary collective or individual speaking in the speeches item."""

    __tablename__ = "speeches"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(NFCString(300))
    title: Mapped[str | None] = mapped_column(NFCString(300))
    unit: Mapped[str | None] = mapped_column(NFCString(300))
    topic: Mapped[str] = mapped_column(NFCString(500))
    minutes: Mapped[int] = mapped_column(default=7)
    collective: Mapped[bool] = mapped_column(default=False)
    # Seconds the speaker actually spoke, kept when the MC stops the clock; None until then.
    spoken_s: Mapped[int | None]
