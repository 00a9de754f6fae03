"""Sign-in, sessions and the role check that every route and socket event goes through."""
import secrets
from datetime import timedelta
from functools import wraps
from urllib.parse import urlparse

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import String, cast, delete, func, select, update

from kiosk import app_memory
from kiosk.errors import ApiError
from kiosk.extensions import csrf, db, login_manager
from kiosk.identity import passwords
from kiosk.identity.throttle import LoginThrottle, sign_in_throttle
from kiosk.memo import Kept
from kiosk.schema import Done, api
from kiosk.schemas import Login, SignedIn
from models import User, UserEvent, UserSession
from models.text import printable
from models.types import utcnow
from models.user import EVENT_BOUND_ROLES, session_digest

bp = Blueprint("auth", __name__)

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


MAX_REMEMBERED_TOKENS = 1024
MAX_KEY_LENGTH = 100  # a session key is 43 characters; anything far longer is not one


SESSION_CACHE_SECONDS = 1.0  # API.md: an ended session answers 401 within a second, on every process
MAX_CACHED_SESSIONS = 4096


@login_manager.user_loader
def load_user(key: str):
    """The user of the server-side session that the cookie (or the "remember me" token) names, if that session
    has not ended, expired, or its account been disabled (API.md "Accounts and sessions").

    One indexed query, whose answer this process keeps for SESSION_CACHE_SECONDS: a door tablet scanning
    several badges a second pays it once a second, not once a scan (bench/checkin.py). Ending a session here
    forgets it here at once (end_sessions); another process's copy runs out within the second."""
    if not isinstance(key, str) or not 20 <= len(key) <= MAX_KEY_LENGTH:
        return None
    digest = session_digest(key)
    cache = current_app.extensions["kiosk_sessions"]
    hit = cache.get(digest)
    if hit is not None:
        return hit
    # a door account's assigned events come in the same statement: a scan pays no second query for them
    assigned = (select(func.aggregate_strings(cast(UserEvent.event_id, String), ","))
                .where(UserEvent.user_id == User.id).scalar_subquery())
    row = db.session.execute(
        select(User, UserSession.event_id, UserSession.door, assigned).join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.id == digest, UserSession.ended_at.is_(None),
               UserSession.expires_at > utcnow(), User.disabled.is_(False))).first()
    if row is None:
        cache.pop(digest, None)
        return None
    user, user.session_event_id, user.session_door, events = row
    user.session_key = key
    if user.role in EVENT_BOUND_ROLES and events:
        user.event_ids = frozenset(int(e) for e in events.split(","))
    db.session.expunge(user)  # a read-only snapshot, shared by this session's requests of the next second
    cache.put(digest, user)
    return user


def _forget_sessions(digest: str | None = None, user_id: int | None = None) -> None:
    cache = current_app.extensions["kiosk_sessions"]
    if digest is not None:
        cache.pop(digest, None)
    if user_id is not None:
        cache.drop_where(lambda user: user.id == user_id)


def start_session(user: User, event_id: int | None = None, door: str | None = None) -> None:
    """A new server-side session for `user`, and the cookie (with its "remember me" token) that names it.
    A paired door tablet's session (`event_id`, `door`) is good for that event only."""
    key = secrets.token_urlsafe(32)
    now = utcnow()
    # the account's sessions that ran out are of no more use: the table holds live sessions, not every sign-in ever
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_at < now))
    db.session.add(UserSession(id=session_digest(key), user_id=user.id, created_at=now, address=client_address(),
                               expires_at=now + timedelta(seconds=_remember_seconds()), event_id=event_id, door=door))
    db.session.commit()
    user.session_key = key
    session.clear()
    login_user(user, remember=True)


def _remember_seconds() -> float:
    duration = current_app.config["REMEMBER_COOKIE_DURATION"]
    return duration.total_seconds() if isinstance(duration, timedelta) else float(duration)


