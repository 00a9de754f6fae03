"""Issue 23's measure: the delegates' own pages on one `make serve`-style server (gunicorn, gevent, SQLite).

1. Fan-out: N phones with the personal page open (each reads GET /api/me/{token}, then holds the page's socket,
   joined to the event as the page joins) while the MC steps, and N follow pages (/live/{id}) on the same server in
   turn (phones, follow, follow, phones); p50/p95/p99 from the step request to each receipt, and the ratio
   phones/follow (target: p99 within 1.2x).
2. One paper for all: P phones open the same 5 MB paper at the same moment (GET /api/me/{token}/documents/{id}, each
   its own copy, marked in the job workers) while a door scans every 100 ms: every phone's copy received (a few
   checked for their own name), the time until the last, and the door's p50/p99/max (target: p99 under 100 ms).

    .venv/bin/python bench/phones.py [--phones 1000] [--steps 30] [--readers 500] [--workers 4] [--json out.json]
"""
import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.databases import database, prepare_door  # noqa: E402
from bench.fanout import STEP_DEADLINE, Clients, kiosk_stepper, percentiles  # noqa: E402
from bench.heavy import Hall, figures  # noqa: E402
from bench.papers_read import (  # noqa: E402
    ORGANISER,
    loop,
    own_names,
    paper,
    read_paper_elsewhere,
)
from bench.servers import Kiosk  # noqa: E402

# --- preparing -----------------------------------------------------------------------------------------------------

def prepare(url: str, directory: str, phones: int) -> tuple[list[str], list[str], int]:
    """The door's event with `phones` delegates and a door; their ballot tokens, their badge codes, the paper's id."""
    import hashlib

    from bench.databases import bench_app
    from kiosk.extensions import db
    from kiosk.identity.accounts import create_account
    from models import Delegate, Document
    prepare_door(url, directory, phones)
    app = bench_app(url, directory)
    with app.app_context():
        create_account(ORGANISER[0], "organiser", ORGANISER[1])
        data = paper()
        doc = Document(event_id=1, title="Báo cáo tổng kết phong trào thi đua", position=1, pages=20, size=len(data),
                       sha256=hashlib.sha256(data).hexdigest(), data=data)
        db.session.add(doc)
        db.session.commit()
        rows = db.session.execute(db.select(Delegate.ballot_token, Delegate.code).order_by(Delegate.id)).all()
        doc_id, size = doc.id, len(data)
        db.session.remove()
        db.engine.dispose()
    print(f"paper: {size / 1048576:.1f} MB, 20 pages", flush=True)
    return [r.ballot_token for r in rows], [r.code for r in rows], doc_id


# --- 1. the fan-out to the phones' pages ---------------------------------------------------------------------------

async def load_pages(url: str, tokens: list[str]) -> None:
    """Each phone reads its /api/me answer, as the page does when it opens (50 at a time)."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50)) as session:
        async def read(token):
            async with session.get(f"{url}/api/me/{token}") as answer:
                assert answer.status == 200, answer.status
                await answer.read()
        await asyncio.gather(*(read(t) for t in tokens))


async def fan_out(url: str, hall: Clients, clients: int, steps: int, workers: int, stepper) -> dict:
    """fanout.measure with the hall's clients given: connect them, step, each step once it reached all."""
    try:
        await hall.start(url, clients, workers)
        await asyncio.sleep(1.0)
        sent: dict[int, float] = {}
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            await stepper(http, prepare=True)
            for _ in range(steps):
                started = time.time()
                version = await stepper(http)
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
    return {"latencies": latencies, "lost": lost}


