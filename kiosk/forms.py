"""The organiser pages' plain forms: one change, then a green line, or a red line and nothing half-saved."""
from flask import flash

from kiosk.errors import ApiError
from kiosk.extensions import db


def apply_and_flash(action, success: str):
    """Runs `action()`; a bad field comes back as a red line on the same page. Returns what `action` returned."""
    try:
        result = action()
        flash(success, "ok")
        return result
    except ApiError as e:
        db.session.rollback()
        flash(e.message, "error")
        return None
