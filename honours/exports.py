"""After the day: every honour, and whether and how it was handed over."""
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from honours.handover import STATUSES
from kiosk.workbooks import append_row


def honours_workbook(event, groups) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng"
    append_row(sheet, [event.name])
    sheet["A1"].font = Font(bold=True)
    headers = ["Đợt", "Hình thức khen thưởng", "Số quyết định", "Ngày quyết định", "STT", "Cá nhân / tập thể",
               "Chức vụ", "Đơn vị", "Có mặt", "Trao thưởng", "Người nhận thay"]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for group in groups:
        for honour in group.honours:
            present = "" if honour.collective else ("Có" if honour.delegate and honour.delegate.checked_in_at else "Vắng")
            append_row(sheet, [group.position, group.award, group.decision_number or "",
                          group.decision_date.strftime("%d/%m/%Y") if group.decision_date else "", honour.position,
                          honour.name, honour.title or "", honour.unit or "", present,
                          STATUSES.get(honour.handover, honour.handover), honour.received_by or ""])
    for letter, width in zip("ABCDEFGHIJK", (6, 40, 16, 14, 6, 32, 24, 32, 8, 18, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
