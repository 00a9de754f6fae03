"""The archive of an event: one workbook with every list and result, for the office's files after the day."""
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select

from checkin.credentials import figures
from checkin.exports import credentials_sheet
from honours.handover import STATUSES
from kiosk.audit import action_words
from kiosk.extensions import db
from kiosk.workbooks import append_row, titled_sheet
from models import Delegate, Event, Honour, HonourGroup, ProgrammeItem, Speech, Vote
from models.vntime import hhmm, to_vn
from models.vote import METHOD_SHORT, RULE_WORDS, STATUS_WORDS, VERDICT_WORDS
from record.papers import item_times
from record.trail import lines
from votes.answers import vote_api


def _at(value) -> str:
    return to_vn(value).strftime("%d/%m/%Y %H:%M:%S") if value else ""


def _event_sheet(book, event: Event) -> None:
    """The event as typed: name, form, period, date, venue, organiser (never a formula)."""
    info = book.active
    info.title = "Sự kiện"
    for label, value in (("Tên", event.name), ("Hình thức", event.form_title), ("Giai đoạn", event.period),
                         ("Ngày", event.date.strftime("%d/%m/%Y")), ("Giờ bắt đầu", event.start_time.strftime("%H:%M")),
                         ("Địa điểm", event.venue), ("Đơn vị tổ chức", event.organiser)):
        append_row(info, [label, value])  # the event's name, venue... as typed: never a formula
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 18, 70
    for cell in info["A"]:
        cell.font = Font(bold=True)


def _delegates_sheet(book, event_id: int) -> None:
    """Every delegate with their arrival, or the reason they did not come."""
    delegates = db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)
                                   .order_by(Delegate.number, Delegate.id)).all()
    titled_sheet(book, "Đại biểu", ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giới tính", "Năm sinh", "Dân tộc", "Tôn giáo",
                              "Thành phần", "Ngành, lĩnh vực", "Đối tượng", "Thẻ", "Giờ đến", "Cửa", "Người quét",
                              "Lý do vắng"],
           [[d.number, d.full_name, d.title, d.unit, {"nu": "Nữ", "nam": "Nam"}.get(d.gender or "", ""), d.birth_year,
             d.ethnicity, d.religion, d.occupation_group, d.sector, "Khách mời" if d.is_guest else "Đại biểu",
             "Thu hồi" if d.revoked else "", _at(d.checked_in_at), d.checked_in_door, d.checked_in_by,
             d.absence_reason] for d in delegates],
           (6, 26, 24, 30, 9, 9, 9, 9, 14, 20, 11, 8, 19, 12, 12, 24))


def _delegations_sheet(book, event_id: int) -> None:
    """Attendance counted by delegation (issue 24), when the list names delegations."""
    from seating.delegations import delegations  # attendance counted by delegation (issue 24)
    by_delegation = delegations(event_id)
    if by_delegation:
        titled_sheet(book, "Đoàn đại biểu", ["Đoàn", "Trưởng đoàn", "Triệu tập", "Có mặt", "Vắng"],
               [[d["name"], d["head"], d["summoned"], d["present"], d["summoned"] - d["present"]] for d in by_delegation],
               (36, 28, 11, 10, 8))


def _programme_sheet(book, event_id: int) -> None:
    """The programme, planned and as it ran."""
    times = item_times(event_id)
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)
                               .order_by(ProgrammeItem.position)).all()
    titled_sheet(book, "Chương trình", ["STT", "Nội dung", "Dự kiến", "Số phút", "Bắt đầu", "Kết thúc"],
           [[i.position, i.title, hhmm(i.planned_start), i.planned_minutes, hhmm(times.get(i.id, (None, None))[0]),
             hhmm(times.get(i.id, (None, None))[1])] for i in items], (6, 60, 10, 9, 10, 10))


def _honours_sheet(book, event_id: int) -> None:
    """Every honour of every group, and how it was handed over."""
    honours = db.session.execute(select(HonourGroup, Honour).join(Honour).where(HonourGroup.event_id == event_id)
                                 .order_by(HonourGroup.position, Honour.position)).all()
    titled_sheet(book, "Khen thưởng", ["Đợt", "Hình thức", "Quyết định", "STT", "Họ tên / tập thể", "Chức vụ", "Đơn vị",
                                 "Trao", "Người nhận thay"],
           [[g.position, g.award, g.decision, h.position, h.name, h.title, h.unit, STATUSES.get(h.handover, h.handover),
             h.received_by] for g, h in honours], (6, 30, 36, 6, 28, 22, 28, 16, 22))


def _speeches_sheet(book, event_id: int) -> None:
    """The speakers, with the time each spoke."""
    speeches = db.session.scalars(select(Speech).where(Speech.event_id == event_id).order_by(Speech.position)).all()
    titled_sheet(book, "Tham luận", ["STT", "Người trình bày", "Chức vụ", "Đơn vị", "Chủ đề", "Số phút dự kiến",
                               "Thời gian đã nói (giây)"],
           [[s.position, s.name, s.title, s.unit, s.topic, s.minutes, getattr(s, "spoken_s", None)] for s in speeches],
           (6, 26, 22, 28, 40, 10, 12))


def _votes_sheet(book, event_id: int) -> None:
    """Every vote: its method, rule, counts and verdict."""
    votes = [vote_api(v) for v in db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id))]
    rows = []
    for v in votes:
        counts = v.get("counts") or {"for": v.get("votes_for"), "against": v.get("votes_against"),
                                     "abstain": v.get("votes_abstain")}
        method = METHOD_SHORT.get(v["method"], v["method"]) + (", kín" if v.get("secret") else "")
        rows.append([v["title"], method, RULE_WORDS.get(v["rule"], v["rule"]), STATUS_WORDS.get(v["status"], v["status"]),
                     v.get("entitled"), counts.get("for"), counts.get("against"), counts.get("abstain"),
                     VERDICT_WORDS.get(v.get("verdict") or "", ""),
                     "; ".join(n["name"] for n in v.get("nominees") or [])])
    titled_sheet(book, "Biểu quyết", ["Nội dung", "Hình thức", "Điều kiện", "Trạng thái", "Có quyền biểu quyết", "Tán thành",
                                "Không tán thành", "Không biểu quyết", "Kết quả", "Danh sách"],
           rows, (40, 18, 40, 16, 12, 10, 10, 10, 16, 50))


def _audit_sheet(book, event_id: int) -> None:
    """The audit trail of the day."""
    titled_sheet(book, "Nhật ký", ["Thời điểm", "Người thực hiện", "Thao tác", "Chi tiết"],
           [[_at(line.at), line.username or "hệ thống", action_words(line.action), line.detail]
            for line in lines(event_id)], (20, 16, 20, 90))


def workbook(event_id: int) -> bytes:
    event = db.session.get(Event, event_id)
    book = Workbook()
    _event_sheet(book, event)
    _delegates_sheet(book, event_id)
    credentials_sheet(book, figures(event_id))
    _delegations_sheet(book, event_id)
    _programme_sheet(book, event_id)
    _honours_sheet(book, event_id)
    _speeches_sheet(book, event_id)
    _votes_sheet(book, event_id)
    from voice.summary import archive_sheets  # opinions by item, the forwarded ones in full, the floor (issue 23)
    archive_sheets(book, event_id)
    _audit_sheet(book, event_id)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
