"""Sign-in, sessions and the role check that every route and socket event goes through."""
import time
from collections import defaultdict, deque
from functools import wraps
from threading import Lock
from urllib.parse import urlparse

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from kiosk.errors import ApiError
from kiosk.extensions import csrf, db, login_manager
from models import User

bp = Blueprint("auth", __name__)

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


USER_CACHE_SECONDS = 10.0
MAX_REMEMBERED_TOKENS = 1024


@login_manager.user_loader
def _load_user(user_id: str):
    """The signed-in user, read again at most every few seconds: the door's scans should not each pay a
    query for it. A changed role or password takes effect within USER_CACHE_SECONDS."""
    if not user_id.isdigit():
        return None
    users = current_app.extensions["kiosk_users"]
    cached = users.get(int(user_id))
    if cached and cached[0] > time.monotonic():
        return cached[1]
    user = db.session.get(User, int(user_id))
    if user is not None:
        db.session.expunge(user)  # a read-only snapshot, shared by the requests of the next seconds
        users[user.id] = (time.monotonic() + USER_CACHE_SECONDS, user)
    return user


def forget_cached_users() -> None:
    current_app.extensions["kiosk_users"].clear()


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
    if request.method in WRITE_METHODS and not _in_socket_event():
        _protect_from_csrf()


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


class LoginThrottle:
    """At most N failed sign-ins a minute from one address for one name: slows password guessing
    on the hall Wi-Fi without locking out the MC who mistypes once."""

    def __init__(self):
        self._failures: dict[tuple, deque] = defaultdict(deque)
        self._lock = Lock()

    def _recent(self, key, now):
        window = self._failures[key]
        while window and now - window[0] > 60:
            window.popleft()
        return window

    def blocked(self, key) -> bool:
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= current_app.config["LOGIN_ATTEMPTS_PER_MINUTE"]

    def failed(self, key) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def succeeded(self, key) -> None:
        with self._lock:
            self._failures.pop(key, None)


def _throttle() -> LoginThrottle:
    return current_app.extensions["kiosk_login_throttle"]


def authenticate(username: str, password: str) -> User:
    key = (request.remote_addr, username.lower())
    if _throttle().blocked(key):
        raise ApiError(429, "too_many_attempts", "Đăng nhập sai quá nhiều lần. Vui lòng đợi một phút rồi thử lại.")
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not user.check_password(password):
        _throttle().failed(key)
        raise ApiError(401, "bad_credentials", "Sai tên đăng nhập hoặc mật khẩu.")
    _throttle().succeeded(key)
    session.clear()
    login_user(user, remember=True)
    return user


def _safe_next(target: str | None) -> str:
    if target and not urlparse(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("pages.index")


@bp.post("/api/login")
def api_login():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("username"), str) \
            or not isinstance(data.get("password"), str):
        raise ApiError(400, "bad_request", "Cần gửi tên đăng nhập và mật khẩu.")
    user = authenticate(data["username"].strip(), data["password"])
    return jsonify(username=user.username, role=user.role, csrf_token=generate_csrf())


@bp.post("/api/logout")
def api_logout():
    check_role()
    session.clear()
    logout_user()  # after clear(): it leaves the note that tells Flask-Login to drop the remember cookie
    return jsonify(status="ok")


@bp.route("/login", methods=["GET", "POST"])
def login_page():
    error = None
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
    session.clear()
    logout_user()
    return redirect(url_for("pages.index"))


def init_app(app):
    login_manager.session_protection = "basic"
    app.extensions["kiosk_login_throttle"] = LoginThrottle()
    app.extensions["kiosk_users"] = {}
    app.extensions["kiosk_csrf_verified"] = set()
