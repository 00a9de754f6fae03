"""The MC's script on paper: A4, every step in order with its words as they will be read, large enough to read
at the lectern, in a font with every Vietnamese letter."""
import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from kiosk.pdf import sans
from models.vntime import ddmmyyyy

RED = Color(218 / 255, 37 / 255, 29 / 255)


def pdf(event, lines: list[dict]) -> bytes:
    regular, bold = sans()
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=21, alignment=1, spaceAfter=2 * mm)
    sub = ParagraphStyle("sub", fontName=regular, fontSize=11, leading=15, alignment=1, spaceAfter=8 * mm)
    item = ParagraphStyle("item", fontName=bold, fontSize=13, leading=17, textColor=RED, spaceBefore=6 * mm,
                          spaceAfter=2 * mm)
    step = ParagraphStyle("step", fontName=bold, fontSize=12, leading=16, spaceBefore=3 * mm, spaceAfter=1 * mm)
    words = ParagraphStyle("words", fontName=regular, fontSize=13, leading=19, spaceAfter=2 * mm)
    story = [Paragraph("KỊCH BẢN ĐIỀU HÀNH · LỜI DẪN CHƯƠNG TRÌNH", title),
             Paragraph(escape(f"{event.name} · {event.venue} · {ddmmyyyy(event.date)}"), sub)]
    for line in lines:
        heading = Paragraph(escape(line["heading"]), item if line["step"].startswith("item:") else step)
        paragraphs = [Paragraph(escape(part).replace("\n", "<br/>"), words)
                      for part in line["text"].split("\n\n") if part.strip()]
        story.append(KeepTogether([heading, *paragraphs[:1]]))
        story += paragraphs[1:]
    story.append(Spacer(1, 10 * mm))
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=22 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                                 bottomMargin=18 * mm, title=f"Kịch bản điều hành — {event.name}",
                                 author="Kiosk Đại hội")
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()


def _page_number(canvas, document) -> None:
    canvas.setFont(sans()[0], 9)
    canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Trang {document.page}")
