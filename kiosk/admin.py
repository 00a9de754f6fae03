"""The organisers' home page: the events and the accounts; and the accounts' API."""
from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from kiosk.extensions import db
from kiosk.forms import apply_and_flash
from kiosk.identity.accounts import account_json, assign_events, create_account, set_disabled, set_password
from kiosk.identity.auth import role_required
from kiosk.schema import api as declare
from kiosk.schemas import Account, EventIds, EventIdsAnswer, NewPassword
from models import Delegate, Event, User, UserEvent
from models.user import EVENT_BOUND_ROLES, ROLES

bp = Blueprint("admin", __name__, url_prefix="/admin")
api = Blueprint("accounts_api", __name__, url_prefix="/api/users")


@bp.get("")
@role_required("organiser")
def home():
    events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
    counts = dict(db.session.execute(select(Delegate.event_id, func.count()).group_by(Delegate.event_id)).all())
    users = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    assigned: dict[int, set[int]] = {}
    for user_id, event_id in db.session.execute(select(UserEvent.user_id, UserEvent.event_id)):
        assigned.setdefault(user_id, set()).add(event_id)
    from kiosk.serving.tablets import authority_fingerprint
    return render_template("admin/home.html", events=events, counts=counts, users=users, roles=ROLES,
                           assigned=assigned, event_bound=EVENT_BOUND_ROLES, fingerprint=authority_fingerprint())


def _back_to_accounts():
    return redirect(url_for("admin.home") + "#accounts")


@bp.post("/users")
@role_required("organiser")
def create_user():
    def create():
        user = create_account(request.form.get("username", ""), request.form.get("role", ""),
                              request.form.get("password", ""))
        if user.role in EVENT_BOUND_ROLES and _event_ids_of_form():  # none ticked: a reset keeps what it had
            assign_events(user.id, _event_ids_of_form())
    apply_and_flash(create, "Đã tạo tài khoản.")
    return _back_to_accounts()


@bp.post("/users/<int:user_id>/events")
@role_required("organiser")
def user_events(user_id):
    """The events ticked for a door, door-lead or kiosk account: it works for those alone, none for no event."""
    apply_and_flash(lambda: assign_events(user_id, _event_ids_of_form()),
                    "Đã giao sự kiện cho tài khoản; máy đang dùng tài khoản này đăng nhập lại.")
    return _back_to_accounts()


def _event_ids_of_form() -> list[int]:
    return [int(v) for v in request.form.getlist("event_ids") if v.isdigit() and len(v) < 11]


@bp.post("/users/<int:user_id>/disable")
@role_required("organiser")
def disable_user(user_id):
    apply_and_flash(lambda: set_disabled(user_id, True, by=current_user),
                    "Đã khoá tài khoản: mọi phiên đăng nhập của tài khoản này đã kết thúc.")
    return _back_to_accounts()


@bp.post("/users/<int:user_id>/enable")
@role_required("organiser")
def enable_user(user_id):
    apply_and_flash(lambda: set_disabled(user_id, False, by=current_user), "Đã mở khoá tài khoản.")
    return _back_to_accounts()


@api.get("")
@role_required("organiser")
@declare("Accounts", "auth", answers={200: list[Account]}, role="organiser")
def api_users():
    return jsonify([account_json(u) for u in db.session.scalars(select(User).order_by(User.role, User.username))])


@api.post("/<int:user_id>/disable")
@role_required("organiser")
@declare("Disable an account: every session and socket of it ends within a second (409 for one's own)", "auth",
         answers={200: Account, 409: None}, role="organiser")
def api_disable(user_id):
    return jsonify(account_json(set_disabled(user_id, True, by=current_user)))


@api.post("/<int:user_id>/enable")
@role_required("organiser")
@declare("Enable an account again", "auth", answers={200: Account}, role="organiser")
def api_enable(user_id):
    return jsonify(account_json(set_disabled(user_id, False, by=current_user)))


@api.post("/<int:user_id>/events")
@role_required("organiser")
@declare("The events a door, door-lead or kiosk account works for (403 other_event elsewhere; none: no event); its "
         "sessions end", "auth", body=EventIds, answers={200: EventIdsAnswer}, role="organiser")
def api_events(user_id, body: EventIds):
    """The events a door, door-lead or kiosk account works for (API.md "Accounts and sessions")."""
    return jsonify(event_ids=assign_events(user_id, body.event_ids))


@api.post("/<int:user_id>/password")
@role_required("organiser")
@declare("Set a new password (8-200 characters): every session and socket of the account ends", "auth",
         body=NewPassword, answers={200: Account}, role="organiser")
def api_password(user_id, body: NewPassword):
    return jsonify(account_json(set_password(user_id, body.password)))
