"""`make bench`: every benchmark in turn, ONE table of their figures against the bare baselines and the targets of
issue 13, written with the machine it ran on into docs/benchmarks.md.

Each part is its own script, runnable alone (bench/checkin.py, bench/fanout.py, bench/badges.py,
bench/delegates_import.py, bench/vote.py, bench/flood.py, bench/kiosk.py, bench/opinions.py, bench/phones.py); each runs
here in its own process with a time limit, on 127.0.0.1 only, and removes its servers, temporary files and databases.

    .venv/bin/python bench/run_all.py [--quick] [--out docs/benchmarks.md]

--quick runs every part at a fraction of its size, to check the scripts, not to quote the figures.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
FULL = {"checkin": ["--seconds", "10", "--rounds", "3", "--door-seconds", "15"],
        "fanout": ["--clients", "500", "1000", "--steps", "40", "--workers", "4"],
        "badges": ["--count", "1000"], "import": ["--rows", "5000"], "flood": ["--seconds", "10"],
        "heavy": ["--delegates", "1000", "2000"], "kiosk": ["--minutes", "10"],
        "opinions": ["--delegates", "300", "--seconds", "60"],
        "phones": ["--phones", "1000", "--steps", "30", "--readers", "500", "--workers", "4"]}
QUICK = {"checkin": ["--seconds", "3", "--rounds", "1", "--door-seconds", "3"],
         "fanout": ["--clients", "100", "200", "--steps", "8", "--workers", "2"],
         "badges": ["--count", "100"], "import": ["--rows", "500"], "flood": ["--seconds", "3", "--connections", "500"],
         "heavy": ["--delegates", "200", "--files", "badges.pdf", "--seconds", "3"], "kiosk": ["--speed", "10"],
         "opinions": ["--delegates", "60", "--seconds", "5"],
         "phones": ["--phones", "200", "--steps", "8", "--readers", "60", "--workers", "2"]}
# seconds each part may take
LIMITS = {"checkin": 1200, "fanout": 1200, "badges": 300, "import": 600, "vote": 600, "flood": 600, "heavy": 1800,
          "kiosk": 900, "opinions": 400, "phones": 1800}
NOTES = "<!-- notes: written by hand, kept by make bench -->"
SCRIPTS = {"checkin": "checkin.py", "fanout": "fanout.py", "badges": "badges.py", "import": "delegates_import.py",
           "flood": "flood.py", "heavy": "heavy.py", "kiosk": "kiosk.py", "opinions": "opinions.py", "phones": "phones.py"}


def run_part(name: str, args: list[str], directory: str) -> tuple[dict | list | None, str]:
    out = Path(directory, f"{name}.json")
    started = time.monotonic()
    print(f"--- {name}: bench/{SCRIPTS[name]} {' '.join(args)}", flush=True)
    try:
        done = subprocess.run([PY, str(ROOT / "bench" / SCRIPTS[name]), *args, "--json", str(out)], cwd=ROOT,
                              capture_output=True, text=True, timeout=LIMITS[name],
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        text = done.stdout + (f"\n(exit {done.returncode})\n{done.stderr[-3000:]}" if done.returncode else "")
    except subprocess.TimeoutExpired:
        text = f"(stopped after {LIMITS[name]} s)"
    text += f"\n({time.monotonic() - started:.0f} s)"
    print(text, flush=True)
    return (json.loads(out.read_text()) if out.exists() else None), text


def run_vote(directory: str) -> tuple[dict | None, str]:
    """bench/vote.py: its figures (kiosk and bare endpoint, burst and spread) and its output."""
    print("--- vote: bench/vote.py", flush=True)
    out = Path(directory, "vote.json")
    try:
        done = subprocess.run([PY, str(ROOT / "bench" / "vote.py"), "--json", str(out)], cwd=ROOT, capture_output=True,
                              text=True, timeout=LIMITS["vote"], env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return None, f"(stopped after {LIMITS['vote']} s)"
    print(done.stdout, flush=True)
    if not out.exists():
        return None, done.stdout + done.stderr[-3000:]
    return json.loads(out.read_text()), done.stdout


def machine() -> dict:
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))

    def version(command):
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=10)
            return (done.stdout + done.stderr).strip().splitlines()[0]
        except (OSError, subprocess.SubprocessError, IndexError):
            return "?"
    commit = version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    return {"nproc": os.cpu_count(), "cpu": cpu.group(1).strip() if cpu else platform.processor(),
            "memory": f"{memory / 1024 / 1024:.1f} GiB", "python": platform.python_version(),
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit,
            "os": platform.platform(), "postgresql": version(["psql", "--version"]),
            "nginx": version(["nginx", "-v"]), "redis": version(["redis-server", "--version"]),
            "wrk": version(["wrk", "--version"])}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def flood_rows(flood: list | None) -> list[tuple]:
    """bench/flood.py: the door's scans while one address floods, against the quiet phase of the same run."""
    if not flood:
        return [("Flood (bench/flood.py)", "failed", "", "", "", "")]
    quiet, rows = flood[0], []
    for phase in flood[1:]:
        met = phase["p99"] < 100 and phase["max"] < 300 and not phase["failed"]
        rows.append((f"Door p50 / p99 / max ms (1 scan / 100 ms, 1 process, SQLite) while {phase['phase']}: "
                     f"{phase.get('flood', '')}",
                     f"{phase['p50']:.0f} / {phase['p99']:.0f} / {phase['max']:.0f}",
                     f"{quiet['p50']:.0f} / {quiet['p99']:.0f} / {quiet['max']:.0f} (quiet)",
                     f"{phase['p99'] / max(quiet['p99'], 0.1):.2f} (p99)", "p99 < 100 ms, max < 300 ms", yes(met)))
    return rows


