"""The arrival slide: the MC puts it on the projector; it carries the event's name, the hall Wi-Fi (set with the
event) and its QR, the follow page's QR, present/summoned and the opening time; the counts rise as delegates
arrive; the hall authority's fingerprint for those installing it (issue 20). In Chromium at 1920×1080 and
1024×768, its QR codes decoded."""
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from sqlalchemy import select

from kiosk.answers import event_api
from kiosk.extensions import db
from kiosk.serving.tablets import authority_fingerprint
from kiosk.serving.tls import fingerprint
from models import Delegate, Event
from stand.arrival import wifi_text
from tests.helpers import form_token

WIFI = ("HoiTruong-VuThu", "daihoi;2025")  # the hall's network as the organiser typed it


def set_wifi(app, event_id, tomorrow=False):
    ssid, password = WIFI
    with app.app_context():
        event = db.session.get(Event, event_id)
        event.wifi_ssid, event.wifi_password = ssid, password
        if tomorrow:
            event.date = date.today() + timedelta(days=1)
        db.session.commit()


def test_the_wifi_qr_text_escapes_what_phones_read_as_separators():
    assert wifi_text("Hội trường", "a;b:c") == "WIFI:T:WPA;S:Hội trường;P:a\\;b\\:c;;"
    assert wifi_text("Khach", None) == "WIFI:T:nopass;S:Khach;;"


def test_the_mc_shows_the_arrival_slide(app, mc, organiser, door, client, event_id):
    set_wifi(app, event_id)
    state = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "arrival"}).get_json()
    screen = state["screen"]
    assert screen["kind"] == "arrival" and screen["name"] == "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI"
    assert (screen["wifi_ssid"], screen["wifi_password"]) == ("HoiTruong-VuThu", "daihoi;2025")
    assert screen["opens_at"] == "2025-06-20T08:00:00+07:00"
    assert (screen["present"], screen["summoned"]) == (0, 6)
    assert screen["follow_url"].endswith(f"/live/{event_id}")
    assert client.get(screen["wifi_qr"]).mimetype == "image/svg+xml"
    assert client.get(screen["follow_qr"]).mimetype == "image/svg+xml"
    with app.app_context():
        code = db.session.scalar(select(Delegate.code).where(Delegate.event_id == event_id))
    door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"})
    assert client.get(screen["counts_url"]).get_json() == {"summoned": 6, "present": 1}
    # shown again: nothing changes, the same version
    assert mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "arrival"}).get_json()["version"] == \
        state["version"]


def test_the_slide_carries_the_hall_authoritys_fingerprint(app, mc, client, event_id, tmp_path):
    """What a tablet installing the hall's authority compares (issue 20): the fingerprint of the certificate /tls
    offers; none to compare with the organiser's own certificate, nor without https."""
    screen = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "arrival"}).get_json()["screen"]
    offered = x509.load_pem_x509_certificate(client.get("/tls/ca.crt").data)
    assert screen["tls_fingerprint"] == fingerprint(offered) and len(screen["tls_fingerprint"]) == 95
    assert screen["tls_fingerprint"] in client.get("/tls").get_data(as_text=True)
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "logo"})
    app.config.update(TLS_CERT_FILE=str(tmp_path / "fullchain.pem"), TLS_KEY_FILE=str(tmp_path / "privkey.pem"))
    assert mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "arrival"}
                   ).get_json()["screen"]["tls_fingerprint"] is None
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "logo"})
    app.config.update(TLS_CERT_FILE=None, HTTPS_PORT=0)
    assert mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "arrival"}
                   ).get_json()["screen"]["tls_fingerprint"] is None


def test_no_wifi_no_qr(app, mc, client, event_id):
    screen = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "arrival"}).get_json()["screen"]
    assert screen["wifi_qr"] is None
    assert client.get(f"/api/events/{event_id}/arrival/wifi.svg").status_code == 404


def test_the_organiser_enters_the_wifi_with_the_event(app, organiser, event_id):
    page = organiser.client.get(f"/admin/events/{event_id}").get_data(as_text=True)
    with app.app_context():
        fields = event_api(db.session.get(Event, event_id))
    fields.update(csrf_token=form_token(page), wifi_ssid="HoiTruong", wifi_password="12345678",
                  date=fields["date"], honours_per_page=str(fields["honours_per_page"]))
    organiser.client.post(f"/admin/events/{event_id}", data={k: v or "" for k, v in fields.items()})
    with app.app_context():
        event = db.session.get(Event, event_id)
        assert (event.wifi_ssid, event.wifi_password) == ("HoiTruong", "12345678")
    page = organiser.client.get(f"/admin/events/{event_id}").get_data(as_text=True)
    assert 'name="wifi_ssid" maxlength="32" value="HoiTruong"' in page


DECODE = """async (selector) => {
    const img = document.querySelector(selector);
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = 600; canvas.height = 600;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, 600, 600);
    ctx.drawImage(img, 50, 50, 500, 500);
    const found = jsQR(ctx.getImageData(0, 0, 600, 600).data, 600, 600);
    return found && found.data;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1920, 1080), (1024, 768)])
def test_the_arrival_slide_on_the_projector(page_factory, live_server, app, mc, door, event_id, tmp_path, width,
                                            height):
    set_wifi(app, event_id, tomorrow=True)
    page = page_factory(width=width, height=height)
    page.goto(f"{live_server.url}/display/{event_id}")
    page.wait_for_selector(".welcome .headline")
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "arrival"})
    page.wait_for_selector(".arrival .arrival-present:text('0')")
    assert page.inner_text(".arrival-summoned") == "6"
    assert page.inner_text(".arrival-opens") == "Khai mạc lúc 08:00"
    assert page.inner_text(".arrival-left").startswith("còn ")
    assert "Mật khẩu: daihoi;2025" in page.inner_text(".arrival")
    page.add_script_tag(url=f"{live_server.url}/static/vendor/jsQR.js")
    wifi = page.evaluate(DECODE, ".arrival-panel:first-child .arrival-qr")
    assert wifi == "WIFI:T:WPA;S:HoiTruong-VuThu;P:daihoi\\;2025;;"
    assert page.evaluate(DECODE, ".arrival-panel:last-child .arrival-qr").endswith(f"/live/{event_id}")
    # the hall authority's fingerprint, whole, for a tablet installing it to compare (issue 20)
    with app.app_context(), app.test_request_context():
        expected = authority_fingerprint()
    assert ":".join(page.locator(".arrival-tls-line").all_inner_texts()) == expected
    assert all(line.is_visible() for line in page.locator(".arrival-tls-line").all())
    for selector in (".arrival-name", ".arrival-qr", ".arrival-count", ".arrival-tls-line"):
        for box in (page.locator(selector).nth(i).bounding_box() for i in range(page.locator(selector).count())):
            assert box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width
    with app.app_context():
        codes = list(db.session.scalars(select(Delegate.code).where(Delegate.event_id == event_id)))
    for code in codes[:2]:
        door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"})
    page.wait_for_selector(".arrival .arrival-present:text('2')", timeout=15000)
    page.screenshot(path=str(Path(os.environ.get("KIOSK_SHOTS") or tmp_path) / f"arrival-{width}x{height}.png"))
