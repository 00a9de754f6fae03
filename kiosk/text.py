"""Vietnamese text helpers: accent folding for search, and the alphabetical order of names."""
import re
import unicodedata

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def printable(value: str) -> str:
    """Drops NUL bytes and lone surrogates, which no name contains and PostgreSQL refuses to store."""
    return _UNSTORABLE.sub("", value)


def fold(text: str | None) -> str:
    """'Nguyễn Văn Đức' -> 'nguyen van duc': what a door clerk types on a tablet without accents."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", printable(text).replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())
