"""Issue 19's measure: does heavy work stop the hall? One `make run`-style server (gunicorn, gevent, SQLite) with
N delegates; a door scans every 100 ms and the MC steps every 500 ms, first with nothing else going on (the
baseline), then while the organiser downloads each heavy file by its old URL (badges.pdf, attendance.xlsx,
credentials.pdf, archive.xlsx, ...), then while twenty wrong passwords a second arrive from twenty addresses.
For each: the door's and the MC's latency (p50, p99, max), how long the file took, how long the same file takes made
directly in this process (the time it held the loop before the job workers), and the stalls the server's loop
watch saw (GET /api/loop).

    .venv/bin/python bench/heavy.py [--delegates 1000 2000] [--files badges.pdf attendance.xlsx ...] [--json out.json]

Targets (issue 19, "How fast"): scan p99 under 100 ms, no scan or step over 300 ms, each file no slower than 1.3x
made directly. On a 2-core machine shared with other work the absolute figures move with the load (printed).
"""
import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.databases import MC_PASSWORD, database, prepare_door
from bench.servers import Kiosk

FILES = ("badges.pdf", "attendance.xlsx", "credentials.pdf", "archive.xlsx", "minutes.pdf", "credentials.docx")
ORGANISER = ("btc", "bench-mat-khau-btc")


def prepare_organiser(url: str, directory: str) -> None:
    from bench.databases import bench_app
    from kiosk.extensions import db
    from kiosk.identity.accounts import create_account
    app = bench_app(url, directory)
    with app.app_context():
        create_account(*ORGANISER[:1], "organiser", ORGANISER[1])
        db.session.remove()
        db.engine.dispose()


def made_directly(url: str, directory: str, kind: str) -> float:
    """Seconds to make the file in this process, as the old routes made it on the server's loop."""
    from bench.databases import bench_app
    from kiosk import jobs
    from kiosk.extensions import db
    from kiosk.job_worker import Progress
    app = bench_app(url, directory)
    target = jobs.kinds()[kind].target
    module, name = target.split(":")
    function = getattr(__import__(module, fromlist=[name]), name)
    with app.app_context():
        started = time.perf_counter()
        function(1, progress=Progress(None))
        elapsed = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    return elapsed


def signed_in(url: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    answer = session.post(f"{url}/api/login", json={"username": username, "password": password}, timeout=30)
    answer.raise_for_status()
    session.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    return session


class Hall:
    """The door scanning every 100 ms and the MC stepping every 500 ms, each timing every answer."""

    def __init__(self, url: str, codes: list[str]):
        self.url, self.codes = url, codes
        self.door = signed_in(url, "cua", MC_PASSWORD)
        self.mc = signed_in(url, "mc", MC_PASSWORD)
        self.scans: list[float] = []
        self.steps: list[float] = []
        self.errors = 0
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._scan, daemon=True),
                        threading.Thread(target=self._step, daemon=True)]

    def _every(self, seconds: float, action, into: list[float]) -> None:
        next_at = time.perf_counter()
        while not self.stopping.is_set():
            started = time.perf_counter()
            try:
                if action().status_code >= 400:
                    self.errors += 1
            except requests.RequestException:
                self.errors += 1
            into.append((time.perf_counter() - started) * 1000)
            next_at += seconds
            self.stopping.wait(max(0.0, next_at - time.perf_counter()))

    def _scan(self) -> None:
        rng = random.Random(7)
        self._every(0.1, lambda: self.door.post(f"{self.url}/api/events/1/checkin",
                                                json={"code": rng.choice(self.codes), "door": "Cửa 1"}, timeout=60),
                    self.scans)

    def _step(self) -> None:
        forward = [True]

        def step():
            forward[0] = not forward[0]
            return self.mc.post(f"{self.url}/api/events/1/live/{'next' if forward[0] else 'previous'}", timeout=60)
        self._every(0.5, step, self.steps)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)


