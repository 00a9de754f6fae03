"""The organisers' pages at real size: a 2,000-delegate congress in Chromium at 1366×768. What the organiser sees:
every message in view where the page opens, each long list a page at a time with a pager and a search that finds
a delegate with or without accents, and pages of bounded height and weight. Screenshots go to $KIOSK_SHOTS."""
import io
import os
from pathlib import Path

import pytest
from openpyxl import Workbook

from kiosk.extensions import db
from models import Delegate, Honour, HonourGroup
from tests.factories import DELEGATE_HEADERS, build_event

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1366, 768
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Quốc", "Minh", "Thanh", "Hữu", "Ngọc", "Xuân", "Công"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quang",
         "Sơn", "Tâm", "Thảo", "Uyên", "Vinh", "Yến", "Khánh"]
WANTED = "Nguyễn Thị Ánh Tuyết"


@pytest.fixture
def big_event(app):
    """A congress of 2,000 delegates (WANTED is number 1,234); nobody has arrived yet."""
    with app.app_context():
        event_id = build_event(delegates=0)
        names = [f"{f} {m} {g}" for g in GIVEN for m in MIDDLE for f in FAMILY]
        names[1233] = WANTED
        db.session.add_all(Delegate(event_id=event_id, number=n, full_name=name, title="Chủ tịch Hội Nông dân",
                                    unit=f"UBND xã số {n % 40 + 1}", gender="nu" if "Thị" in name else "nam")
                           for n, name in enumerate(names, start=1))
        db.session.commit()
    return event_id


