"""The read-only screens: the hall projector and the follow page for phones."""
from pathlib import Path

from flask import Response, current_app, render_template

from display import bp
from kiosk.lookup import event_or_404


@bp.get("/display/<int:event_id>")
def projector(event_id):
    return render_template("projector.html", event=event_or_404(event_id))


@bp.get("/live/<int:event_id>")
def follow(event_id):
    return render_template("follow.html", event=event_or_404(event_id))


@bp.get("/lectern/<int:event_id>")
def lectern(event_id):
    return render_template("lectern.html", event=event_or_404(event_id))


@bp.get("/sw.js")
def service_worker():
    """The screens' service worker, from the root so that it may keep the /display and /checkin pages."""
    script = (Path(current_app.static_folder) / "sw.js").read_bytes()
    return Response(script, mimetype="text/javascript", headers={"Cache-Control": "no-cache"})
