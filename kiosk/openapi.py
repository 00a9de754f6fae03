"""The OpenAPI 3.1 document of the public HTTP API (API.md), served at /api/openapi.json."""

ERROR = {"$ref": "#/components/schemas/Error"}
EVENT_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
GROUP_ID = {"name": "group_id", "in": "path", "required": True, "schema": {"type": "integer"}}
SPEECH_ID = {"name": "speech_id", "in": "path", "required": True, "schema": {"type": "integer"}}
HONOUR_ID = {"name": "honour_id", "in": "path", "required": True, "schema": {"type": "integer"}}


def _op(summary, tag, response=None, body=None, role=None, params=(EVENT_ID,)):
    op = {"summary": summary, "tags": [tag], "parameters": list(params),
          "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": response or {}}}},
                        "400": {"description": "Bad input", "content": {"application/json": {"schema": ERROR}}},
                        "404": {"description": "Not found", "content": {"application/json": {"schema": ERROR}}}}}
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if role:
        op["description"] = f"Role: {role}. Writes need the X-CSRFToken header from the login answer."
        op["responses"]["401"] = {"description": "Not signed in", "content": {"application/json": {"schema": ERROR}}}
        op["responses"]["403"] = {"description": "Wrong role", "content": {"application/json": {"schema": ERROR}}}
    return op


def _obj(*names, **typed):
    props = {n: {} for n in names}
    props.update(typed)
    return {"type": "object", "properties": props, "required": list(names) + list(typed)}


