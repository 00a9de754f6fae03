"""Door tablets paired in seconds: a short-lived code and QR on the organiser's page; the tablet that opens it gets
a door session for that one event and door, listed and revocable; no password typed at the door."""
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select, update

from kiosk.extensions import db
from kiosk.serving.addresses import lan_address
from models import Delegate, DoorPairing
from models.types import utcnow
from tests.factories import build_event
from tests.helpers import form_token


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def pair_tablet(app, organiser, event_id, door="Cửa Đông"):
    made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": door})
    assert made.status_code == 201, made.get_json()
    tablet = app.test_client()
    path = path_of(made.get_json()["url"])
    page = tablet.get(path)
    assert page.status_code == 200 and "Nhận phiên cửa vào" in page.get_data(as_text=True)
    done = tablet.post(path, data={"csrf_token": form_token(page.get_data(as_text=True))})
    assert done.status_code == 200, done.get_data(as_text=True)
    csrf = done.get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    return tablet, csrf, made.get_json()


def test_a_tablet_pairs_without_a_password_and_checks_in_at_its_door(app, organiser, event_id):
    tablet, csrf, made = pair_tablet(app, organiser, event_id)
    assert len(made["code"]) >= 16 and made["door"] == "Cửa Đông"
    with app.app_context():
        code = db.session.scalar(select(Delegate.code).where(Delegate.event_id == event_id))
    answer = tablet.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa Đông"},
                         headers={"X-CSRFToken": csrf})
    assert answer.status_code == 200 and answer.get_json()["result"] == "checked_in"
    assert tablet.get(f"/checkin/{event_id}").status_code == 200
    # it is a door session: the live state and the lists are not for it
    assert tablet.post(f"/api/events/{event_id}/live/next", headers={"X-CSRFToken": csrf}).status_code == 403
    assert tablet.get(f"/api/events/{event_id}/delegates").status_code == 403


def test_a_paired_tablet_works_for_its_event_only(app, organiser, event_id):
    with app.app_context():
        other = build_event()
    tablet, csrf, _ = pair_tablet(app, organiser, event_id)
    answer = tablet.post(f"/api/events/{other}/checkin", json={"code": "x", "door": "Cửa Đông"},
                         headers={"X-CSRFToken": csrf})
    assert answer.status_code == 403
    assert answer.get_json()["message"] == "Máy tính bảng này chỉ được ghép nối cho một sự kiện khác."


def test_a_code_serves_one_tablet_once_and_expires(app, organiser, event_id):
    made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 2"}).get_json()
    path = path_of(made["url"])
    first, second = app.test_client(), app.test_client()
    page_1, page_2 = first.get(path).get_data(as_text=True), second.get(path).get_data(as_text=True)
    assert first.post(path, data={"csrf_token": form_token(page_1)}).status_code == 200
    late = second.post(path, data={"csrf_token": form_token(page_2)})
    assert late.status_code == 404 and "đã hết hạn hoặc đã được dùng" in late.get_data(as_text=True)
    old = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 3"}).get_json()
    with app.app_context():
        db.session.execute(update(DoorPairing).where(DoorPairing.used_at.is_(None))
                           .values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert app.test_client().get(path_of(old["url"])).status_code == 404


def test_paired_tablets_are_listed_and_revoked(app, organiser, event_id):
    tablet, csrf, _ = pair_tablet(app, organiser, event_id, "Cửa Tây")
    listed = organiser.client.get(f"/api/events/{event_id}/doors").get_json()
    assert [t["door"] for t in listed] == ["Cửa Tây"]
    page = organiser.client.get(f"/admin/events/{event_id}/doors").get_data(as_text=True)
    assert "Cửa Tây" in page and "Thu hồi" in page
    assert organiser.post(f"/api/events/{event_id}/doors/revoke", json={"tablet_id": listed[0]["id"]}).status_code == 200
    assert tablet.post(f"/api/events/{event_id}/checkin", json={"code": "x", "door": "Cửa Tây"},
                       headers={"X-CSRFToken": csrf}).status_code == 401
    assert organiser.client.get(f"/api/events/{event_id}/doors").get_json() == []
    assert organiser.post(f"/api/events/{event_id}/doors/revoke", json={"tablet_id": "khong-co-may"}).status_code == 404
    assert organiser.post(f"/api/events/{event_id}/doors/revoke", json={"tablet_id": 7}).status_code == 404


def test_the_organiser_page_shows_the_code_and_its_qr(app, organiser, event_id):
    page = organiser.client.get(f"/admin/events/{event_id}/doors").get_data(as_text=True)
    shown = organiser.client.post(f"/admin/events/{event_id}/doors",
                                  data={"csrf_token": form_token(page), "door": "Cửa Chính"}).get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in shown and "/pair/" in shown and "Cửa Chính" in shown
    assert "Mã ghép nối dùng được 10 phút, cho một máy." in shown


def test_pairing_refuses_bad_doors_and_other_roles(app, organiser, mc, event_id):
    assert organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": ""}).status_code == 400
    assert organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "x" * 51}).status_code == 400
    assert organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": True}).status_code == 400
    assert organiser.post(f"/api/events/{2**40}/doors/pairings", json={"door": "Cửa 1"}).status_code == 404
    assert mc.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 1"}).status_code == 403
    assert app.test_client().get("/pair/" + "x" * 5000).status_code == 404


