"""Which open sockets belong to which sign-in, so that ending a session ends its sockets too.

Each process knows its own sockets. Ending a session drops this process's sockets of it at once; a sweeper
thread, running only while signed-in sockets are open, asks the database every SWEEP_SECONDS which of its
sessions still live and drops the rest: so a sign-out or a new password made on another process (several
`make serve` behind one hall) ends these sockets within a second too. Between two sweeps a socket event
cannot use a dead session anyway: every event loads its user afresh (kiosk.identity.auth.load_user)."""
import contextlib
import threading

from flask import current_app, request
from flask_login import current_user
from sqlalchemy import select

from kiosk import app_memory
from kiosk.extensions import db, socketio
from kiosk.serving import connections
from kiosk.serving.connections import anonymous_sockets
from models import UserSession
from models.types import utcnow
from models.user import User, session_digest

SWEEP_SECONDS = 0.5


class SocketSessions:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()
        self.by_digest: dict[str, set[str]] = {}
        self.user_of: dict[str, int] = {}  # digest -> user id
        self.digest_of: dict[str, str] = {}  # socket sid -> digest
        self.sweeper: threading.Thread | None = None

    def add(self, sid: str, digest: str, user_id: int) -> None:
        with self.lock:
            self.by_digest.setdefault(digest, set()).add(sid)
            self.user_of[digest] = user_id
            self.digest_of[sid] = digest
            if self.sweeper is None or not self.sweeper.is_alive():
                self.sweeper = threading.Thread(target=self._sweep, name="kiosk-socket-sessions", daemon=True)
                self.sweeper.start()

    def remove(self, sid: str) -> None:
        with self.lock:
            digest = self.digest_of.pop(sid, None)
            sids = self.by_digest.get(digest)
            if sids is not None:
                sids.discard(sid)
                if not sids:
                    del self.by_digest[digest]
                    self.user_of.pop(digest, None)

    def sids(self, digest: str | None = None, user_id: int | None = None) -> list[str]:
        with self.lock:
            digests = [d for d, uid in self.user_of.items() if d == digest or (user_id is not None and uid == user_id)]
            return [sid for d in digests for sid in self.by_digest.get(d, ())]

    def _sweep(self) -> None:
        stop = threading.Event()
        while not stop.wait(SWEEP_SECONDS):
            with self.lock:
                digests = list(self.by_digest)
            if not digests:
                return
            with self.app.app_context():
                try:
                    alive = set(db.session.scalars(
                        select(UserSession.id).join(User, User.id == UserSession.user_id)
                        .where(UserSession.id.in_(digests), UserSession.ended_at.is_(None),
                               UserSession.expires_at > utcnow(), User.disabled.is_(False))))
                except Exception:
                    self.app.logger.warning("could not check the sockets' sessions", exc_info=True)
                    continue
                finally:
                    db.session.remove()
            for digest in set(digests) - alive:
                for sid in self.sids(digest=digest):
                    _disconnect(sid)


def _disconnect(sid: str) -> None:
    with contextlib.suppress(KeyError, ValueError):  # already gone
        socketio.server.disconnect(sid, namespace="/")


def _registry(app=None) -> SocketSessions:
    return (app or current_app).extensions["kiosk_socket_sessions"]


def drop_sockets(digest: str | None = None, user_id: int | None = None) -> None:
    for sid in _registry().sids(digest=digest, user_id=user_id):
        _disconnect(sid)


def on_connect(auth=None):
    user = current_user._get_current_object()
    if user.is_authenticated and user.session_key:
        _registry().add(request.sid, session_digest(user.session_key), user.id)
        return
    # without a sign-in: capped per address, so that one laptop's thousands of sockets cannot crowd the hall's out
    address = (request.remote_addr or "")[:64]
    if not anonymous_sockets(current_app).take(address):
        raise ConnectionRefusedError("Quá nhiều kết nối từ địa chỉ này.")
    _anonymous_address(current_app)[request.sid] = address


def on_disconnect(reason=None):
    _registry().remove(request.sid)
    address = _anonymous_address(current_app).pop(request.sid, None)
    if address is not None:
        anonymous_sockets(current_app).give_back(address)


def _anonymous_address(app) -> dict[str, str]:
    return app.extensions["kiosk_anonymous_socket_address"]


def init_app(app) -> None:
    app_memory.keep("kiosk_socket_sessions", SocketSessions)
    app_memory.keep("kiosk_anonymous_socket_address", lambda app: {})  # socket sid -> its address
    connections.init_app(app)
    socketio.on_event("connect", on_connect)
    socketio.on_event("disconnect", on_disconnect)
