"""The application object a WSGI server (gunicorn, see gunicorn.conf.py) loads."""
from kiosk import create_app

app = create_app()
