"""TLS for everyone (issue 20): plain http from another machine is sent to https (but /tls, to install the hall's
authority); cookies set over https are Secure; the hall's authority is name-constrained and short-lived, with its
fingerprint on /tls, and refuses to vouch for any other name; and a tap between a client and a real server sees no
password, cookie, ballot token, choice or pairing code."""
import contextlib
import re
import select
import socket
import ssl
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select as sql_select

from kiosk.config import load_config
from kiosk.extensions import db
from kiosk.serving import tls
from models import Delegate
from tests.fixtures.accounts import PASSWORDS
from tests.processes import Served, free_port

LAN = {"REMOTE_ADDR": "192.168.1.57"}


# ---- the redirect and the cookies (in process) ------------------------------------------------------------------

@pytest.fixture
def redirecting(app):
    """The app as gunicorn runs it once HTTPS_PORT listens (gunicorn.conf.py sets HTTPS_SERVED)."""
    app.config.update(HTTPS_REDIRECT=True, HTTPS_PORT=5443, HTTPS_SERVED=True, PLAIN_HTTP_LOOPBACK=True)
    return app


def test_the_redirect_is_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("HTTPS_REDIRECT", raising=False)
    config = load_config({"INSTANCE_DIR": tmp_path})
    assert config["HTTPS_REDIRECT"] is True and config["HTTPS_PORT"] == 5443
    assert config["HTTPS_SERVED"] is False  # until a server opens the port


def test_no_redirect_to_an_https_port_nobody_serves_nor_past_a_proxy(redirecting, client, event_id):
    url = f"/api/events/{event_id}/live"
    assert client.get(url, environ_base=LAN).status_code == 308
    redirecting.config["HTTPS_SERVED"] = False  # `flask run`: no https listener to send anyone to
    assert client.get(url, environ_base=LAN).status_code == 200
    redirecting.config.update(HTTPS_SERVED=True, TRUSTED_PROXIES=1)  # nginx in front speaks https (deploy/)
    assert client.get(url, environ_base=LAN).status_code == 200


def test_the_tls_page_reads_legibly_over_plain_http(redirecting, client):
    """Its style sheets and fonts come over http too; the rest of static/ (scripts) goes to https."""
    def status(path):
        answer = client.get(path, environ_base=LAN)
        answer.close()  # a static file is sent from an open file
        return answer.status_code
    page = client.get("/tls", environ_base=LAN).get_data(as_text=True)
    sheets = re.findall(r'href="(/static/[^"]+\.(?:css|svg))"', page)
    assert len(sheets) >= 2 and all(status(path) == 200 for path in sheets), sheets
    assert status("/static/fonts/be-vietnam-pro-vietnamese-400-normal.woff2") == 200
    assert status("/static/js/checkin.js") == 308
    assert status("/static/css/../js/checkin.js") in (308, 404)


def test_plain_http_from_another_machine_is_sent_to_https(redirecting, client, event_id):
    for path in ("/", f"/display/{event_id}", f"/api/events/{event_id}/live", "/login?next=/admin",
                 "/socket.io/?EIO=4&transport=polling"):
        answer = client.get(path, environ_base=LAN, headers={"Host": "192.168.1.10:5000"})
        assert answer.status_code == 308, path
        assert answer.headers["Location"] == f"https://192.168.1.10:5443{path}"
    posted = client.post("/api/login", json={"username": "x", "password": "y"}, environ_base=LAN)
    assert posted.status_code == 308
    # the one page a tablet needs before it trusts the hall's authority, and the authority itself
    page = client.get("/tls", environ_base=LAN)
    assert page.status_code == 200 and "Dấu vân tay" in page.get_data(as_text=True).replace("dấu vân tay", "Dấu vân tay")
    assert client.get("/tls/ca.crt", environ_base=LAN).data.startswith(b"-----BEGIN CERTIFICATE-----")
    # over https the same machine is served
    assert client.get(f"/api/events/{event_id}/live", environ_base=LAN, base_url="https://192.168.1.10:5443"
                      ).status_code == 200


def test_this_machine_keeps_plain_http_unless_told_otherwise(redirecting, client, event_id):
    assert client.get(f"/api/events/{event_id}/live").status_code == 200  # 127.0.0.1
    redirecting.config["PLAIN_HTTP_LOOPBACK"] = False
    assert client.get(f"/api/events/{event_id}/live").status_code == 308


