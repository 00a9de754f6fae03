"""The papers of the day as content: the credentials report and the minutes (biên bản), drawn from what the
database holds at the moment they are asked for. record.paper writes them as PDF or Word."""
from sqlalchemy import func, select

from checkin.credentials import GROUPS, figures, pct, pct_text
from checkin.service import attendance
from kiosk.extensions import db
from models import Event, Honour, HonourGroup, ItemTime, ProgrammeItem, Speech, Vote
from models.types import utcnow
from models.vntime import hhmm, to_vn
from record.paper import Paper, dateline
from votes.answers import vote_api

METHODS = {"hands": "giơ thẻ biểu quyết", "show_of_hands": "giơ thẻ biểu quyết", "ballot": "bỏ phiếu kín",
           "electronic": "biểu quyết điện tử"}
RULES = {"half_present": "quá một nửa số đại biểu có mặt khi biểu quyết",
         "half_all": "quá một nửa tổng số đại biểu được triệu tập",
         "two_thirds_present": "từ hai phần ba số đại biểu có mặt trở lên"}
VERDICTS = {"passed": "Thông qua", "failed": "Không thông qua"}


def _body(event: Event) -> str:
    return "ĐẠI HỘI" if event.is_congress else "HỘI NGHỊ"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def credentials_paper(event_id: int) -> Paper:
    event = db.session.get(Event, event_id)
    f = figures(event_id)
    who = "Đại hội" if event.is_congress else "Hội nghị"
    blocks = [
        ("para", f"Căn cứ danh sách đại biểu được triệu tập và kết quả điểm danh tại {who} lúc "
                 f"{hhmm(utcnow())} ngày {to_vn(utcnow()).strftime('%d/%m/%Y')}, Ban Thẩm tra tư cách đại biểu "
                 f"báo cáo {who} như sau:"),
        ("heading", "I. SỐ LƯỢNG ĐẠI BIỂU"),
        ("para", f"Tổng số đại biểu được triệu tập: {_n(f['summoned'])} đại biểu.", "1."),
        ("para", f"Số đại biểu có mặt: {_n(f['present'])} đại biểu, chiếm {pct_text(f['present_pct'])} "
                 "tổng số đại biểu được triệu tập.", "2."),
        ("para", f"Số đại biểu vắng mặt: {_n(f['absent'])} đại biểu, chiếm {pct_text(f['absent_pct'])}; "
                 f"trong đó có lý do: {_n(f['absent_with_reason'])} đại biểu, "
                 f"không rõ lý do: {_n(f['absent'] - f['absent_with_reason'])} đại biểu.", "3."),
    ]
    if f["absent_list"]:
        blocks.append(("table", ["STT", "Họ và tên", "Đơn vị", "Lý do vắng mặt"],
                       [[i, a["full_name"], a["unit"] or "", a["reason"] or "Chưa rõ lý do"]
                        for i, a in enumerate(f["absent_list"], start=1)], (13, 50, 55, 42)))
    if f["guests_present"]:
        blocks.append(("para", f"Ngoài ra có {_n(f['guests_present'])} đại biểu khách mời dự {who} "
                               "(không tính vào số đại biểu chính thức)."))
    if f["by_delegation"]:
        blocks += [("para", "", "4. Theo đoàn đại biểu:"),
                   ("table", ["STT", "Đoàn đại biểu", "Triệu tập", "Có mặt", "Tỷ lệ"],
                    [[i, d["delegation"], _n(d["summoned"]), _n(d["present"]), pct_text(d["present_pct"])]
                     for i, d in enumerate(f["by_delegation"], start=1)], (13, 78, 24, 22, 23))]
    blocks += [("heading", "II. CƠ CẤU, THÀNH PHẦN ĐẠI BIỂU CÓ MẶT"),
               ("table", ["STT", "Cơ cấu", "Số đại biểu", "Tỷ lệ"],
                [[i, c["label"], _n(c["count"]), pct_text(c["pct"])] for i, c in enumerate(f["composition"], start=1)],
                (13, 97, 25, 25))]
    for number, (name, label) in enumerate(GROUPS.items(), start=1):
        rows = f["groups"][name]
        if rows:
            blocks += [("para", "", f"{number}. Theo {label.lower()}:"),
                       ("table", ["STT", label, "Số đại biểu", "Tỷ lệ"],
                        [[i, r["value"], _n(r["count"]), pct_text(r["pct"])] for i, r in enumerate(rows, start=1)],
                        (13, 97, 25, 25))]
    blocks.append(("heading", "III. KẾT LUẬN"))
    if f["valid"]:
        blocks.append(("para", f"Tất cả {_n(f['present'])} đại biểu có mặt đều đủ tư cách đại biểu dự {who}. "
                               f"Số đại biểu có mặt chiếm {pct_text(f['present_pct'])}, quá một nửa tổng số đại biểu "
                               f"được triệu tập; {who} đủ điều kiện để tiến hành theo quy định."))
    else:
        blocks.append(("para", f"Số đại biểu có mặt chiếm {pct_text(f['present_pct'])}, chưa quá một nửa tổng số "
                               f"đại biểu được triệu tập; {who} chưa đủ điều kiện để tiến hành."))
    blocks.append(("para", f"Ban Thẩm tra tư cách đại biểu trân trọng báo cáo {who}."))
    return Paper(issuer_above=event.organiser, issuer="Ban Thẩm tra tư cách đại biểu", place_date=dateline(event),
                 title="Báo cáo", subtitle=f"Thẩm tra tư cách đại biểu dự {event.name}", blocks=blocks,
                 signatures=[(["TM. BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU", "TRƯỞNG BAN"], "")],
                 recipients=[f"- Đoàn Chủ tịch {who};", "- Các đại biểu;", "- Lưu: BTC."])


