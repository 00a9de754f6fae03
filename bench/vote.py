"""Electronic ballots under load: 500 delegates checked in, an electronic vote open and on the hall's screen,
500 phones sending their ballot (and 10% of them sending it twice), against one server process.

Two loads: `burst`, every request fired at the same instant, and `spread`, the same requests started at random
over one second (a hall pressing after the MC says "mời các đồng chí biểu quyết"). For each: the answers' p50,
p95, p99 and max; every ballot counted exactly once (voted / already_voted, the tallies, the vote's `received`);
and when the projector's count (a Socket.IO client in the event's room) reached 500 after the last answer.

    .venv/bin/python bench/vote.py [--server gunicorn|werkzeug] [--delegates 500] [--twice 0.1]
                                   [--database-url postgresql+psycopg://...]

The server is `make run`'s (gunicorn with the checked-in gunicorn.conf.py, gevent worker) unless --server werkzeug
(the threaded development server).
"""
import argparse
import asyncio
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
from bench.servers import free_port  # noqa: E402


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


async def load(url: str, event_id: int, vote_id: int, tokens: list[str], twice: float, spread_s: float):
    sends = [(t, random.choice(("for", "for", "for", "against", "abstain"))) for t in tokens]
    sends += [(t, c) for t, c in random.sample(sends, int(len(tokens) * twice))]  # a second press, another phone
    random.shuffle(sends)
    seen = {}
    watcher = await watch(url, event_id, len(tokens), seen)
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
        while "reached" not in seen and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        async with http.get(f"{url}/api/events/{event_id}/votes") as r:
            vote = next(v for v in await r.json() if v["id"] == vote_id)
    await watcher.disconnect()
    latencies.sort()
    return {"sent": len(sends), "wall_s": last - start_at, "results": results, "latencies": latencies,
            "reached_after_last_ms": (seen["reached"] - last) * 1000 if "reached" in seen else None,
            "broadcasts": seen.get("broadcasts", 0), "received": vote["received"], "entitled": vote["entitled"]}


def pct(values, p):
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def report(name: str, out: dict, delegates: int) -> bool:
    voted = sum(1 for s, r in out["results"] if r == "voted")
    again = sum(1 for s, r in out["results"] if r == "already_voted")
    other = [x for x in out["results"] if x[1] not in ("voted", "already_voted")]
    lat = out["latencies"]
    ok = voted == delegates == out["received"] and again == out["sent"] - delegates and not other
    reached = out["reached_after_last_ms"]
    print(f"{name}: {out['sent']} ballots ({out['sent'] - delegates} sent twice) in {out['wall_s']:.2f} s · "
          f"voted {voted}, already_voted {again}, other {len(other)} · received {out['received']}/{out['entitled']} "
          f"· {'every ballot counted once' if ok else 'MISCOUNT'}")
    print(f"  answers ms: p50 {statistics.median(lat):.0f}  p95 {pct(lat, 95):.0f}  p99 {pct(lat, 99):.0f}  "
          f"max {lat[-1]:.0f}")
    print(f"  projector: count {delegates} shown "
          + (f"{reached:.0f} ms after the last answer" if reached is not None else "NOT within 5 s")
          + f", {out['broadcasts']} live_state broadcasts for the burst")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prepare", nargs=2, metavar=("DIR", "DELEGATES"))
    parser.add_argument("--serve-werkzeug", nargs=2, metavar=("PORT", "DIR"))
    parser.add_argument("--server", choices=("gunicorn", "werkzeug"), default="gunicorn")
    parser.add_argument("--delegates", type=int, default=500)
    parser.add_argument("--twice", type=float, default=0.1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare[0], int(args.prepare[1]), args.database_url)
        return
    if args.serve_werkzeug:
        serve_werkzeug(int(args.serve_werkzeug[0]), args.serve_werkzeug[1], args.database_url)
        return
    print(f"server: {args.server}, database: {'PostgreSQL' if args.database_url else 'SQLite'}, "
          f"{args.delegates} delegates checked in, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    ok = True
    for name, spread in (("burst (all at the same instant)", 0.0), ("spread over 1 s", 1.0)):
        with tempfile.TemporaryDirectory() as directory:
            proc, url, event_id, vote_id = start(args.delegates, args.database_url, directory, args.server)
            try:
                tokens = Path(directory, "tokens.txt").read_text().split()
                out = asyncio.run(load(url, event_id, vote_id, tokens, args.twice, spread))
                ok = report(name, out, args.delegates) and ok
            finally:
                proc.terminate()
                proc.wait(timeout=15)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
