"""`python -m kiosk`: serve on HOST:PORT (one process, threads) and print the addresses of the screens."""
import socket

from sqlalchemy import select

from kiosk import create_app
from kiosk.extensions import db, socketio
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


def print_addresses(app) -> None:
    base = f"http://{lan_address()}:{app.config['PORT']}"
    with app.app_context():
        events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
        print(f"\nKiosk Đại hội đang chạy: {base}/   (quản trị: {base}/admin)")
        for event in events:
            print(f"\n{event.name}")
            print(f"  Máy chiếu hội trường    : {base}/display/{event.id}")
            print(f"  Máy tính bảng cửa vào   : {base}/checkin/{event.id}")
            print(f"  Bảng điều khiển MC      : {base}/control/{event.id}")
            print(f"  Hậu trường khen thưởng  : {base}/stage/{event.id}")
            print(f"  Theo dõi trên điện thoại: {base}/live/{event.id}")
        db.session.remove()


def main() -> None:
    app = create_app()
    print_addresses(app)
    socketio.run(app, host=app.config["HOST"], port=app.config["PORT"], allow_unsafe_werkzeug=True,
                 use_reloader=False, log_output=False)


if __name__ == "__main__":
    main()
