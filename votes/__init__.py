"""The hall's votes: preparation, ballots, counts, verdicts."""
from flask import Blueprint

bp = Blueprint("votes", __name__, template_folder="templates")

from votes import routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    from votes import screen

    app.register_blueprint(bp)
    screen.connect()  # the projector's vote screen, asked for by display
