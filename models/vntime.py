"""Vietnam time (UTC+7, no daylight saving) for everything a person reads, whatever the server's zone."""
from datetime import date, datetime, time, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def to_vn(value: datetime | None) -> datetime | None:
    return value.astimezone(VN_TZ) if value else None


def iso_vn(value: datetime | None) -> str | None:
    return to_vn(value).isoformat() if value else None


def hhmm(value: datetime | None) -> str:
    return to_vn(value).strftime("%H:%M") if value else ""


def ddmmyyyy(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_day(text) -> date | None:
    """A day as an office writes it, 20/06/2025 (or 20/6/2025, 20-06-2025, 20.06.2025), or as ISO 2025-06-20; None
    for anything else. Forms take text, not the browser's date picker, whose format follows the browser's language."""
    text = str(text or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.replace("-", "/").replace(".", "/") if pattern[1] == "d" else text,
                                     pattern).date()
        except ValueError:
            continue
    return None


def parse_clock(text) -> time | None:
    """A time of day on the 24-hour clock: 08:30, 8:30, 8h30, 8h, 08.30; None for anything else."""
    text = str(text or "").strip().lower().replace("h", ":").replace(".", ":").rstrip(":")
    for pattern in ("%H:%M", "%H", "%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    return None


def day_text(value) -> str:
    """dd/mm/yyyy of a date, or of an ISO date string (a form's value); other text as it is (a typing mistake
    shown back to be mended)."""
    if isinstance(value, str):
        parsed = parse_day(value) if len(value) == 10 and value[4] == "-" else None
        return parsed.strftime("%d/%m/%Y") if parsed else value
    return value.strftime("%d/%m/%Y") if value else ""
