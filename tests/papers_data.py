"""PDFs for the papers' tests: small, made here with reportlab (Vietnamese text in the embedded DejaVu font)."""
import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from kiosk.pdf import sans


def report_pdf(pages: int = 3, title: str = "BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA") -> bytes:
    regular, bold = sans()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for page in range(1, pages + 1):
        canvas.setFont(bold, 18)
        canvas.drawString(60, 780, f"{title} — trang {page}")
        canvas.setFont(regular, 12)
        for line in range(20):
            canvas.drawString(60, 740 - line * 18, "Đại hội Thi đua yêu nước tỉnh Thái Bình lần thứ VIII, 2020 - 2025.")
        canvas.showPage()
    canvas.save()
    return out.getvalue()
