from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.types import NFCString, UTCDateTime, utcnow


class Document(db.Model):
    """A paper of the congress (tài liệu Đại hội): a PDF the organiser uploaded, read by the delegates on their
    phones, each copy marked with the reader's name (papers.mark). `delegation` None: every delegate of the event
    sees it; else only the members of that delegation. Who opened it is not kept, only how many times (`opens`)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(NFCString(300))
    position: Mapped[int] = mapped_column(default=0)
    delegation: Mapped[str | None] = mapped_column(NFCString(300))
    pages: Mapped[int] = mapped_column(default=0)
    size: Mapped[int] = mapped_column(default=0)
    # the original's digest: a marked copy cached on disk is named by it, so a replaced file is never served stale
    sha256: Mapped[str] = mapped_column(String(64))
    # the PDF itself, in the database so that a backup holds the papers too; loaded only when a copy is marked
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    opens: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