def kiosk_rows(kiosk: dict | None) -> list[tuple]:
    """bench/kiosk.py (issue 24): the stands' greeting, the hall plan and the seat assignment."""
    if not kiosk:
        return [("Kiosk stands (bench/kiosk.py)", "failed", "", "", "", "")]
    g, p = kiosk["greeting"], kiosk["plan"]
    wave = f"600 delegates, 4 stands + 6 door tablets, {kiosk['minutes']:g} min x{kiosk['speed']:g}"
    failed = f", {kiosk['failed']} failed" if kiosk["failed"] else ""
    return [(f"Stand greeting (check-in answered) p50 / p99 ms ({wave}{failed})", f"{g['p50']:.0f} / {g['p99']:.0f}",
             "", "", "p99 < 1,000 ms", yes(g["p99"] < 1000 and not kiosk["failed"])),
            (f"Hall plan current after a scan, p50 / p99 ms ({wave})", f"{p['p50']:.0f} / {p['p99']:.0f}", "", "",
             "p99 < 1,000 ms", yes(p["p99"] < 1000)),
            ("Seat assignment, 2,000 delegates in 105 delegations (POST seats/assign)",
             f"{kiosk['assign_seconds']:.2f} s", "", "", "< 2 s", yes(kiosk["assign_seconds"] < 2))]


def opinions_rows(opinions: dict | None) -> list[tuple]:
    """bench/opinions.py (issue 23): 300 opinions in a minute, then 300 at once, all to the secretariat in order."""
    if not opinions:
        return [("Opinions to the secretariat (bench/opinions.py)", "failed", "", "", "", "")]
    rows = []
    for key, label in (("minute", f"over {opinions['minute']['spread_s']:g} s"), ("burst", "at one instant")):
        r = opinions[key]
        rows.append((f"Opinions p50 / p99 ms sent -> secretariat, 1 process, SQLite: {r['count']} phones {label}; "
                     f"received {r['received']}/{r['count']}, in the order kept: {r['in_kept_order']}; "
                     f"public room got {opinions['public_room']}",
                     f"{r['delivery']['p50']:.0f} / {r['delivery']['p99']:.0f}", "", "",
                     "all, in order, none public", yes(r["ok"] and not opinions["public_room"])))
    return rows


