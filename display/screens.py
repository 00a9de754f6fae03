"""The read-only screens: the hall projector and the follow page for phones."""
from flask import current_app, render_template, send_from_directory

from display import bp
from kiosk.lookup import event_or_404


@bp.get("/display/<int:event_id>")
def projector(event_id):
    return render_template("projector.html", event=event_or_404(event_id))


@bp.get("/live/<int:event_id>")
def follow(event_id):
    return render_template("follow.html", event=event_or_404(event_id))


@bp.get("/sw.js")
def service_worker():
    """The screens' service worker, from the root so that it may keep the /display and /checkin pages."""
    response = send_from_directory(current_app.static_folder, "sw.js", mimetype="text/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response
