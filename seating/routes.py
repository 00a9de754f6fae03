"""The routes of delegations and seating."""
import json

from flask import jsonify, redirect, render_template, request, url_for

from kiosk.errors import ApiError
from kiosk.forms import apply_and_flash
from kiosk.identity.auth import role_required
from kiosk.lists.uploads import import_upload, import_upload_flashing
from kiosk.lookup import event_or_404
from kiosk.schema import api
from seating import bp, plan
from seating.delegations import delegations
from seating.schemas import Delegation, Plan, PresentSeats, SeatAssignment, Seated


@bp.get("/api/events/<int:event_id>/delegations")
@role_required("organiser", "presidium", "mc")
@api("The delegations (đoàn) with their head, summoned and present", "seating", answers={200: list[Delegation]},
     role="organiser, presidium or mc")
def delegations_api(event_id):
    event_or_404(event_id)
    return jsonify(delegations(event_id))


@bp.post("/api/events/<int:event_id>/seats/assign")
@role_required("organiser")
@api("Seat the delegates (not guests) zone by zone, row by row, delegations kept together in the list's order (head "
     "first); the zones become the hall's plan", "seating", body=SeatAssignment, answers={200: Seated},
     role="organiser")
def assign_api(event_id, body: SeatAssignment):
    return jsonify(plan.assign(event_id, body.model_dump()))


@bp.post("/api/events/<int:event_id>/seats/import")
@role_required("organiser")
@api("Seats from a file (.xlsx / .csv, multipart field `file`): “Mã đại biểu” or “Họ và tên” (with “Đơn vị”), “Khu”, "
     "“Hàng”, “Ghế”; all or nothing, problems with row and column", "seating", answers={200: Seated, 413: None},
     role="organiser", multipart={"file": {"type": "string", "format": "binary"}})
def import_api(event_id):
    event_or_404(event_id)
    return import_upload(plan.import_seats, event_id, "chỗ ngồi")


@bp.get("/api/events/<int:event_id>/seating")
@role_required("organiser", "presidium")
@api("The hall plan: zones, rows, seats with who sits there (delegate_id null: empty) and whether present", "seating",
     answers={200: Plan}, role="organiser or presidium")
def seating_api(event_id):
    return jsonify(plan.seating(event_id))


@bp.get("/api/events/<int:event_id>/seating/layout")
@role_required()
@api("The hall's zones, rows and seat labels, naming nobody (what a kiosk stand needs to light a seat)", "seating",
     answers={200: Plan}, role="any signed in")
def layout_api(event_id):
    """The hall's zones, rows and seats, with nobody's name: what a stand needs to light a seat."""
    return jsonify({"zones": plan.layout(event_or_404(event_id))})


@bp.get("/admin/events/<int:event_id>/seating")
@role_required("organiser", "presidium")
def plan_page(event_id):
    event = event_or_404(event_id)
    described = json.loads(event.hall_plan) if event.hall_plan else []
    zones_text = "\n".join(f"{z['zone']}, {z['rows']}, {z['seats_per_row']}" for z in described)
    return render_template("seating.html", event=event, zones_text=zones_text)


def _zones_from_text(text: str) -> list[dict]:
    """“B, 10, 24” a line: zone, rows, seats a row."""
    zones = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace(";", ",").split(",")]
        if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
            raise ApiError(400, "bad_zones", f"Dòng {number}: cần “tên khu, số hàng, số ghế mỗi hàng”, "
                                             f"ví dụ “B, 10, 24” (đang là “{line.strip()[:40]}”).")
        zones.append({"zone": parts[0], "rows": int(parts[1]), "seats_per_row": int(parts[2])})
    return zones


@bp.post("/admin/events/<int:event_id>/seating/assign")
@role_required("organiser")
def assign_form(event_id):
    event_or_404(event_id)
    apply_and_flash(lambda: plan.assign(event_id, {"zones": _zones_from_text(request.form.get("zones", "")[:5000])}),
                    "Đã xếp chỗ theo đoàn.")
    return redirect(url_for("seating.plan_page", event_id=event_id))


@bp.post("/admin/events/<int:event_id>/seating/import")
@role_required("organiser")
def import_form(event_id):
    event_or_404(event_id)
    import_upload_flashing(plan.import_seats, event_id, "chỗ ngồi",
                           lambda result: f"Đã nhập chỗ ngồi của {result['seated']} đại biểu.")
    return redirect(url_for("seating.plan_page", event_id=event_id))


@bp.get("/api/events/<int:event_id>/seating/present")
@role_required("organiser", "presidium")
@api("The seats of the delegates present now, [[zone, row, seat], ...]: the live plan's read after each burst of "
     "arrivals", "seating", answers={200: PresentSeats}, role="organiser or presidium")
def present_api(event_id):
    event_or_404(event_id)
    return jsonify({"present": plan.present_seats(event_id)})
