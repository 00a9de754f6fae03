"""The record of the day: the credentials report, the minutes, the audit trail, the archive and backups.

The routes and commands are imported in init_app, not here: the other packages write audit lines with kiosk.audit.record()
from their own write paths, and importing this package must not pull the whole feature in behind them."""
from flask import Blueprint

bp = Blueprint("record", __name__, template_folder="templates")


def init_app(app) -> None:
    from record import backup, jobs, routes  # noqa: F401  (routes register on bp)

    app.register_blueprint(bp)
    jobs.register_kinds()
    for command in backup.COMMANDS:
        app.cli.add_command(command)
    backup.start_periodic(app)
