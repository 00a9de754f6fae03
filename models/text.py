"""Vietnamese text helpers: accent folding for search, and the alphabetical order of names."""
import re
import unicodedata

# NUL and lone surrogates (PostgreSQL refuses to store them); the other control characters but tab and newline;
# and the invisible ones: zero-width spaces and joiners, the soft hyphen, the byte-order mark and the direction
# marks, embeddings, overrides and isolates, with which "Nguyễn Văn Bảy" can be written twice, or read backwards.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u00ad\u061c\u180e\u200b-\u200f"
                         "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def printable(value: str) -> str:
    """The text without the characters that no name contains and that show nothing, or show a lie."""
    return _UNSTORABLE.sub("", value)


# A name in a list's one "Cá nhân / tập thể" column that starts like this is a collective.
_COLLECTIVE_WORDS = re.compile(r"^(phong|truong|cong ty|ubnd|uy ban|htx|hop tac xa|hoi|ban|so|trung tam|benh vien|"
                               r"doan|xa|phuong|thi tran|thon|chi bo|to|khoa|doi|cong an|bo|tap the|dang uy|"
                               r"lien doan|huyen|thanh pho|cuc|chi cuc|vien|nha may|xi nghiep|ngan hang)\b")


def is_collective_name(name: str) -> bool:
    """'HTX Dịch vụ nông nghiệp Vũ Hội' is a collective; 'Lê Đức Cường' is a person."""
    return bool(_COLLECTIVE_WORDS.match(fold(name)))


def fold(text: str | None) -> str:
    """'Nguyễn Văn Đức' -> 'nguyen van duc': what a door clerk types on a tablet without accents."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", printable(text).replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())


# Vietnamese letter order; a letter's tone counts only after the letters themselves (DOMAIN.md).
_ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()  # noqa: SIM905 (reads as the alphabet)
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # ngang huyền hỏi ngã sắc nặng
_SHAPE = {"\u0306": "ă", "\u0302": {"a": "â", "e": "ê", "o": "ô"}, "\u031b": {"o": "ơ", "u": "ư"}}


def _word_key(word: str) -> tuple:
    letters, tones = [], []
    for ch in word.lower():
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        if base == "đ":
            letter = "đ"
        else:
            letter = base
            for mark in marks:
                shape = _SHAPE.get(mark)
                if isinstance(shape, dict):
                    letter = shape.get(base, letter)
                elif shape:
                    letter = shape
        tone = next((m for m in marks if m in _TONE_RANK), "")
        letters.append(_LETTER_RANK.get(letter, 100 + ord(letter[0])))
        tones.append(_TONE_RANK[tone])
    return tuple(letters), tuple(tones)


def vietnamese_name_key(full_name: str) -> tuple:
    """Sort key of a name "Họ đệm Tên": the given name first, then family and middle names; within a word
    Vietnamese letter order (a ă â … đ … ư …), then the tones (Dung before Dũng, Hà before Hạ)."""
    words = full_name.split()
    return tuple(_word_key(w) for w in [*words[-1:], *words[:-1]])


def vietnamese_text_key(text: str | None) -> tuple:
    """Sort key of a unit's or any other text's name, word by word in Vietnamese letter order."""
    return tuple(_word_key(w) for w in (text or "").split())