def figures(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0, "p50": None, "p99": None, "max": None}
    ordered = sorted(samples)
    return {"n": len(ordered), "p50": statistics.median(ordered),
            "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], "max": ordered[-1]}


def loop_stalls(organiser: requests.Session, url: str) -> int:
    return organiser.get(f"{url}/api/loop", timeout=30).json().get("stalls", 0)


def phase(url, codes, organiser, name, action) -> dict:
    """The hall's latencies while `action()` runs (its seconds returned with them)."""
    before = loop_stalls(organiser, url)
    with Hall(url, codes) as hall:
        time.sleep(1)  # the door and the MC in their rhythm before the work begins
        started = time.perf_counter()
        detail = action()
        seconds = time.perf_counter() - started
        time.sleep(0.5)
    return {"scenario": name, "seconds": seconds, "detail": detail, "scan": figures(hall.scans),
            "step": figures(hall.steps), "errors": hall.errors, "loop_stalls": loop_stalls(organiser, url) - before}


def wrong_passwords(url: str, seconds: float) -> dict:
    """Twenty wrong passwords a second, from twenty addresses (X-Forwarded-For; the server trusts one proxy)."""
    answers, stop_at = [], time.monotonic() + seconds

    def guesser(n):
        session = requests.Session()
        next_at = time.monotonic()
        while time.monotonic() < stop_at:
            try:
                answers.append(session.post(f"{url}/api/login", json={"username": f"doan-{n}-{len(answers)}",
                                                                       "password": "sai-mat-khau"},
                                            headers={"X-Forwarded-For": f"10.9.0.{n + 1}"}, timeout=60).status_code)
            except requests.RequestException:
                answers.append(0)
            next_at += 1.0
            time.sleep(max(0.0, next_at - time.monotonic()))
    threads = [threading.Thread(target=guesser, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {status: answers.count(status) for status in sorted(set(answers))}


def run(count: int, files: list[str], baseline_seconds: float) -> list[dict]:
    rows = []
    os.environ["TRUSTED_PROXIES"] = "1"  # the wrong passwords come "from" twenty addresses
    with database("sqlite") as (url, directory):
        prepare_door(url, directory, count)
        prepare_organiser(url, directory)
        codes = Path(directory, "codes.txt").read_text().split()
        server = Kiosk(url, directory)
        try:
            organiser = signed_in(server.url, *ORGANISER)
            time.sleep(2)  # the job workers warm up with the server
            rows.append(phase(server.url, codes, organiser, "nothing else (baseline)",
                              lambda: time.sleep(baseline_seconds)))
            for kind in files:
                def download(kind=kind):
                    answer = organiser.get(f"{server.url}/api/events/1/{kind}", timeout=600)
                    return {"status": answer.status_code, "bytes": len(answer.content)}
                row = phase(server.url, codes, organiser, kind, download)
                row["directly_s"] = made_directly(url, directory, kind)
                rows.append(row)
            rows.append(phase(server.url, codes, organiser, "20 wrong passwords/s",
                              lambda: wrong_passwords(server.url, baseline_seconds)))
        finally:
            server.stop()
    for row in rows:
        row["delegates"] = count
    return rows


def ms(value) -> str:
    return "-" if value is None else f"{value:.0f}"


def print_table(rows: list[dict]) -> None:
    print(f"{'delegates':>9}  {'while':<26} {'took s':>7} {'direct s':>8}  {'scan p50':>8} {'p99':>5} {'max':>5}  "
          f"{'step p50':>8} {'p99':>5} {'max':>5}  {'stalls':>6} {'errors':>6}")
    for r in rows:
        direct = f"{r['directly_s']:.2f}" if "directly_s" in r else "-"
        print(f"{r['delegates']:>9,}  {r['scenario']:<26} {r['seconds']:>7.2f} {direct:>8}  "
              f"{ms(r['scan']['p50']):>8} {ms(r['scan']['p99']):>5} {ms(r['scan']['max']):>5}  "
              f"{ms(r['step']['p50']):>8} {ms(r['step']['p99']):>5} {ms(r['step']['max']):>5}  "
              f"{r['loop_stalls']:>6} {r['errors']:>6}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--files", nargs="+", default=list(FILES[:4]), choices=FILES)
    parser.add_argument("--seconds", type=float, default=8, help="the baseline's and the passwords' length")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    rows = []
    for count in args.delegates:
        rows += run(count, args.files, args.seconds)
    print(f"load average before/after: {os.getloadavg()[0]:.1f} (2-core machine: figures move with it)")
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
