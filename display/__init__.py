"""The live programme: events and their programmes, the live-state engine (display.live, the only module that
changes what the hall sees, with display.slides, steps, clock and timers), its HTTP routes and Socket.IO events, the
projector and follow pages, the MC panel."""
from flask import Blueprint

bp = Blueprint("display", __name__, template_folder="templates")

from display import admin, commands, content, control, routes, screens, sockets  # noqa: E402, F401  (they register)


def init_app(app) -> None:
    from display import jobs, listeners

    app.register_blueprint(bp)
    sockets.register()
    listeners.connect()  # votes and honours tell the screens by signal (kiosk.signals)
    jobs.register_kinds()
    for command in (commands.announce, commands.screen):
        app.cli.add_command(command)
