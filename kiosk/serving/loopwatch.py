"""The loop's watch: under gevent (gunicorn's worker) one loop carries every socket, scan and step of the hall, and
anything that holds it stalls them all. Two eyes on it:

- gevent's own monitor thread notices a greenlet that has held the loop longer than LOOP_STALL_MS (default 100)
  and tells us which one, with its stack: we log one warning naming the request it was serving and where it was;
- a greenlet that asks to wake every LOOP_WATCH_MS (default 50) measures how late it wakes: that lateness is what
  a scan or a step waited. Its figures (`figures()`, `GET /api/loop`) are what the benchmarks read.

Nothing here runs outside gevent: a threaded server (tests, `flask run`) has no single loop to hold."""
import logging
import os
import sys
import threading
import time
import traceback
import warnings
import weakref
from collections import deque
from datetime import UTC, datetime

from flask import Flask, request

log = logging.getLogger("kiosk.loop")


class LoopWatch:
    def __init__(self, interval_ms: float, stall_ms: float):
        self.interval, self.stall_ms = interval_ms / 1000, stall_ms
        self.ticks = self.stalls = 0
        self.max_lag_ms = 0.0
        self.lags: deque[float] = deque(maxlen=1200)  # the last minute at 50 ms a tick
        self.recent: deque[dict] = deque(maxlen=50)
        self.requests: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # greenlet -> "GET /path"
        self.lock = threading.Lock()
        self.running = False
        self.hub = None

    def watch(self) -> None:
        import gevent
        self.running = True
        while True:
            start = time.perf_counter()
            gevent.sleep(self.interval)
            lag_ms = max(0.0, (time.perf_counter() - start - self.interval) * 1000)
            with self.lock:
                self.ticks += 1
                self.lags.append(lag_ms)
                self.max_lag_ms = max(self.max_lag_ms, lag_ms)
                if lag_ms > self.stall_ms:
                    self.stalls += 1
                    if self.recent and self.recent[-1]["lag_ms"] is None:  # the monitor named it already
                        self.recent[-1]["lag_ms"] = round(lag_ms, 1)
                    else:
                        self.recent.append({"at": _now(), "lag_ms": round(lag_ms, 1), "cause": None,
                                            "seen": time.monotonic()})

    def blocked(self, event) -> None:
        """gevent's monitor thread saw a greenlet hold the loop: one line saying which request, and where."""
        from gevent.events import EventLoopBlocked
        if not isinstance(event, EventLoopBlocked) or getattr(event, "hub", None) is not self.hub:
            return  # a hub of another native thread (the job pool's manager) is not the loop that serves the hall
        cause = self.requests.get(event.greenlet) or repr(event.greenlet)
        where = _innermost_frames(event.info)
        log.warning("Vòng sự kiện bị giữ hơn %d ms bởi %s tại %s", round(event.blocking_time * 1000), cause, where)
        with self.lock:
            last = self.recent[-1] if self.recent else None
            if last and last["cause"] is None and time.monotonic() - last["seen"] < 5:  # measured before named
                last["cause"] = f"{cause} tại {where}"
            else:  # named while it lasts; the watch fills in how long when the loop comes back
                self.recent.append({"at": _now(), "lag_ms": None, "cause": f"{cause} tại {where}",
                                    "seen": time.monotonic()})

    def figures(self) -> dict:
        with self.lock:
            lags = sorted(self.lags)
            p99 = lags[min(len(lags) - 1, int(len(lags) * 0.99))] if lags else 0.0
            return {"running": self.running, "interval_ms": self.interval * 1000, "stall_ms": self.stall_ms,
                    "ticks": self.ticks, "stalls": self.stalls, "max_lag_ms": round(self.max_lag_ms, 1),
                    "last_minute_p99_ms": round(p99, 1), "last_minute_max_ms": round(lags[-1] if lags else 0.0, 1),
                    "recent": [{k: v for k, v in r.items() if k != "seen"} for r in self.recent]}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _innermost_frames(info: list[str]) -> str:
    """The innermost source lines of the blocking greenlet's stack (gevent's own left out), in one line."""
    lines = list(dict.fromkeys(line.strip() for chunk in info for line in str(chunk).splitlines()
                               if line.strip().startswith("File ") and "/gevent/" not in line))
    return " ← ".join(reversed(lines[-3:])) or "?"


def _report_stalls_cheaply(monitor) -> None:
    """gevent's monitor reports a stall with the stack of every greenlet in the process. With a thousand open
    websockets that report took longer than the stall itself, holding the loop again under the GIL, so one slow
    broadcast became a string of them (`bench/fanout.py --profile`: a sixth of the worker's time in traceback and
    linecache, fan-out p99 at 1,000 sockets 7x the bare app's). Its check stays; the report is the blocked
    greenlet's innermost frames, all our one log line uses. gevent keeps its own check first in the monitor's list
    of functions (gevent 26.9, pinned)."""
    import gevent
    from gevent.events import EventLoopBlocked, notify

    did_block_hub = monitor._greenlet_tracer.did_block_hub

    def check(hub):
        blocked = did_block_hub(hub)
        if blocked:
            frame = sys._current_frames().get(hub.thread_ident)
            stack = traceback.format_stack(frame, limit=12) if frame is not None else []
            notify(EventLoopBlocked(blocked[1], gevent.config.max_blocking_time, stack, hub=hub))

    monitor._monitoring_functions[0].function = check


_watch: LoopWatch | None = None


def watch() -> LoopWatch | None:
    return _watch


def figures() -> dict:
    return _watch.figures() if _watch else {"running": False}


def start(app: Flask) -> LoopWatch:
    """Under gevent, once per process: the watching greenlet and gevent's monitor thread."""
    global _watch
    if _watch is not None:
        return _watch
    import gevent
    import gevent.events
    _watch = LoopWatch(float(os.environ.get("LOOP_WATCH_MS", "50")), float(os.environ.get("LOOP_STALL_MS", "100")))
    gevent.config.monitor_thread = True
    gevent.config.max_blocking_time = _watch.stall_ms / 1000
    gevent.config.print_blocking_reports = False  # its whole greenlet tree; we log one line instead
    _watch.hub = gevent.get_hub()
    gevent.events.subscribers.append(_watch.blocked)
    with warnings.catch_warnings():  # without psutil it cannot watch memory too: it says so, we know
        warnings.simplefilter("ignore")
        monitor = gevent.get_hub().start_periodic_monitoring_thread()
    _report_stalls_cheaply(monitor)
    gevent.spawn(_watch.watch)
    return _watch


def init_app(app: Flask) -> None:
    """Each request names its greenlet, so that a stall says which request caused it (the figures are served by
    kiosk.pages at /api/loop)."""

    @app.before_request
    def _name_the_greenlet():
        if _watch is not None:
            import gevent
            _watch.requests[gevent.getcurrent()] = f"{request.method} {request.path}"
