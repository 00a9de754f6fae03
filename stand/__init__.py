"""The kiosk stand (/kiosk/{id}): a tablet or screen with a scanner at the entrance on which delegates check
themselves in and are greeted with their seat; paired like a door tablet, left only with the organiser's PIN."""
from flask import Blueprint

bp = Blueprint("stand", __name__, template_folder="templates")

from stand import routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    app.register_blueprint(bp)
