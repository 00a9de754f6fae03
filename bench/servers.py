"""The two servers the fan-out benchmark compares, each run in its own process:

  python bench/servers.py kiosk PORT DIR   the real application (SQLite in DIR), one demo-sized event, user mc
  python bench/servers.py bare PORT SIZE   a bare Flask-SocketIO server that only broadcasts SIZE bytes per step
  python bench/servers.py door PORT DIR N  the real application with N delegates and a door account; codes in DIR/codes.txt
  python bench/servers.py bare-door PORT DIR N   a bare Flask + SQLAlchemy endpoint doing one conditional UPDATE
"""
import sys
from pathlib import Path

# The project before bench/ on the path: bench/checkin.py must not shadow the checkin package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Flask, request
from flask_socketio import SocketIO, join_room

MC_PASSWORD = "bench-mat-khau"  # noqa: S105  (a throwaway account in a temporary database)


def kiosk(port: int, directory: str) -> None:
    from kiosk import create_app
    from kiosk.accounts import create_account
    from kiosk.extensions import db, socketio
    from tests.conftest import build_event

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/bench.db", "INSTANCE_DIR": directory,
                      "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        build_event(speeches=5, honours_per_group=(8, 18, 14, 20, 25, 35))
        create_account("mc", "mc", MC_PASSWORD)
        db.session.remove()
    print("ready", flush=True)
    socketio.run(app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, log_output=False)


def bare(port: int, size: int) -> None:
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode="threading")
    state = {"version": 1}

    @socketio.on("join")
    def on_join(data):
        join_room(f"event:{data['event_id']}")

    @app.post("/step/<int:event_id>")
    def step(event_id):
        state["version"] += 1
        payload = {"event_id": event_id, "version": state["version"], "padding": "x" * size}
        socketio.emit("live_state", payload, to=f"event:{event_id}")
        return {"version": state["version"], "bytes": len(request.data)}

    print("ready", flush=True)
    socketio.run(app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, log_output=False)


def _codes(directory: str, count: int) -> list[str]:
    import secrets
    codes = [secrets.token_urlsafe(16) for _ in range(count)]
    with open(f"{directory}/codes.txt", "w") as handle:
        handle.write("\n".join(codes) + "\n")
    return codes


def door(port: int, directory: str, count: int) -> None:
    from display.programme import create_event
    from kiosk import create_app
    from kiosk.accounts import create_account
    from kiosk.extensions import db, socketio
    from models import Delegate

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/door.db", "INSTANCE_DIR": directory,
                      "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        event = create_event({"name": "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII", "level": "tinh",
                              "form": "dai_hoi", "date": "2025-09-19", "venue": "Thái Bình", "organiser": "UBND tỉnh"})
        db.session.execute(db.insert(Delegate), [
            {"event_id": event.id, "number": n + 1, "code": code, "full_name": f"Đại biểu số {n + 1}",
             "search_name": f"dai bieu so {n + 1}", "unit": f"Đơn vị {n % 40}", "gender": "nu" if n % 2 else "nam",
             "is_guest": False, "is_collective": False, "is_hero": False, "revoked": False}
            for n, code in enumerate(_codes(directory, count))])
        db.session.commit()
        create_account("cua", "door", MC_PASSWORD)
        create_account("mc", "mc", MC_PASSWORD)
        db.session.remove()
    print("ready", flush=True)
    socketio.run(app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, log_output=False)


def bare_door(port: int, directory: str, count: int) -> None:
    """One table, one conditional UPDATE per request: the least a check-in endpoint can do."""
    from datetime import UTC, datetime

    from flask_sqlalchemy import SQLAlchemy
    from sqlalchemy import event as sa_event
    from sqlalchemy import text

    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{directory}/bare.db"
    db = SQLAlchemy(app)

    with app.app_context():
        @sa_event.listens_for(db.engine, "connect")
        def pragmas(connection, record):
            for pragma in ("journal_mode=WAL", "busy_timeout=10000", "synchronous=NORMAL"):
                connection.execute(f"PRAGMA {pragma}")
        db.session.execute(text("CREATE TABLE d (code TEXT PRIMARY KEY, checked_in_at TEXT)"))
        db.session.execute(text("INSERT INTO d (code) VALUES (:c)"), [{"c": c} for c in _codes(directory, count)])
        db.session.commit()

    @app.post("/api/events/1/checkin")
    def checkin():
        code = request.get_json()["code"]
        won = db.session.execute(text("UPDATE d SET checked_in_at = :t WHERE code = :c AND checked_in_at IS NULL"),
                                 {"t": datetime.now(UTC).isoformat(), "c": code}).rowcount == 1
        db.session.commit()
        return {"result": "checked_in" if won else "already_checked_in"}

    print("ready", flush=True)
    app.run(host="127.0.0.1", port=port, threaded=True)


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "kiosk":
        kiosk(port, sys.argv[3])
    elif mode == "door":
        door(port, sys.argv[3], int(sys.argv[4]))
    elif mode == "bare-door":
        bare_door(port, sys.argv[3], int(sys.argv[4]))
    else:
        bare(port, int(sys.argv[3]))
