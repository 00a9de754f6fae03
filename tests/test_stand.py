"""The kiosk stand's server side: paired like a door tablet with its own role, told only what the greeting needs,
no roster, and left only with the organiser's PIN."""
from urllib.parse import urlsplit

from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate
from tests.helpers import form_token


def pair_stand(app, organiser, event_id, name="Quầy 1"):
    made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": name, "role": "kiosk"})
    assert made.status_code == 201 and made.get_json()["role"] == "kiosk", made.get_json()
    stand = app.test_client()
    path = urlsplit(made.get_json()["url"]).path
    page = stand.get(path)
    assert "Nhận phiên quầy tự điểm danh" in page.get_data(as_text=True)
    done = stand.post(path, data={"csrf_token": form_token(page.get_data(as_text=True))})
    assert f'href="/kiosk/{event_id}"' in done.get_data(as_text=True)
    csrf = done.get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    return stand, csrf


def test_a_stand_checks_in_and_hears_only_what_the_greeting_needs(app, organiser, event_id):
    with app.app_context():
        an = db.session.scalar(select(Delegate).where(Delegate.event_id == event_id, Delegate.number == 1))
        an.seat_zone, an.seat_row, an.seat_no, an.delegation = "B", "3", "12", "Đoàn huyện Vũ Thư"
        db.session.commit()
        code = an.code
    stand, csrf = pair_stand(app, organiser, event_id)
    page = stand.get(f"/kiosk/{event_id}")
    assert page.status_code == 200 and "Quầy 1" in page.get_data(as_text=True)
    assert "<a " not in page.get_data(as_text=True)  # no way off the page
    answer = stand.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Quầy 1"},
                        headers={"X-CSRFToken": csrf}).get_json()
    assert answer["result"] == "checked_in"
    assert answer["delegate"] == {"full_name": "Nguyễn Văn An", "unit": "UBND xã Vũ Hội",
                                  "delegation": "Đoàn huyện Vũ Thư", "seat": {"zone": "B", "row": "3", "seat": "12"},
                                  "place": "Hàng 1", "guest": False}
    listed = {d["full_name"]: d for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}
    assert listed["Nguyễn Văn An"]["checked_in_door"] == "Quầy 1"
    # no roster, no door page, no search, nothing else
    for path in (f"/api/events/{event_id}/checkin/roster", f"/checkin/{event_id}",
                 f"/api/events/{event_id}/delegates/search?q=an", f"/api/events/{event_id}/delegates"):
        assert stand.get(path).status_code == 403, path
    assert stand.post(f"/api/events/{event_id}/checkin/undo", json={"delegate_id": 1, "reason": "x"},
                      headers={"X-CSRFToken": csrf}).status_code == 403


def test_the_stand_is_left_only_with_the_organisers_pin(app, organiser, event_id):
    stand, csrf = pair_stand(app, organiser, event_id)
    unlock = f"/api/events/{event_id}/kiosk/unlock"
    headers = {"X-CSRFToken": csrf}
    assert stand.post(unlock, json={"pin": "1234"}, headers=headers).get_json()["error"] == "no_pin"
    assert organiser.post(f"/api/events/{event_id}/kiosk/pin", json={"pin": "12ab"}).get_json()["message"] == \
        "Mã PIN phải gồm 4 đến 8 chữ số."
    assert organiser.post(f"/api/events/{event_id}/kiosk/pin", json={"pin": "2468"}).status_code == 200
    wrong = stand.post(unlock, json={"pin": "1357"}, headers=headers)
    assert wrong.status_code == 403 and wrong.get_json()["message"] == "Mã PIN không đúng."
    assert stand.post(unlock, json={"pin": ["2468"]}, headers=headers).status_code == 403
    assert stand.post(unlock, json={"pin": "2468"}, headers=headers).status_code == 200
    # the stand cannot set its own PIN
    assert stand.post(f"/api/events/{event_id}/kiosk/pin", json={"pin": "0000"}, headers=headers).status_code == 403


def test_pin_guessing_is_slowed(app, organiser, event_id):
    organiser.post(f"/api/events/{event_id}/kiosk/pin", json={"pin": "2468"})
    stand, csrf = pair_stand(app, organiser, event_id)
    answers = [stand.post(f"/api/events/{event_id}/kiosk/unlock", json={"pin": f"{n:04d}"},
                          headers={"X-CSRFToken": csrf}).status_code for n in range(12)]
    assert answers[0] == 403 and answers[-1] == 429


def test_the_organiser_sets_the_pin_on_the_doors_page(app, organiser, event_id):
    page = organiser.client.get(f"/admin/events/{event_id}/doors").get_data(as_text=True)
    assert "Chưa đặt mã PIN." in page and "Quầy tự điểm danh (đại biểu tự quét)" in page
    organiser.client.post(f"/admin/events/{event_id}/kiosk/pin", data={"pin": "8642", "csrf_token": form_token(page)})
    page = organiser.client.get(f"/admin/events/{event_id}/doors").get_data(as_text=True)
    assert "Đã đặt mã PIN" in page
