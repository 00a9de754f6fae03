"""Heavy work off the loop: badge sheets, papers, workbooks and backups run in a small pool of worker processes
started with the server, so the one gevent loop that carries every socket, scan and step of the hall is never
held by them (DESIGN.md, "The loop serves the hall").

A job is a kind (registered by the feature that owns it: `register(Kind(...))`) and its arguments. Its function,
named by a dotted path, runs in a worker process inside an app of its own on the same database, and writes its
file into `instance/jobs/`; only a few bytes (the worker's pid, the error if any) come back through the pipe, so
the loop never reads a ten-megabyte answer. While it runs it writes its progress beside the file; the job API
(kiosk.job_routes) reads that, and the old download URLs wait for the job without holding the loop (`answer`).

Two organisers asking for the same paper at once share one job: a job still running is found by its kind and
arguments before a new one is made."""
import contextlib
import io
import json
import logging
import multiprocessing
import os
import re
import secrets
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from importlib import import_module
from pathlib import Path

from flask import current_app, send_file

from kiosk import app_memory
from kiosk.errors import ApiError

log = logging.getLogger(__name__)

KEEP_SECONDS = 15 * 60   # a finished job's file can be fetched this long
KEEP_JOBS = 200          # and at most this many jobs are remembered
JOB_ID = re.compile(r"[A-Za-z0-9_-]{16}")  # secrets.token_urlsafe(12)
FAILED = "Không tạo được tệp do lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo kỹ thuật viên."
STOPPED = "Tiến trình tạo tệp bị dừng giữa chừng. Vui lòng thử lại."


@dataclass(frozen=True)
class Kind:
    """A file a job makes. `target` is "module:function", called in a worker as `function(*args, progress=...)`
    and returning the file's bytes; `label` says what is being made ("Đang tạo thẻ: 340/1.000")."""
    name: str
    target: str
    mimetype: str
    filename: str        # the download name, formatted with the job's event_id
    label: str
    attachment: bool = True
    offered: bool = True  # on the job API (POST /api/events/{id}/jobs), for the organiser


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _KINDS[kind.name] = kind


def kinds() -> dict[str, Kind]:
    return dict(_KINDS)


# --- in the worker process ----------------------------------------------------------------------------------------

_apps: dict = {}


def _app(config: dict):
    """The worker's own app on the server's database, made once per worker and database (its engine and pool of
    connections with it); the rest of the configuration follows the server's at each job."""
    key = config["SQLALCHEMY_DATABASE_URI"]
    if key not in _apps:
        from kiosk import create_app
        _apps[key] = create_app(dict(config))
    _apps[key].config.update(config)
    return _apps[key]


def _worker_start() -> None:
    """A worker yields the CPU to the server's loop (JOB_NICE, default 5): the hall's scans and steps come first, and
    a badge sheet still gets most of a core the loop is not using."""
    raw = os.environ.get("JOB_NICE", "5")
    with contextlib.suppress(OSError, ValueError):
        os.nice(max(0, min(19, int(raw))))


class Progress:
    """What a job function calls with (done, total); written at most a few times a second, then read by the API."""

    def __init__(self, path: Path | None):
        self.path, self.last = path, 0.0

    def __call__(self, done: int, total: int | None = None, force: bool = False) -> None:
        now = time.monotonic()
        if self.path is None or (not force and now - self.last < 0.2 and done != total):
            return
        self.last = now
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(json.dumps({"done": done, "total": total}))
        os.replace(partial, self.path)


def _in_app(config: dict, target: str, args: tuple, acting_user: str | None = None, **kwargs) -> dict:
    """Runs in a worker: `target(*args)` in an app context; {"value"} or the error a route would have answered.
    `acting_user` is who asked, for the audit lines the work writes (record.audit)."""
    from flask import g

    from kiosk.extensions import db
    from kiosk.lists.problems import ImportProblems

    module, name = target.split(":")
    app = _app(config)
    with app.app_context():
        g.kiosk_acting_user = acting_user
        try:
            return {"pid": os.getpid(), "value": getattr(import_module(module), name)(*args, **kwargs)}
        except ImportProblems as e:
            return {"pid": os.getpid(), "status": 400, "error": e.code, "message": e.message, "problems": e.problems}
        except ApiError as e:
            return {"pid": os.getpid(), "status": e.status, "error": e.code, "message": e.message}
        except Exception:
            app.logger.exception("job %s%r failed", target, args)
            return {"pid": os.getpid(), "status": 503, "error": "job_failed", "message": FAILED}
        finally:
            db.session.rollback()
            db.session.remove()
            if db.engine.dialect.name == "sqlite":
                # a connection is opened anew for the next job (a millisecond): one kept open would go on reading
                # a database file that `flask restore` has since replaced
                db.engine.dispose()


