"""Check-in under load, against one server process on SQLite, compared with a bare endpoint.

(a) stress: 32 connections without pause for 10 s (wrk, from Debian's packages: little CPU per request),
    check-ins per second and p50/p99; every request checks in a different delegate.
(b) the door: 20 tablets each scanning once a second (open loop, asyncio), p50/p99; 20 door tablets and one
    MC panel watch the attendance over Socket.IO and must all see the final count.
The same two loads run against a bare Flask + SQLAlchemy endpoint doing one conditional UPDATE.

    .venv/bin/python bench/checkin.py [--seconds 10] [--door-seconds 15]
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

DELEGATES = 30000


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


def stress(url, codes_file, seconds, cookie="", token=""):
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", str(ROOT / "bench" / "checkin.lua"),
                          f"{url}/api/events/1/checkin", "--", str(codes_file), cookie, token],
                         capture_output=True, text=True, check=True).stdout
    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms(" 50"), "p99": ms(" 99"),
            "errors": int(errors.group(1)) if errors else 0}


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


def run(mode, seconds, door_seconds):
    with tempfile.TemporaryDirectory() as directory:
        port = free_port()
        server = start([mode, str(port), directory, str(DELEGATES)])
        url = f"http://127.0.0.1:{port}"
        try:
            codes = Path(directory, "codes.txt").read_text().split()
            cookie, token = sign_in(url, "cua") if mode == "door" else ("", "")
            # the door load uses codes the stress load has not touched (wrk takes the first half of each half)
            door_codes = codes[DELEGATES // 2 - 400: DELEGATES // 2] + codes[-400:]
            stressed = stress(url, Path(directory, "codes.txt"), seconds, cookie, token)
            time.sleep(1)
            door = asyncio.run(door_load(url, door_codes, door_seconds, cookie, token, watch=mode == "door"))
        finally:
            server.terminate()
            server.wait()
    return stressed, door


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--door-seconds", type=int, default=15)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench/checkin.py needs wrk: apt-get install wrk")
    kiosk_stress, kiosk_door = run("door", args.seconds, args.door_seconds)
    bare_stress, bare_door = run("bare-door", args.seconds, args.door_seconds)
    print(f"check-in, one server process on SQLite, {DELEGATES} delegates")
    print(f"(a) stress, 32 connections, {args.seconds} s (wrk)")
    print(f"{'':14}{'check-ins/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'non-2xx':>9}")
    for name, r in (("kiosk", kiosk_stress), ("bare endpoint", bare_stress)):
        print(f"{name:14}{r['rps']:12.0f}{r['p50']:10.1f}{r['p99']:10.1f}{r['errors']:9d}")
    print(f"{'ratio':14}{kiosk_stress['rps'] / bare_stress['rps']:12.2f}")
    print(f"(b) door: 20 tablets x 1 scan/s, {args.door_seconds} s (open loop)")
    print(f"{'':14}{'scans':>12}{'p50 ms':>10}{'p99 ms':>10}")
    for name, r in (("kiosk", kiosk_door), ("bare endpoint", bare_door)):
        print(f"{name:14}{r['n']:12d}{r['p50']:10.1f}{r['p99']:10.1f}")
    print(f"{'ratio':14}{'':12}{kiosk_door['p50'] / bare_door['p50']:10.2f}{kiosk_door['p99'] / bare_door['p99']:10.2f}")
    print(f"attendance watchers (20 door tablets + 1 MC panel) showing the final count: {kiosk_door['watchers_current']}/21")


if __name__ == "__main__":
    main()
