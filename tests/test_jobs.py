"""Heavy files are made in worker processes (kiosk.jobs), not on the loop that serves the hall: the old URLs answer
the same files as before, and the job API starts a file, reports its progress and hands it over, to the organiser
only, with failures reported in Vietnamese rather than as a 500."""
import io
import os
import re
import time

import openpyxl
import pypdfium2 as pdfium
import pytest
from docx import Document

from kiosk import job_pool, jobs
from kiosk.errors import ApiError
from tests.helpers import signed_in

OFFERED = ("badges.pdf", "attendance.xlsx", "credentials.pdf", "credentials.docx", "minutes.pdf", "minutes.docx",
           "archive.xlsx", "honours.xlsx", "script.pdf")
CLOCK = re.compile(r"\b\d\d:\d\d\b")


def finished(client, event_id, job, seconds=90):
    """The job's state once it is done or failed (jobs wait for a free worker: a deadline, not a sleep)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(f"/api/events/{event_id}/jobs/{job['id']}").get_json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    raise AssertionError(f"job {job} not finished in {seconds} s")


def content(mimetype: str, data: bytes):
    """What a person reads in the file: every page's text, every sheet's cells, every paragraph (the papers say
    the time they were made, HH:MM, which may be a minute later the second time)."""
    if mimetype == "application/pdf":
        return [CLOCK.sub("HH:MM", page.get_textpage().get_text_range()) for page in pdfium.PdfDocument(data)]
    if mimetype.endswith("spreadsheetml.sheet"):
        book = openpyxl.load_workbook(io.BytesIO(data))
        return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets}
    return [CLOCK.sub("HH:MM", p.text) for p in Document(io.BytesIO(data)).paragraphs]


def test_a_badge_sheet_is_made_in_another_process(app, organiser, event_id):
    answer = organiser.client.get(f"/api/events/{event_id}/badges.pdf")
    assert answer.status_code == 200 and answer.data.startswith(b"%PDF")
    with app.app_context():
        (job,) = jobs.board().jobs.values()
        assert job.outcome()["pid"] != os.getpid()


@pytest.mark.parametrize("kind", OFFERED)
def test_the_job_api_hands_over_what_the_old_url_answers(organiser, event_id, kind):
    old = organiser.client.get(f"/api/events/{event_id}/{kind}")
    assert old.status_code == 200, old.get_json()
    started = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": kind})
    assert started.status_code == 202
    state = finished(organiser.client, event_id, started.get_json())
    assert state["status"] == "done" and state["error"] is None
    new = organiser.client.get(state["file"])
    assert new.status_code == 200
    assert new.mimetype == old.mimetype and new.headers["Content-Disposition"] == old.headers["Content-Disposition"]
    assert content(new.mimetype, new.data) == content(old.mimetype, old.data)


def test_the_badge_job_counts_the_badges_made(organiser, event_id):
    started = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).get_json()
    assert started["label"] == "Đang tạo thẻ đại biểu" and started["status"] in ("queued", "running", "done")
    state = finished(organiser.client, event_id, started)
    assert (state["done"], state["total"]) == (6, 6)


def test_two_organisers_asking_at_once_share_one_job(app, users, organiser, event_id, tmp_path, monkeypatch):
    monkeypatch.setitem(jobs._KINDS, "test.wait", jobs.Kind("test.wait", "tests.job_targets:wait_for",
                                                            "text/plain", "x-{event_id}.txt", "Đang chờ"))
    release = tmp_path / "release"
    with app.test_request_context():  # every worker held: the badge sheet below waits its turn
        held = [jobs.board().submit("test.wait", event_id, str(release), n) for n in range(job_pool.pool_size())]
        assert jobs.board().submit("test.wait", event_id, str(release), 0) is held[0]
    other = signed_in(app, users, "organiser")
    started = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).get_json()
    again = other.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).get_json()
    assert again["id"] == started["id"] and started["status"] == "queued"
    release.touch()
    assert finished(other.client, event_id, again)["status"] == "done"
    workers = {int(job_pool.wait(job.future) and job.out.read_text()) for job in held}
    assert os.getpid() not in workers


def test_a_failed_job_is_reported_in_vietnamese_not_as_a_500(app, organiser, event_id, monkeypatch):
    monkeypatch.setitem(jobs._KINDS, "test.explode", jobs.Kind("test.explode", "tests.job_targets:explode",
                                                               "text/plain", "x-{event_id}.txt", "Đang thử"))
    started = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": "test.explode"})
    assert started.status_code == 202
    state = finished(organiser.client, event_id, started.get_json())
    assert state["status"] == "failed" and state["error"] == "job_failed"
    assert state["message"].startswith("Không tạo được tệp")
    answer = organiser.client.get(f"/api/events/{event_id}/jobs/{state['id']}/file")
    assert answer.status_code == 503 and answer.get_json()["message"] == state["message"]
    with app.test_request_context(), pytest.raises(ApiError) as refused:  # as a file's own GET would answer
        jobs.answer("test.explode", event_id)
    assert refused.value.status == 503 and refused.value.message == state["message"]


def test_a_job_for_a_delegate_gone_meanwhile_answers_404(organiser, event_id, app):
    with app.test_request_context():
        job = jobs.board().submit("badge.png", event_id, 999999)
        job_pool.wait(job.future)
        with pytest.raises(ApiError) as refused:
            job.send()
    assert refused.value.status == 404 and refused.value.message == "Không tìm thấy đại biểu."


def test_only_the_organiser_starts_and_reads_jobs(client, auth, mc, door, organiser, event_id):
    assert client.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).status_code == 401
    for role in (mc, door):
        assert role.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).status_code == 403
    started = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).get_json()
    for role in (mc, door):
        assert role.client.get(f"/api/events/{event_id}/jobs/{started['id']}").status_code == 403
        assert role.client.get(f"/api/events/{event_id}/jobs/{started['id']}/file").status_code == 403
    finished(organiser.client, event_id, started)


def test_unknown_kinds_and_jobs_are_refused_in_vietnamese(organiser, event_id):
    answer = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": "passwords.txt"})
    assert answer.status_code == 400 and answer.get_json()["message"].startswith("Không có loại tệp này")
    answer = organiser.client.get(f"/api/events/{event_id}/jobs/khong-co")
    assert answer.status_code == 404 and answer.get_json()["error"] == "job_not_found"
    started = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).get_json()
    assert organiser.client.get(f"/api/events/{event_id + 1}/jobs/{started['id']}").status_code == 404
    finished(organiser.client, event_id, started)


def test_another_server_process_reports_and_hands_over_the_job(app, organiser, event_id):
    """Behind nginx the organiser's next request may reach another process on the same instance folder."""
    started = organiser.post(f"/api/events/{event_id}/jobs", json={"kind": "badges.pdf"}).get_json()
    state = finished(organiser.client, event_id, started)
    mine = organiser.client.get(state["file"])
    with app.app_context():
        app.extensions["kiosk_jobs"] = jobs.JobBoard(app)  # a process that never saw the job
    theirs = organiser.client.get(f"/api/events/{event_id}/jobs/{started['id']}")
    assert theirs.status_code == 200 and theirs.get_json() == state
    other = organiser.client.get(state["file"])
    assert other.status_code == 200 and other.data == mine.data
    assert other.headers["Content-Disposition"] == mine.headers["Content-Disposition"]
