"""The organisers' pages for an event and its programme."""
from flask import redirect, render_template, request, url_for
from sqlalchemy import func, select

from display import bp, programme, script
from kiosk.answers import event_api
from kiosk.extensions import db
from kiosk.forms import apply_and_flash
from kiosk.identity.auth import role_required
from kiosk.lookup import event_or_404
from models import Delegate, HonourGroup, ProgrammeItem, Speech
from models.agenda import KINDS


@bp.route("/admin/events/new", methods=["GET", "POST"])
@role_required("organiser")
def new_event():
    if request.method == "POST":
        event = apply_and_flash(lambda: programme.create_event(request.form), "Đã tạo sự kiện với chương trình mẫu.")
        if event is not None:
            return redirect(url_for("display.event", event_id=event.id))
    return render_template("admin/event_form.html", event=None, form=request.form)


@bp.route("/admin/events/<int:event_id>", methods=["GET", "POST"])
@role_required("organiser")
def event(event_id):
    event = event_or_404(event_id)
    if request.method == "POST":
        apply_and_flash(lambda: programme.update_event(event, request.form), "Đã lưu thông tin sự kiện.")
        return redirect(url_for("display.event", event_id=event.id))
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)
                               .order_by(ProgrammeItem.position)).all()
    stats = {
        "delegates": db.session.scalar(select(func.count()).where(Delegate.event_id == event_id)),
        "groups": db.session.scalar(select(func.count()).where(HonourGroup.event_id == event_id)),
        "speeches": db.session.scalar(select(func.count()).where(Speech.event_id == event_id)),
    }
    return render_template("admin/event.html", event=event, items=items, kinds=KINDS, stats=stats,
                           form={**event_api(event), "wifi_ssid": event.wifi_ssid, "wifi_password": event.wifi_password})


@bp.post("/admin/events/<int:event_id>/items")
@role_required("organiser")
def add_item(event_id):
    event = event_or_404(event_id)
    apply_and_flash(lambda: programme.add_item(event, request.form), "Đã thêm mục vào chương trình.")
    return redirect(url_for("display.event", event_id=event_id) + "#programme")


@bp.post("/admin/events/<int:event_id>/items/<int:item_id>")
@role_required("organiser")
def change_item(event_id, item_id):
    event = event_or_404(event_id)
    action = request.form.get("action", "save")
    if action == "drop":
        apply_and_flash(lambda: programme.drop_item(event, item_id), "Đã bỏ mục khỏi chương trình.")
    elif action in ("up", "down"):
        apply_and_flash(lambda: programme.move_item(event, item_id, -1 if action == "up" else 1), "Đã đổi thứ tự.")
    else:
        apply_and_flash(lambda: programme.update_item(event, item_id, request.form), "Đã lưu mục.")
    return redirect(url_for("display.event", event_id=event_id) + "#programme")


@bp.get("/admin/events/<int:event_id>/script")
@role_required("organiser")
def script_page(event_id):
    """The MC's words for every step, the exchange's guests and the launch's slogan, to edit before the day."""
    event = event_or_404(event_id)
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event_id,
                                                           ProgrammeItem.kind.in_(("exchange", "launch")))
                               .order_by(ProgrammeItem.position)).all()
    return render_template("admin/script.html", event=event, lines=script.script(event_id), moments=items,
                           defaults=script.DEFAULT_WORDS)


@bp.post("/admin/events/<int:event_id>/script")
@role_required("organiser")
def save_script_page(event_id):
    event_or_404(event_id)
    step = request.form.get("step", "")
    apply_and_flash(lambda: script.save_words(event_id, step, request.form.get("words", "")), "Đã lưu lời dẫn.")
    return redirect(url_for("display.script_page", event_id=event_id) + "#" + step.replace(":", "-"))


@bp.post("/admin/events/<int:event_id>/items/<int:item_id>/details")
@role_required("organiser")
def save_item_details(event_id, item_id):
    event = event_or_404(event_id)
    apply_and_flash(lambda: programme.update_details(event, item_id, request.form), "Đã lưu.")
    return redirect(url_for("display.script_page", event_id=event_id) + f"#item-{item_id}-details")
