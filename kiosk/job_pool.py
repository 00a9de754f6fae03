"""The pool of job worker processes (kiosk.job_worker), started with the server: heavy work waits in a worker, and
the one gevent loop that carries every socket, scan and step of the hall is never held by it (DESIGN.md, "The loop
serves the hall")."""
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial

from flask import current_app

from kiosk.errors import ApiError
from kiosk.job_worker import in_app, warm, worker_start

STOPPED = "Tiến trình tạo tệp bị dừng giữa chừng. Vui lòng thử lại."


def call(function, *args):
    """`function(*args)` in a worker, for work that needs no app (a backup copy): its small, picklable answer,
    waited for without holding the loop. A threaded server (tests, tools) has no loop to keep free: it runs here."""
    if not on_gevent_loop():
        return function(*args)
    return _wait_in_pool(function, *args)


def on_gevent_loop() -> bool:
    """Whether this process serves from gevent's one loop (gunicorn's gevent worker patched `threading`)."""
    try:
        from gevent import monkey
    except ImportError:
        return False
    return monkey.is_module_patched("threading")


def run_in_app(target: str, *args):
    """`target(*args)` ("module:function") in a worker's app on the same database, for work that answers a value
    rather than a file (a list import): the value, or the error the function raised, raised here."""
    from flask_login import current_user

    from kiosk.lists.problems import ImportProblems

    user = current_user.username if current_user and current_user.is_authenticated else None
    outcome = _wait_in_pool(partial(in_app, acting_user=user), worker_config(current_app), target, args)
    if outcome.get("problems"):
        raise ImportProblems(outcome["problems"])
    if "error" in outcome:
        raise ApiError(outcome["status"], outcome["error"], outcome["message"])
    return outcome["value"]


def _wait_in_pool(function, *args):
    pool = get_pool()
    try:
        return wait(pool.submit(function, *args))
    except BrokenProcessPool:
        drop_broken(pool)
        raise ApiError(503, "job_stopped", STOPPED) from None


_pool_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None


def pool_size() -> int:
    """JOB_WORKERS, else one core fewer than the machine has (one is the loop's), at least one, at most four."""
    raw = os.environ.get("JOB_WORKERS", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def get_pool() -> ProcessPoolExecutor:
    """The process's pool, made at first use. Workers are spawned, not forked: a fork of the server would carry its
    gevent hub, its sockets and its database connections into the child."""
    global _executor
    with _pool_lock:
        if _executor is None:
            _executor = ProcessPoolExecutor(pool_size(), mp_context=multiprocessing.get_context("spawn"),
                                            initializer=worker_start)
        return _executor


def drop_broken(pool: ProcessPoolExecutor) -> None:
    """A worker died (killed, out of memory): the pool cannot be used again; the next job makes a new one."""
    global _executor
    with _pool_lock:
        if _executor is pool:
            _executor = None
    pool.shutdown(wait=False, cancel_futures=True)


def shutdown(wait: bool = True) -> None:
    """The pool stopped, the jobs not begun dropped. gunicorn's worker calls this as it exits (wait=False): the pool's
    manager left to the interpreter's exit would be joined there, outside the loop, and hold the exit until
    gunicorn kills the worker."""
    global _executor
    with _pool_lock:
        pool, _executor = _executor, None
    if pool is not None:
        if not wait:  # the workers ended now, so the pool's manager has nothing left to wait for
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
        pool.shutdown(wait=wait, cancel_futures=True)


def worker_config(app) -> dict:
    """What a worker's app needs of the server's configuration: the same database, no Redis (a job broadcasts
    nothing), no backups of its own."""
    config = app.config
    return {"SQLALCHEMY_DATABASE_URI": config["SQLALCHEMY_DATABASE_URI"], "SECRET_KEY": config["SECRET_KEY"],
            "INSTANCE_DIR": config["INSTANCE_DIR"], "REDIS_URL": None, "KIOSK_JOB_WORKER": True,
            "TESTING": bool(config.get("TESTING")), "BACKUP_MINUTES": 0}


def start(app) -> None:
    """With the server: the pool's workers made and their apps loaded, so the first badge sheet waits for
    nothing. Returns at once."""
    config = worker_config(app)
    pool = get_pool()
    for _ in range(pool_size()):
        pool.submit(warm, config)


def wait(future: Future):
    """The future's answer. Under gevent the waiting greenlet sleeps and the loop serves the hall meanwhile
    (threading is patched); in a threaded server the request's thread waits."""
    return future.result()


def broken(future: Future) -> bool:
    """Whether the future failed because its worker died (the pool is then unusable)."""
    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)