def test_the_pairing_link_and_qr_reach_the_tablet_when_admin_is_opened_on_this_machine(app, users, event_id):
    """Issue 21: /admin opened on the server itself (127.0.0.1, localhost): the link and the QR code carry the
    machine's LAN address, as the voting cards do: https on HTTPS_PORT (issue 20), or, with no https, the port the
    organiser used."""
    lan = lan_address()
    app.config["HTTPS_PORT"] = 0
    for here in ("http://127.0.0.1:5000", "http://localhost:5000"):
        organiser = app.test_client()
        username, password = users["organiser"]
        token = organiser.post("/api/login", json={"username": username, "password": password},
                               base_url=here).get_json()["csrf_token"]
        made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 1"},
                              headers={"X-CSRFToken": token}, base_url=here).get_json()
        assert made["url"] == f"http://{lan}:5000/pair/{made['code']}"
        page = organiser.get(f"/admin/events/{event_id}/doors", base_url=here).get_data(as_text=True)
        shown = organiser.post(f"/admin/events/{event_id}/doors", data={"door": "Cửa 2", "csrf_token": form_token(page)},
                               base_url=here).get_data(as_text=True)
        link = shown.split('class="pairing-url">')[1].split("<")[0]
        assert link.startswith(f"http://{lan}:5000/pair/") and "127.0.0.1" not in link and "localhost" not in link
    # an address the organiser reached over the network is kept as it is
    organiser = app.test_client()
    token = organiser.post("/api/login", json={"username": users["organiser"][0], "password": users["organiser"][1]},
                           base_url="http://192.168.1.20:5000").get_json()["csrf_token"]
    made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 3"},
                          headers={"X-CSRFToken": token}, base_url="http://192.168.1.20:5000").get_json()
    assert made["url"].startswith("http://192.168.1.20:5000/pair/")
    # with https (the default), the link is https on HTTPS_PORT, at the same host
    app.config["HTTPS_PORT"] = 5443
    made = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 4"},
                          headers={"X-CSRFToken": token}, base_url="http://192.168.1.20:5000").get_json()
    assert made["url"].startswith("https://192.168.1.20:5443/pair/")
    here = app.test_client()
    token = here.post("/api/login", json={"username": users["organiser"][0], "password": users["organiser"][1]}
                      ).get_json()["csrf_token"]
    made = here.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 5"},
                     headers={"X-CSRFToken": token}).get_json()
    assert made["url"] == f"https://{lan}:5443/pair/{made['code']}"
