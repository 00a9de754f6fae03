"""Time and weight of the organisers' pages for a large congress: the delegates page (a page, a search), the record
page, the audit trail, the honours page, the votes page and a page of voting cards, as the organiser's browser
asks for them (the app's own test client, signed in as the organiser).

    .venv/bin/python bench/admin_pages.py [--delegates 2000] [--honours 1500]
"""
import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.papers import build
from kiosk import create_app
from kiosk.extensions import db
from kiosk.identity.accounts import create_account


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=2000)
    parser.add_argument("--honours", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/b.db", "INSTANCE_DIR": directory,
                          "SECRET_KEY": "bench", "TESTING": True, "HONOURS_AUTO_PAGE_SECONDS": 0,
                          "WTF_CSRF_ENABLED": False})
        with app.app_context():
            db.create_all()
            event_id = build(args)
            create_account("btc", "organiser", "mat-khau-bench-1")
        client = app.test_client()
        client.post("/api/login", json={"username": "btc", "password": "mat-khau-bench-1"})
        print(f"{args.delegates} delegates (about 10% absent), {args.honours} honours in 10 groups")
        for label, path in (("delegates page", "/delegates"), ("delegates, a search", "/delegates?q=nguyen+thi"),
                            ("delegates, page 60", "/delegates?page=60"), ("record page", "/record"),
                            ("audit trail", "/audit"), ("honours page", "/honours"), ("votes page", "/votes"),
                            ("voting cards, a page", "/votes/cards")):
            client.get(f"/admin/events/{event_id}{path}")  # warm: templates compiled
            started = time.perf_counter()
            answer = client.get(f"/admin/events/{event_id}{path}")
            elapsed = time.perf_counter() - started
            assert answer.status_code == 200, (path, answer.status_code)
            print(f"{label:<24} {elapsed * 1000:7.0f} ms  {len(answer.data) / 1e3:7.0f} kB")


if __name__ == "__main__":
    main()
