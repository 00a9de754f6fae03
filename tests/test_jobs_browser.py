"""The organiser's pages make heavy files as jobs (static/js/jobs.js): the link shows the job waiting its turn and
working, then offers the file; a failure is said in Vietnamese beside the link."""
import os
from pathlib import Path

import pytest

from kiosk import job_pool, jobs

pytestmark = pytest.mark.browser


def test_the_badge_link_shows_the_job_and_offers_the_file(app, page_factory, live_server, users, event_id, tmp_path,
                                                          monkeypatch):
    shots = Path(os.environ.get("KIOSK_SHOTS") or tmp_path)
    monkeypatch.setitem(jobs._KINDS, "test.wait", jobs.Kind("test.wait", "tests.job_targets:wait_for",
                                                            "text/plain", "x-{event_id}.txt", "Đang chờ"))
    release = tmp_path / "release"
    with app.test_request_context():  # every worker held: the badge sheet waits its turn, visibly
        held = [jobs.board().submit("test.wait", event_id, str(release), n) for n in range(job_pool.pool_size())]
    page = page_factory("organiser", users)
    page.goto(f"{live_server.url}/admin/events/{event_id}")
    page.get_by_role("link", name="In thẻ đại biểu (PDF)").click()
    status = page.locator(".job-status")
    status.filter(has_text="Đang tạo thẻ đại biểu: đang chờ đến lượt…").wait_for()
    page.screenshot(path=str(shots / "job-queued.png"))
    release.touch()
    offered = page.get_by_role("link", name="Mở tệp")
    offered.wait_for(timeout=90_000)
    assert status.inner_text() == "Đã tạo xong: Mở tệp"
    page.screenshot(path=str(shots / "job-done.png"))
    answer = page.request.get(live_server.url + offered.get_attribute("href"))
    assert answer.ok and answer.headers["content-type"] == "application/pdf" and answer.body().startswith(b"%PDF")
    for job in held:
        job_pool.wait(job.future)


def test_a_failed_paper_says_why_beside_its_link(page_factory, live_server, users, event_id, monkeypatch):
    monkeypatch.setitem(jobs._KINDS, "minutes.pdf", jobs.Kind("minutes.pdf", "tests.job_targets:explode",
                                                              "application/pdf", "x-{event_id}.pdf", "Đang tạo biên bản"))
    page = page_factory("organiser", users)
    page.goto(f"{live_server.url}/admin/events/{event_id}/record")
    page.get_by_role("link", name="Biên bản (PDF)").click()
    failed = page.locator(".job-status.error")
    failed.wait_for(timeout=90_000)
    assert failed.inner_text().startswith("Không tạo được tệp do lỗi máy chủ.")