LIVE = {"$ref": "#/components/schemas/LiveState"}
LIST = {"type": "array", "items": {"type": "object"}}

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Kiosk Đại hội", "version": "1.0",
             "description": "Check-in, hall projector and MC control for a patriotic emulation congress."},
    "components": {"schemas": {
        "Error": _obj(error={"type": "string"}, message={"type": "string"}),
        "LiveState": _obj("event_id", "version", "item", "screen", "updated_at"),
        "Screen": {"type": "object", "properties": {
            "kind": {"enum": ["programme", "welcome", "blank", "logo", "announcement", "honours", "speaker", "vote"]},
            "text": {"type": "string"}, "group_id": {"type": "integer"}, "page": {"type": "integer"},
            "auto": {"type": "boolean", "description": "honours: false pauses the automatic paging on this page"},
            "speech_id": {"type": "integer"}, "vote_id": {"type": "integer"}}, "required": ["kind"]},
    }},
    "paths": {
        "/healthz": {"get": _op("Health: 200 once the database answers", "system", _obj("status"), params=())},
        "/api/openapi.json": {"get": _op("This document", "system", params=())},
        "/api/login": {"post": _op("Sign in; sets the session cookie", "auth",
                                   _obj("username", "role", "csrf_token"), _obj("username", "password"), params=())},
        "/api/logout": {"post": _op("Sign out", "auth", role="any signed in", params=())},
        "/api/events": {"get": _op("Events", "events", {"type": "array", "items": _obj(
            "id", "name", "level", "form", "date", "venue")}, params=())},
        "/api/events/{id}": {"get": _op("One event", "events")},
        "/api/events/{id}/programme": {"get": _op("Programme items in order", "events", {"type": "array", "items": _obj(
            "id", "position", "kind", "title", "planned_start", "planned_minutes")})},
        "/api/events/{id}/live": {"get": _op("The live state", "live", LIVE)},
        "/api/events/{id}/live/next": {"post": _op("Next step (sub-steps inside speeches, honours, vote)", "live",
                                                   LIVE, role="mc")},
        "/api/events/{id}/live/previous": {"post": _op("Previous step", "live", LIVE, role="mc")},
        "/api/events/{id}/live/goto": {"post": _op("Jump to an item", "live", LIVE, _obj(item_id={"type": "integer"}),
                                                   role="mc")},
        "/api/events/{id}/live/screen": {"post": _op("Show a screen", "live", LIVE,
                                                     {"$ref": "#/components/schemas/Screen"}, role="mc")},
        "/api/events/{id}/honours": {"get": _op("Honours groups in ceremony order, with recipients", "honours", LIST)},
        "/api/events/{id}/speeches": {
            "get": _op("Speeches in order", "programme", LIST),
            "post": _op("Add one speech after the others (name and topic required; minutes 1-60, default 7)",
                        "speeches", _obj("id", "position", "name", "topic", "minutes"),
                        {"type": "object", "required": ["name", "topic"], "properties": {
                            "name": {"type": "string"}, "topic": {"type": "string"}, "title": {"type": "string"},
                            "unit": {"type": "string"}, "minutes": {"type": ["integer", "string"]},
                            "collective": {"type": "boolean"}}},
                        role="organiser")},
        "/api/events/{id}/votes": {"get": _op("Votes with their nominees", "programme", LIST)},
        "/api/events/{id}/delegates": {"get": _op("Delegates", "delegates", LIST, role="organiser")},
        "/api/events/{id}/delegates/search": {"get": _op(
            "Search delegates by name, accents and case ignored", "checkin", LIST, role="door",
            params=(EVENT_ID, {"name": "q", "in": "query", "schema": {"type": "string"}}))},
        "/api/events/{id}/checkin": {"post": _op(
            "Check a delegate in by badge code. Optional `scan_id` (chosen by the tablet: a resent scan is "
            "recognised) and `scanned_at` (ISO time with zone, for scans taken offline; the earliest time is kept)",
            "checkin", _obj("result", "delegate", "checked_in_at", "door", message={"type": "string"}),
            _obj("code", door={"type": "string"}, scan_id={"type": "string"}, scanned_at={"type": "string"}),
            role="door")},
        "/api/events/{id}/attendance": {"get": _op(
            "Present / expected, overall, by unit and by composition (women, young, ethnicity, religion, ...)",
            "checkin", _obj("expected", "present"), role="any signed in")},
        "/api/events/{id}/attendance.xlsx": {"get": _op("Attendance as an Excel workbook", "checkin", role="organiser")},
        "/api/events/{id}/checkin/undo": {"post": _op(
            "Take back a mistaken check-in; the reason is recorded", "checkin", _obj("result", "message"),
            _obj(delegate_id={"type": "integer"}, reason={"type": "string"}), role="door")},
        "/api/events/{id}/checkin/roster": {"get": _op("The delegate list a door tablet keeps for scanning offline",
                                                       "checkin", LIST, role="door")},
        "/api/events/{id}/delegates/import": {"post": _op(
            "Import or update the delegate list (.xlsx / .csv, multipart field `file`); all or nothing, "
            "problems with row and column", "delegates", _obj("created", "updated", "notes"), role="organiser")},
        "/api/delegates/template.xlsx": {"get": _op("A template delegate list", "delegates", params=())},
        "/api/events/{id}/badges.pdf": {"get": _op("A4 badge sheets, four a page, with cut marks", "delegates",
                                                   role="organiser")},
        "/api/events/{id}/delegates/{delegate_id}/badge.png": {"get": _op(
            "One badge as PNG", "delegates", role="organiser",
            params=(EVENT_ID, {"name": "delegate_id", "in": "path", "required": True, "schema": {"type": "integer"}}))},
        "/api/events/{id}/honours/import": {"post": _op(
            "Import or update the honours list (.xlsx / .csv, multipart field `file`)", "honours",
            _obj("created", "updated", "linked", "doubtful", "notes"), role="organiser")},
        "/api/events/{id}/honours/groups/{group_id}/move": {"post": _op(
            "Move a group one place up (-1) or down (1)", "honours", body=_obj(offset={"type": "integer"}),
            role="organiser", params=(EVENT_ID, GROUP_ID))},
        "/api/events/{id}/honours/groups/{group_id}/sort": {"post": _op(
            "Sort a group by the Vietnamese alphabetical rule (given name first)", "honours", role="organiser",
            params=(EVENT_ID, GROUP_ID))},
        "/api/events/{id}/honours/{honour_id}/move": {"post": _op(
            "Move a recipient one place up (-1) or down (1)", "honours", body=_obj(offset={"type": "integer"}),
            role="organiser", params=(EVENT_ID, HONOUR_ID))},
        "/api/events/{id}/honours/{honour_id}/delegate": {"post": _op(
            "Link a recipient to a delegate (or unlink with null)", "honours",
            body=_obj(delegate_id={"type": ["integer", "null"]}), role="organiser", params=(EVENT_ID, HONOUR_ID))},
        "/api/events/{id}/honours/{honour_id}/handover": {"post": _op(
            "Mark a recipient: on_stage, received, received_on_behalf (with received_by), or '' to clear",
            "honours", _obj("honour_id", "handover", "received_by"),
            _obj(status={"enum": ["", "on_stage", "received", "received_on_behalf"]}, received_by={"type": "string"}),
            role="usher or mc", params=(EVENT_ID, HONOUR_ID))},
        "/api/events/{id}/attendance/absent": {"get": _op(
            "Delegates and guests expected and not yet checked in, by unit", "delegates", LIST,
            role="organiser or mc")},
        "/api/events/{id}/speeches/import": {"post": _op(
            "Import or update the speakers (.xlsx / .csv, multipart field `file`), in the file's order; all or nothing",
            "speeches", _obj("created", "updated", "kept", "notes"), role="organiser")},
        "/api/events/{id}/speeches/{speech_id}/move": {"post": _op(
            "Move a speech one place up (-1) or down (1); answers the list", "speeches", LIST,
            _obj(offset={"type": "integer"}), role="organiser", params=(EVENT_ID, SPEECH_ID))},
        "/api/events/{id}/speeches/{speech_id}/remove": {"post": _op(
            "Remove a speech; answers the list", "speeches", LIST, role="organiser", params=(EVENT_ID, SPEECH_ID))},
        "/api/speeches/template.xlsx": {"get": _op("A template speakers' list", "speeches", params=())},
        "/api/events/{id}/honours.xlsx": {"get": _op("Every honour and how it was handed over", "honours",
                                                     role="organiser")},
    },
}
