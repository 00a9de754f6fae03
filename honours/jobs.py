"""The honours workbook, made in a job worker (kiosk.jobs), never on the server's loop."""
from honours import ceremony, exports
from kiosk.jobs import Kind, register
from kiosk.lookup import event_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def honours_workbook(event_id: int, progress) -> bytes:
    return exports.honours_workbook(event_or_404(event_id), ceremony.groups_of(event_id))


def register_kinds() -> None:
    register(Kind("honours.xlsx", "honours.jobs:honours_workbook", XLSX, "khen-thuong-{event_id}.xlsx",
                  "Đang tạo danh sách khen thưởng"))
