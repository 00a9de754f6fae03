"""Jinja filters and globals that every page uses: Vietnam time, dd/mm/yyyy, the CSRF token, the event as the API
shows it (the pages' event-data)."""
from flask_wtf.csrf import generate_csrf

from kiosk.answers import event_api
from kiosk.paging import page_links
from models import vntime
from models.event import FORMS, LEVELS
from models.user import ROLE_LABELS


def init_app(app):
    app.jinja_env.filters["hhmm"] = vntime.hhmm
    app.jinja_env.filters["ddmmyyyy"] = vntime.ddmmyyyy
    app.jinja_env.filters["thousands"] = thousands
    app.jinja_env.filters["day_text"] = vntime.day_text
    app.jinja_env.filters["ddmmyyyy_hhmm"] = lambda at: vntime.to_vn(at).strftime("%d/%m/%Y %H:%M:%S") if at else ""
    app.jinja_env.globals.update(csrf_token=generate_csrf, LEVELS=LEVELS, FORMS=FORMS, ROLE_LABELS=ROLE_LABELS,
                                 page_links=page_links, event_api=event_api)


def thousands(value: int) -> str:
    """2.000, as a Vietnamese office writes it."""
    return f"{value:,}".replace(",", ".")
