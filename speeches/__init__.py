"""Tham luận: the speakers' list (import, order, removal) that the speeches item of the programme steps through."""
from flask import Blueprint

bp = Blueprint("speeches", __name__, template_folder="templates")

from speeches import commands, routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(commands.import_speeches)
