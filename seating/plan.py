"""The hall's seating plan: the organiser describes the zones (rows, seats a row) and the system seats delegations
together in the plan's order, or seats come from a file. A seat is three texts (zone, row, seat) on the delegate,
and its printed form goes into the place shown on badges and at the door."""
import json
import re
from functools import partial

from sqlalchemy import select, update

from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lists.problems import rows_to_save
from kiosk.lists.rows import ListFile
from kiosk.lookup import event_or_404
from models import Delegate
from models.delegate import seat_label
from models.text import fold
from models.types import nfc

MAX_LABEL = 20
MAX_ROWS = MAX_SEATS_PER_ROW = 200
MAX_HALL = 20000


def natural_key(label: str) -> tuple:
    """"2" before "10", "A" before "B": rows and seats are numbered, sometimes lettered."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", label) if part)


def _zones_of(data) -> list[dict]:
    """The organiser's description, checked: [{"zone", "rows", "seats_per_row"}] in seating order."""
    if not isinstance(data, list) or not data:
        raise ApiError(400, "bad_zones", "Cần mô tả ít nhất một khu: tên khu, số hàng, số ghế mỗi hàng.")
    zones, names, total = [], set(), 0
    for index, zone in enumerate(data, start=1):
        zone = zone if isinstance(zone, dict) else {}
        name, rows, per_row = zone.get("zone"), zone.get("rows"), zone.get("seats_per_row")
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > MAX_LABEL:
            raise ApiError(400, "bad_zones", f"Khu thứ {index}: cần tên khu, tối đa {MAX_LABEL} ký tự.")
        name = name.strip()
        if fold(name) in names:
            raise ApiError(400, "bad_zones", f"Khu “{name}” được mô tả hai lần.")
        names.add(fold(name))
        for value, label, most in ((rows, "số hàng", MAX_ROWS), (per_row, "số ghế mỗi hàng", MAX_SEATS_PER_ROW)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
                raise ApiError(400, "bad_zones", f"Khu “{name}”: {label} phải là số từ 1 đến {most}.")
        total += rows * per_row
        zones.append({"zone": name, "rows": rows, "seats_per_row": per_row})
    if total > MAX_HALL:
        raise ApiError(400, "bad_zones", f"Sơ đồ có {total} ghế, nhiều quá {MAX_HALL} ghế.")
    return zones


def _clear_seats(event_id: int) -> None:
    """Nobody seated; a place that was only the printed seat goes with it."""
    rows = db.session.execute(select(Delegate.id, Delegate.seat, Delegate.seat_zone, Delegate.seat_row,
                                     Delegate.seat_no).where(Delegate.event_id == event_id,
                                                             Delegate.seat_row.is_not(None))).all()
    changes = [{"id": r.id, "seat_zone": None, "seat_row": None, "seat_no": None,
                "seat": None if r.seat == seat_label(r.seat_zone, r.seat_row, r.seat_no) else r.seat} for r in rows]
    if changes:
        db.session.execute(update(Delegate), changes)


def _seat_all(event_id: int, seated: list[tuple[int, str, str, str]]) -> None:
    """One executemany: each delegate's seat and its printed form."""
    if seated:
        db.session.execute(update(Delegate), [
            {"id": delegate_id, "seat_zone": zone, "seat_row": row, "seat_no": seat, "seat": seat_label(zone, row, seat)}
            for delegate_id, zone, row, seat in seated])


def assign(event_id: int, data) -> dict:
    """Seats every delegate (not guests, not revoked badges) zone by zone, row by row: delegations in the order of
    the list (the first badge number of each), their head first, then by number; those of no delegation last. A
    delegation is never broken up by another: its members sit one after the other."""
    event = event_or_404(event_id)
    zones = _zones_of(data.get("zones") if isinstance(data, dict) else None)
    people = db.session.execute(
        select(Delegate.id, Delegate.number, Delegate.delegation, Delegate.delegation_head)
        .where(Delegate.event_id == event_id, Delegate.revoked.is_(False), Delegate.is_guest.is_(False))).all()
    capacity = sum(z["rows"] * z["seats_per_row"] for z in zones)
    if len(people) > capacity:
        raise ApiError(400, "not_enough_seats", f"Sơ đồ có {capacity} ghế, không đủ cho {len(people)} đại biểu.")
    first = {}
    for p in people:
        key = fold(p.delegation)
        first[key] = min(first.get(key, 10 ** 9), p.number or 10 ** 9)
    order = sorted(people, key=lambda p: (not p.delegation, first[fold(p.delegation)], fold(p.delegation),
                                          not p.delegation_head, p.number or 10 ** 9, p.id))
    seats = ((z["zone"], str(r), str(s)) for z in zones for r in range(1, z["rows"] + 1)
             for s in range(1, z["seats_per_row"] + 1))
    _clear_seats(event_id)
    _seat_all(event_id, [(p.id, *next(seats)) for p in order])
    event.hall_plan = json.dumps(zones, ensure_ascii=False)
    audit.record(event_id, "seating", f"Xếp chỗ tự động: {len(order)} đại biểu vào {capacity} ghế")
    db.session.commit()
    return {"seated": len(order)}


# the seats file: a column naming the delegate, and where they sit
SEAT_COLUMNS = {
    "code": ("madaibieu", "ma"),
    "full_name": ("hovaten", "hoten", "hotendaibieu", "tendaibieu"),
    "unit": ("donvi", "coquandonvi", "donvicongtac", "coquan", "noicongtac"),
    "zone": ("khu", "khuvuc"),
    "row": ("hang", "hangghe", "sohang"),
    "seat": ("ghe", "soghe", "soghengoi"),
}


def _parse_seats(event_id: int, filename: str, data: bytes):
    listing = ListFile(filename, data, "delegates", SEAT_COLUMNS, required={"row": "Hàng", "seat": "Ghế"})
    if listing.rows and not ({"code", "full_name"} & set(listing.rows[0].cells)):
        raise ApiError(400, "no_name_column", "Không thấy cột “Mã đại biểu” hoặc “Họ và tên” để biết ghế của ai.")
    people = db.session.execute(select(Delegate.id, Delegate.code, Delegate.full_name, Delegate.unit)
                                .where(Delegate.event_id == event_id, Delegate.revoked.is_(False))).all()
    by_code = {p.code: p.id for p in people}
    by_name: dict[str, list] = {}
    for p in people:
        by_name.setdefault(_name_key(p.full_name), []).append(p)
    rows, seen_seats, seen_people = [], {}, {}
    for row in listing.rows:
        record = row.texts({"code": 64, "full_name": 200, "unit": 300, "zone": MAX_LABEL, "row": MAX_LABEL,
                            "seat": MAX_LABEL})
        if None in (record.get("row"), record.get("seat")) or ("zone" in row.cells and record["zone"] is None):
            continue  # too long: already noted
        if not any(record.get(f) for f in ("code", "full_name", "zone", "row", "seat")):
            continue  # an empty line
        delegate_id = _who(row, record, by_code, by_name)
        for field, what in (("row", "hàng"), ("seat", "số ghế")):
            if not record[field]:
                row.problem(field, f"thiếu {what}")
        if delegate_id is None or not record["row"] or not record["seat"]:
            continue
        place = (fold(record.get("zone")), fold(record["row"]), fold(record["seat"]))
        if place in seen_seats:
            row.problem("seat", f"ghế này đã xếp cho người ở dòng {seen_seats[place]}")
        seen_seats.setdefault(place, row.row_number)
        if delegate_id in seen_people:
            row.problem("code" if record.get("code") else "full_name",
                        f"đại biểu này đã được xếp ghế ở dòng {seen_people[delegate_id]}")
        seen_people.setdefault(delegate_id, row.row_number)
        rows.append((delegate_id, record.get("zone") or "", record["row"], record["seat"]))
    return rows, listing.problems, listing.notes()


def _name_key(name: str) -> str:
    """Case and spacing ignored, never the accents: Nguyễn Văn Ân is not Nguyễn Văn An."""
    return " ".join(nfc(name).casefold().split())


def _who(row, record: dict, by_code: dict, by_name: dict) -> int | None:
    """The delegate a row names: by badge code, else by name (and unit when several share the name)."""
    if record.get("code"):
        if record["code"] not in by_code:
            row.problem("code", f"không có đại biểu mã “{record['code']}” trong danh sách")
            return None
        return by_code[record["code"]]
    name = record.get("full_name") or ""
    if not name:
        row.problem("code" if "code" in row.cells else "full_name", "thiếu mã đại biểu hoặc họ và tên")
        return None
    found = by_name.get(_name_key(name), [])
    if len(found) > 1 and record.get("unit"):
        found = [p for p in found if fold(p.unit) == fold(record["unit"])]
    if not found:
        unit = f" ({record['unit']})" if record.get("unit") else ""
        row.problem("full_name", f"không có đại biểu “{name}”{unit} trong danh sách")
        return None
    if len(found) > 1:
        row.problem("full_name", f"có {len(found)} đại biểu tên “{name}”: thêm cột “Đơn vị” hoặc “Mã đại biểu”")
        return None
    return found[0].id


def import_seats(event_id: int, filename: str, data: bytes) -> dict:
    """All or nothing, like every list: the file's seats replace the plan; the hall is then the seats it names."""
    event = event_or_404(event_id)
    rows, notes = rows_to_save(partial(_parse_seats, event_id), filename, data, "chỗ ngồi")
    _clear_seats(event_id)
    _seat_all(event_id, rows)
    event.hall_plan = None
    audit.record(event_id, "seating", f"Nhập chỗ ngồi «{filename}»: {len(rows)} đại biểu")
    db.session.commit()
    return {"seated": len(rows), "notes": notes}


def layout(event) -> list[dict]:
    """The hall: [{"zone", "rows": [{"row", "seats": [label, ...]}]}], as described, with any seat taken outside the
    description added; with no description, the seats taken. Nobody's name: a stand draws its zone from it."""
    taken = db.session.execute(select(Delegate.seat_zone, Delegate.seat_row, Delegate.seat_no).distinct()
                               .where(Delegate.event_id == event.id, Delegate.seat_row.is_not(None))).all()
    zones: dict[str, dict[str, set]] = {}
    order = []
    for zone in json.loads(event.hall_plan) if event.hall_plan else []:
        order.append(zone["zone"])
        zones[zone["zone"]] = {str(r): {str(s) for s in range(1, zone["seats_per_row"] + 1)}
                               for r in range(1, zone["rows"] + 1)}
    extra = sorted({t.seat_zone or "" for t in taken} - set(order), key=natural_key)
    for zone in extra:
        zones[zone] = {}
    for t in taken:
        zones[t.seat_zone or ""].setdefault(t.seat_row, set()).add(t.seat_no or "")
    return [{"zone": zone, "rows": [{"row": row, "seats": sorted(zones[zone][row], key=natural_key)}
                                    for row in sorted(zones[zone], key=natural_key)]}
            for zone in order + extra]


def seating(event_id: int) -> dict:
    """The plan with who sits where and whether they are here: {"zones": [{"zone", "rows": [{"row", "seats":
    [{"seat", "delegate_id", "present", "name", "delegation"}]}]}]} (delegate_id null: an empty seat)."""
    event = event_or_404(event_id)
    sitting = {(r.seat_zone or "", r.seat_row, r.seat_no or ""): r for r in db.session.execute(
        select(Delegate.id, Delegate.full_name, Delegate.delegation, Delegate.checked_in_at, Delegate.seat_zone,
               Delegate.seat_row, Delegate.seat_no)
        .where(Delegate.event_id == event_id, Delegate.seat_row.is_not(None), Delegate.revoked.is_(False)))}
    zones = []
    for zone in layout(event):
        rows = []
        for row in zone["rows"]:
            seats = []
            for label in row["seats"]:
                who = sitting.get((zone["zone"], row["row"], label))
                seats.append({"seat": label, "delegate_id": who.id if who else None,
                              "present": bool(who and who.checked_in_at), "name": who.full_name if who else None,
                              "delegation": who.delegation if who else None})
            rows.append({"row": row["row"], "seats": seats})
        zones.append({"zone": zone["zone"], "rows": rows})
    return {"zones": zones}


def present_seats(event_id: int) -> list[list[str]]:
    """[[zone, row, seat], ...] of the seated delegates who are here: what the live plan reads after each burst of
    arrivals (one narrow query; the whole plan with names is read again only when the list changes)."""
    rows = db.session.execute(select(Delegate.seat_zone, Delegate.seat_row, Delegate.seat_no)
                              .where(Delegate.event_id == event_id, Delegate.seat_row.is_not(None),
                                     Delegate.revoked.is_(False), Delegate.checked_in_at.is_not(None))).all()
    return [[zone or "", row, seat or ""] for zone, row, seat in rows]
