"""The kiosk stands at the entrance, as issue 24 sizes them: a wave of 600 delegates through 4 stands and 6 door
tablets in 10 minutes (each stand in bursts of 30 scans a minute), on `gunicorn -c gunicorn.conf.py` with SQLite,
an event of 2,000 delegates in 105 delegations.

  (a) the seat assignment of the 2,000 delegates, delegations together (POST seats/assign), seconds;
  (b) the greeting: a stand's check-in answered (the greeting is drawn from that answer), p50/p99 ms, target p99 < 1 s;
  (c) the hall plan: an organiser's plan page watches the attendance over Socket.IO and reads the present seats
      (GET seating/present) after each update, as /admin/events/{id}/seating does; for each scan, ms from its
      answer until a plan read counts it present, p50/p99, target p99 < 1 s.

    .venv/bin/python bench/kiosk.py [--minutes 10] [--speed 1] [--json out.json]

--speed 10 plays the same wave ten times faster (for a quick check, not to quote the figures).
"""
import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import aiohttp
import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.databases import EVENT, MC_PASSWORD, badge_codes, bench_app, database  # noqa: E402
from bench.servers import Kiosk  # noqa: E402

DELEGATES, DELEGATIONS = 2000, 105
STANDS, DOORS, WAVE = 4, 6, 600
BURST = 30  # scans a minute at one stand, in its busy minutes
HALL = [{"zone": zone, "rows": 20, "seats_per_row": 25} for zone in "ABCDE"]  # 2,500 seats


def prepare(url: str, directory: str) -> None:
    """The event, its delegates in delegations (heads first), and the organiser's, doors' and stands' accounts."""
    from display.programme import create_event
    from kiosk.extensions import db
    from kiosk.identity.accounts import assign_events, create_account
    from models import Delegate
    app = bench_app(url, directory)
    with app.app_context():
        db.create_all()
        event = create_event(dict(EVENT))
        codes = badge_codes(directory, DELEGATES)
        db.session.execute(db.insert(Delegate), [
            {"event_id": event.id, "number": n + 1, "code": code, "full_name": f"Đại biểu số {n + 1}",
             "search_name": f"dai bieu so {n + 1}", "unit": f"Đơn vị {n % 40}", "gender": "nam",
             "delegation": f"Đoàn {n % DELEGATIONS + 1}", "delegation_head": n < DELEGATIONS, "is_guest": False,
             "is_collective": False, "is_hero": False, "revoked": False} for n, code in enumerate(codes)])
        db.session.commit()
        for name, role in (("btc", "organiser"), ("cua", "door"), ("quay", "kiosk")):
            account = create_account(name, role, MC_PASSWORD)
            if role != "organiser":  # door and kiosk accounts work only where assigned
                assign_events(account.id, [event.id])
        db.session.remove()
        db.engine.dispose()


def sign_in(url: str, username: str) -> tuple[str, str]:
    session = requests.Session()
    answer = session.post(f"{url}/api/login", json={"username": username, "password": MC_PASSWORD}, timeout=10)
    return "; ".join(f"{k}={v}" for k, v in session.cookies.get_dict().items()), answer.json()["csrf_token"]


def assign_seats(url: str) -> float:
    cookie, token = sign_in(url, "btc")
    started = time.perf_counter()
    answer = requests.post(f"{url}/api/events/1/seats/assign", json={"zones": HALL}, timeout=60,
                           headers={"Cookie": cookie, "X-CSRFToken": token})
    elapsed = time.perf_counter() - started
    assert answer.status_code == 200 and answer.json()["seated"] == DELEGATES, answer.text
    return elapsed


