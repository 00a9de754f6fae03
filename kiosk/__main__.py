"""`python -m kiosk`: serve with gunicorn and the checked-in gunicorn.conf.py (as `make run` and `make serve` do)."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    os.chdir(ROOT)
    os.execv(str(gunicorn), [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")])  # noqa: S606 (our own gunicorn)


if __name__ == "__main__":
    main()
