"""Answers kept for a moment: cachetools' TTLCache (entries run out on their own, the least used go first when it
is full) behind a lock, since the tests' threaded server and a gevent worker's greenlets both share one."""
import threading

from cachetools import TTLCache


class Kept:
    def __init__(self, maxsize: int, seconds: float):
        self._cache = TTLCache(maxsize, seconds)
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            return self._cache.get(key, default)

    def put(self, key, value) -> None:
        with self._lock:
            self._cache[key] = value

    def pop(self, key, default=None):
        with self._lock:
            return self._cache.pop(key, default)

    def drop_where(self, test) -> None:
        """Forgets every entry whose value passes `test`."""
        with self._lock:
            for key in [key for key, value in self._cache.items() if test(value)]:
                self._cache.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._cache)
