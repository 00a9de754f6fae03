"""The job API: the organiser asks for a heavy file, watches its progress and takes the file when it is ready
(the organiser's pages do this through static/js/jobs.js). The old GET of each file still answers with the file
itself, for scripts (kiosk.jobs.answer)."""
from flask import Blueprint, jsonify

from kiosk import jobs
from kiosk.errors import ApiError
from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from kiosk.schema import DOCX, PDF, PNG, XLSX, Download, api
from kiosk.schemas import Job, JobRequest

bp = Blueprint("jobs", __name__)


def offered() -> list[str]:
    return sorted(name for name, kind in jobs.kinds().items() if kind.offered)


@bp.post("/api/events/<int:event_id>/jobs")
@role_required("organiser")
@api("Start making a heavy file off the server's loop (a running one of the same kind is shared)", "jobs",
     body=JobRequest, answers={202: Job}, role="organiser")
def start(event_id, body: JobRequest):
    event_or_404(event_id)
    kind = body.kind
    if not isinstance(kind, str) or kind not in offered():
        raise ApiError(400, "bad_kind", "Không có loại tệp này. Chọn một trong: " + ", ".join(offered()) + ".")
    return jsonify(jobs.board().submit(kind, event_id).to_api()), 202


def _job(event_id: int, job_id: str) -> jobs.Job:
    event_or_404(event_id)
    job = jobs.board().get(job_id) if len(job_id) <= 40 else None
    if job is None or job.event_id != event_id:
        raise ApiError(404, "job_not_found", "Không tìm thấy việc tạo tệp này (tệp chỉ giữ 15 phút). Hãy tạo lại.")
    return job


@bp.get("/api/events/<int:event_id>/jobs/<job_id>")
@role_required("organiser")
@api("A job's progress: status queued, running, done or failed (with error and message), done of total, and the "
     "file's address once done", "jobs", answers={200: Job}, role="organiser")
def show(event_id, job_id):
    return jsonify(_job(event_id, job_id).to_api())


@bp.get("/api/events/<int:event_id>/jobs/<job_id>/file")
@role_required("organiser")
@api("The job's file, the same bytes as the file's own GET; 409 while it is being made", "jobs",
     answers={200: Download((PDF, XLSX, DOCX, PNG)), 409: None, 503: None}, role="organiser")
def file(event_id, job_id):
    job = _job(event_id, job_id)
    if not job.finished():
        raise ApiError(409, "job_not_ready", "Tệp chưa tạo xong. Vui lòng đợi.")
    return job.send()