def table(checkin, fanout, badges, imported, vote: dict | None, flood: list | None = None,
          kiosk: dict | None = None, opinions: dict | None = None) -> list[str]:
    rows = [("Measure", "Kiosk", "Bare baseline", "Kiosk / bare", "Target", "Met")]
    for r in checkin or []:
        k, b = r["kiosk"], r["bare"]
        pg = r["setup"] != "sqlite"
        rows.append((f"Check-in/s, {r['label']} (wrk, 32 connections, median of {len(r['rounds'])} x {r['seconds']} s)",
                     f"{k['rps']:.0f}", f"{b['rps']:.0f}", f"{k['rps'] / b['rps']:.2f}",
                     ">= 1,000/s" if pg else ">= 0.9 x bare",
                     yes(k["rps"] >= 1000) if pg else yes(k["rps"] >= 0.9 * b["rps"])))
        rows.append((f"Check-in p50 / p99 ms, {r['label']}", f"{k['p50']:.1f} / {k['p99']:.1f}",
                     f"{b['p50']:.1f} / {b['p99']:.1f}", f"{k['p99'] / b['p99']:.2f} (p99)", "", ""))
        if pg:
            rows.append((f"Per check-in: server CPU ms / nginx CPU ms / PostgreSQL active ms; connections opened "
                         f"in a round; kiosk: ms waiting for a CPU, {r['label']}",
                         f"{k['cpu_ms']:.2f} / {k['proxy_cpu_ms']:.2f} / {k['db_active_ms']:.2f}; {k['db_sessions']}; "
                         f"{k['runq_ms']:.2f}",
                         f"{b['cpu_ms']:.2f} / {b['proxy_cpu_ms']:.2f} / {b['db_active_ms']:.2f}; {b['db_sessions']}",
                         f"{k['cpu_ms'] / b['cpu_ms']:.2f} (server CPU)", "", ""))
        else:
            rows.append((f"Server CPU ms per check-in, {r['label']}", f"{k['cpu_ms']:.2f}", f"{b['cpu_ms']:.2f}",
                         f"{k['cpu_ms'] / b['cpu_ms']:.2f}", "", ""))
        kd, bd = k["door"], b["door"]
        failed = f", {kd['failed']} failed" if kd["failed"] else ""
        rows.append((f"Door load p50 / p99 ms, {r['label']} (20 tablets x 1 scan/s, {kd['n']} scans{failed}; "
                     f"attendance watchers current {kd['watchers_current']}/21)",
                     f"{kd['p50']:.1f} / {kd['p99']:.1f}", f"{bd['p50']:.1f} / {bd['p99']:.1f}",
                     f"{kd['p99'] / bd['p99']:.2f} (p99)", "p99 < 25 ms" if pg else "p99 <= 1.5 x bare",
                     yes(kd["p99"] < 25) if pg else yes(kd["p99"] <= 1.5 * bd["p99"])))
    if not checkin:
        rows.append(("Check-in", "failed", "", "", "", ""))
    for r in fanout or []:
        k, b = r["kiosk"], r["bare"]
        lost = f"; lost {k['lost']} / bare {b['lost']}" if k["lost"] or b["lost"] else ""
        if r["clients"] >= 500:
            target = "p99 <= 1.2 x bare"
            met = yes(k["p99"] <= 1.2 * b["p99"] and not k["lost"])
        else:
            target, met = "", ""
        rows.append((f"Fan-out p50 / p95 / p99 ms, {r['clients']} clients ({r['workers']} client processes, "
                     f"{r['steps']} steps, ~{r['bytes']} B{lost})",
                     f"{k['p50']:.0f} / {k['p95']:.0f} / {k['p99']:.0f}",
                     f"{b['p50']:.0f} / {b['p95']:.0f} / {b['p99']:.0f}",
                     f"{k['p50'] / b['p50']:.2f} / {k['p95'] / b['p95']:.2f} / {k['p99'] / b['p99']:.2f}", target, met))
    if not fanout:
        rows.append(("Fan-out", "failed", "", "", "", ""))
    if badges:
        rows.append((f"{badges['count']:,} badges, A4 PDF ({badges['pages']} pages, {badges['megabytes']:.1f} MB)",
                     f"{badges['seconds']:.1f} s", "", "", "< 20 s", yes(badges["seconds"] < 20)))
    else:
        rows.append(("Badges", "failed", "", "", "", ""))
    if imported:
        rows.append((f"{imported['rows']:,}-row delegate import (.xlsx, {imported['database']}): first import / "
                     f"same file again / `flask import-delegates` with start-up",
                     f"{imported['first']:.1f} s / {imported['again']:.1f} s / {imported['command']:.1f} s", "", "", "", ""))
    else:
        rows.append(("Delegate import", "failed", "", "", "", ""))
    for key, label in (("burst", "all at one instant"), ("spread", "spread over 1 s")):
        if not vote:
            rows.append(("Vote (bench/vote.py)", "failed", "", "", "", ""))
            break
        k, b = vote[key]["kiosk"], vote[key]["bare"]
        counted = "every ballot counted once" if k["ok"] else "MISCOUNT"
        rows.append((f"Electronic ballots p50 / p99 ms, 1 process, SQLite: {k['sent']} ballots (500 delegates, 10% "
                     f"sent twice) {label}; {counted}", f"{k['p50']:.0f} / {k['p99']:.0f}",
                     f"{b['p50']:.0f} / {b['p99']:.0f}", f"{k['p99'] / b['p99']:.2f} (p99)", "p99 < 200 ms",
                     yes(k["p99"] < 200 and k["ok"])))
        reached = k["reached_ms"]
        rows.append((f"Projector's count of ballots, ms after the last answer ({label})",
                     "not within 5 s" if reached is None else f"{reached:.0f}", "", "", "< 1,000 ms",
                     yes(reached is not None and reached < 1000)))
    rows += flood_rows(flood)
    rows += kiosk_rows(kiosk)
    rows += opinions_rows(opinions)
    return [f"| {' | '.join(row)} |" for row in rows[:1]] + ["|" + "---|" * 6] + \
        [f"| {' | '.join(row)} |" for row in rows[1:]]


