"""The organisers' pages: events, their programmes, and accounts."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from kiosk import programme
from kiosk.auth import page_role_required
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import event_or_404
from models import Delegate, Event, HonourGroup, ProgrammeItem, Speech, User
from models.agenda import KINDS
from models.user import ROLES

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _apply(action, success: str):
    """Runs one change; a bad field comes back as a red line on the same page, nothing half-saved."""
    try:
        action()
        flash(success, "ok")
    except ApiError as e:
        db.session.rollback()
        flash(e.message, "error")


@bp.get("")
@page_role_required("organiser")
def home():
    events = db.session.scalars(select(Event).order_by(Event.date, Event.id)).all()
    counts = dict(db.session.execute(select(Delegate.event_id, func.count()).group_by(Delegate.event_id)).all())
    users = db.session.scalars(select(User).order_by(User.role, User.username)).all()
    return render_template("admin/home.html", events=events, counts=counts, users=users, roles=ROLES)


@bp.route("/events/new", methods=["GET", "POST"])
@page_role_required("organiser")
def new_event():
    if request.method == "POST":
        try:
            event = programme.create_event(request.form)
            flash("Đã tạo sự kiện với chương trình mẫu.", "ok")
            return redirect(url_for("admin.event", event_id=event.id))
        except ApiError as e:
            db.session.rollback()
            flash(e.message, "error")
    return render_template("admin/event_form.html", event=None, form=request.form)


@bp.route("/events/<int:event_id>", methods=["GET", "POST"])
@page_role_required("organiser")
def event(event_id):
    event = event_or_404(event_id)
    if request.method == "POST":
        _apply(lambda: programme.update_event(event, request.form), "Đã lưu thông tin sự kiện.")
        return redirect(url_for("admin.event", event_id=event.id))
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)
                               .order_by(ProgrammeItem.position)).all()
    stats = {
        "delegates": db.session.scalar(select(func.count()).where(Delegate.event_id == event_id)),
        "groups": db.session.scalar(select(func.count()).where(HonourGroup.event_id == event_id)),
        "speeches": db.session.scalar(select(func.count()).where(Speech.event_id == event_id)),
    }
    return render_template("admin/event.html", event=event, items=items, kinds=KINDS, stats=stats,
                           form=event.to_api())


@bp.get("/events/<int:event_id>/attendance")
@page_role_required("organiser")
def attendance(event_id):
    return render_template("admin/attendance.html", event=event_or_404(event_id))


@bp.post("/events/<int:event_id>/items")
@page_role_required("organiser")
def add_item(event_id):
    event = event_or_404(event_id)
    _apply(lambda: programme.add_item(event, request.form), "Đã thêm mục vào chương trình.")
    return redirect(url_for("admin.event", event_id=event_id) + "#programme")


@bp.post("/events/<int:event_id>/items/<int:item_id>")
@page_role_required("organiser")
def change_item(event_id, item_id):
    event = event_or_404(event_id)
    action = request.form.get("action", "save")
    if action == "drop":
        _apply(lambda: programme.drop_item(event, item_id), "Đã bỏ mục khỏi chương trình.")
    elif action in ("up", "down"):
        _apply(lambda: programme.move_item(event, item_id, -1 if action == "up" else 1), "Đã đổi thứ tự.")
    else:
        _apply(lambda: programme.update_item(event, item_id, request.form), "Đã lưu mục.")
    return redirect(url_for("admin.event", event_id=event_id) + "#programme")


@bp.post("/events/<int:event_id>/delegates")
@page_role_required("organiser")
def import_delegates(event_id):
    from checkin.importer import ImportProblems, describe, import_delegates
    event_or_404(event_id)
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise ApiError(400, "no_file", "Chọn tệp danh sách (.xlsx hoặc .csv) để tải lên.")
        result = import_delegates(event_id, upload.filename, upload.read())
        flash(f"Đã nhập danh sách: {result['created']} đại biểu mới, {result['updated']} cập nhật.", "ok")
        for note in result["notes"][:20]:
            flash(note, "ok")
    except ImportProblems as e:
        db.session.rollback()
        flash(f"Không nhập được: {len(e.problems)} lỗi, chưa lưu gì. Sửa tệp rồi tải lên lại.", "error")
        for problem in e.problems[:50]:
            flash(describe(problem), "error")
    except ApiError as e:
        db.session.rollback()
        flash(e.message, "error")
    return redirect(url_for("admin.event", event_id=event_id) + "#delegates")


@bp.post("/users")
@page_role_required("organiser")
def create_user():
    def create():
        from kiosk.accounts import create_account
        create_account(request.form.get("username", ""), request.form.get("role", ""),
                       request.form.get("password", ""))
    _apply(create, "Đã tạo tài khoản.")
    return redirect(url_for("admin.home") + "#accounts")
