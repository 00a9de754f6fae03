"""The three screens in real headless Chromium, checked for what a person would see."""
import pytest
import requests

from kiosk.extensions import db
from models import Delegate, ProgrammeItem
from tests.helpers import scan_keys

pytestmark = pytest.mark.browser


def mc_session(live_server, users):
    session = requests.Session()
    answer = session.post(f"{live_server.url}/api/login",
                          json={"username": users["mc"][0], "password": users["mc"][1]}, timeout=5)
    session.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    return session


def test_projector_follows_the_mc(page_factory, live_server, users, event_id):
    projector = page_factory(width=1920, height=1080)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    # the welcome slide names the event; the backdrop above it does not repeat the name (issue 10)
    assert projector.inner_text(".welcome .headline") == "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI"
    assert projector.is_hidden(".backdrop .event-name")
    assert "Tiếp theo: Chào cờ" in projector.inner_text("#next-item")

    mc = mc_session(live_server, users)
    mc.post(f"{live_server.url}/api/events/{event_id}/live/next", timeout=5)
    projector.wait_for_selector(".flag-salute svg.flag")
    assert projector.inner_text(".flag-salute .flag-title") == "CHÀO CỜ"
    assert projector.inner_text(".backdrop .event-name") == "ĐẠI HỘI THI ĐUA YÊU NƯỚC HUYỆN VŨ THƯ LẦN THỨ VI"
    mc.post(f"{live_server.url}/api/events/{event_id}/live/next", timeout=5)
    projector.wait_for_function("document.querySelector('#projector').dataset.version === '3'")
    assert projector.inner_text(".slide:last-child .headline") == "Khai mạc"
    assert projector.inner_text("#next-item").startswith("Tiếp theo: Báo cáo đánh giá")
    assert projector.is_hidden("#offline")


def test_mc_panel_steps_with_the_keyboard_and_shows_the_preview(page_factory, live_server, users, event_id):
    panel = page_factory("mc", users, width=1440, height=900)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    assert "BẢNG ĐIỀU KHIỂN MC" in panel.inner_text("body") and "Phím tắt" in panel.inner_text(".shortcuts")
    panel.keyboard.press("ArrowRight")
    panel.wait_for_selector('#items li.current[data-kind="flag_salute"]')
    panel.keyboard.press("Space")
    panel.wait_for_selector('#items li.current[data-kind="opening"]')
    assert panel.inner_text("#now") == "Khai mạc" and panel.inner_text("#version") == "3"
    panel.keyboard.press("b")
    panel.wait_for_function("document.querySelector('#now').textContent === 'Màn hình đen'")
    preview = panel.frame_locator("#preview")
    preview.locator('#projector[data-screen="blank"]').wait_for()
    panel.click("#announce button")
    preview.locator(".announcement .headline").wait_for()
    assert preview.locator(".announcement .headline").inner_text() == "Mời các đại biểu ổn định chỗ ngồi"


def test_door_page_green_then_amber_card(app, page_factory, live_server, users, event_id):
    with app.app_context():
        delegate = db.session.query(Delegate).filter_by(event_id=event_id, number=2).one()
        code = delegate.code
        other = db.session.query(Delegate).filter_by(event_id=event_id, number=3).one().code
    door = page_factory("door", users, width=1024, height=1366)
    door.goto(f"{live_server.url}/checkin/{event_id}")
    door.wait_for_selector("#code:focus")
    scan_keys(door, code)
    door.wait_for_selector('#card[data-result="checked_in"]')
    assert door.inner_text("#card .result-name") == "Trần Thị Bình"
    assert "Trường THCS Vũ Thư" in door.inner_text("#card")
    assert "green" in door.get_attribute("#card", "class")
    door.evaluate("() => { document.querySelector('#card .result-title').dataset.before = '1'; }")
    scan_keys(door, code)  # the same badge again at once (a scanner firing twice): still the green card
    door.wait_for_function("() => !document.querySelector('#card .result-title').dataset.before")
    assert door.get_attribute("#card", "data-result") == "checked_in" and "green" in door.get_attribute("#card", "class")
    scan_keys(door, other)
    door.wait_for_selector('#card[data-result="checked_in"] .result-name:text("Lê Đức Cường")')
    scan_keys(door, code)  # after another badge: checked in before, amber
    door.wait_for_selector('#card[data-result="already_checked_in"]')
    assert "Đã điểm danh trước đó" in door.inner_text("#card") and "Cửa 1" in door.inner_text("#card")
    assert door.is_visible("#undo-form")
    scan_keys(door, "ma-la-khong-co")
    door.wait_for_selector('#card[data-result="unknown_code"]')
    assert "red" in door.get_attribute("#card", "class") and door.is_hidden("#undo-form")


