"""The organiser's PIN that lets a kiosk stand be left: kept hashed on the event, tried at most as often as a
password (the sign-in throttle, keyed on the event)."""
import re

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.identity.auth import client_address
from kiosk.identity.throttle import sign_in_throttle
from kiosk.lookup import event_or_404
from models.user import DEFAULT_PASSWORD_HASH

PIN = re.compile(r"[0-9]{4,8}")


def set_pin(event_id: int, pin) -> None:
    event = event_or_404(event_id)
    if not isinstance(pin, str) or not PIN.fullmatch(pin.strip()):
        raise ApiError(400, "bad_pin", "Mã PIN phải gồm 4 đến 8 chữ số.")
    event.kiosk_pin_hash = generate_password_hash(
        pin.strip(), method=current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_PASSWORD_HASH))
    audit.record(event_id, "kiosk_pin", "Đặt mã PIN thoát quầy tự điểm danh")
    db.session.commit()


def check_pin(event_id: int, pin) -> None:
    """Nothing when the PIN is right; 403 when wrong (or none set), 429 after too many tries."""
    event = event_or_404(event_id)
    address, key = client_address(), f"kiosk-pin:{event_id}"
    if sign_in_throttle().blocked(address, key):
        raise ApiError(429, "too_many_attempts", "Nhập sai quá nhiều lần. Vui lòng đợi một phút rồi thử lại.")
    good = (isinstance(pin, str) and len(pin) <= 8 and event.kiosk_pin_hash is not None
            and check_password_hash(event.kiosk_pin_hash, pin.strip()))
    if not good:
        sign_in_throttle().failed(address, key)
        if event.kiosk_pin_hash is None:
            raise ApiError(403, "no_pin", "Ban tổ chức chưa đặt mã PIN cho quầy. Đặt ở trang Máy tính bảng cửa vào.")
        raise ApiError(403, "bad_pin", "Mã PIN không đúng.")
    sign_in_throttle().succeeded(address, key)
