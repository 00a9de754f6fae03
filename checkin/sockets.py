"""Socket.IO: door tablets and MC panels watch the attendance counts."""
from flask import request
from flask_login import current_user

from checkin import feed, service
from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from kiosk.realtime.sockets import event_id_of, on


@role_required("door", "mc", "usher", "presidium")
def on_watch_attendance(data):
    """The counts now, then after each burst of arrivals: for the door, the MC, the ushers' stage call (it reads who
    of the honourees has arrived again on each), the presidium's screen and the organisers; the composition for the
    organisers alone."""
    event_id = event_id_of(data)
    event_or_404(event_id)
    full = current_user.role == "organiser"
    if not feed.watch(request.sid, event_id, service.attendance, full):
        return {"ok": False}
    feed.emit_counts(service.attendance(event_id), request.sid, request.sid if full else None)
    return {"ok": True}


def on_heartbeat(data):
    """The door tablet asks every few seconds: an answer within its deadline is what "Trực tuyến" means, so a
    server that stops answering (stopped, frozen, the Wi-Fi gone with the socket still open) shows at once."""
    return {"ok": True}


def register() -> None:
    on("watch_attendance", on_watch_attendance)
    on("heartbeat", on_heartbeat)
