"""The door's routes: check-in, undo, roster, name search, the delegate list, badges, attendance."""
import io
from datetime import datetime, timedelta

from flask import jsonify, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from checkin import bp, changes, importer, service
from checkin.roster import roster as roster_of
from checkin.roster import roster_key
from kiosk import jobs
from kiosk.auth import role_required
from kiosk.errors import ApiError
from kiosk.forms import apply_and_flash
from kiosk.http import json_body
from kiosk.lists.uploads import import_upload, import_upload_flashing
from kiosk.lookup import event_or_404, is_id, of_event
from kiosk.paging import page_of
from models import Delegate
from models.types import utcnow


def shown(delegate: Delegate) -> dict:
    """A delegate as the one asking may see it: everything for an organiser, the door's fields for the rest."""
    return delegate.to_api() if current_user.role == "organiser" else delegate.to_door_api()


def changed(delegate: Delegate) -> dict:
    """The door lead's answer about the delegate they just added or changed: also the badge code, for the badge
    they print and scan (the organiser's answer is the whole record)."""
    return shown(delegate) if current_user.role == "organiser" else {**delegate.to_door_api(), "code": delegate.code}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

MAX_DOOR = 50
DELEGATES_PER_PAGE = 16  # the delegates page stays under two screens of a 1366×768 laptop


# What a kiosk stand is told of the delegate it greets, and no more: it is on a stand in front of the queue.
KIOSK_SHOWN = ("full_name", "unit", "delegation", "seat", "place", "guest")


@bp.post("/api/events/<int:event_id>/checkin")
@role_required("door", "kiosk")
def checkin(event_id):
    data = json_body()
    code, scan_id = data.get("code"), data.get("scan_id")
    if not isinstance(code, str) or len(code) > 200:
        raise ApiError(400, "bad_code", "Mã quét không hợp lệ.")
    if scan_id is not None and (not isinstance(scan_id, str) or not 8 <= len(scan_id) <= 64):
        raise ApiError(400, "bad_scan_id", "Mã lượt quét không hợp lệ.")
    answer = service.check_in(event_id, code, _door(data), current_user.username, scan_id,
                              _scanned_at(data.get("scanned_at")))
    if answer["result"] in ("unknown_code", "wrong_event"):
        event_or_404(event_id)  # only then can the event be in doubt: a found delegate proves it exists
    if current_user.role == "kiosk" and answer["delegate"] is not None:
        answer = {**answer, "delegate": {key: answer["delegate"][key] for key in KIOSK_SHOWN}}
    return jsonify(answer)


def _door(data: dict) -> str:
    door = data.get("door", "")
    if not isinstance(door, str) or len(door) > MAX_DOOR:
        raise ApiError(400, "bad_door", f"Tên cửa phải là chữ, tối đa {MAX_DOOR} ký tự.")
    return door.strip() or "Cửa chính"


def _scanned_at(value) -> datetime | None:
    """When an offline tablet took the scan: an ISO time with its zone, within the last day."""
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        raise ApiError(400, "bad_time", "Thời điểm quét phải là thời gian ISO có múi giờ.")
    now = utcnow()
    if not now - timedelta(days=1) <= at <= now + timedelta(minutes=2):
        raise ApiError(400, "bad_time", "Thời điểm quét không hợp lệ (quá xa so với giờ máy chủ).")
    return min(at, now)


@bp.post("/api/events/<int:event_id>/checkin/undo")
@role_required("door")
def undo(event_id):
    event_or_404(event_id)
    data = json_body()
    delegate_id, reason = data.get("delegate_id"), data.get("reason")
    if not is_id(delegate_id):
        raise ApiError(400, "bad_delegate", "Thiếu đại biểu cần huỷ điểm danh.")
    if not isinstance(reason, str) or len(reason) > 500:
        raise ApiError(400, "missing_reason", "Cần ghi lý do huỷ điểm danh (tối đa 500 ký tự).")
    return jsonify(service.undo(event_id, delegate_id, reason, _door(data), current_user.username))


@bp.get("/api/events/<int:event_id>/checkin/roster")
@role_required("door")
def roster(event_id):
    event_or_404(event_id)
    return jsonify(roster_of(event_id))


@bp.get("/api/events/<int:event_id>/delegates/search")
@role_required("door")
def search(event_id):
    event_or_404(event_id)
    found = service.search(event_id, request.args.get("q", "")[:100])
    # the code too: the tablet checks in the delegate it found by the code, as a scan does
    return jsonify([{**shown(d), "code": d.code} for d in found])


@bp.get("/api/events/<int:event_id>/attendance")
@role_required()
def attendance(event_id):
    """Anyone signed in (API.md); the composition (ethnicity, religion...) only for the organisers."""
    event_or_404(event_id)
    counts = service.attendance(event_id)
    return jsonify(counts if current_user.role == "organiser" else service.without_composition(counts))


@bp.get("/api/events/<int:event_id>/attendance/absent")
@role_required("organiser", "mc")
def absent(event_id):
    event_or_404(event_id)
    return jsonify(service.absent(event_id))


@bp.get("/checkin/<int:event_id>")
@role_required("door")
def door_page(event_id):
    # the key the tablet hashes a scanned code with to find it in its offline list (checkin.roster)
    return render_template("checkin.html", event=event_or_404(event_id), roster_key=roster_key(event_id))


