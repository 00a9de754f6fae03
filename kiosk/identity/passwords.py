"""Password hashes off the loop, a few at a time. A strong hash (scrypt, ~75 ms of CPU) computed on the gevent loop
held every scan and step of the hall for that long: twenty wrong passwords a second pushed door scans to seconds.
Here each hash runs in a thread of gevent's native thread pool (hashlib releases the interpreter lock while it
hashes), and at most HASHES_IN_FLIGHT run at once in the process, whatever the number of sign-ins; the others wait
their turn, and one that waits too long is told to try again (503) rather than queue without end."""
import os
import threading

from flask import current_app, has_app_context
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk.errors import ApiError
from kiosk.job_pool import on_gevent_loop
from models.user import DEFAULT_PASSWORD_HASH, dummy_hash

WAIT_SECONDS = 10.0
_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None


def in_flight_cap() -> int:
    """HASHES_IN_FLIGHT, else one fewer than the machine's cores (one is the loop's), at least one."""
    raw = os.environ.get("HASHES_IN_FLIGHT", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else max(1, (os.cpu_count() or 2) - 1)


def _semaphore() -> threading.BoundedSemaphore:
    """Made at first use, in the server's worker: gevent has patched `threading` by then, so waiting for a slot
    lets the loop run."""
    global _slots
    with _lock:
        if _slots is None:
            _slots = threading.BoundedSemaphore(in_flight_cap())
        return _slots


def _off_the_loop(function, *args):
    """`function(*args)` in gevent's thread pool under gevent, here in a threaded server; a slot held meanwhile."""
    slots = _semaphore()
    if not slots.acquire(timeout=WAIT_SECONDS):
        raise ApiError(503, "busy", "Máy chủ đang bận xử lý đăng nhập. Vui lòng thử lại sau giây lát.")
    try:
        if on_gevent_loop():
            import gevent
            return gevent.get_hub().threadpool.apply(function, args)
        return function(*args)
    finally:
        slots.release()


def _method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_PASSWORD_HASH) if has_app_context() \
        else DEFAULT_PASSWORD_HASH


def check(password_hash: str, password: str) -> bool:
    return _off_the_loop(check_password_hash, password_hash, password)


def check_unknown(password: str) -> bool:
    """The same work as a real check, for a name that has no account (the time does not tell which names exist)."""
    method = _method()
    _off_the_loop(lambda: check_password_hash(dummy_hash(method), password))
    return False


def make(password: str) -> str:
    return _off_the_loop(generate_password_hash, password, _method())