def test_cookies_set_over_https_are_secure_and_all_httponly_samesite(redirecting, client, users):
    secure = client.post("/api/login", json={"username": "mc1", "password": PASSWORDS["mc"]},
                         base_url="https://192.168.1.10:5443", environ_base=LAN)
    cookies = secure.headers.getlist("Set-Cookie")
    assert cookies and all("; Secure" in c and "HttpOnly" in c and "SameSite=Lax" in c for c in cookies), cookies
    plain = client.post("/api/login", json={"username": "mc1", "password": PASSWORDS["mc"]})  # loopback http
    assert all("Secure" not in c and "HttpOnly" in c for c in plain.headers.getlist("Set-Cookie"))


def test_printed_links_are_https(redirecting, organiser, event_id):
    cards = organiser.client.get(f"/admin/events/{event_id}/votes/cards").get_data(as_text=True)
    links = re.findall(r"(https?://[^\s<\"]+/me/)", cards)
    assert links and all(link.startswith("https://") and ":5443/" in link for link in links)
    pairing = organiser.post(f"/api/events/{event_id}/doors/pairings", json={"door": "Cửa 1"}).get_json()
    assert pairing["url"].startswith("https://") and ":5443/pair/" in pairing["url"]


# ---- the hall's authority -----------------------------------------------------------------------------------------

def handshake(cert: Path, key: Path, authority: Path, hostname: str) -> str | None:
    """A TLS handshake in memory, the client trusting `authority` alone: None when it verifies, else the reason."""
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    client_side = ssl.create_default_context(cafile=str(authority))
    pipes = [ssl.MemoryBIO() for _ in range(4)]
    client = client_side.wrap_bio(pipes[0], pipes[1], server_hostname=hostname)
    server = server_side.wrap_bio(pipes[2], pipes[3], server_side=True)
    done = {client: False, server: False}
    for _ in range(20):
        for side in (client, server):
            if done[side]:
                continue
            try:
                side.do_handshake()
                done[side] = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLCertVerificationError as e:
                return e.verify_message
            except ssl.SSLError as e:
                if side is server:  # the client gave up on the certificate and told the server
                    continue
                return str(e)
        pipes[2].write(pipes[1].read())
        pipes[0].write(pipes[3].read())
        if all(done.values()):
            return None
    return "no handshake"


def forged(directory: Path, name: str) -> tuple[Path, Path]:
    """What someone holding the authority's key would make: a certificate for another site."""
    authority = x509.load_pem_x509_certificate((directory / "ca.crt").read_bytes())
    authority_key = serialization.load_pem_private_key((directory / "ca.key").read_bytes(), password=None)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(authority.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1)).not_valid_after(now + timedelta(days=10))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(authority_key, hashes.SHA256()))
    cert_path, key_path = directory / f"{name}.crt", directory / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_the_hall_authority_signs_for_this_machine_and_nothing_else(tmp_path):
    cert, key = tls.server_certificate(tmp_path, ["192.168.1.10"])
    directory = tmp_path / "tls"
    authority = x509.load_pem_x509_certificate((directory / "ca.crt").read_bytes())
    assert authority.extensions.get_extension_for_class(x509.NameConstraints).critical
    assert authority.not_valid_after_utc - datetime.now(UTC) <= timedelta(days=tls.AUTHORITY_DAYS)
    for host in ("127.0.0.1", "192.168.1.10", "localhost"):
        assert handshake(cert, key, directory / "ca.crt", host) is None, host
    for name in ("accounts.google.com", "thuvienphapluat.vn"):
        reason = handshake(*forged(directory, name), directory / "ca.crt", name)
        assert reason is not None and "subtree" in reason.lower(), reason


def test_an_old_unconstrained_authority_is_made_anew(tmp_path):
    directory = tls.tls_dir(tmp_path)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Kiosk Đại hội – cũ")])
    now = datetime.now(UTC)
    old = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
           .serial_number(1).not_valid_before(now).not_valid_after(now + timedelta(days=3650))
           .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True).sign(key, hashes.SHA256()))
    (directory / "ca.crt").write_bytes(old.public_bytes(serialization.Encoding.PEM))
    (directory / "ca.key").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    new = tls.authority_certificate(tmp_path, ["10.0.0.5"])
    assert new.serial_number != 1 and new.extensions.get_extension_for_class(x509.NameConstraints)


def test_the_tls_page_shows_the_fingerprint(app, client):
    page = client.get("/tls").get_data(as_text=True)
    authority = x509.load_pem_x509_certificate(client.get("/tls/ca.crt").data)
    assert tls.fingerprint(authority) in page and len(tls.fingerprint(authority)) == 95


