"""Events and their programmes: templates from the seed, organiser editing, Vietnam time, NFC text."""
import unicodedata

import pytest

from display.programme import create_event
from kiosk.extensions import db
from models import Event
from tests.helpers import form_token

FIELDS = {"name": "Đại hội Thi đua yêu nước Khối các cơ quan tỉnh", "level": "cum_khoi", "form": "dai_hoi",
          "date": "2025-05-16", "start_time": "07:30", "venue": "Hội trường Sở Nội vụ", "organiser": "Khối thi đua"}


def test_a_congress_gets_the_nine_items_of_the_seed_from_the_flag_salute(client, app):
    with app.app_context():
        event_id = create_event(FIELDS).id
    items = client.get(f"/api/events/{event_id}/programme").get_json()
    assert [i["title"] for i in items][:2] == ["Chào cờ", "Khai mạc"]
    assert [i["kind"] for i in items] == ["flag_salute", "opening", "report", "speeches", "exchange", "honours",
                                          "launch", "vote", "closing"]
    assert items[-1]["title"] == "Tổng kết và bế mạc"
    assert [i["position"] for i in items] == list(range(1, 10))


def test_a_conference_has_no_flag_salute(client, app):
    with app.app_context():
        event_id = create_event({**FIELDS, "form": "hoi_nghi"}).id
    items = client.get(f"/api/events/{event_id}/programme").get_json()
    assert len(items) == 8 and items[0]["title"] == "Khai mạc"
    event = next(e for e in client.get("/api/events").get_json() if e["id"] == event_id)
    assert event["form_title"] == "Hội nghị tuyên dương điển hình tiên tiến"


def test_planned_times_are_vietnam_time_whatever_the_server_zone(client, app, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    with app.app_context():
        event_id = create_event(FIELDS).id
    items = client.get(f"/api/events/{event_id}/programme").get_json()
    assert items[0]["planned_start"] == "2025-05-16T07:30:00+07:00"
    assert items[1]["planned_start"] == "2025-05-16T07:35:00+07:00"


def test_text_is_stored_nfc(app):
    decomposed = unicodedata.normalize("NFD", "Hội nghị biểu dương người tốt, việc tốt")
    with app.app_context():
        event = create_event({**FIELDS, "name": decomposed})
        db.session.expire_all()
        stored = db.session.get(Event, event.id).name
    assert stored == unicodedata.normalize("NFC", decomposed) and stored != decomposed


def test_organiser_creates_an_event_from_the_page(organiser):
    page = organiser.client.get("/admin/events/new")
    assert page.status_code == 200 and "Tạo sự kiện" in page.text
    answer = organiser.client.post("/admin/events/new", data={**FIELDS, "csrf_token": form_token(page.text)},
                                   follow_redirects=True)
    assert answer.status_code == 200
    assert "Đã tạo sự kiện với chương trình mẫu." in answer.text and "Chào cờ" in answer.text
    assert "07:30" in answer.text and "07:35" in answer.text


@pytest.mark.parametrize("change, message", [
    ({"name": ""}, "Cần nhập tên sự kiện."),
    ({"date": "31/02/2025"}, "Ngày tổ chức không hợp lệ"),
    ({"form": "tiec"}, "Hình thức phải là Đại hội hoặc Hội nghị."),
    ({"start_time": "25:99"}, "Giờ bắt đầu không hợp lệ"),
])
def test_a_bad_event_form_says_why_and_saves_nothing(organiser, client, change, message):
    token = form_token(organiser.client.get("/admin/events/new").text)
    answer = organiser.client.post("/admin/events/new", data={**FIELDS, **change, "csrf_token": token})
    assert answer.status_code == 200 and message in answer.text
    assert client.get("/api/events").get_json() == []


def test_organiser_edits_adds_drops_and_reorders_items(organiser, client, app):
    with app.app_context():
        event_id = create_event(FIELDS).id
    items = client.get(f"/api/events/{event_id}/programme").get_json()
    page = organiser.client.get(f"/admin/events/{event_id}")
    token = form_token(page.text)
    url = f"/admin/events/{event_id}/items"

    organiser.client.post(f"{url}/{items[1]['id']}", data={"csrf_token": token, "action": "save", "kind": "opening",
                                                          "title": "Khai mạc Đại hội", "planned_minutes": "20"})
    organiser.client.post(url, data={"csrf_token": token, "kind": "other", "title": "Văn nghệ chào mừng",
                                     "planned_minutes": "15"})
    organiser.client.post(f"{url}/{items[4]['id']}", data={"csrf_token": token, "action": "drop"})
    added = client.get(f"/api/events/{event_id}/programme").get_json()[-1]
    for _ in range(8):  # the new item climbs to the top
        organiser.client.post(f"{url}/{added['id']}", data={"csrf_token": token, "action": "up"})

    after = client.get(f"/api/events/{event_id}/programme").get_json()
    assert [i["title"] for i in after][:3] == ["Văn nghệ chào mừng", "Chào cờ", "Khai mạc Đại hội"]
    assert "Tổ chức các hoạt động giao lưu với các điển hình tiên tiến" not in [i["title"] for i in after]
    assert [i["position"] for i in after] == list(range(1, 10))
    # times follow on: 07:30 + 15 min of music, + 5 min flag salute, then the 20-minute opening
    assert [i["planned_start"][11:16] for i in after][:4] == ["07:30", "07:45", "07:50", "08:10"]


def test_an_item_with_bad_minutes_is_refused_with_a_reason(organiser, client, app):
    with app.app_context():
        event_id = create_event(FIELDS).id
    token = form_token(organiser.client.get(f"/admin/events/{event_id}").text)
    answer = organiser.client.post(f"/admin/events/{event_id}/items", follow_redirects=True,
                                   data={"csrf_token": token, "kind": "other", "title": "X", "planned_minutes": "ba"})
    assert "Thời lượng phải là số phút." in answer.text
    assert len(client.get(f"/api/events/{event_id}/programme").get_json()) == 9


def test_events_page_lists_events_with_their_screens(client, event_id):
    page = client.get("/")
    assert "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI" in page.text
    for link in (f"/display/{event_id}", f"/control/{event_id}", f"/checkin/{event_id}", f"/live/{event_id}"):
        assert link in page.text
    assert "20/06/2025" in page.text


def test_the_event_form_takes_and_shows_dates_and_times_as_an_office_writes_them(organiser, app):
    page = organiser.client.get("/admin/events/new").get_data(as_text=True)
    assert 'type="date"' not in page and 'type="time"' not in page and "novalidate" in page
    answer = organiser.client.post("/admin/events/new", data={**FIELDS, "csrf_token": form_token(page),
                                                               "date": "16/5/2025", "start_time": "7h30"})
    assert answer.status_code == 302
    with app.app_context():
        event = db.session.query(Event).one()
        assert (event.date.isoformat(), event.start_time.strftime("%H:%M")) == ("2025-05-16", "07:30")
    edit = organiser.client.get(answer.headers["Location"]).get_data(as_text=True)
    assert 'value="16/05/2025"' in edit and 'value="07:30"' in edit
    refused = organiser.client.post(answer.headers["Location"], data={
        **FIELDS, "csrf_token": form_token(edit), "honours_per_page": "30"}, follow_redirects=True)
    assert "Số người mỗi trang khen thưởng phải từ 4 đến 24." in refused.get_data(as_text=True)
