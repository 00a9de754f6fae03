"""HTTPS for the hall network: browsers allow a tablet's camera only in a secure context, and the hall has no
internet from which to get a public certificate.

Either the organiser's own certificate for a real name (TLS_CERT_FILE, TLS_KEY_FILE), or the machine's own
certificate authority (kept in instance/tls/): name-constrained to this machine's names, local names and the private
networks, so that it can sign for nothing else, and short-lived (AUTHORITY_DAYS). From it, a server certificate for
the machine's current names and addresses, made again when an address changes (another hall's Wi-Fi). A tablet
trusts the authority by installing `ca.crt` (the /tls page offers it, with its SHA-256 fingerprint to compare), and
from then on every server certificate this machine makes until the authority is renewed."""
import ipaddress
import socket
import ssl
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
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


AUTHORITY_DAYS = 60  # short: a copied key signs nothing for long; a tablet installs the new one before a congress
RENEW_DAYS = 14      # an authority with less left than this is made anew (not in the middle of a congress)
# What the authority may sign for, whoever holds its key: the private and loopback networks, this machine's
# addresses, its names and local names. A certificate it signed for any other name (accounts.google.com) is refused
# by every browser that installed it.
PRIVATE_NETWORKS = ("127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10",
                    "::1/128", "fc00::/7", "fe80::/10")
LOCAL_SUFFIXES = ("localhost", "local", "lan", "home.arpa", "internal")


def _networks(ips: list[str]) -> list:
    networks = [ipaddress.ip_network(n) for n in PRIVATE_NETWORKS]
    for ip in ips:
        address = ipaddress.ip_address(ip)
        if not any(address in n for n in networks):
            networks.append(ipaddress.ip_network(f"{ip}/{address.max_prefixlen}"))
    return networks


def _permits(authority, names: list[str], ips: list[str]) -> bool:
    """The authority is short of expiring and its constraints cover `names` and `ips`."""
    try:
        constraints = authority.extensions.get_extension_for_class(x509.NameConstraints).value
    except x509.ExtensionNotFound:
        return False  # an authority made before issue 20: unconstrained, ten years
    if authority.not_valid_after_utc - datetime.now(UTC) < timedelta(days=RENEW_DAYS):
        return False
    dns = [t.value for t in constraints.permitted_subtrees if isinstance(t, x509.DNSName)]
    nets = [t.value for t in constraints.permitted_subtrees if isinstance(t, x509.IPAddress)]
    name_ok = all(any(n == d or n.endswith("." + d) for d in dns) for n in names)
    ip_ok = all(any(ipaddress.ip_address(i) in net for net in nets) for i in ips)
    return name_ok and ip_ok


def _authority(directory: Path, names: list[str], ips: list[str]):
    """The machine's own certificate authority: name-constrained to this machine and the local networks, and
    short-lived; made again when it nears its end or when the machine has a name or address it does not cover."""
    cert_path, key_path = directory / "ca.crt", directory / "ca.key"
    if cert_path.exists() and key_path.exists():
        authority = x509.load_pem_x509_certificate(cert_path.read_bytes())
        if _permits(authority, names, ips):
            return authority, serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
                      x509.NameAttribute(NameOID.COMMON_NAME, f"{ORGANISATION} – {socket.gethostname()}")])
    now = datetime.now(UTC)
    permitted = [*(x509.DNSName(n) for n in sorted({*names, *LOCAL_SUFFIXES})),
                 *(x509.IPAddress(n) for n in _networks(ips))]
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=AUTHORITY_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.NameConstraints(permitted_subtrees=permitted, excluded_subtrees=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    _write_private(key_path, _key_pem(key))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "server.crt").unlink(missing_ok=True)  # signed by the authority before: no longer trusted
    return cert, key


def machine_names(addresses: list[str]) -> tuple[list[str], list[str]]:
    """(DNS names, IP addresses) a tablet may use to reach this machine."""
    names = sorted({"localhost", socket.gethostname(), socket.getfqdn()} - {""})
    ips = sorted({"127.0.0.1", *addresses})
    return names, ips


def _covers(cert, authority, names: list[str], ips: list[str]) -> bool:
    if cert.issuer != authority.subject or cert.not_valid_after_utc > authority.not_valid_after_utc:
        return False
    try:
        authority.public_key().verify(cert.signature, cert.tbs_certificate_bytes,
                                      ec.ECDSA(cert.signature_hash_algorithm))
    except InvalidSignature:  # signed by an authority that was made again since
        return False
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    have_ips = {str(ip) for ip in alt.get_values_for_type(x509.IPAddress)}
    fresh = cert.not_valid_after_utc - datetime.now(UTC) > timedelta(days=RENEW_DAYS)
    return fresh and set(ips) <= have_ips and set(names) <= set(alt.get_values_for_type(x509.DNSName))


def server_certificate(instance_dir: str | Path, addresses: list[str]) -> tuple[Path, Path]:
    """(certificate chain, key) for this machine's names and `addresses`, made again only when they change."""
    directory = tls_dir(instance_dir)
    cert_path, key_path = directory / "server.crt", directory / "server.key"
    names, ips = machine_names(addresses)
    authority, authority_key = _authority(directory, names, ips)
    if cert_path.exists() and key_path.exists():
        current = x509.load_pem_x509_certificates(cert_path.read_bytes())[0]
        if _covers(current, authority, names, ips):
            return cert_path, key_path
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(authority.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1)).not_valid_after(authority.not_valid_after_utc)
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


def authority_certificate(instance_dir: str | Path, addresses: list[str]):
    return _authority(tls_dir(instance_dir), *machine_names(addresses))[0]


def authority_pem(instance_dir: str | Path, addresses: list[str]) -> bytes:
    """The certificate a tablet installs to trust this machine (public: no key in it)."""
    return authority_certificate(instance_dir, addresses).public_bytes(serialization.Encoding.PEM)


def fingerprint(certificate) -> str:
    """SHA-256 of the certificate, as a tablet's certificate screen shows it (AB:CD:…), to compare before trusting."""
    return certificate.fingerprint(hashes.SHA256()).hex(":").upper()


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

    config = worker.wsgi.config
    if config.get("TLS_CERT_FILE") and config.get("TLS_KEY_FILE"):  # the organiser's own, for a real name
        cert, key = config["TLS_CERT_FILE"], config["TLS_KEY_FILE"]
    else:
        cert, key = server_certificate(config["INSTANCE_DIR"], addresses)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(2048)
    worker.wsgi = SchemeFromSocket(worker.wsgi)
    doorman = getattr(worker, "kiosk_doorman", None)
    if doorman is not None:  # the handshake under a time limit, in the connection's own greenlet (kiosk.serving.connections)
        server = StreamServer(listener, handle=partial(doorman.tls(context), listener),
                              spawn=Pool(worker.worker_connections))
    else:
        server = StreamServer(listener, handle=partial(worker.handle, listener), spawn=Pool(worker.worker_connections),
                              ssl_context=context)
    server.start()