@bp.post("/api/events/<int:event_id>/delegates/import")
@role_required("organiser")
def import_delegates(event_id):
    event_or_404(event_id)
    return import_upload(importer.import_delegates, event_id, "danh sách đại biểu")


@bp.get("/api/delegates/template.xlsx")
def delegates_template():
    return send_file(io.BytesIO(importer.template_xlsx()), download_name="mau-danh-sach-dai-bieu.xlsx",
                     mimetype=XLSX, as_attachment=True)


@bp.get("/api/events/<int:event_id>/badges.pdf")
@role_required("organiser")
def badges_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("badges.pdf", event_id)


@bp.get("/api/events/<int:event_id>/delegates/<int:delegate_id>/badge.png")
@role_required("door_lead")
def badge_png(event_id, delegate_id):
    event_or_404(event_id)
    delegate = of_event(Delegate, delegate_id, event_id, "delegate_not_found", "Không tìm thấy đại biểu.")
    return jobs.answer("badge.png", event_id, delegate_id, download_name=f"the-{delegate.number or delegate.id}.png")


@bp.get("/api/events/<int:event_id>/attendance.xlsx")
@role_required("organiser")
def attendance_xlsx(event_id):
    event_or_404(event_id)
    return jobs.answer("attendance.xlsx", event_id)


@bp.get("/api/events/<int:event_id>/delegates")
@role_required("organiser")
def delegates(event_id):
    event_or_404(event_id)
    return jsonify([d.to_admin_api() for d in service.delegates_of(event_id)])


@bp.post("/admin/events/<int:event_id>/delegates")
@role_required("organiser")
def import_delegates_form(event_id):
    event_or_404(event_id)
    import_upload_flashing(importer.import_delegates, event_id, "danh sách đại biểu",
                           lambda result: f"Đã nhập danh sách: {result['created']} đại biểu mới, "
                                          f"{result['updated']} cập nhật.")
    return redirect(url_for("display.event", event_id=event_id) + "#delegates")


@bp.get("/admin/events/<int:event_id>/attendance")
@role_required("organiser")
def attendance_page(event_id):
    return render_template("attendance_admin.html", event=event_or_404(event_id))


@bp.post("/api/events/<int:event_id>/delegates")
@role_required("door_lead")
def add_walk_in(event_id):
    event_or_404(event_id)
    return jsonify(changed(changes.add_walk_in(event_id, json_body()))), 201


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>")
@role_required("door_lead")
def update_delegate(event_id, delegate_id):
    return jsonify(changed(changes.update(event_id, delegate_id, json_body())))


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/revoke")
@role_required("door_lead")
def revoke_badge(event_id, delegate_id):
    return jsonify(changed(changes.revoke(event_id, delegate_id)))


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/restore")
@role_required("door_lead")
def restore_badge(event_id, delegate_id):
    return jsonify(changed(changes.revoke(event_id, delegate_id, revoked=False)))


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/substitute")
@role_required("door_lead")
def substitute(event_id, delegate_id):
    return jsonify(changed(changes.substitute(event_id, delegate_id, json_body()))), 201


@bp.get("/admin/events/<int:event_id>/delegates")
@role_required("door_lead")
def delegates_page(event_id):
    """The organiser's and door lead's list for the day: find someone, add a walk-in, put in a substitute, revoke a
    badge, correct details, print one badge."""
    event = event_or_404(event_id)
    query, status = request.args.get("q", "")[:100], request.args.get("status", "")
    status = status if status in service.LIST_STATUSES else ""
    found = page_of(service.delegates_query(event_id, query, status), per_page=DELEGATES_PER_PAGE)
    return render_template("delegates_admin.html", event=event, delegates=found, query=query, status=status,
                           statuses=service.LIST_STATUSES)


@bp.post("/admin/events/<int:event_id>/delegates/<int:delegate_id>/change")
@role_required("door_lead")
def change_delegate_form(event_id, delegate_id):
    action = request.form.get("action")
    actions = {"revoke": (lambda: changes.revoke(event_id, delegate_id), "Đã thu hồi thẻ."),
               "restore": (lambda: changes.revoke(event_id, delegate_id, revoked=False), "Đã trả lại thẻ."),
               "save": (lambda: changes.update(event_id, delegate_id, request.form), "Đã lưu."),
               "substitute": (lambda: changes.substitute(event_id, delegate_id, request.form),
                              "Đã thêm người dự thay; thẻ của đại biểu vắng đã thu hồi.")}
    if action not in actions:
        raise ApiError(400, "bad_action", "Thao tác không hợp lệ.")
    apply_and_flash(*actions[action])
    back = {k: v for k in ("q", "status", "page") if (v := request.args.get(k, "")[:100])}
    return redirect(url_for("checkin.delegates_page", event_id=event_id, **back) + f"#delegate-{delegate_id}")


@bp.post("/admin/events/<int:event_id>/delegates/walk-in")
@role_required("door_lead")
def walk_in_form(event_id):
    event_or_404(event_id)
    delegate = apply_and_flash(lambda: changes.add_walk_in(event_id, request.form), "Đã thêm đại biểu.")
    return redirect(url_for("checkin.delegates_page", event_id=event_id, q=delegate.full_name if delegate else ""))
