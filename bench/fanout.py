"""Fan-out of a live step: N Socket.IO clients joined to one event, the MC steps S times.

Prints p50/p95/p99 of the time from the step request to each client's receipt of the new state, for the real
server (one `gunicorn -c gunicorn.conf.py` process on SQLite, as `make serve` runs it) and for a bare Flask-SocketIO
app served the same way (gunicorn, one gevent worker) broadcasting a payload of the same size, in the same run, and
their ratio.

The clients are spread over several client processes (--workers): decoding a step's thousand messages costs a
one-process client about as much CPU as the server spends sending them, and then p99 measures the client. Each
client process speaks Engine.IO/Socket.IO over a websocket (aiohttp), answers the server's pings, stamps every
receipt with time.time() and hands its stamps to this coordinator at the end; this coordinator stamps each step
request with time.time() before sending it.

    .venv/bin/python bench/fanout.py [--clients 500 1000] [--steps 40] [--workers 4] [--json out.json]
"""
import argparse
import asyncio
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench import profile  # noqa: E402
from bench.databases import MC_PASSWORD, database, prepare_live  # noqa: E402
from bench.servers import Bare, Kiosk  # noqa: E402

STEP_DEADLINE = 10.0  # seconds a step may take to reach every client before it counts as lost
WORKER_LIMIT = 900    # seconds: a client process never outlives this


# --- a client process -------------------------------------------------------------------------------------------

async def worker(url: str, count: int, event_id: int) -> None:
    """`count` Socket.IO clients joined to the event; prints "ready", then "all V" when every one has version V;
    on "dump" from stdin prints {version: [receipt times]} as one JSON line and leaves."""
    arrivals: dict[int, list[float]] = {}
    joined = asyncio.Event()
    joined_count = [0]
    ws_url = url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"

    async def client(session):
        ws = await session.ws_connect(ws_url, max_msg_size=0)
        opening = await ws.receive(timeout=30)
        assert opening.data.startswith("0"), opening.data
        await ws.send_str("40")
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            data = message.data
            if data == "2":  # the server's ping
                await ws.send_str("3")
            elif data.startswith("40"):  # connected: join, asking for an acknowledgement (id 0)
                await ws.send_str(f'420["join",{{"event_id":{event_id}}}]')
            elif data.startswith("430"):  # joined
                joined_count[0] += 1
                if joined_count[0] == count:
                    joined.set()
            elif data.startswith("42"):
                name, state = json.loads(data[2:])[:2]
                if name != "live_state":
                    continue
                got = arrivals.setdefault(state["version"], [])
                got.append(time.time())
                if len(got) == count:
                    print(f"all {state['version']}", flush=True)

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        tasks = []
        for batch in range(0, count, 50):  # in batches, as a hall fills up
            tasks += [asyncio.create_task(client(session)) for _ in range(min(50, count - batch))]
            await asyncio.sleep(0.05)
        await asyncio.wait_for(joined.wait(), 120)
        print("ready", flush=True)
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while (line := await reader.readline()) and line.strip() != b"dump":
            pass
        print(json.dumps(arrivals), flush=True)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# --- the coordinator --------------------------------------------------------------------------------------------

