"""What the record of the day keeps of the delegates' voice: in the minutes and the archive, the opinions counted by
programme item with the forwarded ones in full (those the presidium saw), and the requests to speak counted. The
opinions the secretariat did not forward are counted, not copied: the papers travel further than the hall."""
from sqlalchemy import func, select

from kiosk.extensions import db
from kiosk.workbooks import titled_sheet
from models import Delegate, FloorRequest, Opinion, ProgrammeItem
from models.vntime import to_vn

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
GENERAL = "Ý kiến chung"


def _at(value) -> str:
    return to_vn(value).strftime("%H:%M %d/%m/%Y") if value else ""


def by_item(event_id: int) -> list[tuple[str, int, int]]:
    """(the item as numbered in the programme, or "Ý kiến chung"; opinions; of them forwarded), in programme order."""
    rows = db.session.execute(
        select(ProgrammeItem.position, ProgrammeItem.title, func.count(Opinion.id),
               func.count(Opinion.id).filter(Opinion.status == "forwarded"))
        .select_from(Opinion).outerjoin(ProgrammeItem, ProgrammeItem.id == Opinion.item_id)
        .where(Opinion.event_id == event_id).group_by(ProgrammeItem.position, ProgrammeItem.title)).all()
    rows = sorted(rows, key=lambda r: (r.position is None, r.position or 0))
    return [(f"{r.position}. {r.title}" if r.position is not None else GENERAL, r[2], r[3]) for r in rows]


def forwarded(event_id: int) -> list:
    return db.session.execute(
        select(Opinion, Delegate.full_name, Delegate.unit, ProgrammeItem.position, ProgrammeItem.title)
        .join(Delegate, Delegate.id == Opinion.delegate_id)
        .outerjoin(ProgrammeItem, ProgrammeItem.id == Opinion.item_id)
        .where(Opinion.event_id == event_id, Opinion.status == "forwarded").order_by(Opinion.at, Opinion.id)).all()


def floor_counts(event_id: int) -> dict:
    counted = dict(db.session.execute(select(FloorRequest.status, func.count()).where(FloorRequest.event_id == event_id)
                                      .group_by(FloorRequest.status)).all())
    return {"all": sum(counted.values()), **{s: counted.get(s, 0) for s in ("requested", "accepted", "declined")}}


def _item(position, title) -> str:
    return f"{position}. {title}" if position is not None else GENERAL


def minutes_blocks(event_id: int, headings_before: int) -> list[tuple]:
    """The minutes' section on opinions and the floor; nothing when no delegate sent any."""
    counts, floor = by_item(event_id), floor_counts(event_id)
    if not counts and not floor["all"]:
        return []
    total, sent = sum(c for _, c, _ in counts), sum(f for _, _, f in counts)
    blocks = [("heading", f"{ROMAN[min(headings_before, len(ROMAN) - 1)]}. Ý KIẾN CỦA ĐẠI BIỂU"),
              ("para", f"Đại biểu gửi Đoàn Chủ tịch {total} ý kiến; Thư ký đã chuyển Đoàn Chủ tịch {sent} ý kiến.", "-")]
    if counts:
        blocks.append(("table", ["STT", "Nội dung chương trình", "Số ý kiến", "Đã chuyển"],
                       [[i, label, c, f] for i, (label, c, f) in enumerate(counts, start=1)], (13, 97, 25, 25)))
    shown = forwarded(event_id)
    if shown:
        blocks.append(("para", "Các ý kiến đã chuyển Đoàn Chủ tịch:", "-"))
        blocks.append(("table", ["STT", "Giờ gửi", "Đại biểu", "Nội dung ý kiến"],
                       [[i, to_vn(o.at).strftime("%H:%M"), " – ".join(filter(None, [name, unit])),
                         f"[{_item(position, title)}] {o.text}"]
                        for i, (o, name, unit, position, title) in enumerate(shown, start=1)], (13, 20, 42, 85)))
    if floor["all"]:
        blocks.append(("para", f"Đại biểu đăng ký phát biểu: {floor['all']} lượt; được xếp lượt phát biểu: "
                               f"{floor['accepted']}; không được xếp lượt: {floor['declined']}; chưa xử lý: "
                               f"{floor['requested']}.", "-"))
    return blocks


def archive_sheets(book, event_id: int) -> None:
    """The archive's sheets: opinions by item, the forwarded ones in full, the requests to speak. Every cell through
    titled_sheet, so a delegate's text that begins like a formula stays text."""
    titled_sheet(book, "Ý kiến theo mục", ["Nội dung chương trình", "Số ý kiến", "Đã chuyển Đoàn Chủ tịch"],
                 [list(row) for row in by_item(event_id)], (60, 12, 22))
    titled_sheet(book, "Ý kiến đã chuyển", ["STT", "Thời điểm gửi", "Họ và tên", "Đơn vị", "Nội dung chương trình",
                                            "Nội dung ý kiến", "Chuyển lúc", "Người chuyển"],
                 [[i, _at(o.at), name, unit, _item(position, title), o.text, _at(o.forwarded_at), o.forwarded_by]
                  for i, (o, name, unit, position, title) in enumerate(forwarded(event_id), start=1)],
                 (6, 18, 26, 28, 36, 80, 18, 14))
    requests = db.session.execute(
        select(FloorRequest, Delegate.full_name, Delegate.unit, ProgrammeItem.position, ProgrammeItem.title)
        .join(Delegate, Delegate.id == FloorRequest.delegate_id)
        .outerjoin(ProgrammeItem, ProgrammeItem.id == FloorRequest.item_id)
        .where(FloorRequest.event_id == event_id).order_by(FloorRequest.at, FloorRequest.id)).all()
    words = {"requested": "Chưa xử lý", "accepted": "Được xếp lượt", "declined": "Không được xếp lượt"}
    titled_sheet(book, "Đăng ký phát biểu", ["STT", "Thời điểm", "Họ và tên", "Đơn vị", "Nội dung chương trình",
                                             "Vấn đề phát biểu", "Kết quả"],
                 [[i, _at(r.at), name, unit, _item(position, title), r.topic, words.get(r.status, r.status)]
                  for i, (r, name, unit, position, title) in enumerate(requests, start=1)],
                 (6, 18, 26, 28, 36, 60, 20))
