"""What an application keeps in memory between requests (the session cache, the CSRF tokens already checked, the
sign-in throttle, the registry of signed-in sockets), declared in one place so that it is made the same way when
the app starts and when the tests begin a new test on the same app (tests/fixtures/database.py)."""
from collections.abc import Callable

from flask import Flask

_MAKERS: dict[str, Callable[[Flask], object]] = {}


def keep(name: str, make: Callable[[Flask], object]) -> None:
    """Declares `app.extensions[name]`, made by `make(app)` at start and again by `forget`."""
    _MAKERS[name] = make


def forget(app: Flask) -> None:
    """Makes every declared memory anew: a new test on the same app starts as on a new app."""
    for name, make in _MAKERS.items():
        app.extensions[name] = make(app)
