"""The door's heavy files, made in a job worker (kiosk.jobs), never on the server's loop: the badge sheet, one
badge, the attendance workbook."""
import io

from checkin import badge_pdf, badges, credentials, exports, service
from kiosk.jobs import Kind, register
from kiosk.lookup import event_or_404, of_event
from models import Delegate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def badge_sheet(event_id: int, progress) -> bytes:
    event = event_or_404(event_id)
    delegates = service.delegates_of(event_id)
    progress(0, len(delegates), force=True)
    out = io.BytesIO()
    badge_pdf.write_sheets(delegates, event.name, out, progress=progress)
    return out.getvalue()


def badge_png(event_id: int, delegate_id: int, progress) -> bytes:
    event = event_or_404(event_id)
    delegate = of_event(Delegate, delegate_id, event_id, "delegate_not_found", "Không tìm thấy đại biểu.")
    return badges.badge_png(delegate, event.name)


def attendance_workbook(event_id: int, progress) -> bytes:
    event = event_or_404(event_id)
    return exports.attendance_workbook(event, service.delegates_of(event_id), service.attendance(event_id),
                                       service.absent(event_id), credentials.figures(event_id))


def register_kinds() -> None:
    register(Kind("badges.pdf", "checkin.jobs:badge_sheet", "application/pdf", "the-dai-bieu-{event_id}.pdf",
                  "Đang tạo thẻ đại biểu", attachment=False))
    register(Kind("badge.png", "checkin.jobs:badge_png", "image/png", "the-{event_id}.png", "Đang tạo thẻ",
                  attachment=False, offered=False))
    register(Kind("attendance.xlsx", "checkin.jobs:attendance_workbook", XLSX, "diem-danh-{event_id}.xlsx",
                  "Đang tạo bảng điểm danh"))