def heavy_rows(heavy: list | None) -> list[str]:
    """Issue 19: the door and the MC while each heavy file is made, against the same run's baseline."""
    if not heavy:
        return ["| Heavy work (bench/heavy.py) | failed | | | | |"]
    rows = []
    baselines = {r["delegates"]: r for r in heavy if r["scenario"].startswith("nothing")}
    for r in heavy:
        if r["scenario"].startswith("nothing"):
            continue
        s, b = r["scan"], baselines[r["delegates"]]["scan"]
        took = f", took {r['seconds']:.1f} s" + (f" (made directly {r['directly_s']:.1f} s)" if "directly_s" in r else "")
        ok = s["p99"] < 100 and s["max"] < 300 and r["step"]["max"] < 300 and \
            ("directly_s" not in r or r["seconds"] <= 1.3 * r["directly_s"])
        rows.append(f"| Door scan p50 / p99 / max ms (MC step max) while {r['scenario']}, {r['delegates']:,} delegates"
                    f"{took}; loop stalls {r['loop_stalls']} | {s['p50']:.0f} / {s['p99']:.0f} / {s['max']:.0f} "
                    f"({r['step']['max']:.0f}) | {b['p50']:.0f} / {b['p99']:.0f} / {b['max']:.0f} | "
                    f"{s['p99'] / b['p99']:.2f} (p99) | p99 < 100, max < 300 ms, <= 1.3x direct | {yes(ok)} |")
    return rows


