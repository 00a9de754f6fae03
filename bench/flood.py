"""One laptop against the hall (issue 19, point 3 and the throttle of point 4): a door scans every 100 ms on one
`make run`-like server (gunicorn.conf.py, SQLite, HTTP and HTTPS ports) while, in turn,

  quiet        nothing else (the baseline of the same run),
  idle TLS     one address (127.0.0.2) opens N connections to the HTTPS port and sends nothing,
  websockets   one address opens N anonymous Socket.IO websockets,
  passwords    twenty addresses (127.0.0.10-29) each send one wrong password a second.

For each: the door's scans, p50 / p99 / max ms, and what the flood got (connections closed at once, websockets
refused, sign-ins answered 401 or 429). Loopback only; the server and its files are removed afterwards.

    PYTHONPATH=. .venv/bin/python bench/flood.py [--delegates 2000] [--connections 3000] [--seconds 10]
"""
import argparse
import asyncio
import http.client
import json
import multiprocessing
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import aiohttp
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.databases import MC_PASSWORD, prepare_door  # noqa: E402
from bench.servers import Kiosk, free_port  # noqa: E402

FLOOD_FROM = "127.0.0.2"


class Door:
    """A door tablet scanning one badge every 100 ms, from 127.0.0.1, until stopped; its latencies per phase."""

    def __init__(self, url: str, codes: list[str]):
        self.url, self.codes = url, iter(codes)
        self.session = requests.Session()
        token = self.session.post(f"{url}/api/login", json={"username": "cua", "password": MC_PASSWORD},
                                  timeout=10).json()["csrf_token"]
        self.session.headers["X-CSRFToken"] = token
        self.latencies: list[float] = []
        self.failed = 0
        self.stop = threading.Event()

    def run(self):
        next_at = time.perf_counter()
        while not self.stop.is_set():
            next_at += 0.1
            sent = time.perf_counter()
            try:
                answer = self.session.post(f"{self.url}/api/events/1/checkin",
                                           json={"code": next(self.codes), "door": "Cửa 1"}, timeout=30)
                if answer.status_code != 200:
                    self.failed += 1
            except requests.RequestException:
                self.failed += 1
            self.latencies.append((time.perf_counter() - sent) * 1000)
            time.sleep(max(0.0, next_at - time.perf_counter()))

    def phase(self, seconds: float, during=None) -> dict:
        """The scans of `seconds`, while `during` (a callable run in a thread) floods; its answer with the figures."""
        self.latencies, self.failed = [], 0
        self.stop.clear()
        # the flood in a process of its own: its client work must not hold this process's GIL from the door
        results = multiprocessing.get_context("fork").Queue()
        flood = multiprocessing.get_context("fork").Process(
            target=lambda: results.put(during(seconds) if during else {}))
        flood.start()
        scanning = threading.Thread(target=self.run)
        scanning.start()
        time.sleep(seconds)
        self.stop.set()
        scanning.join()
        flood_result = results.get(timeout=120)
        flood.join()
        q = statistics.quantiles(self.latencies, n=100, method="inclusive") if len(self.latencies) > 1 else [0] * 99
        return {"scans": len(self.latencies), "failed": self.failed, "p50": q[49], "p99": q[98],
                "max": max(self.latencies, default=0), **flood_result}


def idle_tls(port: int, count: int):
    def flood(seconds: float) -> dict:
        held, closed = [], 0
        started = time.monotonic()
        for _ in range(count):
            sock = socket.socket()
            sock.bind((FLOOD_FROM, 0))
            sock.settimeout(5)
            try:
                sock.connect(("127.0.0.1", port))
                held.append(sock)
            except OSError:
                closed += 1
                sock.close()
        opened = time.monotonic() - started
        time.sleep(max(0.0, seconds - opened - 0.5))
        for sock in held:
            sock.setblocking(False)
            try:
                if sock.recv(1) == b"":
                    closed += 1
            except BlockingIOError:
                pass
            except OSError:
                closed += 1
            sock.close()
        return {"flood": f"{count} idle TLS connections opened in {opened:.1f} s; {closed} closed by the server"}
    return flood


