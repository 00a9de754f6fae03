"""Check-in under load, the real application against a bare endpoint, in up to three set-ups:

  sqlite      one `gunicorn -c gunicorn.conf.py` process on SQLite, against one bare Flask + SQLAlchemy app on
              SQLite doing one conditional UPDATE per scan, served the same way (gunicorn, one gevent worker);
  pg          two gunicorn processes on one PostgreSQL database sharing Redis, behind a real nginx with
              deploy/nginx.conf as checked in; against two bare processes on the same PostgreSQL behind the same
              nginx configuration (the API balanced per request, /socket.io/ sticky by the client's address).

For each set-up:
(a) stress: 32 connections without pause (wrk, from Debian's packages: little CPU per request), check-ins per
    second and p50/p99; every request checks in a different delegate. Rounds on each server taken in turn, and the
    ratio of the medians: on two cores one round alone varies by several percent.
(b) the door: 20 tablets each scanning once a second (open loop, asyncio), p50/p99; for the real application 20
    door tablets and one MC panel watch the attendance over Socket.IO and must all see the final count.

    .venv/bin/python bench/checkin.py [--setups sqlite pg] [--seconds 10] [--rounds 3]
                                      [--door-seconds 15] [--json out.json]
"""
import argparse
import asyncio
import json
import secrets
import shutil
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import profile  # noqa: E402
from bench.databases import database, prepare_bare_door, prepare_door  # noqa: E402
from bench.door_load import door_load, sign_in, stress  # noqa: E402
from bench.servers import Bare, Kiosk, Nginx, cpu_seconds, database_activity, waiting_for_cpu  # noqa: E402

DELEGATES = 100000
CODES_PER_ROUND = 30000  # more than 32 connections scan in 10 s here (up to about 2,000/s)
DOOR_CODES = 600
WARM_UP_CODES = 4000
SETUPS = {"sqlite": "1 process, SQLite", "pg": "2 processes, PostgreSQL, behind nginx (deploy/nginx.conf), Redis"}


class Target:
    """One benchmarked endpoint (a server, or nginx in front of several) with its own delegate codes."""

    def __init__(self, url: str, directory: str, door_account: bool, pids: list[int] | None = None,
                 proxy_pids: list[int] | None = None, database_url: str | None = None):
        self.url, self.pids, self.proxy_pids = url, pids or [], proxy_pids or []
        self.database_url = database_url  # PostgreSQL: its server processes' CPU is counted too
        self.codes_file = Path(directory, "codes.txt")
        self.codes = self.codes_file.read_text().split()
        self.door_account = door_account
        self.cookie, self.token = sign_in(url, "cua") if door_account else ("", "")

    def stress(self, round_index, seconds):
        """wrk's figures, and the CPU time the server processes (and nginx) spent per request meanwhile."""
        activity = self.database_activity()
        before = cpu_seconds(self.pids), cpu_seconds(self.proxy_pids), waiting_for_cpu(self.pids)
        each = [cpu_seconds([pid]) for pid in self.pids]
        result = stress(self.url, self.codes_file, seconds, round_index * CODES_PER_ROUND, CODES_PER_ROUND,
                        self.cookie, self.token)
        done = result["rps"] * seconds
        result["cpu_ms"] = (cpu_seconds(self.pids) - before[0]) * 1000 / done
        result["proxy_cpu_ms"] = (cpu_seconds(self.proxy_pids) - before[1]) * 1000 / done
        # run-queue time: ready to run, no CPU free (only for long-lived threads: the gevent workers' one thread)
        result["runq_ms"] = (waiting_for_cpu(self.pids) - before[2]) * 1000 / done
        used = [cpu_seconds([pid]) - was for pid, was in zip(self.pids, each, strict=True)]
        result["cpu_split"] = [round(u / sum(used), 2) if sum(used) else 0 for u in used]  # each process's share
        time.sleep(1.5 if self.database_url else 0)  # PostgreSQL's statistics arrive within a second
        after = self.database_activity()
        result["db_sessions"] = after[0] - activity[0]
        result["db_active_ms"] = (after[1] - activity[1]) / done
        return result

    def database_activity(self) -> tuple[int, float]:
        return database_activity(self.database_url) if self.database_url else (0, 0.0)

    def warm_up(self):
        """Two seconds of scans first, on codes of their own: the first requests of a fresh process are slower."""
        stress(self.url, self.codes_file, 2, DELEGATES - DOOR_CODES - WARM_UP_CODES, WARM_UP_CODES,
               self.cookie, self.token)

    def door(self, seconds):
        door_codes = self.codes[-DOOR_CODES:]  # never touched by a stress round
        return asyncio.run(door_load(self.url, door_codes, seconds, self.cookie, self.token, watch=self.door_account))


