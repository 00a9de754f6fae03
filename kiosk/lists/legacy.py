"""Names typed in the legacy TCVN3 (ABC, .VnTime fonts) or VNI encodings, still common in old office files.

Opened without the old font, such a name reads "NguyÔn V¨n An" (TCVN3) or "Nguyeãn Vaên An" (VNI).
We recognise both and convert them to Unicode.
"""
import re

# TCVN3 (ABC): the letters of each base vowel with the five tones in order: huyền, hỏi, ngã, sắc, nặng.
_TONES = "\u0300\u0309\u0303\u0301\u0323"
_TCVN3_TONED = {
    "a": "µ¶·¸¹", "ă": "»¼½¾Æ", "â": "ÇÈÉÊË", "e": "ÌÎÏÐÑ", "ê": "ÒÓÔÕÖ", "i": "×ØÜÝÞ",
    "o": "ßáâãä", "ô": "åæçèé", "ơ": "êëìíî", "u": "ïñòóô", "ư": "õö÷øù", "y": "úûüýþ",
}
_TCVN3_PLAIN = {"¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
                "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\xad": "ư", "®": "đ"}


def _compose(base: str, tone: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFC", base + tone)


TCVN3 = dict(_TCVN3_PLAIN)
for _base, _codes in _TCVN3_TONED.items():
    for _code, _tone in zip(_codes, _TONES, strict=True):
        TCVN3[_code] = _compose(_base, _tone)

# Letters that Vietnamese written in Unicode never uses, but TCVN3 text always does.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TCVN3_ONLY = set(TCVN3) - _VIETNAMESE_LATIN1

# VNI (Windows): a base letter followed by marks written as Latin-1 letters.
_VNI_TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
             "Ù": "\u0301", "Ø": "\u0300", "Û": "\u0309", "Õ": "\u0303", "Ï": "\u0323"}
_VNI_HAT_TONE = {"á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323",
                 "Á": "\u0301", "À": "\u0300", "Å": "\u0309", "Ã": "\u0303", "Ä": "\u0323"}
_VNI_BREVE_TONE = {"é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323",
                   "É": "\u0301", "È": "\u0300", "Ú": "\u0309", "Ü": "\u0303", "Ë": "\u0323"}
VNI = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
       "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
       "î": "ỵ", "Î": "Ỵ"}
for _vowel in "aeouyAEOUY":
    for _mark, _tone in _VNI_TONE.items():
        VNI[_vowel + _mark] = _compose(_vowel, _tone)
for _vowel in "aeoAEO":  # â ê ô: the hat alone, then the hat with a tone
    VNI[_vowel + ("â" if _vowel.islower() else "Â")] = _compose(_vowel, "\u0302")
    for _mark, _tone in _VNI_HAT_TONE.items():
        VNI[_vowel + _mark] = _compose(_vowel, "\u0302" + _tone)
for _vowel in "aA":  # ă: the breve alone, then with a tone
    VNI[_vowel + ("ê" if _vowel.islower() else "Ê")] = _compose(_vowel, "\u0306")
    for _mark, _tone in _VNI_BREVE_TONE.items():
        VNI[_vowel + _mark] = _compose(_vowel, "\u0306" + _tone)
for _horn, _letter in (("ô", "ơ"), ("Ô", "Ơ"), ("ö", "ư"), ("Ö", "Ư")):  # ơ ư with a tone
    for _mark, _tone in _VNI_TONE.items():
        VNI[_horn + _mark] = _compose(_letter, _tone)

_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
# A vowel followed by a VNI mark, or đ/ư written as ñ/ö: never seen in Vietnamese Unicode text.
_VNI_SIGN = re.compile("[aeouyAEOUY][ùøûïÙØÛÏåäÅÄëËüÜ]|[aeoAEO][âÂ]|[aA][êÊ]|[ñÑöÖ]")


_INNER_D = re.compile(r"\w[đĐ]")
_VIETNAMESE = set(TCVN3.values()) | set(VNI.values())
_VIETNAMESE |= {ch.upper() for ch in _VIETNAMESE}


def _strange(text: str) -> int:
    """How many letters of `text` are neither ASCII nor Vietnamese: a wrong guess leaves some behind."""
    stray = sum(1 for ch in text if ord(ch) > 127 and ch not in _VIETNAMESE)
    return stray + len(_INNER_D.findall(text))  # đ only ever begins a syllable


def convert(text: str, encoding: str) -> str:
    """`text` read as typed in `encoding` ("TCVN3" or "VNI")."""
    if encoding == "VNI":
        return _VNI_PATTERN.sub(lambda m: VNI[m.group(0)], text)
    return "".join(TCVN3.get(ch, ch) for ch in text)


def to_unicode(text: str) -> tuple[str, str | None]:
    """(Unicode text, the legacy encoding it was in, or None when it was already Unicode).

    Both encodings use the same Latin-1 letters, so each plausible reading is tried and the one that
    leaves no stray letters wins."""
    candidates = []
    if _VNI_SIGN.search(text):
        candidates.append((convert(text, "VNI"), "VNI"))
    if any(ch in _TCVN3_ONLY for ch in text):
        candidates.append((convert(text, "TCVN3"), "TCVN3"))
    if not candidates:
        return text, None
    return min(candidates, key=lambda c: _strange(c[0]))
