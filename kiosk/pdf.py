"""What every PDF the product makes shares: fonts with every Vietnamese letter, embedded from static/fonts."""
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent.parent / "static" / "fonts"


@lru_cache(maxsize=1)
def sans() -> tuple[str, str]:
    """(regular, bold) names of DejaVu Sans, registered once."""
    pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold", italic="DejaVu",
                                  boldItalic="DejaVu-Bold")
    return "DejaVu", "DejaVu-Bold"
