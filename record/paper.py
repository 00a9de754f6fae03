"""An administrative paper in the state format (Nghị định 30/2020/NĐ-CP), drawn once as blocks and written as
a PDF (reportlab) or a Word file (python-docx) with the same content.

A4; margins top and bottom 20 mm, left 30 mm, right 20 mm; a serif face with every Vietnamese letter (DejaVu
Serif Condensed, shipped in static/fonts) at 13 pt; the national motto heading with the issuing body on the left, place and
date in italics, the title in capitals, numbered sections, the signature block and the recipients."""
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
# DejaVu Serif Condensed: every Vietnamese letter, and about as wide as Times New Roman, which Word uses
FACES = {"Serif": "DejaVuSerifCondensed.ttf", "Serif-Bold": "DejaVuSerifCondensed-Bold.ttf",
         "Serif-Italic": "DejaVuSerifCondensed-Italic.ttf", "Serif-BoldItalic": "DejaVuSerifCondensed-BoldItalic.ttf"}
BODY_PT = 13
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Paper:
    issuer_above: str  # the body the issuer belongs to, e.g. "UBND HUYỆN VŨ THƯ"
    issuer: str  # e.g. "BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU"
    place_date: str  # "Vũ Thư, ngày 20 tháng 6 năm 2025"
    title: str  # "BÁO CÁO"
    subtitle: str
    # ("heading", text) | ("para", text) | ("para", text, lead in bold) | ("table", headers, rows, widths in mm)
    blocks: list = field(default_factory=list)
    signatures: list = field(default_factory=list)  # [(lines in bold, name)], left to right
    recipients: list = field(default_factory=list)


def place_of(event) -> str:
    """The locality named in the dateline: 'UBND huyện Vũ Thư' → 'Vũ Thư'; else the venue."""
    name = re.sub(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "", event.organiser or "", flags=re.I)
    name = re.sub(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", "", name, flags=re.I)
    return name.strip() or event.venue


def dateline(event) -> str:
    """Nghị định 30: a day below 10 and a month below 3 are written with a leading zero."""
    d = event.date
    day = f"{d.day:02d}" if d.day < 10 else str(d.day)
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"{place_of(event)}, ngày {day} tháng {month} năm {d.year}"


def upper(text: str) -> str:
    return (text or "").upper()


# ---- PDF ---------------------------------------------------------------------------------------

@cache
def _fonts() -> None:
    for name, file in FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    for bold, italic, name in ((0, 0, "Serif"), (1, 0, "Serif-Bold"), (0, 1, "Serif-Italic"), (1, 1, "Serif-BoldItalic")):
        addMapping("Serif", bold, italic, name)


def _styles():
    base = ParagraphStyle("body", fontName="Serif", fontSize=BODY_PT, leading=BODY_PT * 1.35, alignment=TA_JUSTIFY,
                          firstLineIndent=10 * 2.8346, spaceAfter=4)
    return {
        "body": base,
        "centre": ParagraphStyle("centre", base, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0),
        "heading": ParagraphStyle("heading", base, fontName="Serif-Bold", firstLineIndent=0, spaceBefore=8,
                                  keepWithNext=1),
        "lead": ParagraphStyle("lead", base, keepWithNext=1),
        "title": ParagraphStyle("title", base, fontName="Serif-Bold", fontSize=14, leading=19, alignment=TA_CENTER,
                                firstLineIndent=0, spaceAfter=0),
        "cell": ParagraphStyle("cell", base, fontSize=11, leading=13.5, alignment=0, firstLineIndent=0, spaceAfter=0),
        "small": ParagraphStyle("small", base, fontSize=11, leading=13.5, alignment=0, firstLineIndent=0, spaceAfter=0),
    }


def _p(text: str, style, bold=False, italic=False):
    text = escape(text or "")
    if bold:
        text = f"<b>{text}</b>"
    if italic:
        text = f"<i>{text}</i>"
    return Paragraph(text, style)


def to_pdf(paper: Paper) -> bytes:
    _fonts()
    s = _styles()
    width = A4[0] - 50 * mm
    centre12 = ParagraphStyle("c12", s["centre"], fontSize=12.5, leading=17)
    head = Table([[[_p(upper(paper.issuer_above), centre12), _p(upper(paper.issuer), centre12, bold=True),
                    _p("―――――", centre12)],
                   [_p(MOTTO, centre12, bold=True), _p(MOTTO_2, s["centre"], bold=True), _p("――――――――――", centre12)]],
                  [None, _p(paper.place_date, s["centre"], italic=True)]],
                 colWidths=[width * 0.37, width * 0.63])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 1), (-1, 1), 8)]))
    story = [head, Spacer(1, 10 * mm), _p(upper(paper.title), s["title"]), _p(paper.subtitle, s["title"]),
             Spacer(1, 6 * mm)]
    for block in paper.blocks:
        kind = block[0]
        if kind == "heading":
            story.append(_p(block[1], s["heading"], bold=True))
        elif kind == "para":
            text = escape(block[1])
            if len(block) > 2 and block[2]:
                text = f"<b>{escape(block[2])}</b> {text}"
            # a line that only introduces what follows (ends with a colon) stays with it
            story.append(Paragraph(text, s["lead"] if text.rstrip().endswith(":</b>") or text.endswith(":") else s["body"]))
        elif kind == "table":
            _, headers, rows, widths = block
            data = [[_p(h, s["cell"], bold=True) for h in headers]]
            data += [[_p("" if v is None else str(v), s["cell"]) for v in row] for row in rows]
            table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93))]))
            story += [Spacer(1, 2 * mm), table, Spacer(1, 3 * mm)]
    signs = [[_p(line, s["centre"], bold=True) for line in lines] + [Spacer(1, 22 * mm), _p(name, s["centre"], bold=True)]
             for lines, name in paper.signatures]
    recipients = [_p("Nơi nhận:", s["small"], bold=True, italic=True)] + [_p(r, s["small"]) for r in paper.recipients]
    cells = [recipients, *signs] if len(signs) == 1 else signs
    foot = Table([cells], colWidths=[width * 0.37, width * 0.63] if len(cells) == 2 else [width / len(cells)] * len(cells))
    foot.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story += [Spacer(1, 6 * mm), KeepTogether(foot)]
    if len(signs) != 1 and paper.recipients:
        story += [Spacer(1, 4 * mm), *recipients]

    def page_number(canvas, doc):
        canvas.setFont("Serif", 13)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 14 * mm, str(doc.page))

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=20 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=f"{paper.title} {paper.subtitle}", author=paper.issuer,
                            lang="vi")
    doc.build(story, onLaterPages=page_number)
    return out.getvalue()


