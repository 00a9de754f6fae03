"""The honours ceremony: import, ceremony order, the ushers' stage-call page, handover marks, export."""
from flask import Blueprint

bp = Blueprint("honours", __name__, template_folder="templates")

from honours import commands, routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    from honours import jobs

    app.register_blueprint(bp)
    jobs.register_kinds()
    app.cli.add_command(commands.import_honours)
