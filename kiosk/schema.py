"""One declaration per HTTP route: its body and answers as pydantic models, read twice.

`@api(...)`, put just above the view function (under `role_required`, so a stranger gets 401 before any 400), checks
the JSON body against the route's model and hands the view the checked model as `body`; kiosk.openapi reads the same
declaration to write /api/openapi.json. A bad body gets the clear Vietnamese 400 of API.md, `{"error", "message"}`,
with the code and message the model names for the field at fault (`Body.problems`)."""
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Annotated, Any, ClassVar

from flask import request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema

from kiosk.errors import ApiError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF, PNG, SVG, CSV = "application/pdf", "image/png", "image/svg+xml", "text/csv"
BAD_JSON = ("bad_json", "Nội dung gửi lên phải là một đối tượng JSON.")

# an id as JSON carries it: an integer (never `true`: the models are strict), within what every database stores
Id = Annotated[int, Field(gt=0, lt=2**31)]
Problems = dict[str, tuple[str, str]]  # a field: the (code, Vietnamese message) its 400 answers


class Body(BaseModel):
    """A request body: strict JSON types (no "5" for 5, no 1 for true), keys it does not know are let through unread,
    as the routes always did. `problems` maps a field to the (code, Vietnamese message) its 400 answers; "*" gives
    the answer for a body that is no JSON object, or whose field at fault has no entry of its own."""
    model_config = ConfigDict(strict=True, extra="ignore")
    problems: ClassVar[Problems] = {}


class Answer(BaseModel):
    """A JSON answer's shape, for the document only (the answers are built by the features' serialisers)."""
    model_config = ConfigDict(extra="allow")


class Done(Answer):
    """A change made, with nothing more to tell: {"status": "ok"} (or "deleted")."""
    status: str


class Error(BaseModel):
    """Every refusal of the API: a stable code and a message in Vietnamese."""
    error: str
    message: str


@dataclass(frozen=True)
class Download:
    """A file answer: its media type (several when the file's kind decides)."""
    media_type: str | tuple[str, ...]


@dataclass
class Declaration:
    summary: str
    tag: str
    body: type[Body] | None = None
    answers: dict[int, Any] = field(default_factory=dict)
    role: str | None = None
    query: dict[str, dict] = field(default_factory=dict)
    body_required: bool = True
    multipart: dict[str, dict] | None = None
    description: str = ""


def problem(model: type[Body], error: ValidationError) -> ApiError:
    """The 400 for the first field at fault: the model's own words for it, else a plain one naming the field."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    code, message = model.problems.get(name) or model.problems.get("*") or (
        "bad_request", f"Trường “{name}” không hợp lệ." if name else "Yêu cầu không hợp lệ.")
    return ApiError(400, code, message)


def read_body(model: type[Body]) -> Body:
    """The request's JSON body checked against `model` (no body at all reads as {})."""
    data = request.get_json(silent=True)
    if data is None and not request.data:
        data = {}
    if not isinstance(data, dict):
        raise ApiError(400, *model.problems.get("*", BAD_JSON))
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise problem(model, error) from None


def api(summary: str, tag: str, *, body: type[Body] | None = None, answers: dict[int, Any] | None = None,
        **more) -> Callable:
    """Declares a route (see the module's docstring). `answers` maps each status besides the automatic ones (400,
    401/403 with a role, 404 with a path parameter) to a model, a type such as list[Model], a Download, or None
    for an Error answer; {200: Any} when no status is given."""
    declaration = Declaration(summary, tag, body, answers if answers is not None else {200: Any}, **more)

    def decorate(view):
        if body is None:
            view.__api__ = declaration
            return view

        @wraps(view)
        def checked(*args, **kwargs):
            return view(*args, body=read_body(body), **kwargs)
        checked.__api__ = declaration
        return checked
    return decorate


def checked_later(json_type: str | list[str] | dict) -> Any:
    """A field whose type the document names (a JSON type, or a whole schema) but whose check and message stay with
    the feature, because the message needs what only it knows (a page count, a step list, the nth zone) or the
    feature's pages send the same through a form: anything is let through to it."""
    return Annotated[Any, WithJsonSchema(json_type if isinstance(json_type, dict) else {"type": json_type})]
