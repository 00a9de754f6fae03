"""The MC's script as a PDF, made in a job worker (kiosk.jobs), never on the server's loop."""
from display import script, script_paper
from kiosk.jobs import Kind, register
from kiosk.lookup import event_or_404


def script_pdf(event_id: int, progress) -> bytes:
    return script_paper.pdf(event_or_404(event_id), script.script(event_id))


def register_kinds() -> None:
    register(Kind("script.pdf", "display.jobs:script_pdf", "application/pdf",
                  "kich-ban-dan-chuong-trinh-{event_id}.pdf", "Đang tạo kịch bản", attachment=False))
