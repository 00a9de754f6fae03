"""Electronic ballots under load: 500 delegates checked in, an electronic vote open and on the hall's screen,
500 phones sending their ballot (and 10% of them sending it twice), against one server process.

Two loads: `burst`, every request fired at the same instant, and `spread`, the same requests started at random
over one second (a hall pressing after the MC says "mời các đồng chí biểu quyết"). For each: the answers' p50,
p95, p99 and max; every ballot counted exactly once (voted / already_voted, the tallies, the vote's `received`);
and when the projector's count (a Socket.IO client in the event's room) reached 500 after the last answer.

Each load is also sent, in the same run, to a bare endpoint served the same way (gunicorn, one gevent worker): one
Flask route doing one conditional UPDATE on a table of tokens (bench/servers.py bare_ballot_app). It is the floor
of this stack on this machine: a burst of 550 new connections at one instant queues on one process whatever the
route does.

    .venv/bin/python bench/vote.py [--server gunicorn|werkzeug] [--delegates 500] [--twice 0.1]
                                   [--database-url postgresql+psycopg://...] [--json out.json]

The server is `make run`'s (gunicorn with the checked-in gunicorn.conf.py, gevent worker) unless --server werkzeug
(the threaded development server).
"""
import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.servers import Bare, free_port  # noqa: E402


def prepare(directory: str, delegates: int, database_url: str | None) -> None:
    """One event with `delegates` delegates all checked in, an electronic vote open and on the hall's screen;
    their ballot tokens in DIR/tokens.txt, the event and vote ids in DIR/ids.txt."""
    from datetime import UTC, datetime

    from display import live
    from kiosk import create_app
    from kiosk.extensions import db
    from models import Delegate, Vote
    from tests.factories import build_event
    from votes import service

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{directory}/bench.db",
                      "INSTANCE_DIR": directory, "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        event_id = build_event(delegates=0)
        now = datetime.now(UTC)
        db.session.add_all(Delegate(event_id=event_id, number=n, full_name=f"Đại biểu {n:03d}", checked_in_at=now)
                           for n in range(1, delegates + 1))
        db.session.commit()
        tokens = list(db.session.scalars(db.select(Delegate.ballot_token).where(Delegate.event_id == event_id)))
        Path(directory, "tokens.txt").write_text("\n".join(tokens))
        vote = service.create_vote(event_id, {"title": "Thông qua danh sách đại biểu dự Đại hội cấp trên",
                                              "method": "electronic", "rule": "half_present"})
        live.show_screen(event_id, {"kind": "vote", "vote_id": vote.id})
        service.open_vote(event_id, vote.id)
        assert db.session.get(Vote, vote.id).entitled == delegates
        Path(directory, "ids.txt").write_text(f"{event_id} {vote.id}")
        db.session.remove()
        db.engine.dispose()


def serve_werkzeug(port: int, directory: str, database_url: str | None) -> None:
    from kiosk import create_app
    from kiosk.extensions import socketio as server_socketio
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{directory}/bench.db",
                      "INSTANCE_DIR": directory, "SECRET_KEY": "bench"})
    server_socketio.run(app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, log_output=False)


def start(delegates: int, database_url: str | None, directory: str, server: str):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KIOSK_INSTANCE": directory, "SECRET_KEY": "bench",
           "DATABASE_URL": database_url or f"sqlite:///{directory}/bench.db", "HOST": "127.0.0.1",
           "PORT": str(port), "HTTPS_PORT": "0", "LOG_LEVEL": "error"}
    subprocess.run([sys.executable, __file__, "--prepare", directory, str(delegates)]
                   + (["--database-url", database_url] if database_url else []), check=True, cwd=ROOT, env=env)
    if server == "gunicorn":  # `make run` / `make serve`: gunicorn with the checked-in gunicorn.conf.py
        args = [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "gunicorn.conf.py")]
    else:
        args = [sys.executable, __file__, "--serve-werkzeug", str(port), directory] + (
            ["--database-url", database_url] if database_url else [])
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/healthz", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.2)
    event_id, vote_id = map(int, Path(directory, "ids.txt").read_text().split())
    time.sleep(0.5)
    return proc, url, event_id, vote_id


def start_bare(directory: str, tokens: list[str]) -> Bare:
    """The bare ballot endpoint on the same tokens, under gunicorn's gevent worker like the product."""
    import sqlite3
    path = Path(directory, "bare.db")
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE bare_ballot (token VARCHAR(40) PRIMARY KEY, choice VARCHAR(10))")
        conn.executemany("INSERT INTO bare_ballot (token) VALUES (?)", [(token,) for token in tokens])
    return Bare("bare_ballot_app", directory, BARE_DATABASE=f"sqlite:///{path}")


async def watch(url: str, event_id: int, target: int, seen: dict):
    client = socketio.AsyncClient(reconnection=False)

    @client.on("live_state")
    async def on_state(state):
        screen = state.get("screen", {})
        seen["broadcasts"] = seen.get("broadcasts", 0) + 1
        if screen.get("received") == target and "reached" not in seen:
            seen["reached"] = time.perf_counter()

    await client.connect(url, transports=["websocket"])
    await client.emit("join", {"event_id": event_id})
    return client


def ballots(tokens: list[str], twice: float, seed: int) -> list[tuple[str, str]]:
    """Each token once with a choice, and a share of them a second time (another press, another phone), shuffled:
    the same list for the product and the bare endpoint."""
    rng = random.Random(seed)
    sends = [(t, rng.choice(("for", "for", "for", "against", "abstain"))) for t in tokens]
    sends += [(t, c) for t, c in rng.sample(sends, int(len(tokens) * twice))]
    rng.shuffle(sends)
    return sends


