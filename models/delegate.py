import secrets
from datetime import datetime

from sqlalchemy import DDL, ForeignKey, String, UniqueConstraint, event, false
from sqlalchemy.orm import Mapped, mapped_column, validates

from models.base import db
from models.text import fold
from models.types import NFCString, NFCText, UTCDateTime, utcnow

# No vowel, no D and no W, so that Unikey or any Vietnamese input method in Telex or VNI mode, which a door PC often
# runs, has nothing to rewrite when a handheld scanner types the code (aa → â, dd → đ, s/f/r/x/j after a vowel →
# tones, digits after a vowel in VNI); capitals and digits also make the smallest QR (alphanumeric mode).
CODE_ALPHABET = "BCGHKLMNPQTV0123456789"
CODE_LENGTH = 29  # 22 ** 29 > 2 ** 129: unguessable, and it tells nothing


def new_code() -> str:
    """A badge code (and a ballot token) from the OS's generator."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def seat_of(zone: str | None, row: str | None, seat: str | None) -> dict | None:
    """A delegate's seat as the API gives it: {"zone", "row", "seat"}, or None when not seated."""
    if not (zone or row or seat):
        return None
    return {"zone": zone or "", "row": row or "", "seat": seat or ""}


def seat_label(zone: str | None, row: str | None, seat: str | None) -> str | None:
    """The seat as printed: "Khu B · Hàng 3 · Ghế 12"."""
    parts = [f"{name} {value}" for name, value in (("Khu", zone), ("Hàng", row), ("Ghế", seat)) if value]
    return " · ".join(parts) or None


class Delegate(db.Model):
    __tablename__ = "delegates"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64), unique=True, default=new_code)
    # The personal link for voting from a phone: a second secret, never the badge's code (a badge is shown to
    # everyone at the door), printed on the voting card.
    ballot_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_code)
    number: Mapped[int | None]  # the delegate number printed on the badge
    full_name: Mapped[str] = mapped_column(NFCString(200))
    search_name: Mapped[str] = mapped_column(String(200), index=True, default="")
    title: Mapped[str | None] = mapped_column(NFCString(300))
    unit: Mapped[str | None] = mapped_column(NFCString(300))
    gender: Mapped[str | None] = mapped_column(String(10))  # "nam" / "nu"
    birth_year: Mapped[int | None]
    ethnicity: Mapped[str | None] = mapped_column(NFCString(50))
    religion: Mapped[str | None] = mapped_column(NFCString(50))
    occupation_group: Mapped[str | None] = mapped_column(NFCString(100))
    sector: Mapped[str | None] = mapped_column(NFCString(200))
    is_guest: Mapped[bool] = mapped_column(default=False)
    is_collective: Mapped[bool] = mapped_column(default=False)
    is_hero: Mapped[bool] = mapped_column(default=False)
    # chiến sĩ thi đua: reported in the credentials report beside the heroes
    is_emulation_fighter: Mapped[bool] = mapped_column(default=False, server_default=false())
    # the place as printed on the badge and shown at the door ("Khu B · Hàng 3 · Ghế 12", or free text)
    seat: Mapped[str | None] = mapped_column(NFCString(50))
    # the seat in the hall's plan (seating.py), each part as text: zone "B", row "3", seat "12"
    seat_zone: Mapped[str | None] = mapped_column(NFCString(20))
    seat_row: Mapped[str | None] = mapped_column(NFCString(20))
    seat_no: Mapped[str | None] = mapped_column(NFCString(20))
    # đoàn đại biểu: delegates are seated and counted by delegation; its head (trưởng đoàn) follows its arrivals
    delegation: Mapped[str | None] = mapped_column(NFCString(300), index=True)
    delegation_head: Mapped[bool] = mapped_column(default=False, server_default=false())
    revoked: Mapped[bool] = mapped_column(default=False)
    # who came in this delegate's place (their badge then revoked, kept on record)
    substitute_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"))
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_door: Mapped[str | None] = mapped_column(NFCString(50))
    checked_in_by: Mapped[str | None] = mapped_column(String(80))  # the door account that scanned
    # The tablet's id for the scan that checked in, so that scan sent again is answered the same way.
    checked_in_scan_id: Mapped[str | None] = mapped_column(String(64))
    # why a delegate summoned did not come, as the organiser recorded it (the credentials report lists it)
    absence_reason: Mapped[str | None] = mapped_column(NFCString(300))

    @validates("full_name")
    def _keep_search_name(self, key, value):
        self.search_name = fold(value)
        return value


# Room on every page for the row's next version: checking a delegate in then rewrites the row in place (PostgreSQL's
# HOT update), instead of adding an entry to each of the table's six indexes. Every delegate is updated once on the
# day, at the door, and most within twenty minutes.
DELEGATES_FILLFACTOR = DDL("ALTER TABLE delegates SET (fillfactor = 80)")
event.listen(Delegate.__table__, "after_create", DELEGATES_FILLFACTOR.execute_if(dialect="postgresql"))


class CheckIn(db.Model):
    """Corrections to a check-in, kept for the record: undos with their reason, and offline scans that moved
    an arrival earlier."""

    __tablename__ = "checkins"
    __table_args__ = (UniqueConstraint("scan_id", name="uq_checkins_scan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), index=True)
    # undo (with its reason), earlier (an offline scan that moved the arrival time back); a first scan is
    # recorded on the delegate itself (checked_in_at, _door, _by, _scan_id)
    action: Mapped[str] = mapped_column(String(10), default="undo")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    door: Mapped[str | None] = mapped_column(NFCString(50))
    username: Mapped[str | None] = mapped_column(String(80))
    reason: Mapped[str | None] = mapped_column(NFCText)
    # The tablet's id of the offline scan, so that scan sent again is recognised.
    scan_id: Mapped[str | None] = mapped_column(String(64))