def test_follow_page_shows_the_current_item(page_factory, live_server, users, event_id):
    phone = page_factory(width=390, height=844)
    phone.goto(f"{live_server.url}/live/{event_id}")
    phone.wait_for_function("document.querySelector('#now-title').textContent === 'Chưa bắt đầu'")
    mc_session(live_server, users).post(f"{live_server.url}/api/events/{event_id}/live/next", timeout=5)
    phone.wait_for_function("document.querySelector('#now-title').textContent === 'Chào cờ'")
    assert phone.inner_text("#programme li.current") .endswith("Chào cờ")


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720), (1024, 768)])
def test_a_long_title_fits_the_projector(app, page_factory, live_server, users, event_id, width, height):
    long_title = ("Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 2020-2025 và phương hướng, "
                  "nhiệm vụ đẩy mạnh phong trào thi đua, công tác khen thưởng giai đoạn 2025-2030 của tỉnh Thái Bình")
    with app.app_context():
        item = db.session.query(ProgrammeItem).filter_by(event_id=event_id, kind="report").one()
        item.title, item_id = long_title, item.id
        db.session.commit()
    mc_session(live_server, users).post(f"{live_server.url}/api/events/{event_id}/live/goto",
                                        json={"item_id": item_id}, timeout=5)
    projector = page_factory(width=width, height=height)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".programme .headline")
    fits = projector.evaluate("""() => {
        const el = document.querySelector('.programme .headline');
        const box = el.getBoundingClientRect();
        const next = document.querySelector('#next-item').getBoundingClientRect();
        return {text: el.textContent, overflow: el.scrollHeight > el.clientHeight + 1,
                inside: box.top >= 0 && box.bottom <= next.top && box.left >= 0 && box.right <= innerWidth,
                size: parseFloat(getComputedStyle(el).fontSize),
                page_scrolls: document.documentElement.scrollHeight > innerHeight};
    }""")
    assert fits["text"] == long_title
    assert not fits["overflow"] and fits["inside"] and not fits["page_scrolls"], fits
    assert fits["size"] >= 24  # still readable from the back of the hall
    projector.wait_for_timeout(500)  # let the crossfade finish before the picture
    projector.screenshot(path=str(app.config["INSTANCE_DIR"]) + f"/projector-{width}.png")


def test_door_keeps_scanning_offline_and_sends_the_queue_when_back(app, page_factory, live_server, users, event_id):
    with app.app_context():
        codes = [d.code for d in db.session.query(Delegate).filter_by(event_id=event_id).order_by(Delegate.number)]
    door = page_factory("door", users, width=1280, height=800)
    door.goto(f"{live_server.url}/checkin/{event_id}")
    roster_key = f"kiosk-door-{event_id}-roster-hashed"
    door.wait_for_function(f"Object.keys((JSON.parse(localStorage.getItem('{roster_key}')) || {{}}).rows || {{}})"
                           ".length === 6")
    door.context.set_offline(True)
    for waiting, code in enumerate(codes[:2], start=1):
        door.fill("#code", code)
        door.press("#code", "Enter")
        door.wait_for_function(f"document.querySelector('#queue').textContent === '{waiting} lượt quét đang chờ gửi'")
        assert door.get_attribute("#card", "data-result") == "queued"
    assert door.inner_text("#net") == "Ngoại tuyến"
    door.fill("#code", codes[0])
    door.press("#code", "Enter")
    door.wait_for_selector('#card[data-result="already_checked_in"]')  # known locally: not queued twice
    door.fill("#code", "ma-khong-co")
    door.press("#code", "Enter")
    door.wait_for_selector('#card[data-result="unknown_code"]')

    door.context.set_offline(False)
    door.wait_for_function("document.querySelector('#queue').hidden", timeout=15000)
    with app.app_context():
        db.session.expire_all()
        here = db.session.query(Delegate).filter(Delegate.event_id == event_id,
                                                 Delegate.checked_in_at.isnot(None)).all()
        assert sorted(d.number for d in here) == [1, 2] and {d.checked_in_door for d in here} == {"Cửa 1"}
        assert all(d.checked_in_scan_id for d in here)  # sent with the ids the tablet gave them offline
    assert door.inner_text("#net") == "Trực tuyến"
    door.wait_for_function("document.querySelector('#present').textContent === '2'")


