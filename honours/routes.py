"""The honours routes: the list in ceremony order, its import and arrangement, handover marks, the stage page."""
import io

from flask import jsonify, render_template, request, send_file
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from checkin.schemas import ImportResult
from honours import bp, ceremony, handover, importer
from honours.answers import recipient_api
from honours.schemas import DelegateLink, Group, Handover, HandoverAnswer, Recipient
from kiosk import jobs
from kiosk.extensions import db
from kiosk.identity.auth import role_required
from kiosk.lists.uploads import import_upload
from kiosk.lookup import event_or_404, of_event
from kiosk.ordering import Move
from kiosk.paging import page_of, page_of_list
from kiosk.schema import XLSX, Done, Download, api
from models import Delegate, Honour, HonourGroup


@bp.get("/api/events/<int:event_id>/honours")
@api("Honours groups in ceremony order, with recipients (`present` only for the staff signed in)", "honours",
     answers={200: list[Group]})
def honours(event_id):
    """Anyone may read the list; who of the honourees is in the hall (`present`) only the staff signed in
    (ushers, MC, organisers): for everyone else it is null."""
    event_or_404(event_id)
    staff = current_user.is_authenticated and current_user.has_role("usher", "mc")
    groups = db.session.scalars(
        select(HonourGroup).where(HonourGroup.event_id == event_id).order_by(HonourGroup.position)
        .options(selectinload(HonourGroup.honours).selectinload(Honour.delegate)))
    return jsonify([{"id": g.id, "position": g.position, "award": g.award, "decision": g.decision,
                     "decision_number": g.decision_number,
                     "decision_date": g.decision_date.isoformat() if g.decision_date else None,
                     "decision_authority": g.decision_authority,
                     "recipients": [_recipient(h, staff) for h in g.honours]} for g in groups])


def _recipient(honour: Honour, staff: bool) -> dict:
    shown = recipient_api(honour)
    return shown if staff else {**shown, "present": None}


@bp.post("/api/events/<int:event_id>/honours/import")
@role_required("organiser")
@api("Import or update the honours list (.xlsx / .csv, multipart field `file`)", "honours",
     answers={200: ImportResult, 413: None}, role="organiser", multipart={"file": {"type": "string", "format": "binary"}})
def import_list(event_id):
    event_or_404(event_id)
    return import_upload(importer.import_honours, event_id, "danh sách khen thưởng")


@bp.post("/api/events/<int:event_id>/honours/groups/<int:group_id>/move")
@role_required("organiser")
@api("Move a group one place up (-1) or down (1)", "honours", body=Move, answers={200: Done}, role="organiser")
def move_group(event_id, group_id, body: Move):
    ceremony.move_group(event_id, group_id, body.offset)
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/honours/groups/<int:group_id>/sort")
@role_required("organiser")
@api("Sort a group by the Vietnamese alphabetical rule (given name first)", "honours", answers={200: Done},
     role="organiser")
def sort_group(event_id, group_id):
    ceremony.sort_group(event_id, group_id)
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/honours/<int:honour_id>/move")
@role_required("organiser")
@api("Move a recipient one place up (-1) or down (1)", "honours", body=Move, answers={200: Done}, role="organiser")
def move_honour(event_id, honour_id, body: Move):
    ceremony.move_honour(event_id, honour_id, body.offset)
    return jsonify(status="ok")


@bp.post("/api/events/<int:event_id>/honours/<int:honour_id>/delegate")
@role_required("organiser")
@api("Link a recipient to a delegate (or unlink with null)", "honours", body=DelegateLink, answers={200: Recipient},
     role="organiser")
def link_delegate(event_id, honour_id, body: DelegateLink):
    honour = ceremony.honour_of(event_id, honour_id)
    delegate_id = body.delegate_id
    if delegate_id is not None:
        of_event(Delegate, delegate_id, event_id, "bad_delegate", "Không có đại biểu này trong sự kiện.", status=400)
    honour.delegate_id = delegate_id
    db.session.commit()
    return jsonify(recipient_api(honour))


@bp.post("/api/events/<int:event_id>/honours/<int:honour_id>/handover")
@role_required("usher", "mc")
@api("Mark a recipient: on_stage, received, received_on_behalf (with received_by), or '' to clear", "honours",
     body=Handover, answers={200: HandoverAnswer}, role="usher or mc")
def mark_handover(event_id, honour_id, body: Handover):
    return jsonify(handover.mark(ceremony.honour_of(event_id, honour_id), body.status, body.received_by))


@bp.get("/api/events/<int:event_id>/honours.xlsx")
@role_required("organiser")
@api("Every honour and how it was handed over", "honours", answers={200: Download(XLSX)}, role="organiser")
def export(event_id):
    event_or_404(event_id)
    return jobs.answer("honours.xlsx", event_id)


@bp.get("/api/honours/template.xlsx")
@api("A template honours list", "honours", answers={200: Download(XLSX)})
def template():
    return send_file(io.BytesIO(importer.template_xlsx()), download_name="mau-danh-sach-khen-thuong.xlsx",
                     mimetype=XLSX, as_attachment=True)


@bp.get("/stage/<int:event_id>")
@role_required("usher", "mc")
def stage(event_id):
    return render_template("stage.html", event=event_or_404(event_id), statuses=handover.STATUSES)


HONOURS_PER_PAGE = 16  # with the groups above, the page stays near two laptop screens
DOUBTFUL_SHOWN = 10


@bp.get("/admin/events/<int:event_id>/honours")
@role_required("organiser")
def admin_page(event_id):
    """The groups in ceremony order, each with its count and buttons; the names of one group (or of a search across
    all of them, accents ignored) a page at a time, so a list of thousands stays a page of a few screens."""
    event = event_or_404(event_id)
    groups = ceremony.groups_of(event_id)
    counts = dict(db.session.execute(select(Honour.group_id, func.count()).join(HonourGroup)
                                     .where(HonourGroup.event_id == event_id).group_by(Honour.group_id)).tuples().all())
    query = request.args.get("q", "")[:100]
    chosen = request.args.get("group", "")
    group = next((g for g in groups if str(g.id) == chosen), groups[0] if groups else None)
    if query.strip():
        names = page_of_list(ceremony.search(event_id, query), HONOURS_PER_PAGE)
    elif group is not None:
        names = page_of(select(Honour).where(Honour.group_id == group.id).order_by(Honour.position),
                        per_page=HONOURS_PER_PAGE)
    else:
        names = None
    doubtful = importer.doubtful_links(event_id)
    return render_template("honours_admin.html", event=event, groups=groups, counts=counts, group=group, query=query,
                           names=names, doubtful=doubtful[:DOUBTFUL_SHOWN], doubtful_total=len(doubtful))
