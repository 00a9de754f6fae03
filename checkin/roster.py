"""The delegate list a door tablet keeps to go on scanning when the server is out of reach (issue 20): what the
door's screen shows (name, title, unit, seat, whether checked in) and, instead of each badge code, a keyed hash of
it. A tablet lost or read out holds no code that could be printed on a badge or typed at another door; it recognises
a badge offline by hashing the code it scans with the same key (static/js/door/roster.js, Web Crypto's HMAC)."""
import hashlib
import hmac

from flask import current_app
from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate
from models.delegate import seat_of
from models.vntime import iso_vn

HASH_BYTES = 16  # 128 bits: no two codes of an event meet, and the list stays small


def roster_key(event_id: int) -> str:
    """The event's key for its door tablets (hex), derived from SECRET_KEY: the same for every tablet and every
    fetch, so a list kept from yesterday's session still matches the page, and unknown to anyone without the
    server's secret or a door session of the event."""
    return hmac.new(current_app.config["SECRET_KEY"].encode(), f"door-roster:{event_id}".encode(),
                    hashlib.sha256).hexdigest()


def code_hash(key: str, code: str) -> str:
    """HMAC-SHA256 of the code as scanned, under the event's key, cut to HASH_BYTES, in hex."""
    return hmac.new(bytes.fromhex(key), code.encode(), hashlib.sha256).digest()[:HASH_BYTES].hex()


def roster(event_id: int) -> list[dict]:
    key = roster_key(event_id)
    rows = db.session.execute(
        select(Delegate.id, Delegate.code, Delegate.number, Delegate.full_name, Delegate.title, Delegate.unit,
               Delegate.seat, Delegate.is_guest, Delegate.revoked, Delegate.checked_in_at, Delegate.seat_zone,
               Delegate.seat_row, Delegate.seat_no)
        .where(Delegate.event_id == event_id)).all()
    return [{"id": r.id, "code_hash": code_hash(key, r.code), "number": r.number, "full_name": r.full_name,
             "title": r.title, "unit": r.unit, "place": r.seat, "seat": seat_of(r.seat_zone, r.seat_row, r.seat_no),
             "guest": r.is_guest, "revoked": r.revoked, "checked_in_at": iso_vn(r.checked_in_at)} for r in rows]