def test_attendance_updates_live_on_the_mc_panel_and_the_organiser_page(app, page_factory, live_server, users,
                                                                         event_id):
    panel = page_factory("mc", users)
    panel.goto(f"{live_server.url}/control/{event_id}")
    organiser = page_factory("organiser", users)
    organiser.goto(f"{live_server.url}/admin/events/{event_id}/attendance")
    for page in (panel, organiser):
        page.wait_for_function("document.querySelector('[data-total]').textContent === '0/6'")
    organiser.wait_for_selector("#absent [data-count]:has-text('(6)')")
    assert "Trần Thị Bình" in organiser.inner_text("#absent")
    with app.app_context():
        code = db.session.query(Delegate).filter_by(event_id=event_id, number=2).one().code
    door = requests.Session()
    token = door.post(f"{live_server.url}/api/login", json={"username": users["door"][0], "password": users["door"][1]},
                      timeout=5).json()["csrf_token"]
    door.post(f"{live_server.url}/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"},
              headers={"X-CSRFToken": token}, timeout=5)
    for page in (panel, organiser):
        page.wait_for_function("document.querySelector('[data-total]').textContent === '1/6'")
    assert "Đại biểu nữ" in organiser.inner_text("table") and "Đơn vị: Trường THCS Vũ Thư" in organiser.inner_text("table")
    organiser.wait_for_selector("#absent [data-count]:has-text('(5)')")  # she is no longer on the list
    assert "Trần Thị Bình" not in organiser.inner_text("#absent")
    organiser.fill("#absent [data-filter]", "cong an")  # accents left out, as one types on a laptop
    shown = organiser.inner_text("#absent [data-list]").splitlines()
    assert shown == ["Công an huyện (1)", "3. Lê Đức Cường — Chủ tịch · Hàng 3"]


def test_mc_calls_a_group_of_forty_and_the_projector_shows_its_first_page(app, page_factory, live_server, users):
    from models import HonourGroup
    from tests.factories import build_event
    with app.app_context():
        event_id = build_event(honours_per_group=(40,))
        group_id = db.session.query(HonourGroup).filter_by(event_id=event_id).one().id
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome")
    panel = page_factory("mc", users, width=1440, height=900)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    panel.click(f'[data-group="{group_id}"]')
    projector.wait_for_selector(".honours .recipients")
    assert projector.inner_text(".honours .award") == "BẰNG KHEN ĐỢT 1"
    names = projector.locator(".honours .r-name").all_inner_texts()
    assert names[:2] == ["Người nhận 001", "Người nhận 002"] and len(names) == 8
    assert projector.inner_text(".page-marker") == "Trang 1/5"
    fits = projector.evaluate("""() => { const l = document.querySelector('.recipients');
        return l.scrollHeight <= l.clientHeight + 1 && l.scrollWidth <= l.clientWidth + 1; }""")
    assert fits


def test_a_name_with_script_shows_as_text_on_the_projector_and_the_stage_page(app, page_factory, live_server, users):
    from models import Honour, HonourGroup
    from tests.factories import build_event
    hostile = '<script>window.hacked = 1</script><img src=x onerror="window.hacked = 2">'
    with app.app_context():
        event_id = build_event(honours_per_group=(3,))
        group = db.session.query(HonourGroup).filter_by(event_id=event_id).one()
        db.session.query(Honour).filter_by(group_id=group.id, position=1).one().name = hostile
        db.session.commit()
        group_id = group.id
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    stage = page_factory("usher", users, width=820, height=1180)
    stage.goto(f"{live_server.url}/stage/{event_id}")
    stage.wait_for_selector("#now .stage-item")
    mc_session(live_server, users).post(f"{live_server.url}/api/events/{event_id}/live/screen",
                                        json={"kind": "honours", "group_id": group_id, "page": 1}, timeout=5)
    projector.wait_for_selector(".honours .r-name")
    assert projector.locator(".honours .r-name").first.inner_text() == hostile
    stage.wait_for_function("document.querySelector('#now .label').textContent === 'Đang gọi'")
    assert stage.locator("#now .r-name").first.inner_text() == hostile
    assert projector.evaluate("window.hacked") is None and stage.evaluate("window.hacked") is None


def test_stage_page_shows_who_has_arrived_and_takes_marks(app, page_factory, live_server, users, event_id):
    from models import Honour
    with app.app_context():
        honour = db.session.query(Honour).order_by(Honour.id).first()
        delegate = db.session.query(Delegate).filter_by(event_id=event_id, number=1).one()
        honour.delegate_id, code, honour_id = delegate.id, delegate.code, honour.id
        db.session.commit()
    stage = page_factory("usher", users, width=820, height=1180)
    stage.goto(f"{live_server.url}/stage/{event_id}")
    item = f'#now .stage-item[data-honour-id="{honour_id}"]'
    stage.wait_for_selector(f"{item} .presence.away")
    door = requests.Session()
    token = door.post(f"{live_server.url}/api/login", json={"username": users["door"][0], "password": users["door"][1]},
                      timeout=5).json()["csrf_token"]
    door.post(f"{live_server.url}/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"},
              headers={"X-CSRFToken": token}, timeout=5)
    stage.wait_for_selector(f"{item} .presence.here")
    stage.click(f"{item} .marks button:has-text('Đã nhận')")
    stage.wait_for_selector(f"{item}.done-received")
    assert stage.inner_text(f"{item} .handover") == "Đã nhận"