def schedule(minutes: float) -> list[tuple[float, str, int]]:
    """(second, "stand" or "door", device) for each of the WAVE scans: each stand has bursts of BURST scans a minute
    (one every two seconds) in its busy minutes, taking turns; the door tablets share the rest evenly."""
    at_stands = WAVE * 2 // 5
    plan = []
    per_stand = at_stands // STANDS
    for stand in range(STANDS):
        for n in range(per_stand):
            minute = (n // BURST) * STANDS + stand  # the stands' busy minutes take turns
            plan.append(((minute % minutes) * 60 + (n % BURST) * 60 / BURST, "stand", stand))
    at_doors = WAVE - len(plan)
    for n in range(at_doors):
        plan.append((n * minutes * 60 / at_doors, "door", n % DOORS))
    return sorted(plan)


async def wave(url: str, codes: list[str], minutes: float, speed: float) -> dict:
    stand_cookie, stand_token = sign_in(url, "quay")
    door_cookie, door_token = sign_in(url, "cua")
    plan_cookie, _ = sign_in(url, "btc")
    answered: list[float] = []  # when each scan was answered, in order
    plan_reads: list[tuple[float, int]] = []  # (when, present seats) of each read of the plan
    greetings, doors, failed = [], [], [0]

    reading = asyncio.Lock()

    async def read_plan(session):
        async with reading:
            async with session.get(f"{url}/api/events/1/seating/present", headers={"Cookie": plan_cookie}) as answer:
                plan = await answer.json()
        plan_reads.append((time.perf_counter(), len(plan["present"])))

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        watcher = socketio.AsyncClient(reconnection=False)
        pending = []
        watcher.on("attendance", lambda _: pending.append(asyncio.ensure_future(read_plan(session))))
        await watcher.connect(url, transports=["websocket"], headers={"Cookie": plan_cookie}, wait_timeout=10)
        await watcher.call("watch_attendance", {"event_id": 1}, timeout=10)

        async def scan(at, kind, device, code):
            await asyncio.sleep(max(0.0, start + at / speed - time.perf_counter()))
            cookie, token = (stand_cookie, stand_token) if kind == "stand" else (door_cookie, door_token)
            name = f"Quầy {device + 1}" if kind == "stand" else f"Cửa {device + 1}"
            sent = time.perf_counter()
            async with session.post(f"{url}/api/events/1/checkin", json={"code": code, "door": name},
                                    headers={"Cookie": cookie, "X-CSRFToken": token}) as answer:
                body = await answer.json()
            done = time.perf_counter()
            if answer.status != 200 or body["result"] != "checked_in" or (kind == "stand" and not body["delegate"]["seat"]):
                failed[0] += 1
            (greetings if kind == "stand" else doors).append((done - sent) * 1000)
            answered.append(done)

        start = time.perf_counter()
        await asyncio.gather(*(scan(at, kind, device, code)
                               for (at, kind, device), code in zip(schedule(minutes), codes, strict=False)))
        deadline = time.perf_counter() + 5
        while (not plan_reads or plan_reads[-1][1] < len(answered)) and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.gather(*pending, return_exceptions=True)
        await watcher.disconnect()
    answered.sort()
    lags = []
    for count, at in enumerate(answered, start=1):
        seen = next((when for when, present in plan_reads if when >= at and present >= count), None)
        lags.append((seen - at) * 1000 if seen is not None else float("inf"))

    def q(values):
        cut = statistics.quantiles(values, n=100, method="inclusive")
        return {"p50": cut[49], "p99": cut[98], "n": len(values)}
    return {"greeting": q(greetings), "door": q(doors), "plan": q(lags), "failed": failed[0],
            "plan_reads": len(plan_reads)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--speed", type=float, default=1)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    with database("sqlite") as (url, directory):
        prepare(url, directory)
        codes = Path(directory, "codes.txt").read_text().split()
        server = Kiosk(url, directory)
        try:
            seconds = assign_seats(server.url)
            figures = asyncio.run(wave(server.url, codes[:WAVE], args.minutes, args.speed))
        finally:
            server.stop()
    figures.update(assign_seconds=seconds, minutes=args.minutes, speed=args.speed)
    g, p, d = figures["greeting"], figures["plan"], figures["door"]
    print(f"seat assignment, {DELEGATES} delegates in {DELEGATIONS} delegations: {seconds:.2f} s (target < 2 s)")
    print(f"wave of {WAVE} in {args.minutes:g} min (x{args.speed:g}), {STANDS} stands and {DOORS} door tablets, "
          f"{figures['failed']} failed")
    print(f"stand greeting (check-in answered) p50 / p99 ms: {g['p50']:.1f} / {g['p99']:.1f} over {g['n']} scans "
          f"(target p99 < 1,000)")
    print(f"door tablets p50 / p99 ms: {d['p50']:.1f} / {d['p99']:.1f} over {d['n']} scans")
    print(f"hall plan current, ms after the answer, p50 / p99: {p['p50']:.0f} / {p['p99']:.0f} "
          f"({figures['plan_reads']} reads of the plan; target p99 < 1,000)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures))


if __name__ == "__main__":
    main()