def end_sessions(*, key: str | None = None, user_id: int | None = None, digest: str | None = None) -> None:
    """Ends one session (by its key) or every session of an account, then drops this process's sockets of those
    sessions; other processes drop theirs within SocketSessions.SWEEP_SECONDS (kiosk.realtime.socket_sessions)."""
    query = update(UserSession).where(UserSession.ended_at.is_(None)).values(ended_at=utcnow())
    digest = session_digest(key) if key is not None else digest
    if digest is not None:
        query = query.where(UserSession.id == digest)
    elif user_id is not None:
        query = query.where(UserSession.user_id == user_id)
    else:
        raise ValueError("end_sessions needs a key, a digest or a user_id")
    db.session.execute(query)
    db.session.commit()
    _forget_sessions(digest=digest, user_id=user_id)
    from kiosk.realtime.socket_sessions import drop_sockets
    drop_sockets(digest=digest, user_id=user_id)


class SignInNeeded(ApiError):
    """401: a page answers it by sending the browser to the sign-in page (kiosk.errors)."""

    def __init__(self):
        super().__init__(401, "unauthorized", "Bạn cần đăng nhập.")


@login_manager.unauthorized_handler
def _unauthorized():
    raise SignInNeeded()


def _in_socket_event() -> bool:
    return getattr(request, "sid", None) is not None  # Flask-SocketIO's request of a socket event


def check_role(*roles: str) -> None:
    """The one role check of pages, API routes and socket events: 401 when not signed in, 403 for the wrong role,
    then the CSRF token on HTTP writes.

    The role comes first so that an anonymous write is told to sign in (API.md), not that a token is missing."""
    user = current_user._get_current_object()
    if not user.is_authenticated:
        raise SignInNeeded()
    if roles and not user.has_role(*roles):
        raise ApiError(403, "forbidden", "Tài khoản của bạn không có quyền làm việc này.")
    if user.session_event_id is not None and _event_of_request() not in (None, user.session_event_id):
        raise ApiError(403, "other_event", "Máy tính bảng này chỉ được ghép nối cho một sự kiện khác.")
    if user.role in EVENT_BOUND_ROLES and user.session_event_id is None \
            and _event_of_request() not in (None, *user.event_ids):
        # an account given no event yet works for none: a door account is never a key to every event's list
        raise ApiError(403, "other_event", "Tài khoản này chỉ làm việc cho sự kiện được giao, không cho sự kiện này."
                       if user.event_ids else "Tài khoản này chưa được giao sự kiện nào: nhờ Ban tổ chức giao sự kiện.")
    if request.method in WRITE_METHODS and not _in_socket_event():
        _protect_from_csrf()


def _event_of_request():
    """The event a route (its <event_id>) or a socket event (its "event_id") is about, if any."""
    if _in_socket_event():
        args = (getattr(request, "event", None) or {}).get("args") or ()
        data = args[0] if args else None
        event_id = data.get("event_id") if isinstance(data, dict) else None
        return int(event_id) if isinstance(event_id, str) and event_id.isdigit() and len(event_id) < 11 else event_id
    return (request.view_args or {}).get("event_id")


def _protect_from_csrf() -> None:
    """csrf.protect(), with the token pairs it found good remembered: a door tablet sends the same session token
    and header token with every scan, and checking the signature each time is wasted work. Only a JSON write over
    plain http is remembered: it has no form token that could have been the one checked, and no referrer check."""
    pair = (session.get("csrf_token"), request.headers.get("X-CSRFToken"))
    rememberable = (all(pair) and request.is_json and not request.is_secure
                    and current_app.config["WTF_CSRF_TIME_LIMIT"] is None)  # a token that never expires
    verified = current_app.extensions["kiosk_csrf_verified"]
    if rememberable and pair in verified:
        return
    csrf.protect()
    if rememberable:
        if len(verified) >= MAX_REMEMBERED_TOKENS:
            verified.clear()
        verified.add(pair)


