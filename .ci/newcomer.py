"""The newcomer's path, walked by CI before the suite (and by `make newcomer`): a brand-new clone of the committed
tree, `make run` with nothing else (it makes its own virtual environment from requirements.txt alone, no test
packages), then `make serve` on the same clone. Each must serve: /healthz, the demo accounts printed, a sign-in
with one of them, and a Socket.IO client receiving the MC's step. A runtime package that only the test packages
bring in fails here.

Run with the development environment's Python (it needs requests and python-socketio's client):
    .venv/bin/python .ci/newcomer.py
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT_LINE = re.compile(r"^\s{2}(\S+)\s+(organiser|mc|door|usher|display)\s+(\S+)\s*$", re.MULTILINE)
SCREENS = ("/display/", "/control/", "/checkin/")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fail(message: str, log: Path | None = None) -> None:
    print(f"NEWCOMER CHECK FAILED: {message}", file=sys.stderr)
    if log and log.exists():
        print("--- the last lines the command printed ---", file=sys.stderr)
        print("\n".join(log.read_text(errors="replace").splitlines()[-40:]), file=sys.stderr)
    sys.exit(1)


class Started:
    """`make TARGET` in the clone, in a process group of its own (make, gunicorn and its worker stop together)."""

    def __init__(self, clone: Path, target: str, log: Path):
        self.port, self.log = free_port(), log
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "DATABASE_URL",
                                                                "REDIS_URL", "KIOSK_INSTANCE", "MAKEFLAGS")}
        env.update(PORT=str(self.port), HTTPS_PORT=str(free_port()), HOST="127.0.0.1")
        self.process = subprocess.Popen(["make", target], cwd=clone, env=env, stdout=log.open("w"),
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_serving(self, seconds: float) -> float:
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if self.process.poll() is not None:
                fail(f"`make` stopped with exit code {self.process.returncode} before serving", self.log)
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).json() == {"status": "ok"}:
                    return time.monotonic() - started
            except (requests.RequestException, ValueError):
                pass
            time.sleep(0.5)
        fail(f"{self.url}/healthz did not answer within {seconds:.0f} s", self.log)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def a_step_reaches_a_screen(url: str, username: str, password: str, log: Path) -> None:
    """Signs in as the MC, joins a screen to the first event, steps, and waits for the screen to get the step."""
    mc = requests.Session()
    answer = mc.post(f"{url}/api/login", json={"username": username, "password": password}, timeout=10)
    if answer.status_code != 200 or answer.json().get("role") != "mc":
        fail(f"sign-in as {username} with the printed password answered {answer.status_code}: {answer.text[:200]}",
             log)
    mc.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    event_id = requests.get(f"{url}/api/events", timeout=10).json()[0]["id"]
    states, arrived = [], threading.Event()
    screen = socketio.Client(reconnection=False)

    @screen.on("live_state")
    def on_state(state):
        states.append(state)
        arrived.set()

    screen.connect(url, transports=["websocket"], wait_timeout=10)
    try:
        screen.call("join", {"event_id": event_id}, timeout=10)
        if not arrived.wait(10):
            fail("a screen that joined was not sent the live state", log)
        before = states[-1]["version"]
        stepped = mc.post(f"{url}/api/events/{event_id}/live/next", timeout=10)
        if stepped.status_code != 200:
            fail(f"the MC's step answered {stepped.status_code}: {stepped.text[:200]}", log)
        deadline = time.monotonic() + 10
        while not any(s["version"] == before + 1 for s in states):
            if time.monotonic() > deadline:
                fail(f"the screen never received the step (versions seen: {[s['version'] for s in states]})", log)
            time.sleep(0.05)
    finally:
        screen.disconnect()


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="kiosk-newcomer-"))
    clone = work / "kiosk-dai-hoi"
    try:
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)

        run = Started(clone, "run", work / "make-run.log")
        try:
            seconds = run.wait_until_serving(600)
            printed = run.log.read_text(errors="replace")
            accounts = {name: password for name, _role, password in ACCOUNT_LINE.findall(printed)}
            if "mc" not in accounts:
                fail("`make run` printed no demo accounts", run.log)
            missing = [path for path in SCREENS if path not in printed]
            if missing:
                fail(f"`make run` did not print the screens' addresses {missing}", run.log)
            test_packages = subprocess.run([str(clone / ".venv/bin/python"), "-c", "import pytest"],
                                           capture_output=True)
            if test_packages.returncode == 0:
                fail("the environment `make run` made holds pytest: it is not the runtime alone", run.log)
            a_step_reaches_a_screen(run.url, "mc", accounts["mc"], run.log)
            print(f"newcomer: `make run` on a fresh clone served in {seconds:.0f} s (install included), "
                  f"{len(accounts)} demo accounts printed, mc signed in, a screen got the step")
        finally:
            run.stop()

        serve = Started(clone, "serve", work / "make-serve.log")
        try:
            seconds = serve.wait_until_serving(120)
            a_step_reaches_a_screen(serve.url, "mc", accounts["mc"], serve.log)
            print(f"newcomer: `make serve` on the same clone served in {seconds:.0f} s, mc signed in, "
                  "a screen got the step")
        finally:
            serve.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
