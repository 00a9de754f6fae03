"""Socket.IO events of the live programme (API.md): a screen joins its event's room and gets the current state at
once, then every `live_state` display.live broadcasts. The MC's commands are the HTTP routes of display/routes.py
alone; a socket changes nothing of the live programme."""
from flask import request
from flask_socketio import emit, join_room, leave_room

from display import live
from kiosk.realtime.sockets import event_id_of, on


def on_join(data):
    event_id = event_id_of(data)
    # In the room before reading: a step committed while the state is read still reaches this client, and the
    # client drops whichever of the two copies is older (its version), so it never stays on a stale screen.
    join_room(live.room(event_id))
    state = live.get_state(event_id)
    emit("live_state", state, to=request.sid)
    return {"ok": True, "version": state["version"]}


def on_leave(data):
    leave_room(live.room(event_id_of(data)))
    return {"ok": True}


def register() -> None:
    for name, action in (("join", on_join), ("leave", on_leave)):
        on(name, action)
