from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db


class AttendanceCount(db.Model):
    """Expected and present delegates of one event by one value of one grouping (unit, gender, birth year,
    ethnicity, ...), guests apart: a scan adds one to a few of these rows instead of the hall's count
    regrouping every delegate (checkin.counts)."""

    __tablename__ = "attendance_counts"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    guest: Mapped[bool] = mapped_column(primary_key=True)
    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(300), primary_key=True)  # "" for a delegate without one
    expected: Mapped[int] = mapped_column(default=0)
    present: Mapped[int] = mapped_column(default=0)
