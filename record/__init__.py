"""The record of the day: the credentials report, the minutes, the audit trail, the archive and backups.

It stands on top of the features and reads them through their public functions; nothing below imports it. The
routes and commands are imported in init_app, not here, so that importing the package pulls nothing in behind it."""
from flask import Blueprint

bp = Blueprint("record", __name__, template_folder="templates")


def init_app(app) -> None:
    from record import backup, jobs, routes  # noqa: F401  (routes register on bp)

    app.register_blueprint(bp)
    jobs.register_kinds()
    for command in backup.COMMANDS:
        app.cli.add_command(command)
    backup.start_periodic(app)
