"""Where a server process spends its time under load: py-spy samples it while the load runs, and the samples are
summed per function of the application (kiosk/, checkin/, display/, models/, ...) and per library.

Used by `bench/checkin.py --profile DIR`; a summary of one record is printed by

    .venv/bin/python bench/profile.py DIR/record.txt
"""
import collections
import shutil
import subprocess
import sys
from pathlib import Path

PY_SPY = str(Path(sys.executable).with_name("py-spy"))
PROJECT = {"kiosk", "checkin", "display", "models", "honours", "speeches", "votes"}
LIBRARIES = {"flask_socketio": "Socket.IO", "socketio": "Socket.IO", "engineio": "Socket.IO", "psycopg": "psycopg",
             "psycopg_pool": "psycopg", "flask_sqlalchemy": "SQLAlchemy", "sqlalchemy": "SQLAlchemy",
             "redis": "Redis", "flask": "Flask", "werkzeug": "Werkzeug", "flask_login": "Flask-Login",
             "flask_wtf": "Flask-WTF", "gunicorn": "gunicorn", "gevent": "gevent", "json": "json (stdlib)",
             "sqlite3": "sqlite3 (stdlib)", "itsdangerous": "itsdangerous", "jinja2": "Jinja2"}


def available() -> bool:
    return Path(PY_SPY).exists() or shutil.which("py-spy") is not None


def record(pid: int, seconds: int, out: Path) -> subprocess.Popen:
    """py-spy record in the background, in raw (collapsed stacks) format, idle frames left out."""
    return subprocess.Popen([PY_SPY if Path(PY_SPY).exists() else "py-spy", "record", "--pid", str(pid),
                             "--duration", str(seconds), "--rate", "100", "--format", "raw", "--output", str(out),
                             "--nonblocking"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _frame(frame: str) -> tuple[str, str]:
    """("function", "path/file.py") of a py-spy frame "function (path/file.py:line)"."""
    name, _, where = frame.partition(" (")
    return name, where.rstrip(")").rsplit(":", 1)[0]


def summary(path: Path, top: int = 15) -> str:
    """Share of the busy samples spent inside each project function and each library (inclusive), and where the
    samples' innermost frames are (self time, by library or project file)."""
    functions, libraries, leaves, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        count = int(count)
        total += count
        seen = set()
        for frame in stack.split(";"):
            name, file = _frame(frame)
            package = file.split("/")[0]
            key = f"{file}:{name}" if package in PROJECT else LIBRARIES.get(package)
            if key and key not in seen:
                seen.add(key)
                (functions if package in PROJECT else libraries)[key] += count
        name, file = _frame(stack.split(";")[-1])
        package = file.split("/")[0]
        leaves[file if package in PROJECT else LIBRARIES.get(package, package or "?")] += count
    if not total:
        return f"{path.name}: no samples"
    lines = [f"{path.name}: {total} busy samples (100/s; idle time not sampled)",
             "  libraries (inclusive share of busy samples):"]
    lines += [f"    {share / total:6.1%}  {name}" for name, share in libraries.most_common()]
    lines.append("  application functions (inclusive):")
    lines += [f"    {share / total:6.1%}  {name}" for name, share in functions.most_common(top)]
    lines.append("  innermost frame (self time) by library or file:")
    lines += [f"    {share / total:6.1%}  {name}" for name, share in leaves.most_common(top)]
    return "\n".join(lines)


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(summary(Path(argument)))
