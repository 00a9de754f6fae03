"""The record's routes: the credentials report, the minutes, the audit trail, the archive, absence reasons."""
from datetime import datetime

from flask import jsonify, redirect, render_template, request, url_for

from checkin import credentials
from checkin.answers import delegate_api
from kiosk import jobs
from kiosk.audit import ACTIONS
from kiosk.forms import apply_and_flash
from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from kiosk.paging import page_of
from kiosk.schema import DOCX, PDF, XLSX, Download, api
from models.vntime import VN_TZ
from record import absences, bp, trail
from record.answers import audit_line_api
from record.schemas import Absence, AuditLine, Credentials


@bp.get("/api/events/<int:event_id>/credentials")
@role_required("organiser", "mc")
@api("The credentials report's figures now: summoned, present, absent with reasons, composition with percentages",
     "record", answers={200: Credentials}, role="organiser or mc")
def credentials_figures(event_id):
    event_or_404(event_id)
    return jsonify(credentials.figures(event_id))


@bp.get("/api/events/<int:event_id>/credentials.pdf")
@role_required("organiser")
@api("The credentials report (Báo cáo thẩm tra tư cách đại biểu), PDF", "record", answers={200: Download(PDF)},
     role="organiser")
def credentials_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("credentials.pdf", event_id)


@bp.get("/api/events/<int:event_id>/credentials.docx")
@role_required("organiser")
@api("The credentials report as Word", "record", answers={200: Download(DOCX)}, role="organiser")
def credentials_docx(event_id):
    event_or_404(event_id)
    return jobs.answer("credentials.docx", event_id)


@bp.get("/api/events/<int:event_id>/minutes.pdf")
@role_required("organiser")
@api("The minutes (biên bản) of the day, PDF", "record", answers={200: Download(PDF)}, role="organiser")
def minutes_pdf(event_id):
    event_or_404(event_id)
    return jobs.answer("minutes.pdf", event_id)


@bp.get("/api/events/<int:event_id>/minutes.docx")
@role_required("organiser")
@api("The minutes as Word, for the secretariat to edit", "record", answers={200: Download(DOCX)}, role="organiser")
def minutes_docx(event_id):
    event_or_404(event_id)
    return jobs.answer("minutes.docx", event_id)


@bp.get("/api/events/<int:event_id>/audit")
@role_required("organiser")
@api("The audit trail, newest first", "record", answers={200: list[AuditLine]}, role="organiser")
def audit_trail(event_id):
    event_or_404(event_id)
    return jsonify([audit_line_api(line) for line in trail.lines(event_id)])


@bp.get("/api/events/<int:event_id>/archive.xlsx")
@role_required("organiser")
@api("The archive: every list and result in one workbook", "record", answers={200: Download(XLSX)}, role="organiser")
def archive_xlsx(event_id):
    event_or_404(event_id)
    return jobs.answer("archive.xlsx", event_id)


@bp.post("/api/events/<int:event_id>/delegates/<int:delegate_id>/absence")
@role_required("organiser")
@api("Record why a delegate is absent (empty clears it); 409 for one checked in", "record", body=Absence,
     answers={200: dict, 409: None}, role="organiser")
def absence(event_id, delegate_id, body: Absence):
    event_or_404(event_id)
    delegate = absences.set_absence_reason(event_id, delegate_id, body.reason)
    return jsonify(delegate_api(delegate))


@bp.get("/admin/events/<int:event_id>/record")
@role_required("organiser")
def record_page(event_id):
    event = event_or_404(event_id)
    query, without_reason = request.args.get("q", "")[:100], request.args.get("reason") == "none"
    absent = page_of(absences.absent_query(event_id, query, without_reason), per_page=ABSENT_PER_PAGE)
    return render_template("record_admin.html", event=event, figures=credentials.figures(event_id),
                           absent=absent, query=query,
                           without_reason=without_reason,
                           trail=page_of(trail.filtered(event_id), 1, per_page=LATEST_LINES),
                           ACTIONS=ACTIONS, pct_text=credentials.pct_text)


LATEST_LINES = 4  # on the record page; the whole trail has its own page
ABSENT_PER_PAGE = 12  # with the papers and the latest lines, the record page stays near two laptop screens


@bp.get("/admin/events/<int:event_id>/audit")
@role_required("organiser")
def audit_page(event_id):
    """The whole audit trail, a page at a time, filtered by who, what and when."""
    event = event_or_404(event_id)
    args = {name: request.args.get(name, "")[:40].strip() for name in ("who", "action", "day", "since", "until")}
    day, since, until = trail.parse_day(args["day"]), trail.parse_clock(args["since"]), trail.parse_clock(args["until"])
    problems = [words for value, parsed, words in (
        (args["day"], day, "Ngày ghi theo dạng ngày/tháng/năm, ví dụ 20/06/2025."),
        (args["since"], since, "Giờ ghi theo dạng giờ:phút, ví dụ 08:30."),
        (args["until"], until, "Giờ ghi theo dạng giờ:phút, ví dụ 11:00.")) if value and parsed is None]
    if (since or until) and day is None and not args["day"]:
        day = datetime.now(VN_TZ).replace(hour=0, minute=0, second=0, microsecond=0)  # a time alone: today
        args["day"] = day.strftime("%d/%m/%Y")
    lines = page_of(trail.filtered(event_id, args["who"], args["action"] if args["action"] in ACTIONS else "",
                                   day, since, until))
    return render_template("audit_admin.html", event=event, lines=lines, args=args, problems=problems,
                           people=trail.people(event_id), ACTIONS=ACTIONS, SYSTEM=trail.SYSTEM)


@bp.post("/admin/events/<int:event_id>/absence")
@role_required("organiser")
def absence_form(event_id):
    event_or_404(event_id)
    delegate_id = request.form.get("delegate_id", "")
    apply_and_flash(lambda: absences.set_absence_reason(
        event_id, int(delegate_id) if delegate_id.isdigit() else None, request.form.get("reason", "")),
        "Đã ghi lý do vắng mặt.")
    # back to the same page of the same search, where the organiser was typing
    back = {k: v for k in ("q", "reason", "page") if (v := request.form.get("back_" + k, "")[:100])}
    return redirect(url_for("record.record_page", event_id=event_id, **back) + "#absent")
