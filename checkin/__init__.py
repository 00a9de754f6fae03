"""The door: the check-in API and tablet page, name search, offline roster, badges, the delegate list and its
import, attendance (live feed, organiser page, Excel)."""
from flask import Blueprint

bp = Blueprint("checkin", __name__, template_folder="templates")

from checkin import commands, routes, sockets  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    from checkin import jobs

    app.register_blueprint(bp)
    sockets.register()
    jobs.register_kinds()
    for command in commands.ALL:
        app.cli.add_command(command)
