"""Configuration from the environment, with defaults that are safe on a hall laptop."""
import os
import secrets
from pathlib import Path

INSTANCE_DIR = Path(os.environ.get("KIOSK_INSTANCE", Path(__file__).resolve().parent.parent / "instance"))


def _secret_key(instance_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in instance/.

    Keeping it on disk means sessions survive a restart of the server mid-congress.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_dir / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def _database_url(instance_dir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres://"):  # the form many hosts hand out; SQLAlchemy wants the driver named
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url or f"sqlite:///{instance_dir / 'kiosk.db'}"


def load_config(overrides: dict | None = None) -> dict:
    instance_dir = Path((overrides or {}).get("INSTANCE_DIR", INSTANCE_DIR))
    instance_dir.mkdir(parents=True, exist_ok=True)
    config = {
        "INSTANCE_DIR": str(instance_dir),
        "SECRET_KEY": _secret_key(instance_dir),
        "SQLALCHEMY_DATABASE_URI": _database_url(instance_dir),
        # Every door tablet, MC panel and screen is a thread of the one server process: enough connections
        # that a burst of scans does not queue for one (SQLAlchemy's default is 5 + 10).
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": int(os.environ.get("DB_POOL_SIZE", "20")),
                                      "max_overflow": int(os.environ.get("DB_POOL_OVERFLOW", "30")),
                                      # a database server restarted mid-congress: a dead pooled connection is
                                      # noticed and replaced before a scan uses it (SQLite has no server to lose);
                                      # DB_PRE_PING=0 saves that round trip per request
                                      "pool_pre_ping": os.environ.get(
                                          "DB_PRE_PING", "0" if _database_url(instance_dir).startswith("sqlite") else "1"
                                      ) == "1"},
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        "SOCKETIO_CHANNEL": os.environ.get("SOCKETIO_CHANNEL", "kiosk-dai-hoi"),
        "HOST": os.environ.get("HOST", "0.0.0.0"),
        "PORT": int(os.environ.get("PORT", "5000")),
        "HTTPS_PORT": int(os.environ.get("HTTPS_PORT", "5443")),  # 0: no HTTPS (kiosk.serving.tls)
        # plain http from another machine is sent to HTTPS_PORT (kiosk.serving.https) once that port is served; this machine
        # keeps http (loopback). 0 only for a hall that knows why (issue 20: anyone on the Wi-Fi reads plain http)
        "HTTPS_REDIRECT": os.environ.get("HTTPS_REDIRECT", "1") == "1",
        # set by the server that opens HTTPS_PORT (gunicorn.conf.py): no redirect to a port nobody listens on
        # (`flask run`, a test's server in a thread)
        "HTTPS_SERVED": False,
        "PLAIN_HTTP_LOOPBACK": os.environ.get("PLAIN_HTTP_LOOPBACK", "1") == "1",
        # the organiser's own certificate for a real name, used on HTTPS_PORT instead of the hall's authority
        "TLS_CERT_FILE": os.environ.get("TLS_CERT_FILE") or None,
        "TLS_KEY_FILE": os.environ.get("TLS_KEY_FILE") or None,
        # CSRF is checked after the role check (kiosk.identity.auth), so an anonymous write gets 401, not 400.
        "WTF_CSRF_CHECK_DEFAULT": False,
        "WTF_CSRF_TIME_LIMIT": None,
        # over https Flask-WTF would also demand a same-site Referer, which scripts and some tablets do not send:
        # the token (a header no other site can set) is the check, the same over http and https (API.md)
        "WTF_CSRF_SSL_STRICT": False,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,  # a delegate list is a few hundred KB
        "SESSION_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 3,  # a congress day and its preparation, not a year
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # a long honours group turns its pages by itself on the projector; 0 leaves paging to the MC
        "HONOURS_AUTO_PAGE_SECONDS": float(os.environ.get("HONOURS_AUTO_PAGE_SECONDS", "15")),
        # a copy of the SQLite database every few minutes while the server runs, the last few kept (record.backup)
        "BACKUP_MINUTES": float(os.environ.get("BACKUP_MINUTES", "5")),
        "BACKUP_KEEP": int(os.environ.get("BACKUP_KEEP", "12")),
        # werkzeug's method string: strong (~75 ms a hash); only the test suite names a cheap one
        "PASSWORD_HASH_METHOD": "scrypt",
        "LOGIN_ATTEMPTS_PER_MINUTE": int(os.environ.get("LOGIN_ATTEMPTS_PER_MINUTE", "10")),
        # sign-ins that reach a password hash in the whole hall, a second: what they can cost (kiosk.identity.throttle)
        "LOGIN_ATTEMPTS_PER_SECOND": int(os.environ.get("LOGIN_ATTEMPTS_PER_SECOND", "5")),
        # Socket.IO connections without a sign-in (phones, projectors) one address may hold (kiosk.serving.connections)
        "MAX_ANONYMOUS_SOCKETS_PER_ADDRESS": int(os.environ.get("MAX_ANONYMOUS_SOCKETS_PER_ADDRESS", "100")),
    }
    config.update(overrides or {})
    return config