def role_required(*roles: str):
    """For pages, API routes and socket handlers alike (an empty `roles`: anyone signed in)."""
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            check_role(*roles)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def client_address() -> str:
    """The address a request came from: the socket's peer, or what the trusted proxies say (kiosk.serving.security)."""
    return (request.remote_addr or "")[:64]


MAX_PASSWORD = 1024


def authenticate(username: str, password: str) -> User:
    address = client_address()
    refusal = sign_in_throttle().refusal(address, username)
    if refusal:
        raise ApiError(429, "too_many_attempts", refusal)
    user = None
    # a name with NUL, a lone surrogate or another invisible character is no account's (and PostgreSQL refuses some)
    if len(username) <= 80 and len(password) <= MAX_PASSWORD and printable(username) == username:
        user = db.session.scalar(select(User).where(User.username == username))
    # an unknown name costs the same hash as a known one: the time of the answer does not tell which names exist
    good = passwords.check(user.password_hash, password) if user is not None \
        else passwords.check_unknown(password[:MAX_PASSWORD])
    if not good:
        sign_in_throttle().failed(address, username)
        raise ApiError(401, "bad_credentials", "Sai tên đăng nhập hoặc mật khẩu.")
    if user.disabled:
        raise ApiError(403, "account_disabled", "Tài khoản này đã bị khoá. Hãy liên hệ Ban tổ chức.")
    sign_in_throttle().succeeded(address, username)
    start_session(user)
    return user


def _safe_next(target: str | None) -> str:
    """A path on this server only (a browser reads "/\\host" as "//host")."""
    if target and not urlparse(target).netloc and target.startswith("/") and not target.startswith("//") \
            and "\\" not in target:
        return target
    return url_for("pages.index")


def _check_next(target: str | None) -> None:
    """A control character (a line break in the Location header) is no address: 400 before any sign-in."""
    if target is not None and (len(target) > 2000 or any(ord(c) < 32 or ord(c) == 127 for c in target)):
        raise ApiError(400, "bad_next", "Địa chỉ chuyển tiếp sau khi đăng nhập không hợp lệ.")


@bp.post("/api/login")
@api("Sign in; sets the session cookie (and a remember-me token) naming a server-side session", "auth", body=Login,
     answers={200: SignedIn, 401: None, 403: None, 429: None})
def api_login(body: Login):
    user = authenticate(body.username.strip(), body.password)
    return jsonify(username=user.username, role=user.role, csrf_token=generate_csrf())


@bp.post("/api/logout")
@api("Sign out: the session ends on the server, so the cookie is dead wherever it was copied, and so is its "
     "remember-me token", "auth", answers={200: Done, 400: None, 401: None})
def api_logout():
    check_role()
    end_sessions(key=current_user.session_key)
    session.clear()
    logout_user()  # after clear(): it leaves the note that tells Flask-Login to drop the remember cookie
    return jsonify(status="ok")


@bp.route("/login", methods=["GET", "POST"])
def login_page():
    error = None
    _check_next(request.args.get("next"))
    if request.method == "POST":
        try:
            csrf.protect()
            authenticate(request.form.get("username", "").strip(), request.form.get("password", ""))
            return redirect(_safe_next(request.args.get("next")))
        except ApiError as e:
            error = e.message
    return render_template("login.html", error=error), (401 if error else 200)


@bp.post("/logout")
def logout_page():
    csrf.protect()
    if current_user.is_authenticated:
        end_sessions(key=current_user.session_key)
    session.clear()
    logout_user()
    return redirect(url_for("pages.index"))


def init_app(app):
    login_manager.session_protection = "basic"
    app_memory.keep("kiosk_login_throttle", lambda app: LoginThrottle(app.config["REDIS_URL"],
                                                                      app.config["SOCKETIO_CHANNEL"]))
    app_memory.keep("kiosk_sessions", lambda app: Kept(MAX_CACHED_SESSIONS, SESSION_CACHE_SECONDS))
    app_memory.keep("kiosk_csrf_verified", lambda app: set())
