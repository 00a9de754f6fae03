"""Socket.IO: the secretariat and the presidium watch opinions, the MC panels watch requests to speak. Each joins a
room of its own (voice.opinions.room / forwarded_room, voice.floor.room); none of it goes to the event's public
room, which every projector and phone is in."""
from flask_login import current_user
from flask_socketio import join_room

from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from kiosk.realtime.sockets import event_id_of, on
from voice import floor, opinions


@role_required("secretary", "presidium")
def on_watch_opinions(data):
    """`opinion` messages from now on: every one for the secretariat, the forwarded ones for the presidium (or for a
    secretary who asks with `forwarded: true`)."""
    event_id = event_id_of(data)
    event_or_404(event_id)
    everything = current_user.has_role("secretary") and data.get("forwarded") is not True
    join_room(opinions.room(event_id) if everything else opinions.forwarded_room(event_id))
    return {"ok": True, "forwarded_only": not everything}


@role_required("mc")
def on_watch_floor(data):
    event_id = event_id_of(data)
    event_or_404(event_id)
    join_room(floor.room(event_id))
    return {"ok": True}


def register() -> None:
    on("watch_opinions", on_watch_opinions)
    on("watch_floor", on_watch_floor)
