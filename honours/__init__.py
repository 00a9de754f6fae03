"""The honours ceremony: import, ceremony order, the ushers' stage-call page, handover marks, export."""
import io

from flask import Blueprint, jsonify, render_template, send_file

from honours import ceremony, exports, handover, importer
from kiosk.api import json_body
from kiosk.auth import page_role_required, role_required
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import event_or_404
from kiosk.ordering import requested_offset
from kiosk.uploads import import_upload
from models import Delegate

bp = Blueprint("honours", __name__, template_folder="templates")


@bp.post("/api/events/<int:event_id>/honours/import")
@role_required("organiser")
def import_list(event_id):
    event_or_404(event_id)
    return import_upload(importer.import_honours, event_id, "danh sách khen thưởng")


@bp.post("/api/events/<int:event_id>/honours/groups/<int:group_id>/move")
@role_required("organiser")
def move_group(event_id, group_id):
    ceremony.move_group(event_id, group_id, requested_offset())
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/honours/groups/<int:group_id>/sort")
@role_required("organiser")
def sort_group(event_id, group_id):
    ceremony.sort_group(event_id, group_id)
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/honours/<int:honour_id>/move")
@role_required("organiser")
def move_honour(event_id, honour_id):
    ceremony.move_honour(event_id, honour_id, requested_offset())
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/honours/<int:honour_id>/delegate")
@role_required("organiser")
def link_delegate(event_id, honour_id):
    honour = ceremony.honour_of(event_id, honour_id)
    delegate_id = json_body().get("delegate_id")
    if delegate_id is not None:
        delegate = db.session.get(Delegate, delegate_id) if isinstance(delegate_id, int) else None
        if delegate is None or delegate.event_id != event_id:
            raise ApiError(400, "bad_delegate", "Không có đại biểu này trong sự kiện.")
    honour.delegate_id = delegate_id
    db.session.commit()
    return jsonify(honour.to_api())


@bp.post("/api/events/<int:event_id>/honours/<int:honour_id>/handover")
@role_required("usher", "mc")
def mark_handover(event_id, honour_id):
    data = json_body()
    return jsonify(handover.mark(ceremony.honour_of(event_id, honour_id), data.get("status"), data.get("received_by")))


@bp.get("/api/events/<int:event_id>/honours.xlsx")
@role_required("organiser")
def export(event_id):
    event = event_or_404(event_id)
    return send_file(io.BytesIO(exports.honours_workbook(event, ceremony.groups_of(event_id))),
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     download_name=f"khen-thuong-{event_id}.xlsx", as_attachment=True)


@bp.get("/stage/<int:event_id>")
@page_role_required("usher", "mc")
def stage(event_id):
    return render_template("stage.html", event=event_or_404(event_id), statuses=handover.STATUSES)


@bp.get("/admin/events/<int:event_id>/honours")
@page_role_required("organiser")
def admin_page(event_id):
    return render_template("honours_admin.html", event=event_or_404(event_id), groups=ceremony.groups_of(event_id),
                           doubtful=importer.doubtful_links(event_id))
