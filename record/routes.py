"""The record's routes: the credentials report, the minutes, the audit trail, the archive, absence reasons."""

from flask import jsonify, redirect, render_template, request, url_for

from kiosk import jobs
from kiosk.auth import role_required
from kiosk.forms import apply_and_flash
from kiosk.http import json_body
from kiosk.lookup import event_or_404
from record import audit, bp, credentials


@bp.get("/api/events/<int:event_id>/credentials")
@role_required("organiser", "mc")
def credentials_figures(event_id):
    event_or_404(event_id)
    return jsonify(credentials.figures(event_id))


@bp.get("/api/events/<int:event_id>/credentials.pdf")
@role_required("organiser")
def credentials_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("credentials.pdf", event_id)


@bp.get("/api/events/<int:event_id>/credentials.docx")
@role_required("organiser")
def credentials_docx(event_id):
    event_or_404(event_id)
    return jobs.answer("credentials.docx", event_id)


@bp.get("/api/events/<int:event_id>/minutes.pdf")
@role_required("organiser")
def minutes_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("minutes.pdf", event_id)


@bp.get("/api/events/<int:event_id>/minutes.docx")
@role_required("organiser")
def minutes_docx(event_id):
    event_or_404(event_id)
    return jobs.answer("minutes.docx", event_id)


@bp.get("/api/events/<int:event_id>/audit")
@role_required("organiser")
def audit_trail(event_id):
    event_or_404(event_id)
    return jsonify([line.to_api() for line in audit.lines(event_id)])


@bp.get("/api/events/<int:event_id>/archive.xlsx")
@role_required("organiser")
def archive_xlsx(event_id):
    event_or_404(event_id)
    return jobs.answer("archive.xlsx", event_id)


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/absence")
@role_required("organiser")
def absence(event_id, delegate_id):
    event_or_404(event_id)
    delegate = credentials.set_absence_reason(event_id, delegate_id, json_body().get("reason"))
    return jsonify(delegate.to_api())


@bp.get("/admin/events/<int:event_id>/record")
@role_required("organiser")
def record_page(event_id):
    event = event_or_404(event_id)
    return render_template("record_admin.html", event=event, figures=credentials.figures(event_id),
                           lines=audit.lines(event_id, limit=500), ACTIONS=audit.ACTIONS,
                           pct_text=credentials.pct_text)


@bp.post("/admin/events/<int:event_id>/absence")
@role_required("organiser")
def absence_form(event_id):
    event_or_404(event_id)
    delegate_id = request.form.get("delegate_id", "")
    apply_and_flash(lambda: credentials.set_absence_reason(
        event_id, int(delegate_id) if delegate_id.isdigit() else None, request.form.get("reason", "")),
        "Đã ghi lý do vắng mặt.")
    return redirect(url_for("record.record_page", event_id=event_id) + "#absent")