# ---- a tap on the wire, with a real server ------------------------------------------------------------------------

class Tap:
    """A forwarding proxy that keeps every byte crossing it, both ways: what anyone on the Wi-Fi would read."""

    def __init__(self, target_port: int):
        self.target, self.seen, self.port = target_port, bytearray(), free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                near, _ = self.listener.accept()
            except OSError:
                return
            far = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(near, far), daemon=True).start()

    def _pipe(self, a, b):
        with a, b, contextlib.suppress(OSError):
            while True:
                ready, _, _ = select.select([a, b], [], [], 30)
                if not ready:
                    return
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    self.seen.extend(data)
                    (b if s is a else a).sendall(data)

    def close(self):
        self.listener.close()


@pytest.fixture
def served(app, tmp_path):
    """`make serve` with https (its redirect on by default), and loopback treated as another machine
    (PLAIN_HTTP_LOOPBACK=0)."""
    with app.app_context():
        db.session.remove()
    https_port = free_port()
    server = Served(app, tmp_path / "served", https_port=https_port)
    server.env.update(PLAIN_HTTP_LOOPBACK="0")
    server.env.pop("HTTPS_REDIRECT", None)
    server.https_port = https_port
    server.start()
    yield server
    server.stop()


def test_a_tap_on_the_wire_reads_no_secret(app, served, users, event_id, tmp_path):
    authority = tmp_path / "ca.crt"
    authority.write_bytes(requests.get(f"{served.url}/tls/ca.crt", timeout=5).content)
    assert tls.fingerprint(x509.load_pem_x509_certificate(authority.read_bytes())) in \
        requests.get(f"{served.url}/tls", timeout=5).text
    # plain http from "another machine" goes to https
    moved = requests.get(f"{served.url}/admin", allow_redirects=False, timeout=5)
    assert moved.status_code == 308 and moved.headers["Location"] == f"https://127.0.0.1:{served.https_port}/admin"
    tap = Tap(served.https_port)
    base = f"https://127.0.0.1:{tap.port}"

    def trusting():
        """A client that installed the hall's authority (and no other: REQUESTS_CA_BUNDLE would override it)."""
        s = requests.Session()
        s.trust_env, s.verify = False, str(authority)
        return s

    def session(role):
        s = trusting()
        answer = s.post(f"{base}/api/login", json={"username": users[role][0], "password": users[role][1]}, timeout=10)
        assert answer.status_code == 200
        assert all(c.secure for c in s.cookies)
        s.headers["X-CSRFToken"] = answer.json()["csrf_token"]
        return s
    organiser, mc, door = session("organiser"), session("mc"), session("door")
    with app.app_context():
        people = db.session.execute(sql_select(Delegate.code, Delegate.ballot_token)
                                    .where(Delegate.event_id == event_id).order_by(Delegate.number)).all()
    for code, _ in people[:3]:
        assert door.post(f"{base}/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1"},
                         timeout=10).json()["result"] == "checked_in"
    vote = organiser.post(f"{base}/api/events/{event_id}/votes", timeout=10,
                          json={"title": "Bầu Ban chấp hành", "method": "electronic", "secret": True}).json()
    assert mc.post(f"{base}/api/events/{event_id}/votes/{vote['id']}/open", timeout=10).status_code == 200
    phone = trusting()
    for _, token in people[:3]:
        assert phone.post(f"{base}/api/ballots/{token}", json={"vote_id": vote["id"], "choice": "against"},
                          timeout=10).json()["result"] == "voted"
    pairing = organiser.post(f"{base}/api/events/{event_id}/doors/pairings", json={"door": "Cửa 2"}, timeout=10).json()
    assert pairing["url"].startswith("https://")
    tablet = trusting()
    form = tablet.get(f"{base}/pair/{pairing['code']}", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert tablet.post(f"{base}/pair/{pairing['code']}", data={"csrf_token": token}, timeout=10).status_code == 200
    tap.close()

    seen = bytes(tap.seen)
    assert len(seen) > 10_000  # the tap read the whole conversation
    secrets = [*(p.encode() for _, p in users.values()), pairing["code"].encode(), b"against", b"Set-Cookie",
               b"csrf_token", *(t.encode() for _, t in people[:3]), *(c.encode() for c, _ in people[:3]),
               "Bầu Ban chấp hành".encode()]
    for s in (organiser, mc, door, tablet):
        secrets += [c.value.encode() for c in s.cookies]
    found = [s for s in secrets if s in seen]
    assert not found, found
