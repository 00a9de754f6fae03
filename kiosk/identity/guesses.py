"""Secrets in addresses (ballot tokens, pairing codes) are unguessable, and guessing them is also slowed: at most
TOKEN_GUESSES_PER_MINUTE wrong ones a minute from one address, then 429 for the rest of that minute."""
import time
from collections import OrderedDict, deque
from functools import wraps
from threading import Lock

from flask import current_app
from werkzeug.exceptions import NotFound

from kiosk import app_memory
from kiosk.errors import ApiError
from kiosk.identity.auth import client_address

WINDOW_SECONDS = 60.0
MAX_ADDRESSES = 10000


class Guesses:
    def __init__(self):
        self._wrong: OrderedDict[str, deque] = OrderedDict()
        self._lock = Lock()

    def blocked(self, address: str, limit: int) -> bool:
        with self._lock:
            wrong = self._wrong.get(address)
            now = time.monotonic()
            while wrong and now - wrong[0] > WINDOW_SECONDS:
                wrong.popleft()
            return bool(wrong) and len(wrong) >= limit

    def wrong(self, address: str) -> None:
        with self._lock:
            self._wrong.setdefault(address, deque(maxlen=1000)).append(time.monotonic())
            self._wrong.move_to_end(address)
            while len(self._wrong) > MAX_ADDRESSES:
                self._wrong.popitem(last=False)


app_memory.keep("kiosk_guesses", lambda app: Guesses())


def throttled(view):
    """For a route whose address holds a secret: its 404s count as wrong guesses of the caller's address."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        guesses, address = current_app.extensions["kiosk_guesses"], client_address()
        if guesses.blocked(address, current_app.config.get("TOKEN_GUESSES_PER_MINUTE", 20)):
            raise ApiError(429, "too_many_guesses", "Nhập sai mã quá nhiều lần. Mời đợi một phút rồi thử lại.")
        try:
            response = current_app.make_response(view(*args, **kwargs))
        except NotFound:
            guesses.wrong(address)
            raise
        except ApiError as e:
            if e.status == 404:
                guesses.wrong(address)
            raise
        if response.status_code == 404:
            guesses.wrong(address)
        return response
    return wrapped
