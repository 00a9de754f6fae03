"""The speakers' list's HTTP bodies and answers, declared once (kiosk.schema)."""
from typing import ClassVar

from kiosk.schema import Answer, Body, Problems, checked_later
from speeches.importer import LIMITS


class NewSpeech(Body):
    """One speech added after the others: name and topic required (their lengths checked by speeches.importer, as a
    row of the file); minutes 1-60, default 7."""
    name: str | None = None
    topic: str | None = None
    title: str | None = None
    unit: str | None = None
    minutes: checked_later(["integer", "string"]) = None
    collective: checked_later("boolean") = None
    problems: ClassVar[Problems] = {
        "name": ("bad_name", "Họ và tên hoặc tên tập thể: tối đa 300 ký tự."),
        "topic": ("bad_topic", f"Chủ đề tham luận: tối đa {LIMITS['topic']} ký tự."),
        "title": ("bad_title", f"Chức vụ: tối đa {LIMITS['title']} ký tự."),
        "unit": ("bad_unit", f"Đơn vị: tối đa {LIMITS['unit']} ký tự.")}

    def given(self) -> dict:
        return self.model_dump(exclude_unset=True)


class Speech(Answer):
    id: int
    position: int
    name: str
    title: str | None
    unit: str | None
    topic: str
    minutes: int
    collective: bool
    spoken_s: int | None
