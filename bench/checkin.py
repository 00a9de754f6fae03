"""Check-in under load, against one server process on SQLite, compared with a bare endpoint.

(a) stress: 32 connections without pause for 10 s (wrk, from Debian's packages: little CPU per request),
    check-ins per second and p50/p99; every request checks in a different delegate. Three rounds on each
    server, taken in turn, and the ratio of the medians: on two cores one round alone varies by several percent.
(b) the door: 20 tablets each scanning once a second (open loop, asyncio), p50/p99; 20 door tablets and one
    MC panel watch the attendance over Socket.IO and must all see the final count.
The same two loads run against a bare Flask + SQLAlchemy endpoint doing one conditional UPDATE.

    .venv/bin/python bench/checkin.py [--seconds 10] [--rounds 3] [--door-seconds 15]
"""
import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.fanout import free_port  # noqa: E402
from bench.servers import MC_PASSWORD  # noqa: E402

DELEGATES = 60000
CODES_PER_ROUND = 18000  # more than 32 connections scan in 10 s here (about 9,000)
DOOR_CODES = 600
WARM_UP_CODES = 4000


def start(args):
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "servers.py"), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    return proc


USER_AGENT = "kiosk-bench-tablet"  # the same for sign-in and scans, as one tablet's browser would be


def sign_in(url, username):
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    token = session.post(f"{url}/api/login", json={"username": username, "password": MC_PASSWORD}, timeout=10)
    token = token.json()["csrf_token"]
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.get_dict().items())
    return cookie, token


def stress(url, codes_file, seconds, first, count, cookie="", token=""):
    """wrk on codes[first:first + count]: each of its two threads takes one half, so every request is a first scan."""
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", str(ROOT / "bench" / "checkin.lua"),
                          f"{url}/api/events/1/checkin", "--", str(codes_file), str(first), str(count), cookie, token],
                         capture_output=True, text=True, check=True).stdout
    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    requests_done = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms(" 50"), "p99": ms(" 99"),
            "errors": int(errors.group(1)) if errors else 0, "repeats": max(0, requests_done - count)}


async def door_load(url, codes, seconds, cookie="", token="", watch=False):
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    if cookie:
        headers.update({"Cookie": cookie, "X-CSRFToken": token})
    latencies, watchers, last_seen = [], [], []
    if watch:
        for _ in range(21):  # twenty door tablets and one MC panel
            client = socketio.AsyncClient(reconnection=False)
            seen = []
            client.on("attendance", seen.append)
            await client.connect(url, transports=["websocket"], headers={"Cookie": cookie, "User-Agent": USER_AGENT},
                                 wait_timeout=10)
            await client.call("watch_attendance", {"event_id": 1})
            watchers.append(client)
            last_seen.append(seen)
    codes = iter(codes)

    async def tablet(session, index):
        await asyncio.sleep(index / 20)  # tablets are not in step with each other
        start = time.perf_counter()
        for tick in range(seconds):
            await asyncio.sleep(max(0.0, start + tick - time.perf_counter()))
            sent = time.perf_counter()
            async with session.post(f"{url}/api/events/1/checkin", json={"code": next(codes), "door": f"Cửa {index}"},
                                    headers=headers) as answer:
                await answer.read()
                assert answer.status == 200
            latencies.append((time.perf_counter() - sent) * 1000)

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(tablet(session, i) for i in range(20)))
    received = None
    if watch:
        await asyncio.sleep(1.0)
        expected = len(latencies)
        received = sum(1 for seen in last_seen if seen and seen[-1]["present"] >= expected)
        await asyncio.gather(*(c.disconnect() for c in watchers), return_exceptions=True)
        await asyncio.gather(*(c.eio.http.close() for c in watchers if c.eio.http), return_exceptions=True)
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": q[49], "p99": q[98], "n": len(latencies), "watchers_current": received}


