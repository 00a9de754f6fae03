"""The door's routes: check-in, undo, roster, name search, the delegate list, badges, attendance."""
import io
from datetime import datetime, timedelta

from flask import jsonify, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from checkin import bp, changes, importer, service
from checkin.answers import admin_delegate_api, delegate_api, door_delegate_api
from checkin.counts import without_composition
from checkin.roster import roster as roster_of
from checkin.roster import roster_key
from checkin.schemas import (
    MAX_DOOR,
    Attendance,
    CheckinAnswer,
    DelegateFields,
    DoorDelegate,
    ImportResult,
    Scan,
    Undo,
    Undone,
)
from kiosk import jobs
from kiosk.errors import ApiError
from kiosk.forms import apply_and_flash
from kiosk.identity.auth import role_required
from kiosk.lists.uploads import import_upload, import_upload_flashing
from kiosk.lookup import event_or_404, of_event
from kiosk.paging import page_of
from kiosk.schema import PDF, PNG, XLSX, Download, api
from models import Delegate
from models.types import utcnow


def shown(delegate: Delegate) -> dict:
    """A delegate as the one asking may see it: everything for an organiser, the door's fields for the rest."""
    return delegate_api(delegate) if current_user.role == "organiser" else door_delegate_api(delegate)


def changed(delegate: Delegate) -> dict:
    """The door lead's answer about the delegate they just added or changed: also the badge code, for the badge
    they print and scan (the organiser's answer is the whole record)."""
    return shown(delegate) if current_user.role == "organiser" else {**door_delegate_api(delegate), "code": delegate.code}


DELEGATES_PER_PAGE = 16  # the delegates page stays under two screens of a 1366×768 laptop


# What a kiosk stand is told of the delegate it greets, and no more: it is on a stand in front of the queue.
KIOSK_SHOWN = ("full_name", "unit", "delegation", "seat", "place", "guest")


@bp.post("/api/events/<int:event_id>/checkin")
@role_required("door", "kiosk")
@api("Check a delegate in by badge code, or one found by name by delegate_id; a resent scan (same scan_id) is "
     "recognised, an offline scan's earliest "
     "time is kept", "checkin", body=Scan, answers={200: CheckinAnswer}, role="door or kiosk")
def checkin(event_id, body: Scan):
    answer = service.check_in(event_id, _code_of(event_id, body), _door(body.door), current_user.username,
                              body.scan_id, _scanned_at(body.scanned_at))
    if answer["result"] in ("unknown_code", "wrong_event"):
        event_or_404(event_id)  # only then can the event be in doubt: a found delegate proves it exists
    if current_user.role == "kiosk" and answer["delegate"] is not None:
        answer = {**answer, "delegate": {key: answer["delegate"][key] for key in KIOSK_SHOWN}}
    return jsonify(answer)


def _code_of(event_id: int, body: Scan) -> str:
    """The badge scanned, or the badge of the delegate the door found by name (a door tablet never holds codes)."""
    if body.code is not None:
        return body.code
    if body.delegate_id is None:
        raise ApiError(400, "bad_code", "Mã quét không hợp lệ.")
    return of_event(Delegate, body.delegate_id, event_id, "delegate_not_found", "Không tìm thấy đại biểu.").code


def _door(door: str) -> str:
    """The door's name as the tablet sent it (at most MAX_DOOR characters, checkin.schemas), or the main door's."""
    return door.strip()[:MAX_DOOR] or "Cửa chính"


def _scanned_at(value) -> datetime | None:
    """When an offline tablet took the scan: an ISO time with its zone, within the last day."""
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value)
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
@api("Take back a mistaken check-in; the reason is recorded", "checkin", body=Undo, answers={200: Undone},
     role="door")
def undo(event_id, body: Undo):
    event_or_404(event_id)
    return jsonify(service.undo(event_id, body.delegate_id, body.reason, _door(body.door), current_user.username))


@bp.get("/api/events/<int:event_id>/checkin/roster")
@role_required("door")
@api("The delegate list a door tablet keeps for scanning offline: no badge code, a keyed hash of each (`code_hash`, "
     "HMAC-SHA256 under the event's key from the door page, 16 bytes, hex)", "checkin", answers={200: list[dict]},
     role="door")
def roster(event_id):
    event_or_404(event_id)
    return jsonify(roster_of(event_id))


@bp.get("/api/events/<int:event_id>/delegates/search")
@role_required("door")
@api("Search delegates by name, accents and case ignored; no badge code", "checkin", answers={200: list[DoorDelegate]},
     role="door", query={"q": {"type": "string"}})
def search(event_id):
    event_or_404(event_id)
    found = service.search(event_id, request.args.get("q", "")[:100])
    # no badge code: the tablet checks in the delegate it found by their id
    return jsonify([shown(d) for d in found])


