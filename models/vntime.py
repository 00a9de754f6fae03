"""Vietnam time (UTC+7, no daylight saving) for everything a person reads, whatever the server's zone."""
from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def to_vn(value: datetime | None) -> datetime | None:
    return value.astimezone(VN_TZ) if value else None


def iso_vn(value: datetime | None) -> str | None:
    return to_vn(value).isoformat() if value else None


def hhmm(value: datetime | None) -> str:
    return to_vn(value).strftime("%H:%M") if value else ""


def ddmmyyyy(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
