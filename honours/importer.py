"""Importing commendation lists: the same rules as the delegate list (row and column in every error,
all or nothing, NFC, legacy encodings converted, importing again updates)."""
import re

from sqlalchemy import select

from checkin.importer import ImportProblems
from checkin.legacy import to_unicode
from checkin.sheets import Problem, as_date, as_text, read_table
from honours.ceremony import groups_of, order_after_import, renumber
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.text import fold
from models import Delegate, Honour, HonourGroup
from models.types import nfc

COLUMNS = {
    "award": ("hinhthuckhenthuong", "hinhthuc", "danhhieu", "hinhthuckhenthuongdanhhieu"),
    "person": ("hovaten", "hoten"),
    "collective": ("tentapthe", "tapthe"),
    "either": ("canhantapthe", "tencanhantapthe", "tapthecanhan"),
    "title": ("chucvu", "chucdanh"),
    "unit": ("donvi", "coquandonvi", "donvicongtac"),
    "decision_number": ("soquyetdinh", "soqd"),
    "decision_date": ("ngayquyetdinh", "ngayqd", "ngaybanhanh"),
    "decision_authority": ("coquanquyetdinh", "capkhen", "coquanbanhanh", "nguoiky"),
    "batch": ("dot", "dotkhenthuong", "dottraothuong"),
    "code": ("madaibieu",),
}
# A name in the one "Cá nhân / tập thể" column that starts like this is a collective.
COLLECTIVE_WORDS = re.compile(r"^(phong|truong|cong ty|ubnd|uy ban|htx|hop tac xa|hoi|ban|so|trung tam|benh vien|"
                              r"doan|xa|phuong|thi tran|thon|chi bo|to|khoa|doi|cong an|bo|tap the|dang uy|"
                              r"lien doan|huyen|thanh pho|cuc|chi cuc|vien|nha may|xi nghiep|ngan hang)\b")
LIMITS = {"award": 300, "name": 300, "title": 300, "unit": 300, "decision_number": 100, "decision_authority": 300}


def _text(raw, field: str, notes: set) -> str:
    text, legacy = to_unicode(as_text(raw))
    if legacy:
        notes.add(legacy)
    text = nfc(text) or ""
    if len(text) > LIMITS[field]:
        raise Problem(f"dài quá {LIMITS[field]} ký tự")
    return text


def parse(filename: str, data: bytes):
    rows, problems, legacy = [], [], set()
    table = read_table(filename, data, COLUMNS, required=("award",))
    if table and not any(f in table[0][1] for f in ("person", "collective", "either")):
        raise ApiError(400, "no_name_column",
                       "Không thấy cột tên người được khen thưởng (“Họ và tên”, “Tên tập thể” hoặc “Cá nhân/tập thể”).")
    for row_number, cells in table:
        record = {}

        def problem(field, message, _row=row_number, _cells=cells):
            letter, header, _ = _cells[field]
            problems.append({"row": _row, "column": letter, "header": header, "message": message})

        for field in ("award", "title", "unit", "decision_number", "decision_authority"):
            if field in cells:
                try:
                    record[field] = _text(cells[field][2], field, legacy)
                except Problem as e:
                    problem(field, str(e))
        names = {f: _text(cells[f][2], "name", legacy) for f in ("person", "collective", "either") if f in cells}
        if names.get("person"):
            record["name"], record["collective"] = names["person"], False
        elif names.get("collective"):
            record["name"], record["collective"] = names["collective"], True
        elif names.get("either"):
            record["name"] = names["either"]
            record["collective"] = not record.get("title") and bool(COLLECTIVE_WORDS.match(fold(names["either"])))
        else:
            problem(next(f for f in ("person", "collective", "either") if f in cells), "thiếu tên người hoặc tập thể")
        if not record.get("award"):
            problem("award", "thiếu hình thức khen thưởng")
        if "decision_date" in cells:
            try:
                record["decision_date"] = as_date(cells["decision_date"][2])
            except Problem as e:
                problem("decision_date", str(e))
        if "batch" in cells:
            batch = as_text(cells["batch"][2])
            digits = re.search(r"\d+", batch)
            if batch and not digits:
                problem("batch", f"“{batch}” không phải số đợt")
            record["batch"] = int(digits.group()) if digits else None
        if "code" in cells:
            record["code"] = as_text(cells["code"][2]) or None
        rows.append(record)
    notes = [f"Đã chuyển chữ từ bảng mã {', '.join(sorted(legacy))} sang Unicode."] if legacy else []
    return rows, problems, notes


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
    rows, problems, notes = parse(filename, data)
    if problems:
        raise ImportProblems(problems)
    if not rows:
        raise ApiError(400, "empty_file", "Tệp không có dòng khen thưởng nào dưới dòng tiêu đề.")
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