def test_organiser_imports_lists_through_the_pages(page_factory, live_server, users, event_id, tmp_path):
    """The shared upload script: a good speakers' file lists the speakers; a bad honours file shows its row and
    column and the page keeps what it had."""
    from tests.factories import SPEECH_HEADERS as HEADERS
    from tests.factories import SPEECH_ROWS as ROWS
    from tests.factories import xlsx
    page = page_factory("organiser", users, width=1280, height=900)
    good = tmp_path / "tham-luan.xlsx"
    good.write_bytes(xlsx(ROWS, HEADERS))
    page.goto(f"{live_server.url}/admin/events/{event_id}/speeches")
    page.set_input_files("#import-form input[type=file]", str(good))
    page.click("#import-form button")
    page.wait_for_selector("#import-result .flash.ok")
    assert page.inner_text("#import-result").startswith("Đã nhập: 3 mới, 0 cập nhật")
    page.wait_for_selector("h1:has-text('Danh sách tham luận (5)')")  # two from the event, three from the file
    assert "Nông dân thi đua sản xuất giỏi" in page.inner_text(".speech-list")
    page.fill("#add-form [name=name]", "Đoàn Thanh niên xã Vũ Hội")
    page.fill("#add-form [name=topic]", "Tuổi trẻ xung kích")
    page.check("#add-form [name=collective]")
    page.click("#add-form button")
    page.wait_for_selector("h1:has-text('Danh sách tham luận (6)')")
    assert page.inner_text(".speech-list li:last-child").startswith("Đoàn Thanh niên xã Vũ Hội")
    first = page.inner_text(".speech-list li:first-child strong")
    page.click(".speech-list li:first-child [data-move][data-offset='1']")
    page.wait_for_function(f"document.querySelector('.speech-list li:nth-child(2) strong').textContent === '{first}'")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".speech-list li:last-child [data-remove]")
    page.wait_for_selector("h1:has-text('Danh sách tham luận (5)')")

    bad = tmp_path / "khen-thuong.xlsx"
    bad.write_bytes(xlsx([[1, "", "Lê Văn C"]], ["STT", "Hình thức khen thưởng", "Họ và tên"]))
    page.goto(f"{live_server.url}/admin/events/{event_id}/honours")
    page.set_input_files("#import-form input[type=file]", str(bad))
    page.click("#import-form button")
    page.wait_for_selector("#import-result .flash.error")
    assert "Dòng 2, cột B (Hình thức khen thưởng): thiếu hình thức khen thưởng" in page.inner_text("#import-result")
    first_group = page.inner_text("tr[id^=group-] td:nth-child(2) a")
    page.click("tr[id^=group-] [data-group-move][data-offset='1']")
    page.wait_for_function("document.querySelectorAll('tr[id^=group-] td:nth-child(2) a')[1].textContent === '"
                           + first_group + "'")


def test_the_mc_panel_shows_a_speaker_added_during_the_day(page_factory, live_server, users, event_id):
    """The organisers add a speaker while the panel is open; the panel lists it once the MC moves on, and the
    honours groups show how many recipients are missing."""
    panel = page_factory("mc", users, width=1440, height=900)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#speech-list [data-speech]")
    assert panel.locator("#speech-list [data-speech]").count() == 2
    assert panel.inner_text("#group-list li:first-child .absent") == "3 vắng"
    organiser = requests.Session()
    token = organiser.post(f"{live_server.url}/api/login", timeout=5, json={
        "username": users["organiser"][0], "password": users["organiser"][1]}).json()["csrf_token"]
    added = organiser.post(f"{live_server.url}/api/events/{event_id}/speeches", headers={"X-CSRFToken": token},
                           json={"name": "Đoàn Thanh niên xã Vũ Hội", "topic": "Tuổi trẻ xung kích"}, timeout=5)
    assert added.status_code == 201
    panel.keyboard.press("ArrowRight")
    panel.wait_for_selector("#speech-list li:nth-child(3) [data-speech]")
    assert panel.inner_text("#speech-list li:nth-child(3)").startswith("Đoàn Thanh niên xã Vũ Hội")
    panel.click(f"[data-speech=\"{added.json()['id']}\"]")
    panel.wait_for_selector(f"[data-speech=\"{added.json()['id']}\"].current")
    assert panel.inner_text("#now") == "Tham luận: Đoàn Thanh niên xã Vũ Hội"
