from datetime import date, time

from sqlalchemy import Date, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db
from models.types import NFCString

LEVELS = {
    "xa": "Cấp xã, phường, thị trấn",
    "cum_khoi": "Cụm, Khối thi đua",
    "tinh": "Cấp tỉnh",
}
FORMS = {"dai_hoi": "Đại hội", "hoi_nghi": "Hội nghị"}


class Event(db.Model):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(NFCString(300))
    level: Mapped[str] = mapped_column(String(20))
    form: Mapped[str] = mapped_column(String(20))
    # e.g. "Hội nghị tuyên dương điển hình tiên tiến": the form's full title as the plan names it
    form_title: Mapped[str] = mapped_column(NFCString(300))
    period: Mapped[str | None] = mapped_column(NFCString(100))
    date: Mapped[date] = mapped_column(Date)
    start_time: Mapped[time] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(NFCString(300))
    organiser: Mapped[str] = mapped_column(NFCString(300))
    # how many recipients one projector page shows: fewer and larger for a big hall or a small projector
    honours_per_page: Mapped[int] = mapped_column(default=8, server_default="8")
    # the hall Wi-Fi, shown with a QR to join on the arrival slide
    wifi_ssid: Mapped[str | None] = mapped_column(NFCString(64))
    wifi_password: Mapped[str | None] = mapped_column(String(64))
    # the organiser's PIN that lets a kiosk stand be left (hashed like a password)
    kiosk_pin_hash: Mapped[str | None] = mapped_column(String(256))
    # the hall as the organiser described it, JSON: [{"zone", "rows", "seats_per_row"}] in seating order
    hall_plan: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list["ProgrammeItem"]] = relationship(  # noqa: F821
        back_populates="event", order_by="ProgrammeItem.position", cascade="all, delete-orphan"
    )

    @property
    def is_congress(self) -> bool:
        return self.form == "dai_hoi"
