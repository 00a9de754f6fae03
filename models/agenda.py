"""The programme of an event, and the templates that a new event starts from (seed, section II.3)."""
from datetime import datetime, timedelta

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import db
from models.types import NFCString, UTCDateTime
from models.vntime import VN_TZ

KINDS = {
    "flag_salute": "Chào cờ",
    "opening": "Khai mạc",
    "report": "Báo cáo",
    "speeches": "Tham luận",
    "exchange": "Giao lưu",
    "honours": "Khen thưởng",
    "launch": "Phát động thi đua",
    "vote": "Biểu quyết",
    "closing": "Bế mạc",
    "other": "Nội dung khác",
}

# (kind, title, planned minutes) in the seed's order; a Hội nghị has no flag salute.
TEMPLATE = [
    ("flag_salute", "Chào cờ", 5),
    ("opening", "Khai mạc", 10),
    ("report", "Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 2020-2025", 30),
    ("speeches", "Báo cáo tham luận của các điển hình tiên tiến (tập thể và cá nhân)", 45),
    ("exchange", "Tổ chức các hoạt động giao lưu với các điển hình tiên tiến", 25),
    ("honours", "Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến", 40),
    ("launch", "Phát động phong trào thi đua", 15),
    ("vote", "Thông qua danh sách đại biểu tham dự Đại hội cấp trên", 10),
    ("closing", "Tổng kết và bế mạc", 15),
]


class ProgrammeItem(db.Model):
    __tablename__ = "programme_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(NFCString(500))
    planned_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    planned_minutes: Mapped[int] = mapped_column(default=10)
    # what some kinds show besides their title: the exchange's guests [{"name", "title", "unit"}], the launch's
    # {"slogan", "text"}
    details: Mapped[dict | None] = mapped_column(JSON)

    event: Mapped["Event"] = relationship(back_populates="items")  # noqa: F821

    def brief(self) -> dict:
        """What the live state carries of an item: the exchange's guests and the launch's slogan too, if any."""
        brief = {"id": self.id, "position": self.position, "kind": self.kind, "title": self.title}
        return {**brief, "details": self.details} if self.details else brief


def template_items(event) -> list[ProgrammeItem]:
    """The seed's programme for a new event, timed from the event's start in Vietnam time."""
    start = datetime.combine(event.date, event.start_time, tzinfo=VN_TZ)
    items = []
    for kind, title, minutes in TEMPLATE:
        if kind == "flag_salute" and not event.is_congress:
            continue
        items.append(ProgrammeItem(position=len(items) + 1, kind=kind, title=title,
                                   planned_start=start, planned_minutes=minutes))
        start += timedelta(minutes=minutes)
    return items


def retime(items: list[ProgrammeItem], start: datetime) -> None:
    """Planned starts follow one another from `start` after an edit, add, drop or move."""
    for position, item in enumerate(items, start=1):
        item.position = position
        item.planned_start = start
        start += timedelta(minutes=item.planned_minutes)