class Clients:
    """The client processes, and the steps each has seen reach all of its clients."""

    def __init__(self):
        self.processes, self.complete, self.changed = [], [], asyncio.Event()

    async def start(self, url: str, clients: int, workers: int, event_id: int = 1):
        shares = [clients // workers + (1 if i < clients % workers else 0) for i in range(workers)]
        for share in filter(None, shares):
            process = await asyncio.create_subprocess_exec(
                sys.executable, __file__, "--worker", url, str(share), str(event_id), stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                limit=2 ** 26)
            self.processes.append(process)
        for process in self.processes:
            line = b"all"
            while line.startswith(b"all"):  # the state each client was sent on joining
                line = await asyncio.wait_for(process.stdout.readline(), 180)
            if line.strip() != b"ready":
                raise RuntimeError(f"a client process did not connect its clients: {line!r}")
        self.complete = [set() for _ in self.processes]
        self.readers = [asyncio.create_task(self._read(i, p)) for i, p in enumerate(self.processes)]

    async def _read(self, index, process):
        while True:
            line = await process.stdout.readline()
            if not line.startswith(b"all "):
                self.last_line = line
                return
            self.complete[index].add(int(line.split()[1]))
            self.changed.set()

    async def wait_for(self, version: int, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not all(version in done for done in self.complete):
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return False
        return True

    async def stop(self) -> dict[int, list[float]]:
        for reader in self.readers:
            reader.cancel()
        arrivals: dict[int, list[float]] = {}
        for process in self.processes:
            process.stdin.write(b"dump\n")
            await process.stdin.drain()
            while True:
                line = await asyncio.wait_for(process.stdout.readline(), 60)
                if not line.startswith(b"all "):
                    break
            for version, times in json.loads(line).items():
                arrivals.setdefault(int(version), []).extend(times)
            await asyncio.wait_for(process.wait(), 30)
        return arrivals

    async def kill(self):
        for process in self.processes:
            if process.returncode is None:
                process.kill()
                await process.wait()


def kiosk_stepper(url: str):
    state = {}

    async def step(http, prepare=False):
        if prepare:
            async with http.post(f"{url}/api/login", json={"username": "mc", "password": MC_PASSWORD}) as r:
                state["csrf"] = (await r.json())["csrf_token"]
            return None
        async with http.post(f"{url}/api/events/1/live/next", headers={"X-CSRFToken": state["csrf"]}) as r:
            body = await r.json()
        if body["version"] == state.get("last"):  # at the last item: start again from the top
            async with http.get(f"{url}/api/events/1/programme") as r:
                items = await r.json()
            async with http.post(f"{url}/api/events/1/live/goto", json={"item_id": items[0]["id"]},
                                 headers={"X-CSRFToken": state["csrf"]}) as again:
                body = await again.json()
        state["last"] = body["version"]
        state.setdefault("sizes", []).append(len(json.dumps(body, ensure_ascii=False).encode()))
        return body["version"]
    step.state = state
    return step


def bare_stepper(url: str):
    async def step(http, prepare=False):
        if prepare:
            return None
        async with http.post(f"{url}/step/1") as r:
            return (await r.json())["version"]
    return step


async def measure(url: str, clients: int, steps: int, workers: int, step_request) -> dict:
    """Connect the clients, step `steps` times, each once the previous one reached everyone (or STEP_DEADLINE)."""
    hall = Clients()
    try:
        await hall.start(url, clients, workers)
        await asyncio.sleep(1.0)
        sent: dict[int, float] = {}
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # unsafe: an IP host
            await step_request(http, prepare=True)
            for _ in range(steps):
                started = time.time()
                version = await step_request(http)
                sent[version] = started
                await hall.wait_for(version, STEP_DEADLINE)
                await asyncio.sleep(0.05)
        arrivals = await hall.stop()
    finally:
        await hall.kill()
    latencies, lost = [], 0
    for version, started in sent.items():
        got = arrivals.get(version, [])
        lost += clients - len(got)
        latencies += [(t - started) * 1000 for t in got]
    return {**percentiles(latencies), "lost": lost}


def percentiles(values: list[float]) -> dict:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "n": len(values)}


def run(clients_list: list[int], steps: int, workers: int, profile_dir: str | None = None) -> list[dict]:
    results = []
    with database("sqlite") as (url, directory):
        prepare_live(url, directory)
        for clients in clients_list:
            server = Kiosk(url, directory)
            try:
                stepper = kiosk_stepper(server.url)
                recording = profile_dir and Path(profile_dir, f"fanout-{clients}.txt")
                recorder = recording and profile.record(server.worker_pids()[0], 60, recording)
                real = asyncio.run(measure(server.url, clients, steps, workers, stepper))
                if recorder:
                    recorder.send_signal(signal.SIGINT)  # py-spy writes what it sampled when interrupted
                    recorder.wait(timeout=30)
                    print(profile.summary(recording), flush=True)
            finally:
                server.stop()
            size = int(statistics.median(stepper.state["sizes"]))
            server = Bare("bare_app", directory, BARE_SIZE=str(size))
            try:
                bare = asyncio.run(measure(server.url, clients, steps, workers, bare_stepper(server.url)))
            finally:
                server.stop()
            results.append({"clients": clients, "steps": steps, "workers": workers, "bytes": size,
                            "kiosk": real, "bare": bare})
    return results


def print_results(results: list[dict]) -> None:
    for r in results:
        a, b = r["kiosk"], r["bare"]
        print(f"fan-out: {r['clients']} clients in {r['workers']} client processes, {r['steps']} steps, "
              f"payload ~{r['bytes']} bytes")
        print(f"{'':26}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'receipts':>10}{'lost':>6}")
        print(f"{'kiosk (gunicorn, gevent)':26}{a['p50']:9.1f}{a['p95']:9.1f}{a['p99']:9.1f}{a['n']:10d}{a['lost']:6d}")
        print(f"{'bare (gunicorn, gevent)':26}{b['p50']:9.1f}{b['p95']:9.1f}{b['p99']:9.1f}{b['n']:10d}{b['lost']:6d}")
        print(f"{'ratio':26}{a['p50'] / b['p50']:9.2f}{a['p95'] / b['p95']:9.2f}{a['p99'] / b['p99']:9.2f}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        url, count, event_id = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        asyncio.run(asyncio.wait_for(worker(url, count, event_id), WORKER_LIMIT))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[500, 1000])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--workers", type=int, default=4, help="client processes")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--profile", metavar="DIR", help="py-spy records the real application's process while its "
                        "clients connect and the MC steps; a summary of where it spent its time is printed")
    args = parser.parse_args()
    if not all(1 <= c <= 2000 for c in args.clients) or not 1 <= args.steps <= 200 or not 1 <= args.workers <= 16:
        parser.error("--clients từ 1 đến 2000, --steps từ 1 đến 200, --workers từ 1 đến 16")
    results = run(args.clients, args.steps, args.workers, args.profile)
    print_results(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