def _work(config: dict, target: str, args: tuple, out: str) -> dict:
    """Runs in a worker: the job's function; its file written whole, then moved into place."""
    out_path = Path(out)
    progress = Progress(out_path.with_suffix(".progress"))
    progress(0, None, force=True)
    outcome = _in_app(config, target, args, progress=progress)
    data = outcome.pop("value", None)
    if data is not None:
        partial = out_path.with_name(out_path.name + ".partial")
        partial.write_bytes(data)
        os.replace(partial, out_path)
        outcome["size"] = len(data)
    _write_json(out_path.with_suffix(".outcome"), outcome)  # for the server's other processes (JobBoard.get)
    return outcome


def _write_json(path: Path, value) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(value, ensure_ascii=False))
    os.replace(partial, path)


def _warm(config: dict) -> int:
    """Makes the worker's app before the first real job needs it (imports, fonts)."""
    _app(config)
    return os.getpid()


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
    outcome = _wait_in_pool(partial(_in_app, acting_user=user), worker_config(current_app), target, args)
    if outcome.get("problems"):
        raise ImportProblems(outcome["problems"])
    if "error" in outcome:
        raise ApiError(outcome["status"], outcome["error"], outcome["message"])
    return outcome["value"]


def _wait_in_pool(function, *args):
    pool = _pool()
    try:
        return wait(pool.submit(function, *args))
    except BrokenProcessPool:
        _drop_broken_pool(pool)
        raise ApiError(503, "job_stopped", STOPPED) from None


# --- in the server process ----------------------------------------------------------------------------------------

_pool_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None


