"""What every answer carries and every request goes through before a route sees it: the security headers, the
client's address behind trusted proxies, ids in paths within the database's integer range, and JSON nested too
deep refused as a 400 rather than a 500."""
import contextlib
import os
from pathlib import Path

from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from werkzeug.serving import WSGIRequestHandler

from kiosk.errors import error_response

# Only the server's own scripts, styles, fonts and sockets; pages hand data to scripts in
# <script type="application/json"> blocks, which this allows. The MC panel shows the projector in a frame of the
# same origin: framing by any other site is refused.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; "
                           "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' {sockets}; "
                           "frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; "
                           "object-src 'none'")
SERVER_NAME = "kiosk"
# besides every /api/ answer
PRIVATE_PAGES = {"votes.voting_cards", "checkin.delegates_page", "votes.ballot_page", "phone.me_page"}
MAX_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is wider, and the same limit serves both


class IdConverter(IntegerConverter):
    """Flask's <int:...> with the database's range: /api/events/2**70 is a 404, not an overflow in the driver."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
        self.regex = r"\d{1,10}"  # never hand a 10,000-digit number to int()


def _nameless_parts():
    """A multipart body with a part that has no name is no form any page sends: 400 before anything reads it
    (Flask-WTF's token lookup, run on every write, fell over the nameless field: a 500, found by Schemathesis)."""
    from flask import request

    if request.mimetype == "multipart/form-data" and (None in request.form or None in request.files):
        from kiosk.errors import ApiError
        raise ApiError(400, "bad_form", "Biểu mẫu gửi lên không hợp lệ (có phần không tên). Hãy tải lại trang và thử "
                                        "lại.")


def _headers(response):
    from flask import request
    host = request.host
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.format(sockets=f"ws://{host} wss://{host}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Referrer-Policy"] = "same-origin"
    if "Cache-Control" not in response.headers and (request.path.startswith("/api/")
                                                    or request.endpoint in PRIVATE_PAGES):
        # lists, papers, voting cards and the API hold personal data: no copy kept by a browser or a proxy (the
        # screens' own pages are left alone: their service worker keeps them for a reload while offline)
        response.headers["Cache-Control"] = "no-store"
    return response


def trusted_proxies() -> int:
    """TRUSTED_PROXIES (or PROXY_COUNT): how many proxies in front of the server to believe about the client's
    address (X-Forwarded-For). Default 0: the address is the socket's peer, whatever a client writes in headers."""
    raw = os.environ.get("TRUSTED_PROXIES") or os.environ.get("PROXY_COUNT") or "0"
    try:
        return max(0, min(int(raw), 5))
    except ValueError:
        return 0


def private_file(path) -> None:
    """Readable and writable by the server's own user only: the database, the secret key, backups."""
    with contextlib.suppress(FileNotFoundError, PermissionError):
        Path(path).chmod(0o600)


@sa_event.listens_for(Engine, "connect")
def _private_sqlite(dbapi_connection, connection_record):
    """The SQLite file (and its WAL and shared-memory files) holds every delegate's name and the password hashes."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    try:
        files = [row[2] for row in cursor.execute("PRAGMA database_list") if row[2]]
    finally:
        cursor.close()
    for name in files:
        for suffix in ("", "-wal", "-shm", "-journal"):
            private_file(name + suffix)


def init_app(app) -> None:
    with contextlib.suppress(OSError):
        Path(app.config["INSTANCE_DIR"]).chmod(0o700)
    private_file(Path(app.config["INSTANCE_DIR"]) / "secret_key")
    app.url_map.converters["int"] = IdConverter
    app.after_request(_headers)
    app.before_request(_nameless_parts)
    count = app.config.get("TRUSTED_PROXIES", trusted_proxies())
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count)
    # The Server header is the HTTP server's: werkzeug's (make run) says "kiosk", gunicorn's says "gunicorn";
    # neither names a version.
    WSGIRequestHandler.version_string = lambda handler: SERVER_NAME

    @app.errorhandler(RecursionError)
    def _too_deep(e):
        return error_response(400, "bad_json", "Dữ liệu JSON lồng nhau quá sâu.")
