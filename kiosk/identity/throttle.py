"""The sign-in throttle: failed sign-ins counted in sliding windows by the `limits` library, in the hall's Redis
when there is one (REDIS_URL), so that every process behind nginx counts the same failures and sign-in need not
be sticky; in this process's memory otherwise.

Four windows, every one checked before a password is hashed (a refused attempt costs no hash):
- one name from one address: LOGIN_ATTEMPTS_PER_MINUTE (the MC who mistypes once is not locked out);
- one address, whatever the names: five times that;
- one name, from any address: three times that, so twenty addresses each under their own limit cannot go on
  guessing one account (and one guesser still cannot lock the MC out: it takes three times the limit);
- every attempt in the hall that reaches a password hash: LOGIN_ATTEMPTS_PER_SECOND, which bounds the hashes
  that sign-ins can cost and, with them, the keys the memory keeps (names are cut to MAX_NAME characters before
  they become keys)."""
import logging

from flask import current_app
from limits import RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.errors import StorageError
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import SlidingWindowCounterRateLimiter
from redis import RedisError

log = logging.getLogger(__name__)
MAX_NAME = 80


class LoginThrottle:
    MAX_NAME = MAX_NAME

    def __init__(self, redis_url: str | None = None, prefix: str = "kiosk"):
        self.memory = MemoryStorage()
        self.local = SlidingWindowCounterRateLimiter(self.memory)
        self.shared = None
        if redis_url:
            self.shared = SlidingWindowCounterRateLimiter(
                storage_from_string(redis_url, key_prefix=f"{prefix}:sign-in", socket_timeout=1,
                                    socket_connect_timeout=1))

    def _windows(self, address: str, name: str) -> list[tuple]:
        per_minute = max(1, int(current_app.config["LOGIN_ATTEMPTS_PER_MINUTE"]))
        in_the_hall = max(1, int(current_app.config["LOGIN_ATTEMPTS_PER_SECOND"]))
        name = (name or "")[:MAX_NAME].lower()
        return [(RateLimitItemPerMinute(per_minute), ("name-at", address, name)),
                (RateLimitItemPerMinute(5 * per_minute), ("address", address)),
                (RateLimitItemPerMinute(3 * per_minute), ("name", name)),
                (RateLimitItemPerSecond(in_the_hall), ("hall",))]

    def _run(self, action, *args):
        """`action` on the shared counts; on this process's own while Redis does not answer (a sign-in is never
        refused or failed for want of Redis)."""
        if self.shared is not None:
            try:
                return getattr(self.shared, action)(*args)
            except (RedisError, StorageError, OSError) as e:
                log.warning("Redis không trả lời bộ đếm đăng nhập (%s): đếm tại máy này.", type(e).__name__)
        return getattr(self.local, action)(*args)

    def refusal(self, address: str, name: str) -> str | None:
        """Why this attempt is refused (the message for the person signing in), or None: then it has taken its
        place among the hall's attempts of this second. The hall's window counts attempts, not failures: twenty
        wrong passwords sent at once must not all pass the check before the first has failed."""
        *failures, (hall, hall_keys) = self._windows(address, name)
        if any(not self._run("test", item, *keys) for item, keys in failures):
            return "Đăng nhập sai quá nhiều lần. Vui lòng đợi một phút rồi thử lại."
        if not self._run("hit", hall, *hall_keys):
            return "Có quá nhiều lượt đăng nhập cùng lúc. Vui lòng thử lại sau vài giây."
        return None

    def blocked(self, address: str, name: str) -> bool:
        return self.refusal(address, name) is not None

    def failed(self, address: str, name: str) -> None:
        for item, keys in self._windows(address, name)[:-1]:  # the hall's window counted the attempt already
            self._run("hit", item, *keys)

    def succeeded(self, address: str, name: str) -> None:
        item, keys = self._windows(address, name)[0]
        self._run("clear", item, *keys)

    def __len__(self) -> int:
        """The keys this process keeps in memory."""
        return len(self.memory.storage)

    def memory_keys(self) -> list[str]:
        return list(self.memory.storage)


def sign_in_throttle() -> LoginThrottle:
    """This app's throttle (kiosk.identity.auth makes one per app): sign-in, and anything else tried as often as a password
    (a kiosk stand's PIN)."""
    return current_app.extensions["kiosk_login_throttle"]