def pool_size() -> int:
    """JOB_WORKERS, else one core fewer than the machine has (one is the loop's), at least one, at most four."""
    raw = os.environ.get("JOB_WORKERS", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def _pool() -> ProcessPoolExecutor:
    """The process's pool, made at first use. Workers are spawned, not forked: a fork of the server would carry its
    gevent hub, its sockets and its database connections into the child."""
    global _executor
    with _pool_lock:
        if _executor is None:
            _executor = ProcessPoolExecutor(pool_size(), mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_worker_start)
        return _executor


def _drop_broken_pool(pool: ProcessPoolExecutor) -> None:
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
    pool = _pool()
    for _ in range(pool_size()):
        pool.submit(_warm, config)


def wait(future: Future):
    """The future's answer. Under gevent the waiting greenlet sleeps and the loop serves the hall meanwhile
    (threading is patched); in a threaded server the request's thread waits."""
    return future.result()


@dataclass
class Job:
    id: str
    kind: Kind
    event_id: int
    args: tuple
    out: Path
    future: Future | None  # None: a job of another server process, known by its files (JobBoard.get)
    created: float = field(default_factory=time.monotonic)
    download_name: str | None = None

    @property
    def progress_path(self) -> Path:
        return self.out.with_suffix(".progress")

    def finished(self) -> bool:
        return self.future.done() if self.future is not None else self.out.with_suffix(".outcome").exists()

    def outcome(self) -> dict | None:
        """The worker's answer once finished, else None; a dead worker is a failed job, not an error."""
        if self.future is None:
            try:
                return json.loads(self.out.with_suffix(".outcome").read_text())
            except (OSError, ValueError):
                return None
        if not self.future.done():
            return None
        try:
            return self.future.result()
        except BrokenProcessPool:
            return {"status": 503, "error": "job_stopped", "message": STOPPED}
        except Exception:  # the worker's answer never came back (cancelled at shutdown, unpicklable)
            log.exception("job %s lost", self.id)
            return {"status": 503, "error": "job_failed", "message": FAILED}

    def to_api(self) -> dict:
        outcome = self.outcome()
        done, total, started = 0, None, False
        try:
            figures = json.loads(self.progress_path.read_text())
            done, total, started = figures["done"], figures["total"], True
        except (OSError, ValueError, KeyError):
            pass
        if outcome is None:
            status = "running" if started else "queued"
        elif "error" in outcome:
            status = "failed"
        else:
            status = "done"
        answer = {"id": self.id, "kind": self.kind.name, "event_id": self.event_id, "status": status,
                  "label": self.kind.label, "done": done, "total": total, "file": None, "error": None,
                  "message": None}
        if status == "done":
            answer["file"] = f"/api/events/{self.event_id}/jobs/{self.id}/file"
        if status == "failed":
            answer.update(error=outcome["error"], message=outcome["message"])
            if outcome.get("problems"):
                answer["problems"] = outcome["problems"]
        return answer

    def raise_if_failed(self) -> None:
        outcome = self.outcome()
        if outcome is not None and "error" in outcome:
            raise ApiError(outcome.get("status", 503), outcome["error"], outcome["message"])

    def send(self):
        """The finished file as the answer; a failed job answers its error (4xx, or 503 when the worker failed)."""
        self.raise_if_failed()
        # read whole (a few MB from the page cache, milliseconds): the answer holds no open file, whoever reads it
        return send_file(io.BytesIO(self.out.read_bytes()), mimetype=self.kind.mimetype, as_attachment=self.kind.attachment,
                         download_name=self.download_name or self.kind.filename.format(event_id=self.event_id),
                         max_age=0)


class JobBoard:
    """The jobs of one server process: found by id, and by kind and arguments while they run."""

    def __init__(self, app):
        self.folder = Path(app.config["INSTANCE_DIR"]) / "jobs"
        self.config = worker_config(app)
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()

    def submit(self, kind_name: str, event_id: int, *args, download_name: str | None = None) -> Job:
        kind = _KINDS[kind_name]
        all_args = (event_id, *args)
        with self.lock:
            self._forget_old()
            for job in self.jobs.values():
                if job.kind is kind and job.args == all_args and not job.finished():
                    return job
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            job_id = secrets.token_urlsafe(12)
            out = self.folder / f"{job_id}.out"
            _write_json(out.with_suffix(".job"), {"kind": kind.name, "event_id": event_id,
                                                  "download_name": download_name})
            future = self._submit(kind, all_args, out)
            job = self.jobs[job_id] = Job(job_id, kind, event_id, all_args, out, future, download_name=download_name)
            return job

    def _submit(self, kind: Kind, args: tuple, out: Path) -> Future:
        pool = _pool()
        try:
            future = pool.submit(_work, self.config, kind.target, args, str(out))
        except BrokenProcessPool:
            _drop_broken_pool(pool)
            future = _pool().submit(_work, self.config, kind.target, args, str(out))
        future.add_done_callback(lambda f: _drop_broken_pool(pool) if _broken(f) else None)
        return future

    def get(self, job_id: str) -> Job | None:
        """This process's job, or one another server process on the same instance folder made (behind nginx the
        organiser's next request may reach another process): known by the files it leaves."""
        if job_id in self.jobs:
            return self.jobs[job_id]
        if not JOB_ID.fullmatch(job_id):
            return None
        out = self.folder / f"{job_id}.out"
        try:
            meta = json.loads(out.with_suffix(".job").read_text())
            kind = _KINDS[meta["kind"]]
        except (OSError, ValueError, KeyError):
            return None
        return Job(job_id, kind, meta["event_id"], (meta["event_id"],), out, None,
                   download_name=meta.get("download_name"))

    def _forget_old(self) -> None:
        now = time.monotonic()
        finished = [j for j in self.jobs.values() if j.finished()]
        finished.sort(key=lambda j: j.created)
        excess = len(self.jobs) - KEEP_JOBS
        for job in finished:
            if now - job.created > KEEP_SECONDS or excess > 0:
                excess -= 1
                del self.jobs[job.id]
                for suffix in (".out", ".progress", ".job", ".outcome"):
                    job.out.with_suffix(suffix).unlink(missing_ok=True)


def _broken(future: Future) -> bool:
    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def board() -> JobBoard:
    return current_app.extensions["kiosk_jobs"]


def answer(kind_name: str, event_id: int, *args, download_name: str | None = None):
    """The old download URL's answer: the job made (or joined), waited for off the loop, its file sent."""
    job = board().submit(kind_name, event_id, *args, download_name=download_name)
    with contextlib.suppress(Exception):
        wait(job.future)
    return job.send()


def init_app(app) -> None:
    from kiosk import job_routes

    app.register_blueprint(job_routes.bp)
    app_memory.keep("kiosk_jobs", JobBoard)

