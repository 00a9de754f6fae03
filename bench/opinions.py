"""Opinions to the presidium under load (issue 23, "How fast"): 300 delegates' phones send an opinion each within
one minute, against one server process as `make run` serves it (gunicorn, gevent worker, SQLite); the secretariat's
page is a Socket.IO client in its room. Then the same 300 send a second opinion all at one instant (a burst, 100
connections at a time).

For each load: every opinion answered 201; every one received by the secretariat, once, in the order the server
kept them (increasing ids, which is also the order sent in the minute); the answers' p50 / p99 / max and the time
from sending to the secretariat's message (p50 / p99 / max). A socket in the event's public room (every projector
and phone is there) must receive none of them.

    .venv/bin/python bench/opinions.py [--delegates 300] [--seconds 60] [--json out.json]
"""
import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.servers import free_port, stop, wait_until_up  # noqa: E402

SECRETARY = ("thu-ky", "bench-mat-khau-thu-ky")


def prepare(directory: str, delegates: int) -> None:
    """One event with `delegates` delegates (their tokens in DIR/tokens.txt, the event id in DIR/event.txt) and a
    secretary's account."""
    from kiosk import create_app
    from kiosk.extensions import db
    from kiosk.identity.accounts import create_account
    from models import Delegate
    from tests.factories import build_event

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.db", "INSTANCE_DIR": directory,
                      "SECRET_KEY": "bench"})
    with app.app_context():
        db.drop_all()
        db.create_all()
        event_id = build_event(delegates=0)
        db.session.add_all(Delegate(event_id=event_id, number=n, full_name=f"Đại biểu {n:03d}", unit="Xã Vũ Hội")
                           for n in range(1, delegates + 1))
        create_account(*SECRETARY[:1], "secretary", SECRETARY[1])
        db.session.commit()
        tokens = db.session.scalars(db.select(Delegate.ballot_token).where(Delegate.event_id == event_id)
                                    .order_by(Delegate.number))
        Path(directory, "tokens.txt").write_text("\n".join(tokens))
        Path(directory, "event.txt").write_text(str(event_id))
        db.session.remove()
        db.engine.dispose()


def start(directory: str, delegates: int):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "KIOSK_INSTANCE": directory, "SECRET_KEY": "bench",
           "DATABASE_URL": f"sqlite:///{directory}/bench.db", "HOST": "127.0.0.1", "PORT": str(port),
           "HTTPS_PORT": "0", "LOG_LEVEL": "error"}
    subprocess.run([sys.executable, __file__, "--prepare", directory, str(delegates)], check=True, cwd=ROOT, env=env)
    proc = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "gunicorn.conf.py")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env,
                            start_new_session=True)  # its own group, which stop() ends whole
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, proc)
    return proc, url, int(Path(directory, "event.txt").read_text())