# ---- the minutes -------------------------------------------------------------------------------

def item_times(event_id: int) -> dict[int, tuple]:
    """For each item that ran: (first start, last end or None while it is still on)."""
    rows = db.session.execute(
        select(ItemTime.item_id, func.min(ItemTime.started_at), func.max(ItemTime.ended_at),
               func.count(ItemTime.id) - func.count(ItemTime.ended_at))
        .where(ItemTime.event_id == event_id).group_by(ItemTime.item_id)).all()
    return {item_id: (start, None if still_on else end) for item_id, start, end, still_on in rows}


def _spoken(speech: Speech) -> str:
    seconds = getattr(speech, "spoken_s", None)
    if seconds is None:
        return f"dự kiến {speech.minutes} phút"
    return f"{seconds // 60} phút {seconds % 60:02d} giây"


def _vote_lines(vote: Vote) -> list:
    api = vote_api(vote)
    counts = api.get("counts") or {"for": api.get("votes_for"), "against": api.get("votes_against"),
                                   "abstain": api.get("votes_abstain")}
    method = METHODS.get(api.get("method"), api.get("method") or "")
    lines = [("para", f"{api['title']} (hình thức: {method}).", "-")]
    entitled = api.get("entitled")
    if entitled is not None:
        lines.append(("para", f"Số đại biểu có quyền biểu quyết: {_n(entitled)}.", ""))
    if counts.get("for") is not None:
        base = entitled or 0
        share = (lambda n: f" ({pct_text(pct(n or 0, base))})") if base else (lambda n: "")
        lines.append(("para", f"Tán thành: {_n(counts['for'] or 0)}{share(counts['for'])}; "
                              f"không tán thành: {_n(counts.get('against') or 0)}{share(counts.get('against'))}; "
                              f"không biểu quyết: {_n(counts.get('abstain') or 0)}{share(counts.get('abstain'))}.", ""))
    else:
        lines.append(("para", "Chưa có kết quả biểu quyết.", ""))
    if api.get("rule") in RULES:
        lines.append(("para", f"Điều kiện thông qua: {RULES[api['rule']]}.", ""))
    if api.get("verdict") in VERDICTS:
        lines.append(("para", f"Kết quả: {VERDICTS[api['verdict']]}.", ""))
    nominees = api.get("nominees") or []
    if nominees:
        lines.append(("para", "Danh sách: " + "; ".join(n["name"] + (f" ({n['unit']})" if n.get("unit") else "")
                                                        for n in nominees) + ".", ""))
    return lines


def _honours_table(event_id: int) -> tuple | None:
    """Each honours group with how many were honoured, received in person, received on their behalf, and not yet."""
    groups = list(db.session.scalars(select(HonourGroup).where(HonourGroup.event_id == event_id)
                                     .order_by(HonourGroup.position)))
    if not groups:
        return None
    handed = {gid: (total, received, behalf) for gid, total, received, behalf in db.session.execute(
        select(Honour.group_id, func.count(), func.count().filter(Honour.handover == "received"),
               func.count().filter(Honour.handover == "received_on_behalf"))
        .join(HonourGroup).where(HonourGroup.event_id == event_id).group_by(Honour.group_id)).all()}
    rows = []
    for g in groups:
        total, received, behalf = handed.get(g.id, (0, 0, 0))
        rows.append([g.position, g.award, g.decision, _n(total), _n(received), _n(behalf), _n(total - received - behalf)])
    return ("table", ["Đợt", "Hình thức", "Quyết định", "Số được khen", "Nhận trực tiếp", "Nhận thay", "Chưa nhận"],
            rows, (12, 36, 38, 18, 19, 18, 19))


