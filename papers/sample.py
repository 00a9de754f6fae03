"""The demo's paper: the congress's programme as a PDF of its own, so that the demo's delegate pages have a paper to
open (demo.congress). Drawn with reportlab in the embedded DejaVu font, as the product's other papers are."""
import hashlib
import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from kiosk.extensions import db
from kiosk.pdf import sans
from models import Document
from models.vntime import hhmm
from papers.mark import count_pages


def programme_pdf(event) -> bytes:
    regular, bold = sans()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    width, height = A4
    canvas.setTitle(f"Chương trình {event.name}")
    canvas.setFont(bold, 13)
    canvas.drawCentredString(width / 2, height - 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    canvas.setFont(regular, 12)
    canvas.drawCentredString(width / 2, height - 78, "Độc lập - Tự do - Hạnh phúc")
    canvas.setFont(bold, 15)
    canvas.drawCentredString(width / 2, height - 130, "CHƯƠNG TRÌNH")
    canvas.setFont(bold, 12)
    canvas.drawCentredString(width / 2, height - 150, event.name.upper()[:90])
    y = height - 200
    for item in event.items:
        canvas.setFont(bold, 12)
        canvas.drawString(70, y, hhmm(item.planned_start) or "")
        canvas.setFont(regular, 12)
        for line in _lines(item.title, regular, 12, width - 120 - 60):
            canvas.drawString(120, y, line)
            y -= 17
        y -= 9
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _lines(text: str, face: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and pdfmetrics.stringWidth(f"{line} {word}", face, size) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def add_programme_paper(event) -> Document:
    data = programme_pdf(event)
    doc = Document(event_id=event.id, title="Chương trình Đại hội", position=1, pages=count_pages(data),
                   size=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data)
    db.session.add(doc)
    return doc
