"""The two servers the fan-out benchmark compares, each run in its own process:

  python bench/servers.py kiosk PORT DIR   the real application (SQLite in DIR), one demo-sized event, user mc
  python bench/servers.py bare PORT SIZE   a bare Flask-SocketIO server that only broadcasts SIZE bytes per step
"""
import sys

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


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "kiosk":
        kiosk(port, sys.argv[3])
    else:
        bare(port, int(sys.argv[3]))