def websockets(url: str, count: int):
    def flood(seconds: float) -> dict:
        async def run():
            accepted = refused = dropped = 0
            connector = aiohttp.TCPConnector(limit=0, local_addr=(FLOOD_FROM, 0))
            async with aiohttp.ClientSession(connector=connector) as session:
                opened = []
                ws_url = url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
                timeout = aiohttp.ClientWSTimeout(ws_receive=5, ws_close=5)

                async def one():
                    nonlocal accepted, refused, dropped
                    try:
                        ws = await session.ws_connect(ws_url, timeout=timeout)
                        await ws.receive(timeout=5)
                        await ws.send_str("40")
                        answer = (await ws.receive(timeout=5)).data
                        opened.append(ws)
                        if isinstance(answer, str) and answer.startswith("40"):
                            accepted += 1
                        else:
                            refused += 1
                    except (TimeoutError, aiohttp.ClientError, OSError):
                        dropped += 1
                for first in range(0, count, 200):
                    await asyncio.gather(*(one() for _ in range(first, min(count, first + 200))))
                await asyncio.sleep(max(0.0, seconds - 1))
                await asyncio.gather(*(ws.close() for ws in opened), return_exceptions=True)
            return {"flood": f"{count} anonymous websockets: {accepted} accepted, {refused} refused by Socket.IO, "
                             f"{dropped} closed at connection"}
        return asyncio.run(run())
    return flood


def passwords(port: int, addresses: int = 20):
    def flood(seconds: float) -> dict:
        statuses: dict[int, int] = {}
        lock = threading.Lock()

        def guesser(index: int):
            source = f"127.0.0.{10 + index}"
            end = time.monotonic() + seconds - 0.5
            n = 0
            while time.monotonic() < end:
                started = time.monotonic()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
                try:
                    connection.request("POST", "/api/login", json.dumps({"username": "mc", "password": f"doan-{n}"}),
                                       {"Content-Type": "application/json"})
                    status = connection.getresponse().status
                except OSError:
                    status = 0
                finally:
                    connection.close()
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                n += 1
                time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
        threads = [threading.Thread(target=guesser, args=(i,)) for i in range(addresses)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        answered = ", ".join(f"{n} x {code or 'no answer'}" for code, n in sorted(statuses.items()))
        return {"flood": f"{addresses} addresses x 1 wrong password/s: {answered}"}
    return flood


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=2000)
    parser.add_argument("--connections", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-flood-") as directory:
        url = f"sqlite:///{directory}/kiosk.db"
        prepare_door(url, directory, args.delegates)
        codes = Path(directory, "codes.txt").read_text().split()
        https_port = free_port()
        server = Kiosk(url, directory, extra_env={"HTTPS_PORT": str(https_port)})
        try:
            door = Door(server.url, codes)
            results = [("quiet (baseline)", door.phase(args.seconds)),
                       (f"{args.connections} idle TLS connections from one address",
                        door.phase(args.seconds, idle_tls(https_port, args.connections))),
                       (f"{args.connections} anonymous websockets from one address",
                        door.phase(args.seconds, websockets(server.url, args.connections))),
                       ("wrong passwords from 20 addresses", door.phase(args.seconds, passwords(server.port)))]
        finally:
            server.stop()
        log = server.log.read_text(errors="replace")
    print(f"door: one scan every 100 ms, {args.delegates:,} delegates, 1 process, SQLite")
    print(f"{'':45}{'scans':>7}{'failed':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'p99/quiet':>11}")
    quiet = results[0][1]["p99"] or 1
    for name, r in results:
        print(f"{name:45}{r['scans']:7d}{r['failed']:8d}{r['p50']:9.1f}{r['p99']:9.1f}{r['max']:9.1f}"
              f"{r['p99'] / quiet:11.2f}")
        if r.get("flood"):
            print(f"{'':45}{r['flood']}")
    print(f"server log: {log.count('Traceback')} tracebacks, {len(log.splitlines())} lines")
    if args.json:
        Path(args.json).write_text(json.dumps([{"phase": name, **r} for name, r in results]))


if __name__ == "__main__":
    main()
