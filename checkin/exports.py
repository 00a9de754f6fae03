"""Excel exports for after the day: who came, when and through which door, and the composition."""
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from kiosk.workbooks import set_text, titled_sheet
from models.vntime import to_vn

LABELS = {"ethnicity": "Dân tộc", "religion": "Tôn giáo", "occupation_group": "Thành phần", "sector": "Ngành, lĩnh vực"}


def attendance_workbook(event, delegates, counts, absent, credentials=None) -> bytes:
    """Who came (every delegate, when and through which door), who did not (unit by unit, for the
    report on attendance), the counts by composition, and the credentials report's figures when given."""
    book = Workbook()
    book.remove(book.active)
    titled_sheet(book, "Điểm danh", ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Đối tượng", "Có mặt", "Giờ đến", "Cửa"],
           [[d.number, d.full_name, d.title, d.unit, "Khách mời" if d.is_guest else "Đại biểu",
             "Có" if d.checked_in_at else ("Thu hồi thẻ" if d.revoked else "Vắng"),
             to_vn(d.checked_in_at).strftime("%d/%m/%Y %H:%M") if d.checked_in_at else "", d.checked_in_door or ""]
            for d in delegates], (6, 28, 30, 36, 12, 10, 18, 12))
    titled_sheet(book, "Vắng mặt", ["Đơn vị", "STT", "Họ và tên", "Chức vụ", "Đối tượng"],
           [[p["unit"] or "Không rõ đơn vị", p["number"], p["full_name"], p["title"],
             "Khách mời" if p["guest"] else "Đại biểu"] for p in absent], (36, 6, 28, 30, 12))
    summary = [["Tổng số", counts["expected"], counts["present"]],
               ["Đại biểu", counts["delegates"]["expected"], counts["delegates"]["present"]],
               ["Khách mời", counts["guests"]["expected"], counts["guests"]["present"]],
               ["Đại biểu nữ", counts["women"]["expected"], counts["women"]["present"]],
               ["Đại biểu trẻ tuổi", counts["young"]["expected"], counts["young"]["present"]]]
    for name, label in LABELS.items():
        summary += [[f"{label}: {r['value']}", r["expected"], r["present"]] for r in counts["composition"][name]]
    summary += [[f"Đoàn: {r['delegation']}", r["expected"], r["present"]] for r in counts["by_delegation"]]
    summary += [[f"Đơn vị: {r['unit']}", r["expected"], r["present"]] for r in counts["by_unit"]]
    sheet = titled_sheet(book, "Tổng hợp", ["Nhóm", "Dự kiến", "Có mặt"], summary, (48, 10, 10))
    sheet.insert_rows(1)
    set_text(sheet["A1"], event.name)
    sheet["A1"].font = Font(bold=True)
    if credentials is not None:
        credentials_sheet(book, credentials)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def credentials_sheet(book, f: dict):
    """The credentials report's figures (checkin.credentials.figures): delegates only, percentages as numbers."""
    rows = [["Đại biểu được triệu tập", f["summoned"], None],
            ["Đại biểu có mặt", f["present"], f["present_pct"]],
            ["Đại biểu vắng mặt", f["absent"], f["absent_pct"]],
            ["Vắng mặt có lý do", f["absent_with_reason"], None]]
    rows += [[c["label"], c["count"], c["pct"]] for c in f["composition"]]
    for name, label in LABELS.items():
        rows += [[f"{label}: {r['value']}", r["count"], r["pct"]] for r in f["groups"][name]]
    rows += [[f"Đoàn: {d['delegation']}", d["present"], d["present_pct"]] for d in f["by_delegation"]]
    rows.append([])
    rows.append(["Đại biểu vắng mặt", "Đơn vị", "Lý do"])
    rows += [[a["full_name"], a["unit"], a["reason"] or "Chưa rõ lý do"] for a in f["absent_list"]]
    return titled_sheet(book, "Thẩm tra tư cách", ["Nội dung", "Số đại biểu", "Tỷ lệ (%)"], rows, (48, 28, 30))
