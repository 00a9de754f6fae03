"""Heavy work off the loop: badge sheets, papers, workbooks and backups run in a small pool of worker processes
started with the server, so the one gevent loop that carries every socket, scan and step of the hall is never
held by them (DESIGN.md, "The loop serves the hall").

A job is a kind (registered by the feature that owns it: `register(Kind(...))`) and its arguments. Its function,
named by a dotted path, runs in a worker process (kiosk.job_worker, in the pool of kiosk.job_pool) inside an app of
its own on the same database, and writes its file into `instance/jobs/`; only a few bytes come back through the
pipe, so the loop never reads a ten-megabyte answer. While it runs it writes its progress beside the file; the job API
(kiosk.job_routes) reads that, and the old download URLs wait for the job without holding the loop (`answer`).

Two organisers asking for the same paper at once share one job: a job still running is found by its kind and
arguments before a new one is made."""
import contextlib
import io
import json
import logging
import re
import secrets
import threading
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app, send_file

from kiosk import app_memory, job_pool
from kiosk.errors import ApiError
from kiosk.job_pool import STOPPED
from kiosk.job_worker import FAILED, work, write_json

log = logging.getLogger(__name__)

KEEP_SECONDS = 15 * 60   # a finished job's file can be fetched this long
KEEP_JOBS = 200          # and at most this many jobs are remembered
JOB_ID = re.compile(r"[A-Za-z0-9_-]{16}")  # secrets.token_urlsafe(12)


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
        self.config = job_pool.worker_config(app)
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
            write_json(out.with_suffix(".job"), {"kind": kind.name, "event_id": event_id,
                                                  "download_name": download_name})
            future = self._submit(kind, all_args, out)
            job = self.jobs[job_id] = Job(job_id, kind, event_id, all_args, out, future, download_name=download_name)
            return job

    def _submit(self, kind: Kind, args: tuple, out: Path) -> Future:
        pool = job_pool.get_pool()
        try:
            future = pool.submit(work, self.config, kind.target, args, str(out))
        except BrokenProcessPool:
            job_pool.drop_broken(pool)
            future = job_pool.get_pool().submit(work, self.config, kind.target, args, str(out))
        future.add_done_callback(lambda f: job_pool.drop_broken(pool) if job_pool.broken(f) else None)
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


def board() -> JobBoard:
    return current_app.extensions["kiosk_jobs"]


def answer(kind_name: str, event_id: int, *args, download_name: str | None = None):
    """The old download URL's answer: the job made (or joined), waited for off the loop, its file sent."""
    job = board().submit(kind_name, event_id, *args, download_name=download_name)
    with contextlib.suppress(Exception):
        job_pool.wait(job.future)
    return job.send()


def init_app(app) -> None:
    app_memory.keep("kiosk_jobs", JobBoard)

