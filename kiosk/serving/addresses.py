"""The addresses of the screens, printed when the server is ready, with this machine's address on the hall Wi-Fi."""
import socket

from sqlalchemy import select

from kiosk.extensions import db
from models import Event


def lan_address() -> str:
    """The address tablets on the hall Wi-Fi should use; no packet leaves the machine (UDP connect only)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def print_addresses(app, https_port: int = 0) -> None:
    """Every address is https when there is an https port: the hall Wi-Fi is open to anyone listening."""
    plain = f"http://{lan_address()}:{app.config['PORT']}"
    base = f"https://{lan_address()}:{https_port}" if https_port else plain
    with app.app_context():
        events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
        print(f"\nKiosk Đại hội đang chạy: {base}/   (quản trị: {base}/admin)")
        for event in events:
            print(f"\n{event.name}")
            print(f"  Máy chiếu hội trường    : {base}/display/{event.id}")
            print(f"  Máy tính bảng cửa vào   : {base}/checkin/{event.id}")
            print(f"  Bảng điều khiển MC      : {base}/control/{event.id}")
            print(f"  Hậu trường khen thưởng  : {base}/stage/{event.id}")
            print(f"  Theo dõi trên điện thoại: {base}/live/{event.id}", flush=True)
        if https_port and not app.config.get("TLS_CERT_FILE"):
            from kiosk.serving.tls import authority_certificate, fingerprint
            authority = authority_certificate(app.config["INSTANCE_DIR"], [lan_address()])
            print(f"\nMỗi máy (máy tính bảng, máy chiếu, điện thoại) tin cậy chứng chỉ của hội trường một lần: "
                  f"{plain}/tls\n  dấu vân tay SHA-256: {fingerprint(authority)}", flush=True)
        db.session.remove()
