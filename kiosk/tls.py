"""HTTPS for the hall network: browsers allow a tablet's camera only in a secure context, and the hall has no
internet from which to get a public certificate.

The machine makes its own certificate authority once (kept in instance/tls/) and, from it, a server certificate
for its current names and addresses, made again when an address changes (another hall's Wi-Fi). A tablet trusts
the authority once, by installing `ca.crt` (the organiser page offers it as a download and a QR code), and from
then on every server certificate this machine makes."""
import ipaddress
import socket
import ssl
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ORGANISATION = "Kiosk Đại hội"


def tls_dir(instance_dir: str | Path) -> Path:
    path = Path(instance_dir) / "tls"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _write_private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    path.chmod(0o600)


def _key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _authority(directory: Path):
    """The machine's own certificate authority, made once: ten years, so tablets trust it for many congresses."""
    cert_path, key_path = directory / "ca.crt", directory / "ca.key"
    if cert_path.exists() and key_path.exists():
        return (x509.load_pem_x509_certificate(cert_path.read_bytes()),
                serialization.load_pem_private_key(key_path.read_bytes(), password=None))
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
                      x509.NameAttribute(NameOID.COMMON_NAME, f"{ORGANISATION} – {socket.gethostname()}")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    _write_private(key_path, _key_pem(key))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key


def machine_names(addresses: list[str]) -> tuple[list[str], list[str]]:
    """(DNS names, IP addresses) a tablet may use to reach this machine."""
    names = sorted({"localhost", socket.gethostname(), socket.getfqdn()} - {""})
    ips = sorted({"127.0.0.1", *addresses})
    return names, ips


def _covers(cert, names: list[str], ips: list[str]) -> bool:
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    have_ips = {str(ip) for ip in alt.get_values_for_type(x509.IPAddress)}
    fresh = cert.not_valid_after_utc - datetime.now(UTC) > timedelta(days=30)
    return fresh and set(ips) <= have_ips and set(names) <= set(alt.get_values_for_type(x509.DNSName))


def server_certificate(instance_dir: str | Path, addresses: list[str]) -> tuple[Path, Path]:
    """(certificate chain, key) for this machine's names and `addresses`, made again only when they change."""
    directory = tls_dir(instance_dir)
    cert_path, key_path = directory / "server.crt", directory / "server.key"
    names, ips = machine_names(addresses)
    if cert_path.exists() and key_path.exists():
        current = x509.load_pem_x509_certificates(cert_path.read_bytes())[0]
        if _covers(current, names, ips):
            return cert_path, key_path
    authority, authority_key = _authority(directory)
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(authority.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=397))
            .add_extension(x509.SubjectAlternativeName([*(x509.DNSName(n) for n in names),
                                                        *(x509.IPAddress(ipaddress.ip_address(i)) for i in ips)]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(authority_key, hashes.SHA256()))
    _write_private(key_path, _key_pem(key))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM)
                          + authority.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def authority_pem(instance_dir: str | Path) -> bytes:
    """The certificate a tablet installs to trust this machine (public: no key in it)."""
    return _authority(tls_dir(instance_dir))[0].public_bytes(serialization.Encoding.PEM)


class SchemeFromSocket:
    """WSGI middleware: a request that came over the TLS listener is https to the app (Socket.IO compares the
    page's Origin with the scheme and host it sees)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if isinstance(environ.get("gunicorn.socket"), ssl.SSLSocket):
            environ["wsgi.url_scheme"] = "https"
            environ["HTTPS"] = "on"
        return self.app(environ, start_response)


def serve_https(worker, port: int, host: str, addresses: list[str]) -> None:
    """Inside gunicorn's gevent worker: one more listener, TLS on `port`, handled by the same worker and app, so
    screens on http and tablets on https share one process and its broadcasts."""
    from gevent.pool import Pool
    from gevent.server import StreamServer

    instance_dir = worker.wsgi.config["INSTANCE_DIR"]
    cert, key = server_certificate(instance_dir, addresses)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(2048)
    worker.wsgi = SchemeFromSocket(worker.wsgi)
    doorman = getattr(worker, "kiosk_doorman", None)
    if doorman is not None:  # the handshake under a time limit, in the connection's own greenlet (kiosk.connections)
        server = StreamServer(listener, handle=partial(doorman.tls(context), listener),
                              spawn=Pool(worker.worker_connections))
    else:
        server = StreamServer(listener, handle=partial(worker.handle, listener), spawn=Pool(worker.worker_connections),
                              ssl_context=context)
    server.start()
