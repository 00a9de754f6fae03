"""The papers of the congress (tài liệu Đại hội): PDFs the organiser uploads, titles, orders and addresses to all
delegates or one delegation; each delegate reads them on the phone page, every page marked with their name."""
from flask import Blueprint

bp = Blueprint("papers", __name__, template_folder="templates")

from papers import routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    app.register_blueprint(bp)
