"""The votes' HTTP bodies and answers, declared once (kiosk.schema). What needs the database (a nominee on the list,
a title not blank) stays with votes.service, which the organiser's page uses too."""
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field

from kiosk.schema import Answer, Body, Id, Problems, checked_later
from models.vote import CHOICES, METHODS, RULES
from votes.service import MAX_NOMINEES, MAX_TITLE

COUNT = {"type": "integer", "minimum": 0}


class NewVote(Body):
    title: str = Field(json_schema_extra={"maxLength": MAX_TITLE})  # blank or long: votes.service says which
    method: Literal[METHODS] = "hands"
    secret: bool = False
    rule: Literal[RULES] = "half_present"
    nominee_ids: list[Id] = Field([], max_length=MAX_NOMINEES)
    problems: ClassVar[Problems] = {
        "title": ("bad_title", "Cần nhập nội dung biểu quyết."),
        "method": ("bad_method", "Hình thức biểu quyết phải là hands (giơ thẻ), ballot (phiếu giấy) hoặc electronic "
                                 "(điện tử)."),
        "rule": ("bad_rule", "Điều kiện thông qua phải là half_present, half_all hoặc two_thirds_present."),
        "secret": ("bad_secret", "Trường secret phải là true hoặc false."),
        "nominee_ids": ("bad_nominees", "Danh sách người được giới thiệu phải là các mã đại biểu.")}

    def given(self) -> dict:
        return self.model_dump(exclude_unset=True)


class Counts(Body):
    """The figures of a show of hands or a paper ballot (400 when negative or more than entitled). Checked by
    votes.service after the vote's own state, as before: an electronic vote or one not open is a 409 whatever the
    figures."""
    model_config = ConfigDict(**Body.model_config, json_schema_extra={"required": ["for", "against", "abstain"]})
    for_: checked_later(COUNT) = Field(None, alias="for")
    against: checked_later(COUNT) = None
    abstain: checked_later(COUNT) = None

    def given(self) -> dict:
        return self.model_dump(by_alias=True)


class Ballot(Body):
    """An electronic ballot: the vote and the choice."""
    vote_id: Id
    choice: Literal[CHOICES]
    problems: ClassVar[Problems] = {
        "vote_id": ("bad_vote", "Cần chọn nội dung biểu quyết (vote_id)."),
        "choice": ("bad_choice", "Lựa chọn phải là for (tán thành), against (không tán thành) hoặc abstain (không biểu "
                                 "quyết).")}


class Nominee(Answer):
    position: int
    delegate_id: int
    name: str
    title: str | None
    unit: str | None


class Vote(Answer):
    """method hands / ballot / electronic; rule half_present (for > half of entitled), half_all (for > half of the
    voting delegates on the list), two_thirds_present (for >= two thirds of entitled); status draft / open / closed;
    entitled fixed at opening; counts {for, against, abstain}, null while an electronic or secret vote is open;
    verdict passed / failed once closed."""
    id: int
    title: str
    method: Literal[METHODS]
    secret: bool
    rule: Literal[RULES]
    status: Literal["draft", "open", "closed"]
    entitled: int | None
    received: int | None
    counts: dict | None
    verdict: str | None
    nominees: list[Nominee]


class BallotAnswer(Answer):
    """result voted, already_voted, not_entitled or not_open; when voted, the choice recorded."""
    result: str
    message: str
    choice: Literal[CHOICES] | None = None


class Deleted(Answer):
    status: Literal["deleted"]