def _speeches_table(event_id: int) -> tuple | None:
    speeches = list(db.session.scalars(select(Speech).where(Speech.event_id == event_id).order_by(Speech.position)))
    if not speeches:
        return None
    return ("table", ["STT", "Người trình bày", "Đơn vị", "Chủ đề", "Thời gian"],
            [[s.position, " ".join(filter(None, [s.name, s.title and f"– {s.title}"])), s.unit or "", s.topic,
              _spoken(s)] for s in speeches], (13, 40, 36, 45, 26))


def _attendance_blocks(event: Event, started) -> list:
    counts = attendance(event.id)
    return [
        ("para", f"Vào hồi {hhmm(started) or event.start_time.strftime('%H:%M')} ngày "
                 f"{event.date.strftime('%d/%m/%Y')}, tại {event.venue}, {event.organiser} tổ chức {event.name}.", ""),
        ("heading", "I. THÀNH PHẦN THAM DỰ"),
        ("para", f"Đại biểu được triệu tập: {_n(counts['delegates']['expected'])}; có mặt: "
                 f"{_n(counts['delegates']['present'])} "
                 f"({pct_text(pct(counts['delegates']['present'], counts['delegates']['expected']))}).", "-"),
        ("para", f"Đại biểu nữ có mặt: {_n(counts['women']['present'])}; đại biểu trẻ tuổi có mặt: "
                 f"{_n(counts['young']['present'])}.", "-"),
        ("para", f"Khách mời có mặt: {_n(counts['guests']['present'])}/{_n(counts['guests']['expected'])}.", "-"),
    ]


def _programme_blocks(event_id: int, times: dict, votes: list) -> list:
    """Each item of the programme with when it ran, and what was done in it: the speeches, the honours, the votes."""
    items = list(db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)
                                    .order_by(ProgrammeItem.position)))
    tables = {"speeches": _speeches_table(event_id), "honours": _honours_table(event_id)}
    blocks = [("heading", "II. DIỄN BIẾN")]
    for item in items:
        start, end = times.get(item.id, (None, None))
        when = (f"từ {hhmm(start)} đến {hhmm(end)}" if start and end else f"bắt đầu {hhmm(start)}, đang diễn ra"
                if start else "không diễn ra")
        planned = f"dự kiến {hhmm(item.planned_start)}, {item.planned_minutes} phút" if item.planned_start else ""
        blocks.append(("para", f"{item.title} ({when}; {planned}).", f"{item.position}."))
        if tables.get(item.kind):
            blocks.append(tables[item.kind])
        elif item.kind == "vote":
            for vote in votes:
                blocks += _vote_lines(vote)
    if votes and not any(i.kind == "vote" for i in items):
        blocks.append(("heading", "III. KẾT QUẢ BIỂU QUYẾT"))
        for vote in votes:
            blocks += _vote_lines(vote)
    return blocks


def minutes_paper(event_id: int) -> Paper:
    event = db.session.get(Event, event_id)
    who = "Đại hội" if event.is_congress else "Hội nghị"
    times = item_times(event_id)
    votes = list(db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id)))
    blocks = _attendance_blocks(event, min((t[0] for t in times.values()), default=None))
    blocks += _programme_blocks(event_id, times, votes)
    from voice.summary import minutes_blocks  # the delegates' opinions and requests to speak (issue 23)
    blocks += minutes_blocks(event_id, sum(1 for block in blocks if block[0] == "heading"))
    ended = [t[1] for t in times.values() if t[1]]
    closing = max(ended) if ended and all(t[1] for t in times.values()) else None
    blocks.append(("para", f"{who} kết thúc vào hồi {hhmm(closing)} cùng ngày." if closing
                           else f"Biên bản được lập lúc {hhmm(utcnow())}, khi {who} chưa kết thúc.", ""))
    blocks.append(("para", "Biên bản được lập từ dữ liệu điều hành của hệ thống, đã được thư ký kiểm tra.", ""))
    return Paper(issuer_above=event.organiser, issuer=f"{_body(event)}", place_date=dateline(event), title="Biên bản",
                 subtitle=event.name, blocks=blocks,
                 signatures=[(["THƯ KÝ"], ""), ([f"TM. ĐOÀN CHỦ TỊCH {_body(event)}", "CHỦ TỌA"], "")],
                 recipients=["- Ban Thi đua - Khen thưởng;", "- Lưu: BTC."])
