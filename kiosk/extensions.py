"""The Flask extensions, created unbound so that models and blueprints can import them."""
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

from kiosk.alembic_render import render_item
from models.base import db

__all__ = ["csrf", "db", "login_manager", "migrate", "socketio"]

migrate = Migrate(render_as_batch=True, render_item=render_item)
login_manager = LoginManager()
csrf = CSRFProtect()
# The async mode is chosen when the app is made (kiosk._async_mode): gevent under gunicorn, threads elsewhere.
socketio = SocketIO()