async def load(url: str, event_id: int | None, vote_id: int, sends: list, delegates: int, spread_s: float):
    """event_id None: the bare endpoint, with no projector to watch and no vote to read back."""
    seen = {}
    watcher = await watch(url, event_id, delegates, seen) if event_id is not None else None
    await asyncio.sleep(0.5)
    seen["broadcasts"] = 0
    results, latencies, done_at = [], [], []
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as http:
        start_at = time.perf_counter()

        async def one(token, choice):
            if spread_s:
                await asyncio.sleep(random.random() * spread_s)
            sent = time.perf_counter()
            async with http.post(f"{url}/api/ballots/{token}", json={"vote_id": vote_id, "choice": choice}) as r:
                body = await r.json()
            back = time.perf_counter()
            latencies.append((back - sent) * 1000)
            done_at.append(back)
            results.append((r.status, body.get("result")))
        await asyncio.gather(*(one(t, c) for t, c in sends))
        last = max(done_at)
        deadline = time.perf_counter() + 5
        while watcher and "reached" not in seen and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        vote = {"received": sum(1 for _, result in results if result == "voted"), "entitled": delegates}
        if watcher:
            async with http.get(f"{url}/api/events/{event_id}/votes") as r:
                vote = next(v for v in await r.json() if v["id"] == vote_id)
    if watcher:
        await watcher.disconnect()
    latencies.sort()
    return {"sent": len(sends), "wall_s": last - start_at, "results": results, "latencies": latencies,
            "reached_after_last_ms": (seen["reached"] - last) * 1000 if "reached" in seen else None,
            "broadcasts": seen.get("broadcasts", 0), "received": vote["received"], "entitled": vote["entitled"]}


def pct(values, p):
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def report(name: str, out: dict, delegates: int, bare: bool = False) -> dict:
    """Prints one load's figures; returns them, with `ok` when every ballot counted exactly once."""
    voted = sum(1 for s, r in out["results"] if r == "voted")
    again = sum(1 for s, r in out["results"] if r == "already_voted")
    other = [x for x in out["results"] if x[1] not in ("voted", "already_voted")]
    lat = out["latencies"]
    ok = voted == delegates == out["received"] and again == out["sent"] - delegates and not other
    reached = out["reached_after_last_ms"]
    figures = {"ok": ok, "sent": out["sent"], "wall_s": out["wall_s"], "p50": statistics.median(lat),
               "p95": pct(lat, 95), "p99": pct(lat, 99), "max": lat[-1], "reached_ms": reached}
    print(f"{name}: {out['sent']} ballots ({out['sent'] - delegates} sent twice) in {out['wall_s']:.2f} s · "
          f"voted {voted}, already_voted {again}, other {len(other)}"
          + ("" if bare else f" · received {out['received']}/{out['entitled']}")
          + f" · {'every ballot counted once' if ok else 'MISCOUNT'}")
    print(f"  answers ms: p50 {figures['p50']:.0f}  p95 {figures['p95']:.0f}  p99 {figures['p99']:.0f}  "
          f"max {figures['max']:.0f}")
    if not bare:
        print(f"  projector: count {delegates} shown "
              + (f"{reached:.0f} ms after the last answer" if reached is not None else "NOT within 5 s")
              + f", {out['broadcasts']} live_state broadcasts for the burst")
    return figures


LOADS = (("burst", "burst (all at the same instant)", 0.0), ("spread", "spread over 1 s", 1.0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare", nargs=2, metavar=("DIR", "DELEGATES"))
    parser.add_argument("--serve-werkzeug", nargs=2, metavar=("PORT", "DIR"))
    parser.add_argument("--server", choices=("gunicorn", "werkzeug"), default="gunicorn")
    parser.add_argument("--delegates", type=int, default=500)
    parser.add_argument("--twice", type=float, default=0.1)
    parser.add_argument("--database-url")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare[0], int(args.prepare[1]), args.database_url)
        return
    if args.serve_werkzeug:
        serve_werkzeug(int(args.serve_werkzeug[0]), args.serve_werkzeug[1], args.database_url)
        return
    print(f"server: {args.server}, database: {'PostgreSQL' if args.database_url else 'SQLite'}, "
          f"{args.delegates} delegates checked in, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    figures = {}
    for key, name, spread in LOADS:
        with tempfile.TemporaryDirectory() as directory:
            proc, url, event_id, vote_id = start(args.delegates, args.database_url, directory, args.server)
            tokens = Path(directory, "tokens.txt").read_text().split()
            sends = ballots(tokens, args.twice, seed=len(figures))
            try:
                out = asyncio.run(load(url, event_id, vote_id, sends, args.delegates, spread))
                kiosk = report(f"kiosk, {name}", out, args.delegates)
            finally:
                proc.terminate()
                proc.wait(timeout=15)
            server = start_bare(directory, tokens)
            try:
                out = asyncio.run(load(server.url, None, 0, sends, args.delegates, spread))
                bare = report(f"bare endpoint, {name}", out, args.delegates, bare=True)
            finally:
                server.stop()
            print(f"  kiosk / bare p99: {kiosk['p99'] / bare['p99']:.2f}")
            figures[key] = {"kiosk": kiosk, "bare": bare}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    sys.exit(0 if all(f["kiosk"]["ok"] and f["bare"]["ok"] for f in figures.values()) else 1)


if __name__ == "__main__":
    main()
