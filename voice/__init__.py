"""The delegates' voice from their phones (issue 23): opinions to the presidium, which the secretariat reads and
forwards to the presidium's screen, and requests to speak, which the MC accepts onto the speakers' list.

The phone's own page (/me/{token}) includes this package's two partials, me/_opinions.html and me/_floor.html."""
from flask import Blueprint

bp = Blueprint("voice", __name__, template_folder="templates")

from voice import me_routes, staff_routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    from voice import sockets
    app.register_blueprint(bp)
    sockets.register()