@bp.get("/api/events/<int:event_id>/attendance")
@role_required()
@api("Present / expected, overall, by unit and by composition (women, young, ethnicity, religion, ...; the "
     "composition for organisers only)", "checkin", answers={200: Attendance}, role="any signed in")
def attendance(event_id):
    """Anyone signed in (API.md); the composition (ethnicity, religion...) only for the organisers."""
    event_or_404(event_id)
    counts = service.attendance(event_id)
    return jsonify(counts if current_user.role == "organiser" else without_composition(counts))


@bp.get("/api/events/<int:event_id>/attendance/absent")
@role_required("organiser", "mc")
@api("Delegates and guests expected and not yet checked in, by unit", "delegates", answers={200: list[dict]},
     role="organiser or mc")
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
@api("Import or update the delegate list (.xlsx / .csv, multipart field `file`); all or nothing, problems with row "
     "and column", "delegates", answers={200: ImportResult, 413: None}, role="organiser",
     multipart={"file": {"type": "string", "format": "binary"}})
def import_delegates(event_id):
    event_or_404(event_id)
    return import_upload(importer.import_delegates, event_id, "danh sách đại biểu")


@bp.get("/api/delegates/template.xlsx")
@api("A template delegate list", "delegates", answers={200: Download(XLSX)})
def delegates_template():
    return send_file(io.BytesIO(importer.template_xlsx()), download_name="mau-danh-sach-dai-bieu.xlsx",
                     mimetype=XLSX, as_attachment=True)


@bp.get("/api/events/<int:event_id>/badges.pdf")
@role_required("organiser")
@api("A4 badge sheets, four a page, with cut marks", "delegates", answers={200: Download(PDF)}, role="organiser")
def badges_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("badges.pdf", event_id)


@bp.get("/api/events/<int:event_id>/delegates/<int:delegate_id>/badge.png")
@role_required("door_lead")
@api("One badge as PNG, to print at once", "delegates", answers={200: Download(PNG)},
     role="organiser or door_lead")
def badge_png(event_id, delegate_id):
    event_or_404(event_id)
    delegate = of_event(Delegate, delegate_id, event_id, "delegate_not_found", "Không tìm thấy đại biểu.")
    return jobs.answer("badge.png", event_id, delegate_id, download_name=f"the-{delegate.number or delegate.id}.png")


@bp.get("/api/events/<int:event_id>/attendance.xlsx")
@role_required("organiser")
@api("Attendance as an Excel workbook", "checkin", answers={200: Download(XLSX)}, role="organiser")
def attendance_xlsx(event_id):
    event_or_404(event_id)
    return jobs.answer("attendance.xlsx", event_id)


@bp.get("/api/events/<int:event_id>/delegates")
@role_required("organiser")
@api("Delegates, every field (and the personal ballot token)", "delegates", answers={200: list[dict]},
     role="organiser")
def delegates(event_id):
    event_or_404(event_id)
    return jsonify([admin_delegate_api(d) for d in service.delegates_of(event_id)])


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
@api("Add a delegate who walks in without being on the list: a new number and badge code", "delegates",
     body=DelegateFields, answers={201: DoorDelegate}, role="organiser or door_lead")
def add_walk_in(event_id, body: DelegateFields):
    event_or_404(event_id)
    return jsonify(changed(changes.add_walk_in(event_id, body.given()))), 201


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>")
@role_required("door_lead")
@api("Correct a delegate's details (fields left out stay)", "delegates", body=DelegateFields,
     answers={200: DoorDelegate}, role="organiser or door_lead")
def update_delegate(event_id, delegate_id, body: DelegateFields):
    return jsonify(changed(changes.update(event_id, delegate_id, body.given())))


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/revoke")
@role_required("door_lead")
@api("Revoke a badge: its scan answers `revoked` at every door", "delegates", answers={200: DoorDelegate},
     role="organiser or door_lead")
def revoke_badge(event_id, delegate_id):
    return jsonify(changed(changes.revoke(event_id, delegate_id)))


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/restore")
@role_required("door_lead")
@api("Give a revoked badge back", "delegates", answers={200: DoorDelegate}, role="organiser or door_lead")
def restore_badge(event_id, delegate_id):
    return jsonify(changed(changes.revoke(event_id, delegate_id, revoked=False)))


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/substitute")
@role_required("door_lead")
@api("Someone comes in place of an absent delegate: a new badge for them, the absent delegate's revoked and kept "
     "with `substitute_id`", "delegates", body=DelegateFields, answers={201: DoorDelegate}, role="organiser or door_lead")
def substitute(event_id, delegate_id, body: DelegateFields):
    return jsonify(changed(changes.substitute(event_id, delegate_id, body.given()))), 201


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
