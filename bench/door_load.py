"""The load bench/checkin.py puts on a server: wrk's stress (32 connections, every request a first scan of its own
delegate, bench/checkin.lua) and the door (20 tablets scanning once a second, door tablets and an MC panel watching
the attendance over Socket.IO)."""
import asyncio
import re
import statistics
import subprocess
import time
from pathlib import Path

import aiohttp
import requests
import socketio

from bench.databases import MC_PASSWORD

ROOT = Path(__file__).resolve().parent.parent
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
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--timeout", "10s", "--latency",
                          "-s", str(ROOT / "bench" / "checkin.lua"), f"{url}/api/events/1/checkin", "--",
                          str(codes_file), str(first), str(count), cookie, token],
                         capture_output=True, text=True, check=True, timeout=seconds + 60).stdout

    def ms(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    requests_done = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": ms(" 50"), "p99": ms(" 99"),
            "errors": (int(errors.group(1)) if errors else 0)
            + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
            "repeats": max(0, requests_done - count),
            "statuses": {int(code): int(n) for code, n in re.findall(r"status (\d+): (\d+)", out)}}


async def door_load(url, codes, seconds, cookie="", token="", watch=False):
    headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
    if cookie:
        headers.update({"Cookie": cookie, "X-CSRFToken": token})
    latencies, watchers, last_seen, failures = [], [], [], [0]
    if watch:
        for _ in range(21):  # twenty door tablets and one MC panel
            client = socketio.AsyncClient(reconnection=False)
            seen = []
            client.on("attendance", seen.append)
            await client.connect(url, transports=["websocket"], headers={"Cookie": cookie, "User-Agent": USER_AGENT},
                                 wait_timeout=10)
            await client.call("watch_attendance", {"event_id": 1}, timeout=10)
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
                                    headers=headers, timeout=aiohttp.ClientTimeout(total=10)) as answer:
                await answer.read()
                if answer.status != 200:
                    failures[0] += 1
            latencies.append((time.perf_counter() - sent) * 1000)

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(tablet(session, i) for i in range(20)))
    received = None
    if watch:
        await asyncio.sleep(1.0)
        expected = len(latencies) - failures[0]
        received = sum(1 for seen in last_seen if seen and seen[-1]["present"] >= expected)
        await asyncio.gather(*(c.disconnect() for c in watchers), return_exceptions=True)
        await asyncio.gather(*(c.eio.http.close() for c in watchers if c.eio.http), return_exceptions=True)
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": q[49], "p99": q[98], "n": len(latencies), "failed": failures[0], "watchers_current": received}