def both_pages(url: str, tokens: list[str], phones: int, steps: int, workers: int) -> tuple[dict, dict]:
    """Phones' pages and follow pages in turn, ABBA (phones, follow, follow, phones), half the steps each time: a
    machine whose load drifts during the run weighs on both alike."""
    runs = {"phone": [], "follow": []}
    # a round not counted first: the server's first sockets and steps (its job workers still starting) weigh on none
    asyncio.run(fan_out(url, FollowPages(), min(phones, 100), 2, workers, kiosk_stepper(url)))
    for kind in ("phone", "follow", "follow", "phone"):
        hall = Phones(tokens[:phones]) if kind == "phone" else FollowPages()
        runs[kind].append(asyncio.run(fan_out(url, hall, phones, max(1, steps // 2), workers, kiosk_stepper(url))))
    return tuple({**percentiles([ms for r in runs[k] for ms in r["latencies"]]), "lost": sum(r["lost"] for r in runs[k])}
                 for k in ("phone", "follow"))


# --- 2. one paper for all --------------------------------------------------------------------------------------------

def read_while_door_scans(server, url, directory, tokens, codes, readers, doc_id):
    """Part 2: the phones open the paper while the door scans; --readers 0 leaves it out."""
    if not readers:
        return {"received": 0, "failed": 0, "last_s": 0, "p50_s": 0, "mb": 0, "own_name": "-", "why_failed": {}}, \
            {}, None
    with Hall(server.url, codes) as hall:
        time.sleep(1)  # the door and the MC in their rhythm first
        reading = read_paper_elsewhere(server.url, tokens[:readers], doc_id)
        time.sleep(0.5)
    kept = reading.pop("kept")
    reading["own_name"] = f"{own_names(url, directory, tokens, kept)}/{len(kept)}"
    watched = loop(server.url)
    if reading["failed"]:  # what the server said of them
        log = server.log.read_text(errors="replace")
        print(log[log.find("Traceback"):][:6000] if "Traceback" in log else log[-3000:], flush=True)
    return reading, watched, hall


def run(phones: int, steps: int, readers: int, workers: int) -> dict:
    with database("sqlite") as (url, directory):
        tokens, codes, doc_id = prepare(url, directory, max(phones, readers, 50))
        server = Kiosk(url, directory)
        try:
            time.sleep(2)  # the job workers warm up with the server
            if phones:
                phone, follow = both_pages(server.url, tokens, phones, steps, workers)
            else:  # --phones 0: the paper alone
                phone = follow = {"p50": 0, "p95": 0, "p99": 1, "n": 0, "lost": 0}
            reading, watched, hall = read_while_door_scans(server, url, directory, tokens, codes, readers, doc_id)
        finally:
            server.stop()
    return {"phones": phones, "steps": steps, "workers": workers, "phone_page": phone, "follow_page": follow,
            "ratio_p99": phone["p99"] / follow["p99"], "readers": readers, "paper": reading,
            "door": figures(hall.scans if hall else []), "mc_step": figures(hall.steps if hall else []),
            "errors": hall.errors if hall else 0, "loop": watched}


class FollowPages(Clients):
    """The follow page's clients (bench/fanout.py's), connected by fanout.py's own worker."""

    async def start(self, url: str, clients: int, workers: int, event_id: int = 1):
        import bench.fanout as fanout
        shares = [clients // workers + (1 if i < clients % workers else 0) for i in range(workers)]
        for share in filter(None, shares):
            process = await asyncio.create_subprocess_exec(
                sys.executable, fanout.__file__, "--worker", url, str(share), str(event_id),
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)}, limit=2 ** 26)
            self.processes.append(process)
        for process in self.processes:
            line = b"all"
            while line.startswith(b"all"):
                line = await asyncio.wait_for(process.stdout.readline(), 180)
            if line.strip() != b"ready":
                raise RuntimeError(f"a client process did not connect its clients: {line!r}")
        self.complete = [set() for _ in self.processes]
        self.readers = [asyncio.create_task(self._read(i, p)) for i, p in enumerate(self.processes)]


class Phones(FollowPages):
    """The delegates' pages: each reads its GET /api/me answer as the page does when it opens, then holds the page's
    socket, joined to the event as the page joins (the same client as the follow page's: the personal page's socket
    is the follow page's, and a step costs it no request, only a vote's start or end does). The answers are read
    here, not in the client processes: reading them there slowed those processes' own receipts, which measured the
    client, not the server."""

    def __init__(self, tokens: list[str]):
        super().__init__()
        self.tokens = tokens

    async def start(self, url: str, clients: int, workers: int, event_id: int = 1):
        await load_pages(url, self.tokens)
        await super().start(url, clients, workers, event_id)


def print_results(r: dict) -> None:
    a, b = r["phone_page"], r["follow_page"]
    print(f"phones: {r['phones']} pages open in {r['workers']} client processes, {r['steps']} steps")
    print(f"{'':22}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'receipts':>10}{'lost':>6}")
    print(f"{'personal page /me':22}{a['p50']:9.1f}{a['p95']:9.1f}{a['p99']:9.1f}{a['n']:10d}{a['lost']:6d}")
    print(f"{'follow page /live':22}{b['p50']:9.1f}{b['p95']:9.1f}{b['p99']:9.1f}{b['n']:10d}{b['lost']:6d}")
    print(f"{'ratio p99 (target 1.2)':22}{r['ratio_p99']:27.2f}")
    p, d = r["paper"], r["door"]
    if not r["readers"]:
        return
    print(f"one 5 MB paper, {r['readers']} phones at once: {p['received']} copies received ({p['failed']} failed, "
          f"{p['mb']:.0f} MB), median {p['p50_s']:.1f} s, last {p['last_s']:.1f} s; own name on {p['own_name']} checked"
          + (f"; failed: {p['why_failed']}" if p["why_failed"] else ""))
    print(f"door every 100 ms meanwhile: p50 {d['p50']:.1f} ms, p99 {d['p99']:.1f} ms, max {d['max']:.1f} ms "
          f"({d['n']} scans, {r['errors']} errors; target p99 < 100 ms); server loop: {r['loop']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--readers", type=int, default=500)
    parser.add_argument("--workers", type=int, default=4, help="client processes")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not (0 <= args.phones <= 2000 and 1 <= args.steps <= 200 and 0 <= args.readers <= 1000
            and 1 <= args.workers <= 16):
        parser.error("--phones 1-2000, --steps 1-200, --readers 1-1000, --workers 1-16")
    results = run(args.phones, args.steps, args.readers, args.workers)
    print_results(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
