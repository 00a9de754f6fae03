"""The live plan of the hall in Chromium: the organiser describes the zones and the delegations are seated; scans at
the door light seats within a moment; a substitute takes the absent delegate's seat; an undo puts a seat back; a
seats file with problems is refused with Vietnamese row/column lines."""
import os
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate
from tests.factories import xlsx

pytestmark = pytest.mark.browser


def test_the_plan_fills_as_delegates_arrive(page_factory, live_server, users, organiser, door, app, event_id,
                                            tmp_path):
    with app.app_context():
        people = {d.full_name: (d.id, d.code) for d in db.session.scalars(select(Delegate)
                                                                          .where(Delegate.event_id == event_id))}
    page = page_factory("organiser", users, width=1280, height=800)
    page.goto(f"{live_server.url}/admin/events/{event_id}/seating")
    page.wait_for_selector("[data-zones] p:text('Chưa xếp chỗ')")
    page.fill("textarea[name=zones]", "A, 2, 3\nB, 1, 4")
    page.click("#assign button")
    page.wait_for_selector(".flash.ok:text('Đã xếp chỗ theo đoàn.')")
    page.wait_for_selector("[data-seat='A-1-1'][data-state='absent']")
    assert page.locator("[data-state='empty']").count() == 4
    assert page.inner_text("[data-seated]") == "6"
    door.post(f"/api/events/{event_id}/checkin", json={"code": people["Nguyễn Văn An"][1], "door": "Cửa 1"})
    page.wait_for_selector("[data-seat='A-1-1'][data-state='present']", timeout=5000)
    page.wait_for_selector("[data-present]:text('1')")
    # Bình (A-1-2) cannot come: her substitute sits in her seat
    organiser.post(f"/api/events/{event_id}/delegates/{people['Trần Thị Bình'][0]}/substitute",
                   json={"full_name": "Hoàng Thị Thay"})
    page.wait_for_function("document.querySelector(\"[data-seat='A-1-2']\").title.startsWith('Hoàng Thị Thay')")
    # a mistaken scan taken back: the seat is empty of its delegate again
    door.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": people["Nguyễn Văn An"][0],
                                                           "reason": "quét nhầm", "door": "Cửa 1"})
    page.wait_for_selector("[data-seat='A-1-1'][data-state='absent']", timeout=5000)
    door.post(f"/api/events/{event_id}/checkin", json={"code": people["Lê Đức Cường"][1], "door": "Cửa 1"})
    page.wait_for_selector("[data-seat='A-1-3'][data-state='present']", timeout=5000)
    page.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / "seating-plan-1280x800.png"))


def test_a_seats_file_with_problems_is_listed_row_by_row(page_factory, live_server, users, event_id, tmp_path):
    page = page_factory("organiser", users, width=1280, height=800)
    page.goto(f"{live_server.url}/admin/events/{event_id}/seating")
    data = xlsx([["Nguyễn Văn Ân", "B", 1, 1], ["Trần Thị Bình", "B", None, 2]], ["Họ và tên", "Khu", "Hàng", "Ghế"])
    page.set_input_files("#import input[type=file]", files=[{"name": "cho-ngoi.xlsx", "buffer": data,
                         "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.click("#import button")
    page.wait_for_selector(".flash.error:text('Không nhập được: 2 lỗi, chưa lưu gì.')")
    errors = page.locator(".flash.error").all_inner_texts()
    assert "Dòng 2, cột A (Họ và tên): không có đại biểu “Nguyễn Văn Ân” trong danh sách." in errors
    assert "Dòng 3, cột C (Hàng): thiếu hàng." in errors
    page.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / "seating-import-errors.png"),
                    full_page=True)
