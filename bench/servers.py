"""The servers the benchmarks measure, and what they need around them (their databases: bench/databases.py).

The real application is served as `make serve` serves it: gunicorn with the checked-in gunicorn.conf.py (one gevent
worker per process), one process on SQLite, or several on PostgreSQL behind a real nginx (deploy/nginx.conf with the
benchmark's ports) sharing Redis. The bare apps it is compared with stay as small as they can be, and are served
the same way (gunicorn, one gevent worker per process; class Bare):

  bare_app()          a bare Flask-SocketIO app that only broadcasts BARE_SIZE bytes per step
  bare_door_app()     a bare Flask + SQLAlchemy endpoint doing one conditional UPDATE on the table `bare_door` of
                      BARE_DATABASE (bench.databases.prepare_bare_door)
  bare_ballot_app()   the same for an electronic ballot on the table `bare_ballot`

Everything listens on 127.0.0.1 only, in temporary directories and databases that are removed afterwards.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
# The project before bench/ on the path: bench/checkin.py must not shadow the checkin package.
sys.path.insert(0, str(ROOT))
from bench.databases import PG_ADMIN_URL  # noqa: E402

REDIS_URL = os.environ.get("KIOSK_BENCH_REDIS", "redis://127.0.0.1:6379/0")
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60, path: str = "/healthz") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server stopped ({process.returncode})")
        try:
            requests.get(f"{url}{path}", timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group this module started, SIGKILL if it is still there after 15 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far (from /proc; 0 for one that is gone)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of proc(5)
    return total / os.sysconf("SC_CLK_TCK")


def waiting_for_cpu(pids: list[int]) -> float:
    """Seconds the processes' threads (those alive now) have spent runnable but waiting for a CPU (schedstat)."""
    total = 0
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                total += int((task / "schedstat").read_text().split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return total / 1e9


def database_activity(url: str) -> tuple[int, float]:
    """(sessions opened so far, milliseconds spent executing statements) of the database of `url`, from
    pg_stat_database (PostgreSQL 14 and later; the statistics reach it within about a second)."""
    from sqlalchemy import create_engine, text
    admin = create_engine(PG_ADMIN_URL)
    with admin.connect() as conn:
        row = conn.execute(text("SELECT sessions, active_time FROM pg_stat_database WHERE datname = :name"),
                           {"name": url.rsplit("/", 1)[1]}).one()
    admin.dispose()
    return int(row[0]), float(row[1])


def children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


# --- the real application, served as `make serve` serves it ----------------------------------------------------

class Kiosk:
    """`gunicorn -c gunicorn.conf.py` in its own process group on a free port of 127.0.0.1."""

    def __init__(self, url: str, directory: str, redis_channel: str | None = None, name: str = "kiosk",
                 extra_env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        instance = Path(directory, f"instance-{name}")
        instance.mkdir(exist_ok=True)
        self.log = Path(directory, f"{name}.log")
        env = {**os.environ, "DATABASE_URL": url, "PORT": str(self.port), "HOST": "127.0.0.1", "SECRET_KEY": "bench",
               "KIOSK_INSTANCE": str(instance), "HONOURS_AUTO_PAGE_SECONDS": "0", "PYTHONPATH": str(ROOT)}
        env.pop("REDIS_URL", None)
        if redis_channel:
            env.update(REDIS_URL=REDIS_URL, SOCKETIO_CHANNEL=redis_channel)
        env.update(extra_env or {})
        with open(self.log, "w") as log:
            self.process = subprocess.Popen([GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")], cwd=ROOT, env=env,
                                            stdout=log, stderr=log, start_new_session=True)
        try:
            wait_until_up(self.url, self.process)
        except RuntimeError:
            stop(self.process)
            raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-2000:]}") from None

    def worker_pids(self) -> list[int]:
        """gunicorn's worker processes (the master only watches them)."""
        return children(self.process.pid)

    def stop(self):
        stop(self.process)


class Nginx:
    """A real nginx with deploy/nginx.conf as checked in, but this run's ports and a private prefix: the API balanced
    per request to the least busy process over kept-open connections, /socket.io/ sticky by the client's address."""

    def __init__(self, backends: list[int], directory: str):
        if not os.path.exists(NGINX):
            raise RuntimeError("nginx is not installed: apt-get install nginx-light (make test installs it)")
        prefix = Path(directory, "nginx")
        prefix.mkdir(exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        text = (ROOT / "deploy" / "nginx.conf").read_text()
        text = text.replace("pid /run/kiosk-nginx.pid;", f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;")
        text = text.replace("listen 80;", f"listen 127.0.0.1:{self.port};")
        text = re.sub(r"(        server 127\.0\.0\.1:\d+;\n)+",
                      "".join(f"        server 127.0.0.1:{port};\n" for port in backends), text)
        # one nginx worker: the two cores are for the application, the database and the load
        text = text.replace("worker_processes auto;", "worker_processes 1;")
        temp_paths = "".join(f"    {name}_temp_path {prefix}/{name};\n"
                             for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        text = text.replace("http {\n", "http {\n" + temp_paths, 1)
        config = prefix / "nginx.conf"
        config.write_text(text)
        self.process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(prefix), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until_up(self.url, self.process)

    def pids(self) -> list[int]:
        return [self.process.pid, *children(self.process.pid)]

    def stop(self):
        stop(self.process)


class Bare:
    """One of the bare comparison apps below, served as the product is: gunicorn's gevent worker, one process, the
    same worker_connections and keep-alive as gunicorn.conf.py, but none of the product's hooks. A threaded server
    would be slower and flatter the ratios (issue 19)."""

    def __init__(self, factory: str, directory: str, path: str = "/healthz", **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [GUNICORN, "-k", "gevent", "--workers", "1", "--worker-connections", "5000", "--keep-alive", "5",
             "--timeout", "30", "-b", f"127.0.0.1:{self.port}", f"bench.servers:{factory}()"],
            # run in the benchmark's own directory, where gunicorn finds no gunicorn.conf.py to read
            cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), **env})
        wait_until_up(self.url, self.process, path=path)

    def worker_pids(self) -> list[int]:
        return children(self.process.pid)

    def stop(self):
        stop(self.process)


# --- the bare apps (gunicorn factories: "bench.servers:NAME()") --------------------------------------------------

def _bare_database(app, url: str):
    """Flask-SQLAlchemy on `url`, with the product's SQLite pragmas (WAL, a busy wait) so that only the app differs."""
    from flask_sqlalchemy import SQLAlchemy
    from sqlalchemy import event as sa_event

    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if not url.startswith("sqlite"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 20, "max_overflow": 30}
    db = SQLAlchemy(app)
    with app.app_context():
        if url.startswith("sqlite"):
            @sa_event.listens_for(db.engine, "connect")
            def pragmas(connection, record):
                for pragma in ("journal_mode=WAL", "busy_timeout=10000", "synchronous=NORMAL"):
                    connection.execute(f"PRAGMA {pragma}")
    return db


def _healthz(app):
    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}


def bare_app():
    """A bare Flask-SocketIO app that only broadcasts BARE_SIZE bytes per step to an event's room."""
    from flask import Flask, request
    from flask_socketio import SocketIO, join_room

    app = Flask(__name__)
    socketio = SocketIO(app)
    size = int(os.environ.get("BARE_SIZE", "1000"))
    state = {"version": 1}
    _healthz(app)

    @socketio.on("join")
    def on_join(data):
        join_room(f"event:{data['event_id']}")

    @app.post("/step/<int:event_id>")
    def step(event_id):
        state["version"] += 1
        payload = {"event_id": event_id, "version": state["version"], "padding": "x" * size}
        socketio.emit("live_state", payload, to=f"event:{event_id}")
        return {"version": state["version"], "bytes": len(request.data)}

    return app


def bare_door_app():
    """One table, one conditional UPDATE per request on BARE_DATABASE: the least a check-in endpoint can do."""
    from datetime import UTC, datetime

    from flask import Flask, request
    from sqlalchemy import text

    app = Flask(__name__)
    db = _bare_database(app, os.environ["BARE_DATABASE"])
    _healthz(app)

    @app.post("/api/events/1/checkin")
    def checkin():
        code = request.get_json()["code"]
        won = db.session.execute(text("UPDATE bare_door SET checked_in_at = :t WHERE code = :c AND checked_in_at IS NULL"),
                                 {"t": datetime.now(UTC).isoformat(), "c": code}).rowcount == 1
        db.session.commit()
        return {"result": "checked_in" if won else "already_checked_in"}

    return app


def bare_ballot_app():
    """One conditional UPDATE per ballot on one table of tokens (BARE_DATABASE), the least an electronic ballot
    can do."""
    from flask import Flask, request
    from sqlalchemy import text

    app = Flask(__name__)
    db = _bare_database(app, os.environ["BARE_DATABASE"])
    _healthz(app)

    @app.post("/api/ballots/<token>")
    def ballot(token):
        choice = request.get_json()["choice"]
        won = db.session.execute(text("UPDATE bare_ballot SET choice = :c WHERE token = :t AND choice IS NULL"),
                                 {"c": choice, "t": token}).rowcount == 1
        db.session.commit()
        return {"result": "voted" if won else "already_voted"}

    return app
