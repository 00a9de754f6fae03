"""Delegate badges: the QR of the delegate's code with name, title, unit, number and the event's name.

One PNG per badge (Pillow, for printing one at once at the door), and A4 sheets of four with cut marks as a PDF
drawn in vectors (reportlab): text in the DejaVu Sans font shipped in static/fonts (full Vietnamese coverage,
embedded), the QR as squares, so both print sharp at any printer's resolution. A guest's badge has a gold band
and says KHÁCH MỜI, a delegate's a red band and ĐẠI BIỂU.
"""
import io
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"
DPI = 200
MM = DPI / 25.4
BADGE_W, BADGE_H = round(95 * MM), round(135 * MM)  # a lanyard badge, four to an A4 sheet
PAGE_W, PAGE_H = round(210 * MM), round(297 * MM)
RED, YELLOW, INK, GREY = (218, 37, 29), (255, 221, 0), (20, 20, 20), (90, 90, 90)
GOLD = (255, 205, 0)
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


def role_of(delegate) -> str:
    return "KHÁCH MỜI" if delegate.is_guest else "ĐẠI BIỂU"


def footer_of(delegate) -> str:
    footer = f"Số {delegate.number:03d}" if delegate.number is not None else ""
    if delegate.seat:
        footer = f"{footer} · {delegate.seat}" if footer else delegate.seat
    return footer


def badge(delegate, event_name: str) -> Image.Image:
    image = Image.new("RGB", (BADGE_W, BADGE_H), "white")
    draw = ImageDraw.Draw(image)
    pad = round(5 * MM)
    inner = BADGE_W - 2 * pad
    band = round(30 * MM)
    band_colour, band_ink = (GOLD, RED) if delegate.is_guest else (RED, YELLOW)
    draw.rectangle((0, 0, BADGE_W, band), fill=band_colour)
    face, lines = _fit_lines(draw, event_name.upper(), inner, 3, (34, 30, 27, 24), True)
    top = (band - len(lines) * round(face.size * 1.15)) // 2
    _centred(draw, top, lines, face, band_ink, inner, pad)

    y = band + round(4 * MM)
    y = _centred(draw, y, [role_of(delegate)], font(40, True), RED, BADGE_W)
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
    _centred(draw, BADGE_H - round(11 * MM), [footer_of(delegate)], font(30, True), INK, BADGE_W)
    draw.rectangle((0, 0, BADGE_W - 1, BADGE_H - 1), outline=EDGE)
    return image


def badge_png(delegate, event_name: str) -> bytes:
    out = io.BytesIO()
    badge(delegate, event_name).save(out, "PNG", dpi=(DPI, DPI))
    return out.getvalue()
