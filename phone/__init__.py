"""The delegate's own page on the phone (/me/{token}, API.md "The delegate's page"): name, seat and where it is, the
badge's QR, the live programme, the open vote with its ballot, the papers, and for a delegation's head who of the
delegation has arrived. No session: the delegate's ballot_token in the address is the credential."""
from flask import Blueprint

bp = Blueprint("phone", __name__, template_folder="templates")

from phone import routes  # noqa: E402, F401  (they register on bp)


def init_app(app) -> None:
    app.register_blueprint(bp)
