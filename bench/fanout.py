"""Fan-out of a live step: N Socket.IO clients joined to one event, the MC steps S times.

Prints p50/p95/p99 of the time from the step request to each client's receipt of the new state, for the
real server and for a bare Flask-SocketIO server broadcasting a payload of the same size, and their ratio.

    .venv/bin/python bench/fanout.py [--clients 500] [--steps 50]
"""
import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.servers import MC_PASSWORD  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args: list[str]) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "servers.py"), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    return proc


class Receivers:
    def __init__(self):
        self.arrivals: dict[int, list[float]] = {}
        self.clients: list[socketio.AsyncClient] = []

    def record(self, state):
        self.arrivals.setdefault(state["version"], []).append(time.perf_counter())

    async def join(self, url: str, count: int, event_id: int):
        async def one():
            client = socketio.AsyncClient(reconnection=False)
            client.on("live_state", self.record)
            await client.connect(url, transports=["websocket"], wait_timeout=30)
            await client.emit("join", {"event_id": event_id})
            self.clients.append(client)
        for batch in range(0, count, 50):
            await asyncio.gather(*(one() for _ in range(min(50, count - batch))))

    async def close(self):
        await asyncio.gather(*(c.disconnect() for c in self.clients), return_exceptions=True)
        # engine.io keeps an HTTP session per client open after the socket closes
        await asyncio.gather(*(c.eio.http.close() for c in self.clients if c.eio.http), return_exceptions=True)


async def run(url: str, clients: int, steps: int, step_request) -> list[float]:
    receivers = Receivers()
    await receivers.join(url, clients, 1)
    await asyncio.sleep(1.0)
    latencies = []
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # unsafe: IP host
        await step_request(http, prepare=True)
        for _ in range(steps):
            started = time.perf_counter()
            version = await step_request(http)
            deadline = time.perf_counter() + 10
            while len(receivers.arrivals.get(version, [])) < clients and time.perf_counter() < deadline:
                await asyncio.sleep(0.002)
            got = receivers.arrivals.get(version, [])
            if len(got) < clients:
                print(f"  step to version {version}: only {len(got)}/{clients} clients received it")
            latencies += [(t - started) * 1000 for t in got]
            await asyncio.sleep(0.05)
    await receivers.close()
    return latencies


def percentiles(values: list[float]) -> dict:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "n": len(values)}


def kiosk_stepper(url):
    state = {}

    async def step(http, prepare=False):
        if prepare:
            async with http.post(f"{url}/api/login", json={"username": "mc", "password": MC_PASSWORD}) as r:
                state["csrf"] = (await r.json())["csrf_token"]
            return None
        async with http.post(f"{url}/api/events/1/live/next", headers={"X-CSRFToken": state["csrf"]}) as r:
            body = await r.json()
            if body["version"] == state.get("last"):  # at the last item: start again from the top
                items = await (await http.get(f"{url}/api/events/1/programme")).json()
                async with http.post(f"{url}/api/events/1/live/goto", json={"item_id": items[0]["id"]},
                                     headers={"X-CSRFToken": state["csrf"]}) as again:
                    body = await again.json()
            state["last"], state["bytes"] = body["version"], len(json.dumps(body, ensure_ascii=False).encode())
            return body["version"]
    step.state = state
    return step


def bare_stepper(url):
    async def step(http, prepare=False):
        if prepare:
            return None
        async with http.post(f"{url}/step/1") as r:
            return (await r.json())["version"]
    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--steps", type=int, default=50)
    args = parser.parse_args()
    if not 1 <= args.clients <= 1000:
        parser.error("--clients từ 1 đến 1000")

    with tempfile.TemporaryDirectory() as directory:
        port = free_port()
        server = start(["kiosk", str(port), directory])
        try:
            stepper = kiosk_stepper(f"http://127.0.0.1:{port}")
            real = asyncio.run(run(f"http://127.0.0.1:{port}", args.clients, args.steps, stepper))
            size = stepper.state.get("bytes", 1000)
        finally:
            server.terminate()
            server.wait()
    port = free_port()
    server = start(["bare", str(port), str(size)])
    try:
        bare = asyncio.run(run(f"http://127.0.0.1:{port}", args.clients, args.steps, bare_stepper(f"http://127.0.0.1:{port}")))
    finally:
        server.terminate()
        server.wait()

    a, b = percentiles(real), percentiles(bare)
    print(f"fan-out: {args.clients} clients, {args.steps} steps, payload ~{size} bytes")
    print(f"{'':14}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'receipts':>10}")
    print(f"{'kiosk':14}{a['p50']:10.1f}{a['p95']:10.1f}{a['p99']:10.1f}{a['n']:10d}")
    print(f"{'bare server':14}{b['p50']:10.1f}{b['p95']:10.1f}{b['p99']:10.1f}{b['n']:10d}")
    print(f"{'ratio':14}{a['p50'] / b['p50']:10.2f}{a['p95'] / b['p95']:10.2f}{a['p99'] / b['p99']:10.2f}")


if __name__ == "__main__":
    main()