def shot(page, name: str, tmp_path, full_page=False) -> None:
    folder = Path(os.environ.get("KIOSK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"admin-{name}.png"), full_page=full_page)


def in_view(page, selector: str, height: int = HEIGHT) -> bool:
    """The element is drawn inside the window as it is scrolled now (not merely somewhere on the page)."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["height"] > 0 and box["y"] >= 0 and box["y"] + min(box["height"], 60) <= height


def page_height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def bad_list() -> bytes:
    book = Workbook()
    book.active.append(DELEGATE_HEADERS)
    for n in range(1, 4):
        book.active.append([n, f"Người số {n}", "", "Xã Vũ Hội", "Khác", 1980, "", "", "", "", ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("width, height", [(WIDTH, HEIGHT), (390, 844)])
def test_a_failed_import_is_said_where_the_page_opens(page_factory, users, big_event, tmp_path, live_server,
                                                      width, height):
    page = page_factory("organiser", users, width, height)
    page.goto(f"{live_server.url}/admin/events/{big_event}")
    page.set_input_files("#delegates input[type=file]", files=[{"name": "ds.xlsx", "buffer": bad_list(),
                                                                "mimeType": "application/octet-stream"}])
    assert page.locator("#delegates .file-face").inner_text().split() == ["Chọn", "tệp…", "ds.xlsx"]
    with page.expect_navigation():
        page.click("#delegates button:has-text('Nhập danh sách')")
    page.wait_for_selector(".flashes")
    assert page.evaluate("window.scrollY") > 0  # opened at the list, far below the top
    assert in_view(page, ".flashes", height)
    text = page.locator(".flashes").inner_text()
    assert "Không nhập được: 3 lỗi, chưa lưu gì" in text and "Dòng 2, cột E (Giới tính)" in text
    assert page.locator(".flashes").get_attribute("role") == "alert"
    shot(page, f"import-failed-{width}", tmp_path)
    page.click("text=Đóng thông báo")
    assert page.locator(".flashes").count() == 0


def test_the_delegates_page_is_a_page_of_rows_with_a_pager_and_a_search(page_factory, users, big_event, tmp_path,
                                                                        live_server):
    page = page_factory("organiser", users, WIDTH, HEIGHT)
    answer = page.goto(f"{live_server.url}/admin/events/{big_event}/delegates")
    assert len(answer.body()) < 200_000
    rows = page.locator("table.delegates tbody tr")
    assert 10 <= rows.count() <= 50
    assert page.locator(".pager").first.is_visible()
    assert "1–" in page.locator(".pager-count").first.inner_text()
    assert "2.000 đại biểu" in page.locator(".pager-count").first.inner_text()
    shot(page, "delegates", tmp_path, full_page=True)
    assert page_height(page) <= 2 * HEIGHT

    page.click(".pager >> text=Sau ›")
    assert page.locator("table.delegates tbody tr").first.locator("td").first.inner_text().strip() == \
        str(rows.count() + 1)

    for typed in ("nguyen thi anh tuyet", WANTED, "1234"):
        page.fill("input[name=q]", typed)
        with page.expect_navigation():
            page.press("input[name=q]", "Enter")
        found = page.locator("table.delegates tbody tr")
        assert found.count() == 1, typed
        assert WANTED in found.inner_text() and len(found.locator(".badge-code").inner_text()) == 29
    shot(page, "delegates-search", tmp_path)


def test_a_save_on_page_three_is_said_beside_the_row(page_factory, users, big_event, tmp_path, live_server):
    page = page_factory("organiser", users, WIDTH, HEIGHT)
    page.goto(f"{live_server.url}/admin/events/{big_event}/delegates?page=3")
    row = page.locator("table.delegates tbody tr").nth(5)
    number = row.locator("td").first.inner_text().strip()
    row.locator("summary").click()
    row.locator("input[name=seat]").fill("Hàng 7, ghế 12")
    with page.expect_navigation():
        row.locator("button:has-text('Lưu')").click()
    assert in_view(page, ".flashes") and "Đã lưu." in page.locator(".flashes").inner_text()
    assert "page=3" in page.url
    saved = page.locator(f"table.delegates tbody tr:has(td:text-is('{number}'))")
    assert in_view(page, f"table.delegates tbody tr:has(td:text-is('{number}'))")
    assert saved.locator("input[name=seat]").input_value() == "Hàng 7, ghế 12"
    shot(page, "delegate-saved", tmp_path)


def test_the_record_page_pages_its_absentees_and_links_the_audit_trail(page_factory, users, big_event, tmp_path,
                                                                        live_server):
    page = page_factory("organiser", users, WIDTH, HEIGHT)
    answer = page.goto(f"{live_server.url}/admin/events/{big_event}/record")
    assert len(answer.body()) < 200_000
    shot(page, "record-full", tmp_path, full_page=True)
    assert page_height(page) <= 2 * HEIGHT
    assert "2.000 đại biểu vắng" in page.locator("#absent .pager-count").inner_text()
    page.fill("#absent input[name=q]", "anh tuyet")
    with page.expect_navigation():
        page.press("#absent input[name=q]", "Enter")
    rows = page.locator("#absent tbody tr")
    assert rows.count() == 1 and WANTED in rows.inner_text()
    rows.locator("input[name=reason]").fill("Ốm, có đơn")
    with page.expect_navigation():
        rows.locator("button").click()
    assert in_view(page, ".flashes") and "Đã ghi lý do vắng mặt." in page.locator(".flashes").inner_text()
    assert page.locator("#absent tbody tr input[name=reason]").input_value() == "Ốm, có đơn"  # same search kept
    shot(page, "record", tmp_path)
    page.click("text=Xem toàn bộ, lọc theo người")
    page.wait_for_selector("h1:has-text('Nhật ký thao tác')")
    page.select_option("select[name=action]", label="Lý do vắng mặt")
    with page.expect_navigation():
        page.click("button:has-text('Lọc')")
    lines = page.locator("tbody tr")
    assert lines.count() == 1 and f"{WANTED}: Ốm, có đơn" in lines.inner_text()
    shot(page, "audit", tmp_path)


def test_vote_nominees_are_typed_by_number_or_found_by_name(page_factory, users, big_event, tmp_path, live_server):
    page = page_factory("organiser", users, WIDTH, HEIGHT)
    answer = page.goto(f"{live_server.url}/admin/events/{big_event}/votes")
    assert len(answer.body()) < 60_000  # no checkbox for each of the 2,000
    assert page.locator("input[name=title]").input_value() == ""  # nothing to delete before typing
    page.fill("input[name=title]", "Thông qua danh sách đại biểu dự Đại hội cấp tỉnh")
    page.fill("input[name=numbers]", "1-3, 10")
    page.fill("#nominee-search", "anh tuyet")
    page.click(f"#nominee-found button:has-text('{WANTED}')")
    assert "Đã chọn theo tên: 1 người." in page.locator("#nominee-count").inner_text()
    shot(page, "vote-form", tmp_path)
    with page.expect_navigation():
        page.click("button:has-text('Tạo nội dung biểu quyết')")
    assert in_view(page, ".flashes")
    assert "với 5 người được giới thiệu" in page.locator(".flashes").inner_text()
    card = page.locator("section[id^=vote-]").last
    names = card.locator("ol li").all_inner_texts()
    assert [n.split(".")[0] for n in names] == ["1", "2", "3", "10", "1234"]
    assert "nominee_ids" not in page.locator("main").inner_text()


def test_the_honours_page_shows_one_group_a_page_at_a_time_and_finds_a_name(app, page_factory, users, big_event,
                                                                            tmp_path, live_server):
    with app.app_context():
        group = HonourGroup(event_id=big_event, position=3, award="Giấy khen của Chủ tịch UBND huyện")
        group.honours = [Honour(position=i, name=f"Người nhận giấy khen {i:04d}", unit="Xã Vũ Hội")
                         for i in range(1, 1501)]
        group.honours[799].name = WANTED
        db.session.add(group)
        db.session.commit()
        group_id = group.id
    page = page_factory("organiser", users, WIDTH, HEIGHT)
    answer = page.goto(f"{live_server.url}/admin/events/{big_event}/honours?group={group_id}")
    assert len(answer.body()) < 100_000
    assert page.locator("#names ol.honour-list > li").count() == 16
    assert "1–16 / 1.500" in page.locator("#names .pager-count").first.inner_text()
    assert page.locator(f"#group-{group_id} td").nth(2).inner_text() == "1.500"
    shot(page, "honours", tmp_path, full_page=True)
    assert page_height(page) <= 2 * HEIGHT
    page.fill("#names input[name=q]", "anh tuyet")
    with page.expect_navigation():
        page.press("#names input[name=q]", "Enter")
    found = page.locator("#names ol.honour-list > li")
    assert found.count() == 1 and WANTED in found.inner_text() and "Đợt 3" in found.inner_text()


def test_the_attendance_page_draws_a_few_absentees_and_finds_the_rest(page_factory, users, big_event, tmp_path,
                                                                      live_server):
    page = page_factory("organiser", users, WIDTH, HEIGHT)
    page.goto(f"{live_server.url}/admin/events/{big_event}/attendance")
    page.wait_for_selector("#absent [data-list] li")
    assert page.locator("#absent [data-list] li").count() == 150
    assert "… và 1.850 người nữa" in page.locator("#absent [data-list]").inner_text()
    page.fill("#absent [data-filter]", "anh tuyet")
    page.wait_for_function("document.querySelectorAll('#absent [data-list] li').length === 1")
    assert WANTED in page.locator("#absent [data-list] li").inner_text()
    shot(page, "attendance", tmp_path)
