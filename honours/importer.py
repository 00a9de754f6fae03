"""Importing commendation lists: the same rules as the delegate list (row and column in every error,
all or nothing, NFC, legacy encodings converted, importing again updates)."""
import re

from sqlalchemy import select

from honours.ceremony import groups_of, order_after_import
from kiosk import audit
from kiosk.extensions import db
from kiosk.lists.problems import rows_to_save
from kiosk.lists.rows import NAME_COLUMNS, ListFile, Problem, as_date, as_text
from kiosk.lists.sheets import template_workbook
from kiosk.ordering import renumber
from models import Delegate, Honour, HonourGroup
from models.text import fold

COLUMNS = {
    "award": ("hinhthuckhenthuong", "hinhthuc", "danhhieu", "hinhthuckhenthuongdanhhieu"),
    **NAME_COLUMNS,
    "title": ("chucvu", "chucdanh"),
    "unit": ("donvi", "coquandonvi", "donvicongtac"),
    "decision_number": ("soquyetdinh", "soqd"),
    "decision_date": ("ngayquyetdinh", "ngayqd", "ngaybanhanh"),
    "decision_authority": ("coquanquyetdinh", "capkhen", "coquanbanhanh", "nguoiky"),
    "batch": ("dot", "dotkhenthuong", "dottraothuong"),
    "code": ("madaibieu",),
}
TEMPLATE_HEADERS = ["STT", "Hình thức khen thưởng", "Họ và tên", "Tên tập thể", "Chức vụ", "Đơn vị", "Số quyết định",
                    "Ngày quyết định", "Cơ quan quyết định", "Đợt"]
TEMPLATE_EXAMPLE = [1, "Bằng khen của Chủ tịch UBND tỉnh", "Nguyễn Thị Lan", "", "Chủ tịch Hội Nông dân xã",
                    "UBND xã Vũ Hội", "1234/QĐ-UBND", "15/05/2025", "UBND tỉnh Thái Bình", 1]
LIMITS = {"award": 300, "title": 300, "unit": 300, "decision_number": 100, "decision_authority": 300}


def _batch(value) -> int | None:
    """Đợt as 2, "2" or "Đợt 2"."""
    batch = as_text(value)
    digits = re.search(r"\d+", batch)
    if batch and not digits:
        raise Problem(f"“{batch}” không phải số đợt")
    return int(digits.group()) if digits else None


def parse(filename: str, data: bytes):
    listing = ListFile(filename, data, "honours", COLUMNS, {"award": "Hình thức khen thưởng"},
                       who="người được khen thưởng")
    rows = []
    for row, record in listing.named_records(LIMITS, "thiếu tên người hoặc tập thể"):
        if record.get("award") == "":
            row.problem("award", "thiếu hình thức khen thưởng")
        for field, convert in (("decision_date", as_date), ("batch", _batch), ("code", lambda v: as_text(v) or None)):
            if field in row.cells:
                record[field] = row.value(field, convert)
        rows.append(record)
    return rows, listing.problems, listing.notes()


def _by_name(delegates) -> dict[str, list]:
    by_name: dict[str, list] = {}
    for delegate in delegates:
        by_name.setdefault(delegate.search_name, []).append(delegate)
    return by_name


def _link(event_id: int, record: dict, delegates_by_code: dict, delegates_by_name: dict):
    """The delegate a recipient is, when sure: by badge code, or by the same name and unit."""
    if record.get("collective"):
        return None
    if record.get("code") in delegates_by_code:
        return delegates_by_code[record["code"]]
    same_name = delegates_by_name.get(fold(record["name"]), [])
    exact = [d for d in same_name if fold(d.unit) == fold(record.get("unit"))]
    return exact[0] if len(exact) == 1 else None


def import_honours(event_id: int, filename: str, data: bytes) -> dict:
    rows, notes = rows_to_save(parse, filename, data, "khen thưởng")
    delegates = list(db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)))
    by_code, by_name = {d.code: d for d in delegates}, _by_name(delegates)
    kept = groups_of(event_id)
    groups = {(fold(g.award), g.decision_number or ""): g for g in kept}
    batch_of = {}
    created = updated = linked = 0
    for record in rows:
        key = (fold(record["award"]), record.get("decision_number") or "")
        group = groups.get(key)
        if group is None:
            group = HonourGroup(event_id=event_id, award=record["award"], position=len(groups) + 1)
            db.session.add(group)
            groups[key] = group
            created_group = True
        else:
            created_group = False
        for field in ("decision_number", "decision_date", "decision_authority"):
            if record.get(field):
                setattr(group, field, record[field])
        db.session.flush()
        if record.get("batch") is not None:
            batch_of[group.id] = record["batch"]
        honour = next((h for h in group.honours if fold(h.name) == fold(record["name"])
                       and fold(h.unit) == fold(record.get("unit"))), None)
        if honour is None:
            honour = Honour(position=len(group.honours) + 1)
            group.honours.append(honour)
            created += 1
        else:
            updated += 1
        honour.name, honour.collective = record["name"], record["collective"]
        honour.title, honour.unit = record.get("title") or None, record.get("unit") or None
        delegate = _link(event_id, record, by_code, by_name)
        if delegate is not None:
            honour.delegate_id = delegate.id
            linked += 1
        if created_group:
            notes.append(f"Đợt mới: {record['award']}.")
    db.session.flush()
    renumber(order_after_import(kept, [g for g in groups.values() if g not in kept], batch_of))
    audit.record(event_id, "import_honours", f"Nhập danh sách khen thưởng «{filename}»: {created} mới, {updated} cập nhật")
    db.session.commit()
    return {"created": created, "updated": updated, "linked": linked, "doubtful": len(doubtful_links(event_id)),
            "notes": notes}


def doubtful_links(event_id: int) -> list[dict]:
    """People on the honours list not linked to a delegate but whose name is on the delegate list:
    the organiser confirms or leaves each."""
    by_name = _by_name(db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)))
    found = []
    for group in groups_of(event_id):
        for honour in group.honours:
            candidates = by_name.get(fold(honour.name), []) if not honour.collective and honour.delegate_id is None else []
            if candidates:
                found.append({"honour": honour, "candidates": candidates})
    return found


def template_xlsx() -> bytes:
    return template_workbook("Danh sách khen thưởng", TEMPLATE_HEADERS, TEMPLATE_EXAMPLE,
                             (6, 36, 28, 30, 30, 36, 16, 16, 28, 8))
