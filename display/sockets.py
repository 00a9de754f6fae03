"""Socket.IO events of the live programme. Joining gives the current state at once; the MC's commands go
through display.live with the same role check as HTTP, and answer with an ack: the new state, or
{"error", "message"}."""
from flask import request
from flask_socketio import emit, join_room, leave_room

from display import live
from kiosk.auth import role_required
from kiosk.sockets import event_id_of, on


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


@role_required("mc")
def on_next(data):
    return live.next_step(event_id_of(data))


@role_required("mc")
def on_previous(data):
    return live.previous_step(event_id_of(data))


@role_required("mc")
def on_goto(data):
    return live.goto_item(event_id_of(data), data.get("item_id"))


@role_required("mc")
def on_screen(data):
    return live.show_screen(event_id_of(data), data.get("screen"))


@role_required("mc")
def on_clock(data):
    return live.change_clock(event_id_of(data), data.get("action"), data.get("seconds"))


def register() -> None:
    for name, action in (("join", on_join), ("leave", on_leave), ("next", on_next), ("previous", on_previous),
                         ("goto", on_goto), ("screen", on_screen), ("clock", on_clock)):
        on(name, action)
