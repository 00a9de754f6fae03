"""The reader's name on every page of a paper (pypdf + a reportlab overlay), so that a copy that leaks says whose it
was: across the page, light, and again along the foot in small type. The text is set in the embedded DejaVu Sans
(kiosk.pdf), so every Vietnamese letter prints and a text extractor reads the name back.

The copy is rewritten whole (not an incremental update appended to the original, which would keep the unmarked
pages one revision below). A 5 MB paper takes tens of milliseconds: still never on the server's loop (papers.copies
runs it in a job worker)."""
import io
from functools import lru_cache

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from reportlab.pdfgen.canvas import Canvas

from kiosk.pdf import sans

FOOT = "Tài liệu cấp riêng cho đồng chí {name}. Không sao chép, không chuyển cho người khác."


class NotAPdf(ValueError):
    """The bytes are not a PDF that can be read page by page."""


def count_pages(data: bytes) -> int:
    """The number of pages, reading every page's box once: a file that only looks like a PDF fails here."""
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise NotAPdf("not a pdf")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise NotAPdf("encrypted")
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018  (a broken page tree fails here, not on a delegate's phone)
    except NotAPdf:
        raise
    except Exception as e:  # pypdf raises many kinds on a broken file: each is the same answer, a 400
        raise NotAPdf(str(e)) from e
    if pages < 1:
        raise NotAPdf("no pages")
    return pages


@lru_cache(maxsize=64)
def _overlay(name: str, width: float, height: float) -> bytes:
    regular, bold = sans()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height))
    size = max(14.0, min(40.0, width / max(8, len(name)) * 1.1))
    canvas.saveState()
    canvas.setFillColorRGB(0.75, 0.1, 0.1, alpha=0.3)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35 if height >= width else 20)
    canvas.setFont(bold, size)
    canvas.drawCentredString(0, size * 0.8, name)
    canvas.drawCentredString(0, -size * 1.6, name)
    canvas.restoreState()
    canvas.setFillColorRGB(0.55, 0.08, 0.08, alpha=0.9)
    foot = FOOT.format(name=name)
    canvas.setFont(regular, 7 if width < 500 else 8)
    canvas.drawCentredString(width / 2, 12, foot)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def marked(data: bytes, name: str) -> bytes:
    """The PDF `data` with `name` on every page."""
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    except PdfReadError as e:
        raise NotAPdf(str(e)) from e
    stamps: dict[tuple, object] = {}
    for page in writer.pages:
        box = page.mediabox
        key = (round(float(box.width), 1), round(float(box.height), 1), float(box.left), float(box.bottom))
        if key not in stamps:
            stamps[key] = PdfReader(io.BytesIO(_overlay(name, key[0], key[1]))).pages[0]
        stamp = stamps[key]
        if key[2] or key[3]:  # a page whose box does not start at 0,0: the mark moved onto it
            from pypdf import Transformation
            page.merge_transformed_page(stamp, Transformation().translate(key[2], key[3]))
        else:
            page.merge_page(stamp)
    writer.add_metadata({"/Subject": f"Cấp cho {name}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
