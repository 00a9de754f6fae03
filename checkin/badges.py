"""Delegate badges: the QR of the delegate's code with name, title, unit, number and the event's name.

Drawn with Pillow in the DejaVu Sans font shipped in static/fonts (full Vietnamese coverage on any machine),
one PNG per badge, or A4 sheets of four with cut marks as a PDF written page by page.
"""
import io
from functools import lru_cache
from pathlib import Path

import img2pdf
import qrcode
from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
DPI = 200
MM = DPI / 25.4
BADGE_W, BADGE_H = round(95 * MM), round(135 * MM)  # a lanyard badge, four to an A4 sheet
PAGE_W, PAGE_H = round(210 * MM), round(297 * MM)
RED, YELLOW, INK, GREY = (218, 37, 29), (255, 221, 0), (20, 20, 20), (90, 90, 90)
WHITE, BLACK, EDGE = (255, 255, 255), (0, 0, 0), (200, 200, 200)


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def _wrap(draw, text: str, face, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap; the last line ends in … when the text is longer than the space."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and draw.textlength(lines[-1] + "…", font=face) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _fit_lines(draw, text, width, max_lines, sizes, bold):
    """The largest size at which `text` fits in `max_lines` lines."""
    for size in sizes:
        face = font(size, bold)
        lines = _wrap(draw, text, face, width, max_lines + 1)
        if len(lines) <= max_lines:
            return face, lines
    face = font(sizes[-1], bold)
    return face, _wrap(draw, text, face, width, max_lines)


def _centred(draw, y, lines, face, fill, width, x0=0, gap=1.15):
    for line in lines:
        draw.text((x0 + (width - draw.textlength(line, font=face)) / 2, y), line, font=face, fill=fill)
        y += round(face.size * gap)
    return y


@lru_cache(maxsize=4096)
def _qr(code: str, size: int) -> Image.Image:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(code)
    qr.make(fit=True)
    return qr.make_image(fill_color="black", back_color="white").get_image().convert("L").resize(
        (size, size), Image.NEAREST)


def badge(delegate, event_name: str) -> Image.Image:
    image = Image.new("RGB", (BADGE_W, BADGE_H), "white")
    draw = ImageDraw.Draw(image)
    pad = round(5 * MM)
    inner = BADGE_W - 2 * pad
    band = round(30 * MM)
    draw.rectangle((0, 0, BADGE_W, band), fill=RED)
    face, lines = _fit_lines(draw, event_name.upper(), inner, 3, (34, 30, 27, 24), True)
    top = (band - len(lines) * round(face.size * 1.15)) // 2
    _centred(draw, top, lines, face, YELLOW, inner, pad)

    y = band + round(4 * MM)
    role = "KHÁCH MỜI" if delegate.is_guest else "ĐẠI BIỂU"
    y = _centred(draw, y, [role], font(40, True), RED, BADGE_W)
    face, lines = _fit_lines(draw, delegate.full_name, inner, 2, (56, 50, 44, 38), True)
    y = _centred(draw, y + round(2 * MM), lines, face, INK, inner, pad)
    if delegate.title:
        face, lines = _fit_lines(draw, delegate.title, inner, 2, (30, 27, 24), False)
        y = _centred(draw, y + round(1 * MM), lines, face, GREY, inner, pad)
    if delegate.unit:
        face, lines = _fit_lines(draw, delegate.unit, inner, 2, (30, 27, 24), False)
        _centred(draw, y, lines, face, GREY, inner, pad)

    qr_size = round(42 * MM)
    qr_top = BADGE_H - qr_size - round(14 * MM)
    image.paste(_qr(delegate.code, qr_size), ((BADGE_W - qr_size) // 2, qr_top))
    footer = f"Số {delegate.number:03d}" if delegate.number is not None else ""
    if delegate.seat:
        footer = f"{footer} · {delegate.seat}" if footer else delegate.seat
    _centred(draw, BADGE_H - round(11 * MM), [footer], font(30, True), INK, BADGE_W)
    draw.rectangle((0, 0, BADGE_W - 1, BADGE_H - 1), outline=EDGE)
    return image


def badge_png(delegate, event_name: str) -> bytes:
    out = io.BytesIO()
    badge(delegate, event_name).save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()


def _cut_marks(draw, x, y):
    """Short lines outside each corner, where the guillotine goes."""
    mark, gap = round(4 * MM), round(1 * MM)
    for cx in (x, x + BADGE_W):
        for cy in (y, y + BADGE_H):
            sx = -1 if cx == x else 1
            sy = -1 if cy == y else 1
            draw.line((cx + sx * gap, cy, cx + sx * (gap + mark), cy), fill="black", width=2)
            draw.line((cx, cy + sy * gap, cx, cy + sy * (gap + mark)), fill="black", width=2)


def sheets(delegates, event_name: str):
    """A4 pages of four badges each, with cut marks, one page at a time."""
    margin_x = (PAGE_W - 2 * BADGE_W) // 3
    margin_y = (PAGE_H - 2 * BADGE_H) // 3
    slots = [(margin_x + col * (BADGE_W + margin_x), margin_y + row * (BADGE_H + margin_y))
             for row in range(2) for col in range(2)]
    for start in range(0, len(delegates), 4):
        page = Image.new("RGB", (PAGE_W, PAGE_H), "white")
        draw = ImageDraw.Draw(page)
        for delegate, (x, y) in zip(delegates[start:start + 4], slots, strict=False):
            page.paste(badge(delegate, event_name), (x, y))
            _cut_marks(draw, x, y)
        yield page


def write_pdf(delegates, event_name: str, out) -> int:
    """Writes the PDF to a binary file object; returns the number of pages.

    A badge has a handful of colours, so each page is kept as a PNG of the print palette (about 90 KB, a quarter
    of a JPEG's size, with sharp edges on the QR code and the letters); img2pdf embeds those PNGs as they are,
    without decoding them again, and a thousand badges need little memory."""
    pages = [_page_png(page) for page in sheets(list(delegates), event_name)]
    if not pages:
        pages.append(_page_png(Image.new("RGB", (PAGE_W, PAGE_H), "white")))
    out.write(img2pdf.convert(pages, title=event_name, layout_fun=img2pdf.get_fixed_dpi_layout_fun((DPI, DPI))))
    return len(pages)


def _page_png(page: Image.Image) -> bytes:
    buffer = io.BytesIO()
    page.quantize(palette=_print_palette(), dither=Image.Dither.NONE).save(buffer, "PNG", compress_level=3,
                                                                           dpi=(DPI, DPI))
    return buffer.getvalue()


# Pillow maps colours to a palette through a coarse cache: with finer steps, a page's white came out light grey.
SMOOTHING_STEPS = 8


@lru_cache(maxsize=1)
def _print_palette() -> Image.Image:
    """Every colour a page of badges has: each ink, and the steps of the letters' smoothing between an ink and
    the ground it is drawn on. Mapping to a known palette is several times faster than computing one per page."""
    pairs = [(YELLOW, RED), (RED, WHITE), (INK, WHITE), (GREY, WHITE), (BLACK, WHITE), (EDGE, WHITE)]
    colours = [WHITE]
    for ink, ground in pairs:
        for step in range(SMOOTHING_STEPS + 1):
            colour = tuple(round(g + (i - g) * step / SMOOTHING_STEPS) for i, g in zip(ink, ground, strict=True))
            if colour not in colours:
                colours.append(colour)
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette
