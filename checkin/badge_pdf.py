"""Badge sheets as a vector PDF: A4, four badges a page with cut marks, the text set in the embedded DejaVu Sans
(every Vietnamese letter) and the QR drawn as squares, so a page prints sharp on any printer and a thousand badges
make a small file. The layout is the PNG badge's (checkin.badges), in millimetres."""
from functools import lru_cache

import qrcode
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from checkin.badges import GOLD, GREY, INK, RED, YELLOW, footer_of, role_of
from kiosk.pdf import sans

BADGE_W, BADGE_H = 95 * mm, 135 * mm
PAD, BAND = 5 * mm, 30 * mm
QR_SIZE = 42 * mm


def _colour(rgb: tuple[int, int, int]) -> Color:
    return Color(*(channel / 255 for channel in rgb))


def _wrap(text: str, face: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(candidate, face, size) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def _fit(text: str, face: str, sizes: tuple[float, ...], width: float, max_lines: int) -> tuple[float, list[str]]:
    """The largest size at which `text` fits in `max_lines` lines; at the smallest, the last line ends in …"""
    for size in sizes:
        lines = _wrap(text, face, size, width)
        if len(lines) <= max_lines:
            return size, lines
    size = sizes[-1]
    lines = _wrap(text, face, size, width)[:max_lines]
    while lines[-1] and pdfmetrics.stringWidth(lines[-1] + "…", face, size) > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] += "…"
    return size, lines


def _centred(canvas: Canvas, x: float, top: float, lines: list[str], face: str, size: float, rgb) -> float:
    """Draws `lines` centred on x from `top` down; returns the y below them."""
    canvas.setFont(face, size)
    canvas.setFillColor(_colour(rgb))
    y = top
    for line in lines:
        y -= size
        canvas.drawCentredString(x, y, line)
        y -= size * 0.15
    return y


@lru_cache(maxsize=4096)
def _modules(code: str) -> tuple[tuple[bool, ...], ...]:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(code)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def _qr(canvas: Canvas, code: str, x: float, y: float, size: float) -> None:
    """The QR as black squares, each run of dark modules in a row one rectangle."""
    matrix = _modules(code)
    step = size / len(matrix)
    canvas.setFillColor(_colour((255, 255, 255)))
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                path.rect(x + start * step, y + size - (r + 1) * step, (c - start) * step, step)
            else:
                c += 1
    canvas.setFillColor(_colour((0, 0, 0)))
    canvas.drawPath(path, stroke=0, fill=1)


def draw_badge(canvas: Canvas, delegate, event_name: str, x: float, y: float) -> None:
    """One badge with its lower left corner at (x, y)."""
    top, centre, inner = y + BADGE_H, x + BADGE_W / 2, BADGE_W - 2 * PAD
    band, ink = (GOLD, RED) if delegate.is_guest else (RED, YELLOW)
    canvas.setFillColor(_colour(band))
    canvas.rect(x, top - BAND, BADGE_W, BAND, stroke=0, fill=1)
    size, lines = _fit(event_name.upper(), "DejaVu-Bold", (14, 13, 12, 11, 10, 9), inner, 3)
    block = len(lines) * size * 1.15
    _centred(canvas, centre, top - (BAND - block) / 2, lines, "DejaVu-Bold", size, ink)

    below = _centred(canvas, centre, top - BAND - 4 * mm, [role_of(delegate)], "DejaVu-Bold", 14, RED)
    size, lines = _fit(delegate.full_name, "DejaVu-Bold", (20, 18, 16, 14), inner, 2)
    below = _centred(canvas, centre, below - 2 * mm, lines, "DejaVu-Bold", size, INK)
    for text in (delegate.title, delegate.unit):
        if text:
            size, lines = _fit(text, "DejaVu", (11, 10, 9), inner, 2)
            below = _centred(canvas, centre, below - 1 * mm, lines, "DejaVu", size, GREY)

    _qr(canvas, delegate.code, centre - QR_SIZE / 2, y + 14 * mm, QR_SIZE)
    _centred(canvas, centre, y + 11 * mm, [footer_of(delegate)], "DejaVu-Bold", 11, INK)
    canvas.setStrokeColor(_colour((200, 200, 200)))
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, BADGE_W, BADGE_H, stroke=1, fill=0)


def _cut_marks(canvas: Canvas, x: float, y: float) -> None:
    """Short lines outside each corner, where the guillotine goes."""
    mark, gap = 4 * mm, 1 * mm
    canvas.setStrokeColor(_colour((0, 0, 0)))
    canvas.setLineWidth(0.5)
    for cx, sx in ((x, -1), (x + BADGE_W, 1)):
        for cy, sy in ((y, -1), (y + BADGE_H, 1)):
            canvas.line(cx + sx * gap, cy, cx + sx * (gap + mark), cy)
            canvas.line(cx, cy + sy * gap, cx, cy + sy * (gap + mark))


def write_sheets(delegates: list, event_name: str, out, progress=None) -> int:
    """Writes the A4 sheets to a binary file object; returns the number of pages. `progress(done, total)` is told
    after each page (the command line shows it)."""
    sans()
    page_w, page_h = A4
    margin_x, margin_y = (page_w - 2 * BADGE_W) / 3, (page_h - 2 * BADGE_H) / 3
    slots = [(margin_x + col * (BADGE_W + margin_x), page_h - (row + 1) * (BADGE_H + margin_y))
             for row in range(2) for col in range(2)]
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(event_name)
    canvas.setAuthor("Kiosk Đại hội")
    pages = max(1, -(-len(delegates) // 4))
    for page in range(pages):
        for delegate, (x, y) in zip(delegates[page * 4:page * 4 + 4], slots, strict=False):
            draw_badge(canvas, delegate, event_name, x, y)
            _cut_marks(canvas, x, y)
        canvas.showPage()
        if progress:
            progress(min((page + 1) * 4, len(delegates)), len(delegates))
    canvas.save()
    return pages
