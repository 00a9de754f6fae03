"""The OpenAPI 3.1 document of the public HTTP API (API.md), served at /api/openapi.json: written from the routes'
own declarations (kiosk.schema), so the document says what the code checks and answers."""
import re
from typing import Any

from pydantic import TypeAdapter

from kiosk.schema import Declaration, Download, Error
from kiosk.serving.security import MAX_ID

PARAMETER = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
WHAT = {200: "OK", 201: "Created", 202: "Accepted", 204: "No content", 400: "Bad input: the error says which",
        401: "Not signed in", 403: "Signed in with a role that may not do this", 404: "Not found",
        409: "Not now: the state forbids it (the error says why)", 413: "Too large", 429: "Too many tries"}
# <int:...> takes what the database stores (kiosk.serving.security.IdConverter): outside it, no route of the path is found
ID = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
INFO = {"title": "Kiosk Đại hội", "version": "1.0",
        "description": "Check-in, hall projector and MC control for a patriotic emulation congress."}


def path_of(rule: str) -> str:
    """Flask's /api/events/<int:event_id>/x as the document writes it, /api/events/{id}/x (API.md's names)."""
    return PARAMETER.sub(lambda m: "{id}" if m[2] == "event_id" else "{" + m[2] + "}", rule)


def _parameters(rule: str, declaration: Declaration) -> list[dict]:
    found = [{"name": "id" if name == "event_id" else name, "in": "path", "required": True,
              "schema": ID if converter == "int" else {"type": "string"}}
             for converter, name in PARAMETER.findall(rule)]
    return found + [{"name": name, "in": "query", "required": False, "schema": schema}
                    for name, schema in declaration.query.items()]


class Components:
    """The document's shared schemas, gathered from the models as the operations name them."""

    def __init__(self):
        self.schemas: dict[str, dict] = {}

    def schema(self, kind: Any) -> dict:
        found = TypeAdapter(kind).json_schema(ref_template="#/components/schemas/{model}")
        self.schemas.update(found.pop("$defs", {}))
        if found.get("title") and found.get("type") == "object" and "properties" in found:
            self.schemas[found["title"]] = found  # a model named at the top: kept once, referred to
            return {"$ref": f"#/components/schemas/{found['title']}"}
        return found

    def content(self, kind: Any) -> dict:
        if isinstance(kind, Download):
            types = kind.media_type if isinstance(kind.media_type, tuple) else (kind.media_type,)
            return {media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in types}
        return {"application/json": {"schema": self.schema(Error if kind is None else kind)}}


def _statuses(rule: str, method: str, declaration: Declaration) -> dict[int, Any]:
    answers = dict(declaration.answers)
    automatic = []
    if declaration.body or declaration.query or declaration.multipart is not None or (
            declaration.role and method != "GET"):  # a write without its CSRF header is a 400 too
        automatic.append(400)
    if "<" in rule:
        automatic.append(404)
    if declaration.role:
        automatic += [401, 403]
    for status in automatic:
        answers.setdefault(status, None)
    return answers


def operation(rule: str, method: str, declaration: Declaration, components: Components) -> dict:
    found = {"summary": declaration.summary, "tags": [declaration.tag],
             "parameters": _parameters(rule, declaration),
             "responses": {str(status): {"description": WHAT.get(status, "See the summary"),
                                         "content": components.content(kind)}
                           for status, kind in sorted(_statuses(rule, method, declaration).items())}}
    notes = [declaration.description] if declaration.description else []
    if declaration.role:
        notes.append(f"Role: {declaration.role}. Writes need the X-CSRFToken header from the login answer.")
    if notes:
        found["description"] = " ".join(notes)
    if declaration.body is not None:
        found["requestBody"] = {"required": declaration.body_required,
                                "content": {"application/json": {"schema": components.schema(declaration.body)}}}
    elif declaration.multipart is not None:
        found["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": {
            "type": "object", "properties": declaration.multipart, "required": ["file"]}}}}
    return found


def document(app) -> dict:
    """The whole document, from every /api route of `app` (and /healthz)."""
    components, paths = Components(), {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not (rule.rule.startswith("/api/") or rule.rule == "/healthz"):
            continue
        path, declaration = path_of(rule.rule), getattr(app.view_functions[rule.endpoint], "__api__", None)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if declaration is None:
                raise LookupError(f"{method} {rule.rule} is not declared: add @api (kiosk.schema) under its route")
            paths.setdefault(path, {})[method.lower()] = operation(rule.rule, method, declaration, components)
    return {"openapi": "3.1.0", "info": INFO, "components": {"schemas": components.schemas}, "paths": paths}