def start_setup(stack: ExitStack, setup: str) -> tuple[Target, Target]:
    """(the real application, the bare endpoint), everything stopped and removed when `stack` closes."""
    if setup == "sqlite":
        url, directory = stack.enter_context(database("sqlite"))
        prepare_door(url, directory, DELEGATES)
        server = Kiosk(url, directory)
        stack.callback(server.stop)
        kiosk = Target(server.url, directory, door_account=True, pids=server.worker_pids())
        url, directory = stack.enter_context(database("sqlite"))
        prepare_bare_door(url, directory, DELEGATES)
        bare = Bare("bare_door_app", directory, BARE_DATABASE=url)
        stack.callback(bare.stop)
        return kiosk, Target(bare.url, directory, door_account=False, pids=bare.worker_pids())
    url, kiosk_dir = stack.enter_context(database("postgresql"))
    bare_url, bare_dir = stack.enter_context(database("postgresql"))  # its own: each one's server CPU apart
    prepare_door(url, kiosk_dir, DELEGATES)
    channel = f"kiosk-bench-{secrets.token_hex(4)}"
    processes = []
    for index in range(2):
        processes.append(Kiosk(url, kiosk_dir, redis_channel=channel, name=f"kiosk-{index}"))
        stack.callback(processes[-1].stop)
    hall = Nginx([p.port for p in processes], kiosk_dir)
    stack.callback(hall.stop)
    prepare_bare_door(bare_url, bare_dir, DELEGATES)
    bares = []
    for _ in range(2):
        bares.append(Bare("bare_door_app", bare_dir, BARE_DATABASE=bare_url))
        stack.callback(bares[-1].stop)
    bare_hall = Nginx([b.port for b in bares], bare_dir)
    stack.callback(bare_hall.stop)
    return (Target(hall.url, kiosk_dir, door_account=True, pids=[pid for p in processes for pid in p.worker_pids()],
                   proxy_pids=hall.pids(), database_url=url),
            Target(bare_hall.url, bare_dir, door_account=False, pids=[pid for b in bares for pid in b.worker_pids()],
                   proxy_pids=bare_hall.pids(), database_url=bare_url))


def profiled(target: Target, setup: str, seconds: int, directory: str | None, run):
    """run(), with py-spy recording each of the target's worker processes meanwhile when `directory` is given."""
    if not directory:
        return run()
    recorders = [(profile.record(pid, seconds, Path(directory, f"checkin-{setup}-worker-{n}.txt")),
                  Path(directory, f"checkin-{setup}-worker-{n}.txt")) for n, pid in enumerate(target.pids)]
    result = run()
    for recorder, path in recorders:
        recorder.wait(timeout=seconds + 60)
        if path.exists():
            print(profile.summary(path), flush=True)
    return result


def run_setup(setup: str, seconds: int, rounds: int, door_seconds: int, profile_dir: str | None = None) -> dict:
    with ExitStack() as stack:
        kiosk, bare = start_setup(stack, setup)
        # In turn, so that whatever else the machine does in a minute weighs on both alike.
        kiosk.warm_up()
        bare.warm_up()
        pairs = []
        for index in range(rounds):
            time.sleep(1)
            kiosk_round = profiled(kiosk, setup, seconds, profile_dir if index == 0 else None,
                                   lambda index=index: kiosk.stress(index, seconds))
            time.sleep(1)
            pairs.append((kiosk_round, bare.stress(index, seconds)))
        time.sleep(1)
        kiosk_door = kiosk.door(door_seconds)
        bare_door = bare.door(door_seconds)
    kiosk_rps = statistics.median(k["rps"] for k, _ in pairs)
    bare_rps = statistics.median(b["rps"] for _, b in pairs)
    return {"setup": setup, "label": SETUPS[setup], "seconds": seconds, "rounds": [list(p) for p in pairs],
            "kiosk": {"rps": kiosk_rps, "p99": statistics.median(k["p99"] for k, _ in pairs),
                      "cpu_ms": statistics.median(k["cpu_ms"] for k, _ in pairs),
                      "proxy_cpu_ms": statistics.median(k["proxy_cpu_ms"] for k, _ in pairs),
                      "db_active_ms": statistics.median(k["db_active_ms"] for k, _ in pairs),
                      "runq_ms": statistics.median(k["runq_ms"] for k, _ in pairs),
                      "db_sessions": max(k["db_sessions"] for k, _ in pairs),
                      "p50": statistics.median(k["p50"] for k, _ in pairs),
                      "errors": sum(k["errors"] for k, _ in pairs), "door": kiosk_door},
            "bare": {"rps": bare_rps, "p99": statistics.median(b["p99"] for _, b in pairs),
                     "cpu_ms": statistics.median(b["cpu_ms"] for _, b in pairs),
                     "proxy_cpu_ms": statistics.median(b["proxy_cpu_ms"] for _, b in pairs),
                     "db_active_ms": statistics.median(b["db_active_ms"] for _, b in pairs),
                     "db_sessions": max(b["db_sessions"] for _, b in pairs),
                     "p50": statistics.median(b["p50"] for _, b in pairs),
                     "errors": sum(b["errors"] for _, b in pairs), "door": bare_door}}


