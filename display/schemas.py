"""The programme's and the live state's HTTP bodies and answers, declared once (kiosk.schema)."""
from typing import ClassVar, Literal

from pydantic import Field

from display.clock import CLOCK_ACTIONS, MAX_ADD_SECONDS
from display.script import MAX_WORDS
from display.slides import MAX_ANNOUNCEMENT, SCREEN_KINDS
from kiosk.schema import Answer, Body, Id, Problems, checked_later


class Seen(Body):
    """→, ← and back: the version the MC's panel showed; when the hall has moved on since (an automatic page turn,
    a press sent twice), nothing changes and the answer is the state as it is."""
    version: int | None = None
    problems: ClassVar[Problems] = {"version": ("bad_version", "Số phiên bản (version) phải là số nguyên.")}


class Goto(Body):
    item_id: Id
    problems: ClassVar[Problems] = {"item_id": ("bad_item", "Không có mục này trong chương trình.")}


class ScreenRequest(Body):
    """A screen to show: its kind and, by kind, the announcement's text, the honours group and page (auto false
    pauses the automatic paging), the speech (layout full or lower_third), the vote, or a break's minutes (1–120,
    default 15)."""
    kind: Literal[SCREEN_KINDS]
    text: checked_later({"type": "string", "maxLength": MAX_ANNOUNCEMENT}) = None  # an announcement's: display.slides
    group_id: checked_later("integer") = None
    page: checked_later("integer") = None
    auto: checked_later("boolean") = None
    speech_id: checked_later("integer") = None
    vote_id: checked_later("integer") = None
    layout: checked_later("string") = None
    minutes: checked_later("integer") = None  # a break's length: display.slides.break_screen
    problems: ClassVar[Problems] = {
        "kind": ("bad_screen", "Loại màn hình không hợp lệ. Chọn một trong: " + ", ".join(SCREEN_KINDS) + ".")}

    def spec(self) -> dict:
        """The screen as display.slides reads it: only what was sent."""
        return self.model_dump(exclude_unset=True)


class ClockRequest(Body):
    """The speaker's clock: start, pause, resume, stop or add (seconds, default 60, may be negative)."""
    action: Literal[CLOCK_ACTIONS]
    # read for `add` only (display.clock checks it then): a pause sent with a stray value pauses
    seconds: checked_later({"type": ["integer", "null"], "minimum": -MAX_ADD_SECONDS, "maximum": MAX_ADD_SECONDS}) = None
    problems: ClassVar[Problems] = {
        "action": ("bad_action", "Thao tác đồng hồ phải là start, pause, resume, stop hoặc add.")}


class ScriptWords(Body):
    """The organiser's words for one step (`step` as the script lists it, e.g. speech:4); empty words go back to the
    default."""
    step: checked_later("string") = None
    words: str = Field(max_length=MAX_WORDS)
    problems: ClassVar[Problems] = {"words": ("bad_words", f"Lời dẫn phải là văn bản, tối đa {MAX_WORDS} ký tự.")}


class Event(Answer):
    id: int
    name: str
    level: str | None
    form: str | None
    date: str
    venue: str | None


class ProgrammeItem(Answer):
    id: int
    position: int
    kind: str
    title: str


class Position(Answer):
    item_id: int | None
    step: dict | None
    on_screen: bool


class LiveState(Answer):
    """What the hall shows: the item, the screen (its kind and what the projector needs to draw it), where the
    programme is (a side trip leaves `position` alone; on_screen is false during one)."""
    event_id: int
    version: int
    item: dict | None
    next_item: dict | None
    screen: dict
    updated_at: str | None
    item_started_at: str | None
    position: Position
    content_version: int


class ScriptLine(Answer):
    step: str
    heading: str
    words: str
    text: str


class NowAndNext(Answer):
    now: dict | None
    next: dict | None
