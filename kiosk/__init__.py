"""Kiosk Đại hội: the application factory."""
from importlib import import_module
from pathlib import Path

from flask import Flask
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine

from kiosk import app_memory, job_pool, jobs
from kiosk.config import load_config
from kiosk.extensions import csrf, db, login_manager, migrate, socketio
from kiosk.identity.sessions import RememberingSessionInterface
from kiosk.realtime import socket_json
from kiosk.serving import loopwatch

# The features the shell registers, in this order. Named, not imported: they stand above the shell and import it,
# so the shell may not import them (as Django's INSTALLED_APPS). Each has init_app(app).
FEATURES = ("display", "checkin", "honours", "speeches", "votes", "record", "seating", "stand", "papers", "phone", "voice",
            "demo")


def create_app(overrides: dict | None = None) -> Flask:
    root = Path(__file__).resolve().parent.parent
    app = Flask(__name__, static_folder=str(root / "static"), static_url_path="/static",
                instance_path=str(load_config(overrides)["INSTANCE_DIR"]))
    app.config.update(load_config(overrides))
    app.json.ensure_ascii = False
    app.session_interface = RememberingSessionInterface()

    import models  # noqa: F401  (registers the tables on db.metadata)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(root / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    socketio.init_app(app, message_queue=app.config["REDIS_URL"], channel=app.config["SOCKETIO_CHANNEL"],
                      async_mode=_async_mode(), cors_allowed_origins=None, json=socket_json)
    socket_json.guard_packets(socketio.server)  # a packet too deep or not JSON never reaches a handler

    features = [import_module(name) for name in FEATURES]
    from kiosk import admin, cli, errors, job_routes, pages, templating
    from kiosk.identity import auth, pairing
    from kiosk.realtime import socket_sessions
    from kiosk.serving import https, security, tablets

    security.init_app(app)  # before the blueprints: the <int:...> converter in their paths
    templating.init_app(app)
    errors.init_app(app)
    auth.init_app(app)
    socket_sessions.init_app(app)
    cli.init_app(app)
    app.register_blueprint(job_routes.bp)  # the job API over the board that jobs.init_app keeps
    jobs.init_app(app)
    loopwatch.init_app(app)
    pages.add_loop_figures(app)
    for blueprint in (auth.bp, pages.bp, admin.bp, admin.api, pairing.bp, tablets.bp):
        app.register_blueprint(blueprint)
    for feature in features:
        feature.init_app(app)  # its blueprint, socket events and commands
    https.init_app(app)  # last: its redirect wraps every other layer
    app_memory.forget(app)
    if _async_mode() == "gevent" and not app.config.get("KIOSK_JOB_WORKER"):
        loopwatch.start(app)  # the server's loop, watched
        job_pool.start(app)  # and its job workers, ready before the first badge sheet
    return app


def _async_mode() -> str:
    """gevent under gunicorn's gevent worker (it patches the standard library before loading us); threads in
    tests and tools that import the app directly."""
    try:
        from gevent import monkey
    except ImportError:
        return "threading"
    return "gevent" if monkey.is_module_patched("socket") else "threading"


@sa_event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL lets the projector read while the door writes; the busy timeout waits out a writer
    instead of failing a scan; SQLite enforces foreign keys only when asked."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # what is deleted or overwritten is zeroed, not left in free space (a closed secret vote: votes.scrub)
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()