def print_result(r: dict, door_seconds: int) -> None:
    print(f"check-in: {r['label']}, {DELEGATES} delegates")
    print(f"(a) stress, 32 connections, {r['seconds']} s (wrk), {len(r['rounds'])} rounds taken in turn")
    print(f"{'':20}{'check-ins/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'errors':>9}{'CPU ms':>8}{'nginx':>7}"
          f"{'PG ms':>7}{'PG conn.':>9}")
    for index, (k, b) in enumerate(r["rounds"], 1):
        for name, x in ((f"round {index} kiosk", k), (f"round {index} bare", b)):
            print(f"{name:20}{x['rps']:12.0f}{x['p50']:10.1f}{x['p99']:10.1f}{x['errors']:9d}{x['cpu_ms']:8.2f}"
                  f"{x['proxy_cpu_ms']:7.2f}{x['db_active_ms']:7.2f}{x['db_sessions']:9d}")
            if x is k:
                print(f"{'':20}(the server processes waited {x['runq_ms']:.2f} ms per check-in for a CPU, "
                      f"runnable but not running)")
            if len(x["cpu_split"]) > 1:
                print(f"{'':20}(share of the server CPU per process: {' / '.join(f'{v:.0%}' for v in x['cpu_split'])})")
            if x["statuses"]:
                print(f"{'':20}(answers other than 200: {x['statuses']})")
            if x["repeats"]:
                print(f"{'':20}(ran past its {CODES_PER_ROUND} codes: {x['repeats']} repeated scans)")
    k, b = r["kiosk"], r["bare"]
    for name, x in (("median kiosk", k), ("median bare", b)):
        print(f"{name:20}{x['rps']:12.0f}{x['p50']:10.1f}{x['p99']:10.1f}{'':9}{x['cpu_ms']:8.2f}{x['proxy_cpu_ms']:7.2f}"
              f"{x['db_active_ms']:7.2f}{x['db_sessions']:9d}")
    print("(per check-in: CPU ms = user + system CPU time of the server processes, nginx = of nginx, PG ms = time "
          "PostgreSQL spent executing statements (pg_stat_database.active_time); PG conn. = connections opened "
          "during the round)")
    print(f"{'ratio of medians':20}{k['rps'] / b['rps']:12.2f}")
    print(f"(b) door: 20 tablets x 1 scan/s, {door_seconds} s (open loop)")
    print(f"{'':20}{'scans':>12}{'p50 ms':>10}{'p99 ms':>10}{'failed':>9}")
    for name, d in (("kiosk", k["door"]), ("bare endpoint", b["door"])):
        print(f"{name:20}{d['n']:12d}{d['p50']:10.1f}{d['p99']:10.1f}{d['failed']:9d}")
    print(f"attendance watchers (20 door tablets + 1 MC panel) showing the final count: "
          f"{k['door']['watchers_current']}/21")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setups", nargs="+", choices=list(SETUPS), default=list(SETUPS))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="stress rounds per server, taken in turn")
    parser.add_argument("--door-seconds", type=int, default=15)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--profile", metavar="DIR", help="py-spy records each server process of the real application "
                        "during its first stress round into DIR, and a summary is printed")
    args = parser.parse_args()
    if args.profile:
        if not profile.available():
            sys.exit("--profile needs py-spy (pip install -r requirements-dev.txt)")
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    if not shutil.which("wrk"):
        sys.exit("bench/checkin.py needs wrk: apt-get install wrk")
    if not 1 <= args.rounds <= (DELEGATES - WARM_UP_CODES - DOOR_CODES) // CODES_PER_ROUND:
        sys.exit(f"--rounds from 1 to {(DELEGATES - WARM_UP_CODES - DOOR_CODES) // CODES_PER_ROUND}")
    if not 1 <= args.seconds <= 60 or not 1 <= args.door_seconds <= DOOR_CODES // 20:
        sys.exit(f"--seconds from 1 to 60, --door-seconds from 1 to {DOOR_CODES // 20}")
    results = []
    for setup in args.setups:
        results.append(run_setup(setup, args.seconds, args.rounds, args.door_seconds, args.profile))
        print_result(results[-1], args.door_seconds)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
