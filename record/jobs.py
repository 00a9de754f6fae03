"""The papers of the day and the archive, made in a job worker (kiosk.jobs), never on the server's loop."""
from kiosk.jobs import Kind, register
from kiosk.lookup import event_or_404
from record import archive, paper, papers

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def credentials_pdf(event_id: int, progress) -> bytes:
    event_or_404(event_id)
    return paper.to_pdf(papers.credentials_paper(event_id))


def credentials_docx(event_id: int, progress) -> bytes:
    event_or_404(event_id)
    return paper.to_docx(papers.credentials_paper(event_id))


def minutes_pdf(event_id: int, progress) -> bytes:
    event_or_404(event_id)
    return paper.to_pdf(papers.minutes_paper(event_id))


def minutes_docx(event_id: int, progress) -> bytes:
    event_or_404(event_id)
    return paper.to_docx(papers.minutes_paper(event_id))


def archive_workbook(event_id: int, progress) -> bytes:
    event_or_404(event_id)
    return archive.workbook(event_id)


def register_kinds() -> None:
    credentials_name = "bao-cao-tham-tra-tu-cach-dai-bieu-{event_id}"
    register(Kind("credentials.pdf", "record.jobs:credentials_pdf", "application/pdf", credentials_name + ".pdf",
                  "Đang tạo báo cáo thẩm tra tư cách đại biểu", attachment=False))
    register(Kind("credentials.docx", "record.jobs:credentials_docx", DOCX, credentials_name + ".docx",
                  "Đang tạo báo cáo thẩm tra tư cách đại biểu"))
    register(Kind("minutes.pdf", "record.jobs:minutes_pdf", "application/pdf", "bien-ban-{event_id}.pdf",
                  "Đang tạo biên bản", attachment=False))
    register(Kind("minutes.docx", "record.jobs:minutes_docx", DOCX, "bien-ban-{event_id}.docx", "Đang tạo biên bản"))
    register(Kind("archive.xlsx", "record.jobs:archive_workbook", XLSX, "luu-tru-{event_id}.xlsx",
                  "Đang tạo tệp lưu trữ"))