class Server:
    """One benchmarked server in its own process, with its own temporary database and delegate codes."""

    def __init__(self, mode):
        self.mode, self.directory = mode, tempfile.TemporaryDirectory()
        port = free_port()
        self.process = start([mode, str(port), self.directory.name, str(DELEGATES)])
        self.url = f"http://127.0.0.1:{port}"
        self.codes_file = Path(self.directory.name, "codes.txt")
        self.codes = self.codes_file.read_text().split()
        self.cookie, self.token = sign_in(self.url, "cua") if mode == "door" else ("", "")

    def stress(self, round_index, seconds):
        return stress(self.url, self.codes_file, seconds, round_index * CODES_PER_ROUND, CODES_PER_ROUND,
                      self.cookie, self.token)

    def warm_up(self):
        """Two seconds of scans first, on codes of their own: the first requests of a fresh process are slower."""
        stress(self.url, self.codes_file, 2, DELEGATES - DOOR_CODES - WARM_UP_CODES, WARM_UP_CODES,
               self.cookie, self.token)

    def door(self, seconds):
        door_codes = self.codes[-DOOR_CODES:]  # never touched by a stress round
        return asyncio.run(door_load(self.url, door_codes, seconds, self.cookie, self.token, watch=self.mode == "door"))

    def stop(self):
        self.process.terminate()
        self.process.wait()
        self.directory.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="stress rounds per server, taken in turn")
    parser.add_argument("--door-seconds", type=int, default=15)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/checkin.py needs wrk: apt-get install wrk")
    if args.rounds * CODES_PER_ROUND + WARM_UP_CODES + DOOR_CODES > DELEGATES:
        sys.exit(f"at most {(DELEGATES - WARM_UP_CODES - DOOR_CODES) // CODES_PER_ROUND} rounds")
    kiosk, bare = Server("door"), Server("bare-door")
    try:
        # In turn, so that whatever else the machine does in a minute weighs on both alike.
        kiosk.warm_up()
        bare.warm_up()
        rounds = []
        for index in range(args.rounds):
            time.sleep(1)
            kiosk_round = kiosk.stress(index, args.seconds)
            time.sleep(1)
            rounds.append((kiosk_round, bare.stress(index, args.seconds)))
        time.sleep(1)
        kiosk_door = kiosk.door(args.door_seconds)
        bare_door = bare.door(args.door_seconds)
    finally:
        kiosk.stop()
        bare.stop()
    print(f"check-in, one server process each on SQLite, {DELEGATES} delegates")
    print(f"(a) stress, 32 connections, {args.seconds} s (wrk), {args.rounds} rounds taken in turn")
    print(f"{'':20}{'check-ins/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for index, (k, b) in enumerate(rounds, 1):
        for name, r in ((f"round {index} kiosk", k), (f"round {index} bare", b)):
            print(f"{name:20}{r['rps']:12.0f}{r['p50']:10.1f}{r['p99']:10.1f}{r['errors']:9d}")
            if r["repeats"]:
                print(f"{'':20}(ran past its {CODES_PER_ROUND} codes: {r['repeats']} repeated scans)")
        print(f"{f'round {index} ratio':20}{k['rps'] / b['rps']:12.2f}")
    kiosk_rps = statistics.median(k["rps"] for k, _ in rounds)
    bare_rps = statistics.median(b["rps"] for _, b in rounds)
    print(f"{'median kiosk':20}{kiosk_rps:12.0f}")
    print(f"{'median bare':20}{bare_rps:12.0f}")
    print(f"{'ratio of medians':20}{kiosk_rps / bare_rps:12.2f}   (target >= 0.8)")
    print(f"(b) door: 20 tablets x 1 scan/s, {args.door_seconds} s (open loop)")
    print(f"{'':20}{'scans':>12}{'p50 ms':>10}{'p99 ms':>10}")
    for name, r in (("kiosk", kiosk_door), ("bare endpoint", bare_door)):
        print(f"{name:20}{r['n']:12d}{r['p50']:10.1f}{r['p99']:10.1f}")
    print(f"{'ratio':20}{'':12}{kiosk_door['p50'] / bare_door['p50']:10.2f}{kiosk_door['p99'] / bare_door['p99']:10.2f}"
          "   (target: kiosk p99 < 25 ms)")
    print(f"attendance watchers (20 door tablets + 1 MC panel) showing the final count: {kiosk_door['watchers_current']}/21")


if __name__ == "__main__":
    main()
