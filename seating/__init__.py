"""Delegations and the hall's seating plan: who belongs to which đoàn, where each delegate sits, the plan of the
hall filling up as the door and the kiosk stands check people in."""
from flask import Blueprint

bp = Blueprint("seating", __name__, template_folder="templates")

from seating import routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    app.register_blueprint(bp)
