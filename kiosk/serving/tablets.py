"""Making a door tablet trust this machine's HTTPS (kiosk.serving.tls): the certificate to install, and a page with the
steps and QR codes that the organiser shows and the tablet opens."""
import io
from urllib.parse import urlsplit, urlunsplit

import qrcode
import qrcode.image.svg
from flask import Blueprint, current_app, render_template, request, send_file, url_for
from markupsafe import Markup

from kiosk.serving.addresses import lan_address
from kiosk.serving.tls import authority_certificate, authority_pem, fingerprint
from models.vntime import to_vn

bp = Blueprint("tablets", __name__)


def qr_svg(text: str) -> Markup:
    """A QR code as inline SVG: drawn by the page itself, no image request, no internet."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return Markup(image.to_string(encoding="unicode"))  # noqa: S704 (drawn by qrcode: no text of the request in it)


def public_base() -> str:
    """The address a printed or displayed link starts with: https when this server speaks it (issue 20)."""
    http, https = hall_addresses()
    return https or http


def hall_addresses() -> tuple[str, str | None]:
    """(http address, https address or None) as a tablet on the hall Wi-Fi reaches this machine."""
    host = request.host.split(":")[0]
    if host in LOOPBACK:
        host = lan_address()
    http = f"http://{host}:{current_app.config['PORT']}"
    https_port = current_app.config["HTTPS_PORT"]
    return http, (f"https://{host}:{https_port}" if https_port else None)


def hall_authority():
    """This machine's authority (made or renewed on first use), for the page and the fingerprint."""
    return authority_certificate(current_app.config["INSTANCE_DIR"], [lan_address()])


def authority_fingerprint() -> str | None:
    """The fingerprint a tablet compares before trusting; None when the organiser's own certificate is used."""
    return None if current_app.config.get("TLS_CERT_FILE") else fingerprint(hall_authority())


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def reachable_url(endpoint: str, **values) -> str:
    """The full address of a page as a tablet or phone on the hall Wi-Fi opens it: the organiser's browser may be on
    this machine itself (127.0.0.1, localhost), an address no tablet can reach, so that host becomes this machine's
    LAN address, with the scheme and port the organiser used."""
    parts = urlsplit(url_for(endpoint, _external=True, **values))
    if parts.hostname in LOOPBACK:
        host = lan_address()
        parts = parts._replace(netloc=f"{host}:{parts.port}" if parts.port else host)
    return urlunsplit(parts)


def public_url(endpoint: str, **values) -> str:
    """A link printed or shown for another machine: https on HTTPS_PORT when this server speaks it (issue 20), else
    the address the organiser used with this machine's LAN address for a loopback host."""
    return public_base() + url_for(endpoint, **values) if current_app.config["HTTPS_PORT"] else \
        reachable_url(endpoint, **values)


@bp.get("/tls")
def install_page():
    """Reachable over plain http from every machine (kiosk.serving.https): the one page a tablet needs before it trusts."""
    http, https = hall_addresses()
    certificate = f"{http}/tls/ca.crt"
    authority = hall_authority()
    return render_template("tablets.html", certificate=certificate, https=https, certificate_qr=qr_svg(certificate),
                           https_qr=qr_svg(https + "/") if https else None, fingerprint=fingerprint(authority),
                           valid_until=to_vn(authority.not_valid_after_utc).strftime("%d/%m/%Y"))


@bp.get("/tls/ca.crt")
def certificate():
    return send_file(io.BytesIO(authority_pem(current_app.config["INSTANCE_DIR"], [lan_address()])),
                     mimetype="application/x-x509-ca-cert", download_name="kiosk-dai-hoi-ca.crt", as_attachment=True)
