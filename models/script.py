from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.types import NFCText


class ScriptLine(db.Model):
    """The MC's words for one step of the programme, as the organiser wrote them; a step with no line of its own
    is read from the default words for its kind (display.script)."""

    __tablename__ = "script_lines"
    __table_args__ = (UniqueConstraint("event_id", "step", name="uq_script_lines_event_step"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    # "item:12", "speech:4", "honours:7" (a group), "vote:2"
    step: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(NFCText)