async def sockets(url: str, event_id: int):
    """The secretariat (signed in, in its room) and a projector (anonymous, in the public room)."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:  # cookies of 127.0.0.1
        async with http.post(f"{url}/api/login", json={"username": SECRETARY[0], "password": SECRETARY[1]}) as r:
            assert r.status == 200, await r.text()
            cookie = "; ".join(f"{c.key}={c.value}" for c in http.cookie_jar)
    seen = {"secretariat": [], "public": []}
    secretariat = socketio.AsyncClient(reconnection=False)
    public = socketio.AsyncClient(reconnection=False)

    @secretariat.on("opinion")
    async def on_opinion(opinion):
        seen["secretariat"].append((time.perf_counter(), opinion["id"], opinion["text"]))

    @public.on("opinion")
    async def on_public(opinion):
        seen["public"].append(opinion)

    await secretariat.connect(url, transports=["websocket"], headers={"Cookie": cookie})
    answer = await secretariat.call("watch_opinions", {"event_id": event_id}, timeout=10)
    assert answer.get("ok"), answer
    await public.connect(url, transports=["websocket"])
    await public.call("join", {"event_id": event_id}, timeout=10)
    return secretariat, public, seen


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else float("nan")


async def load(url: str, tokens: list[str], label: str, spread_s: float, seen: dict) -> dict:
    """Each token sends one opinion; spread evenly over `spread_s` seconds in the order of the list (0: at once)."""
    before = len(seen["secretariat"])
    sent, answers = {}, []
    connector = aiohttp.TCPConnector(limit=100)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as http:
        start_at = time.perf_counter()

        async def one(index, token):
            if spread_s:
                await asyncio.sleep(start_at + index * spread_s / len(tokens) - time.perf_counter())
            text = f"{label} {index:03d}: ý kiến của đại biểu về báo cáo chính trị, đề nghị bổ sung số liệu."
            sent[text] = time.perf_counter()
            async with http.post(f"{url}/api/me/{token}/opinions", json={"text": text}) as r:
                body = await r.json()
            answers.append((r.status, body.get("id"), (time.perf_counter() - sent[text]) * 1000))
        await asyncio.gather(*(one(i, t) for i, t in enumerate(tokens)))
        wall = time.perf_counter() - start_at
    deadline = time.perf_counter() + 10
    while len(seen["secretariat"]) - before < len(tokens) and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    got = seen["secretariat"][before:]
    ids = [i for _, i, _ in got]
    kept = sorted(i for status, i, _ in answers if status == 201)
    delivery = [(at - sent[text]) * 1000 for at, _, text in got if text in sent]
    sent_order = [i for _, i in sorted((sent[text], i) for _, i, text in got if text in sent)]
    return {"label": label, "count": len(tokens), "spread_s": spread_s, "wall_s": wall,
            "created": len(kept), "received": len(set(ids)), "duplicates": len(ids) - len(set(ids)),
            "in_kept_order": ids == sorted(ids) and sorted(ids) == kept,
            "in_sent_order": ids == sent_order,
            "answer": {"p50": pct([a for *_, a in answers], 50), "p99": pct([a for *_, a in answers], 99),
                       "max": max(a for *_, a in answers)},
            "delivery": {"p50": pct(delivery, 50), "p99": pct(delivery, 99), "max": max(delivery, default=float("nan"))}}


def report(r: dict) -> None:
    ok = r["created"] == r["count"] == r["received"] and not r["duplicates"] and r["in_kept_order"]
    print(f"{r['label']}: {r['count']} opinions over {r['spread_s']:g} s (took {r['wall_s']:.1f} s): created "
          f"{r['created']}, received by the secretariat {r['received']} (duplicates {r['duplicates']}), in the order "
          f"kept: {r['in_kept_order']}, in the order sent: {r['in_sent_order']}; answer p50/p99/max "
          f"{r['answer']['p50']:.0f}/{r['answer']['p99']:.0f}/{r['answer']['max']:.0f} ms; sent -> secretariat "
          f"p50/p99/max {r['delivery']['p50']:.0f}/{r['delivery']['p99']:.0f}/{r['delivery']['max']:.0f} ms; "
          f"{'OK' if ok else 'FAILED'}")
    r["ok"] = ok


async def run(url: str, event_id: int, tokens: list[str], seconds: float) -> dict:
    secretariat, public, seen = await sockets(url, event_id)
    try:
        minute = await load(url, tokens, "Phút", seconds, seen)
        burst = await load(url, tokens, "Cùng lúc", 0, seen)
        await asyncio.sleep(0.5)  # anything the public room would have been sent has arrived by now
    finally:
        await secretariat.disconnect()
        await public.disconnect()
    for part in (minute, burst):
        report(part)
    print(f"opinions received in the event's public room: {len(seen['public'])} (must be 0)")
    return {"minute": minute, "burst": burst, "public_room": len(seen["public"]),
            "ok": minute["ok"] and burst["ok"] and not seen["public"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--json")
    parser.add_argument("--prepare", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        prepare(args.prepare[0], int(args.prepare[1]))
        return
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-opinions-") as directory:
        proc, url, event_id = start(directory, args.delegates)
        try:
            tokens = Path(directory, "tokens.txt").read_text().split()
            result = asyncio.run(run(url, event_id, tokens, args.seconds))
        finally:
            stop(proc)
    if args.json:
        Path(args.json).write_text(json.dumps(result))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
