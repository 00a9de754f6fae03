"""A job worker process (kiosk.job_pool starts them): the job's function runs in an app of its own on the server's
database and writes its file into `instance/jobs/`; only a few bytes (the worker's pid, the error if any) go back
through the pipe. Its progress is written beside the file, for the job API to read."""
import contextlib
import json
import os
import time
from importlib import import_module
from pathlib import Path

from kiosk.errors import ApiError

FAILED = "Không tạo được tệp do lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo kỹ thuật viên."


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


def worker_start() -> None:
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


def in_app(config: dict, target: str, args: tuple, acting_user: str | None = None, **kwargs) -> dict:
    """Runs in a worker: `target(*args)` in an app context; {"value"} or the error a route would have answered.
    `acting_user` is who asked, for the audit lines the work writes (kiosk.audit)."""
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


def work(config: dict, target: str, args: tuple, out: str) -> dict:
    """Runs in a worker: the job's function; its file written whole, then moved into place."""
    out_path = Path(out)
    progress = Progress(out_path.with_suffix(".progress"))
    progress(0, None, force=True)
    outcome = in_app(config, target, args, progress=progress)
    data = outcome.pop("value", None)
    if data is not None:
        partial = out_path.with_name(out_path.name + ".partial")
        partial.write_bytes(data)
        os.replace(partial, out_path)
        outcome["size"] = len(data)
    write_json(out_path.with_suffix(".outcome"), outcome)  # for the server's other processes (JobBoard.get)
    return outcome


def write_json(path: Path, value) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(value, ensure_ascii=False))
    os.replace(partial, path)


def warm(config: dict) -> int:
    """Makes the worker's app before the first real job needs it (imports, fonts)."""
    _app(config)
    return os.getpid()