# ---- Word --------------------------------------------------------------------------------------

def _para(container, text, bold=False, italic=False, align=None, size=None, lead=None):
    """A paragraph of `text` in the document or a table cell, `lead` (a number, a dash) in bold before it."""
    # a new table cell comes with one empty paragraph: the cell's first text goes there
    fresh = getattr(container, "_tc", None) is not None and len(container.paragraphs) == 1 \
        and not container.paragraphs[0].runs
    p = container.paragraphs[0] if fresh else container.add_paragraph()
    if align is not None:
        p.alignment = align
    if lead:
        run = p.add_run(lead + " ")
        run.bold = True
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    return p


def _docx_head(doc, paper: Paper) -> None:
    """The issuer and the national motto side by side, the place and date, then the title."""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    head = doc.add_table(rows=2, cols=2)
    left, right = head.cell(0, 0), head.cell(0, 1)
    _para(left, upper(paper.issuer_above), align=centre, size=12.5)
    _para(left, upper(paper.issuer), bold=True, align=centre, size=12.5)
    _para(right, MOTTO, bold=True, align=centre, size=12.5)
    _para(right, MOTTO_2, bold=True, align=centre)
    _para(head.cell(1, 1), paper.place_date, italic=True, align=centre)
    _para(doc, upper(paper.title), bold=True, align=centre, size=14)
    _para(doc, paper.subtitle, bold=True, align=centre, size=14)


def _docx_table(doc, headers: list, rows: list) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _para(cell, text, bold=True, size=11)
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            _para(cell, "" if value is None else str(value), size=11)


def _docx_foot(doc, paper: Paper) -> None:
    """The recipients beside one signature, or below several signatures side by side."""
    foot = doc.add_table(rows=1, cols=max(2, len(paper.signatures)))
    cells = foot.rows[0].cells
    signers = cells if len(paper.signatures) > 1 else cells[1:]
    recipients_in = cells[0] if len(paper.signatures) == 1 else doc if paper.recipients else None
    for cell, (lines, name) in zip(signers, paper.signatures, strict=False):
        for line in lines:
            _para(cell, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for _ in range(4):
            cell.add_paragraph()
        _para(cell, name, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if recipients_in is not None:
        _para(recipients_in, "Nơi nhận:", bold=True, italic=True, size=11)
        for r in paper.recipients:
            _para(recipients_in, r, size=11)


def to_docx(paper: Paper) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(30), Mm(20), Mm(20), Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(BODY_PT)
    _docx_head(doc, paper)
    for block in paper.blocks:
        if block[0] == "heading":
            _para(doc, block[1], bold=True)
        elif block[0] == "para":
            _para(doc, block[1], lead=block[2] if len(block) > 2 else None, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        elif block[0] == "table":
            _docx_table(doc, block[1], block[2])
    _docx_foot(doc, paper)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