def phones_rows(phones: dict | None) -> list[str]:
    """bench/phones.py (issue 23): the step on the delegates' own pages against the follow page's, and the door while
    every phone opens the same paper."""
    if not phones:
        return ["| Delegates' pages (bench/phones.py) | failed | | | | |"]
    a, b, p, d = phones["phone_page"], phones["follow_page"], phones["paper"], phones["door"]
    lost = f"; lost {a['lost']} / {b['lost']}" if a["lost"] or b["lost"] else ""
    met = d["p99"] < 100 and not p["failed"] and p["received"] == phones["readers"] and not phones["errors"]
    return [f"| Step reaching the personal pages p50 / p99 ms, {phones['phones']:,} phones ({phones['steps']} steps"
            f"{lost}); baseline: the follow page's in the same run | {a['p50']:.0f} / {a['p99']:.0f} | "
            f"{b['p50']:.0f} / {b['p99']:.0f} (follow) | {phones['ratio_p99']:.2f} (p99) | p99 <= 1.2x follow | "
            f"{yes(phones['ratio_p99'] <= 1.2 and not a['lost'])} |",
            f"| Door scan p50 / p99 / max ms (1 / 100 ms) while {phones['readers']} phones open one paper, each its "
            f"own marked copy: {p['received']} received, {p['failed']} failed, last after {p['last_s']:.0f} s, own "
            f"name {p['own_name']} | {d['p50']:.0f} / {d['p99']:.0f} / {d['max']:.0f} | | | p99 < 100 ms, every copy "
            f"received, no scan refused | {yes(met)} |"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every part at a fraction of its size")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    box = machine()
    load_before, started = load(), time.monotonic()
    outputs = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-all-") as directory:
        results = {}
        for name in ("checkin", "fanout", "badges", "import", "flood", "heavy", "kiosk", "opinions", "phones"):
            results[name], outputs[name] = run_part(name, sizes[name], directory)
        vote, outputs["vote"] = run_vote(directory)
    load_after = load()
    lines = table(results["checkin"], results["fanout"], results["badges"], results["import"], vote, results["flood"],
                  results["kiosk"], results["opinions"])
    lines += heavy_rows(results["heavy"])
    lines += phones_rows(results["phones"])
    print("\n" + "\n".join(lines))
    minutes = (time.monotonic() - started) / 60
    print(f"\nload average (1, 5, 15 min) before: {load_before}, after: {load_after}; {minutes:.0f} min")

    doc = ["# Benchmarks", "",
           "Written by `make bench` (bench/run_all.py): every part against its bare baseline in the same run, on one "
           "machine where the load generators, the servers, PostgreSQL, Redis and nginx share the cores. Each part "
           "runs alone too: see the docstrings of bench/checkin.py, bench/fanout.py, bench/badges.py and "
           "bench/delegates_import.py.", "",
           "Every bare baseline is served as the product is: gunicorn, one gevent worker a process (bench/servers.py "
           "Bare). Targets (issue 19): check-in on one SQLite process at least 0.9 x the bare endpoint's rate, its "
           "door-load p99 at most 1.5 x bare; fan-out p99 at 500 and 1,000 clients at most 1.2 x the bare "
           "Flask-SocketIO app. Issue 13: check-in at least 1,000/s on two processes on PostgreSQL with door-load p99 "
           "under 25 ms. Issue 11: 500 phones voting at once (10% twice), "
           "every ballot counted once, p99 under 200 ms, the projector's count within a second of the last ballot.", "",
           "How to read it: throughput and latency on this shared machine depend on what else runs at the same time "
           "(the load average below); the CPU time per check-in (user + system time of the server processes divided "
           "by the check-ins of the round) depends much less on it. PostgreSQL's share is its active time "
           "(pg_stat_database.active_time, wall time spent executing statements), not CPU.", "",
           f"## Last run{' (--quick: sizes reduced, figures not to be quoted)' if args.quick else ''}", "",
           *lines, "",
           "## Machine", "",
           f"- nproc: {box['nproc']}; CPU: {box['cpu']}; memory: {box['memory']}",
           f"- Python {box['python']}; {box['os']}",
           f"- {box['postgresql']}; {box['nginx']}; {box['redis']}; {box['wrk']}",
           f"- date: {box['date']}; commit {box['commit']}; the run took {minutes:.0f} min",
           f"- load average (1, 5, 15 min) before the run: {load_before}; after: {load_after} "
           f"(other work on the machine at the same time makes every figure noisier)", "",
           "## Output of each part", ""]
    for name, text in outputs.items():
        doc += [f"### {name}", "", "```", text.strip(), "```", ""]
    # what people wrote below the marker (their reading of a run) stays
    previous = Path(args.out).read_text() if Path(args.out).exists() else ""
    doc.append(NOTES + previous.split(NOTES, 1)[1] if NOTES in previous else NOTES + "\n")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(doc))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
