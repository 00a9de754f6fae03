"""The arrival slide: before the opening the projector shows the congress's name, the hall Wi-Fi with a QR to join
it, the follow page's QR, the delegates arrived out of those summoned, the time to the opening, and the fingerprint
of the hall's certificate authority for those installing it. The QR codes are
images of this server (a strict page policy allows no data: images); the counts are read by the slide itself."""
from datetime import datetime

from flask import current_app, url_for
from sqlalchemy import func, select

from kiosk.extensions import db
from kiosk.lookup import event_or_404
from models import Delegate
from models.vntime import VN_TZ


def wifi_text(ssid: str, password: str | None) -> str:
    """The Wi-Fi QR's text, as phone cameras read it: WIFI:T:WPA;S:name;P:password;; (\\ ; , : " escaped)."""
    def escape(value: str) -> str:
        return "".join("\\" + ch if ch in '\\;,:"' else ch for ch in value)
    if not password:
        return f"WIFI:T:nopass;S:{escape(ssid)};;"
    return f"WIFI:T:WPA;S:{escape(ssid)};P:{escape(password)};;"


def counts(event_id: int) -> dict:
    """Delegates (not guests) present out of those summoned (badges not revoked)."""
    row = db.session.execute(select(func.count(), func.count(Delegate.checked_in_at))
                             .where(Delegate.event_id == event_id, Delegate.revoked.is_(False),
                                    Delegate.is_guest.is_(False))).one()
    return {"summoned": row[0], "present": row[1]}


def follow_url(event_id: int) -> str:
    """The follow page as a phone on the hall Wi-Fi reaches it (never 127.0.0.1)."""
    from kiosk.serving.tablets import hall_addresses  # the hall's address of this machine, as the tablets' page gives it
    http, https = hall_addresses()
    return (https or http) + url_for("display.follow", event_id=event_id)


def tls_fingerprint() -> str | None:
    """The hall authority's SHA-256 fingerprint, for a tablet or phone installing it to compare (issue 20); None
    without https or with the organiser's own certificate, which devices trust already."""
    from kiosk.serving.tablets import authority_fingerprint
    return authority_fingerprint() if current_app.config["HTTPS_PORT"] else None


def slide(event_id: int) -> dict:
    event = event_or_404(event_id)
    opens = datetime.combine(event.date, event.start_time, tzinfo=VN_TZ)
    return {"name": event.name, "tls_fingerprint": tls_fingerprint(),
            "wifi_ssid": event.wifi_ssid, "wifi_password": event.wifi_password,
            "wifi_qr": url_for("stand.wifi_qr", event_id=event_id) if event.wifi_ssid else None,
            "follow_url": follow_url(event_id), "follow_qr": url_for("stand.follow_qr", event_id=event_id),
            "counts_url": url_for("stand.arrivals", event_id=event_id), "opens_at": opens.isoformat(),
            **counts(event_id)}
