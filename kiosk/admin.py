"""The organisers' home page: the events and the accounts."""
from flask import Blueprint, redirect, render_template, request, url_for
from sqlalchemy import func, select

from kiosk.accounts import create_account
from kiosk.auth import role_required
from kiosk.extensions import db
from kiosk.forms import apply_and_flash
from models import Delegate, Event, User
from models.user import ROLES

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("")
@role_required("organiser")
def home():
    events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
    counts = dict(db.session.execute(select(Delegate.event_id, func.count()).group_by(Delegate.event_id)).all())
    users = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    return render_template("admin/home.html", events=events, counts=counts, users=users, roles=ROLES)


@bp.post("/users")
@role_required("organiser")
def create_user():
    apply_and_flash(lambda: create_account(request.form.get("username", ""), request.form.get("role", ""),
                                           request.form.get("password", "")), "Đã tạo tài khoản.")
    return redirect(url_for("admin.home") + "#accounts")
