"""The hand-written part of the OpenAPI document, shrinking: the routes not yet declared with kiosk.schema."""

ERROR = {"$ref": "#/components/schemas/Error"}
EVENT_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
GROUP_ID = {"name": "group_id", "in": "path", "required": True, "schema": {"type": "integer"}}
SPEECH_ID = {"name": "speech_id", "in": "path", "required": True, "schema": {"type": "integer"}}
DELEGATE_ID = {"name": "delegate_id", "in": "path", "required": True, "schema": {"type": "integer"}}
HONOUR_ID = {"name": "honour_id", "in": "path", "required": True, "schema": {"type": "integer"}}
DELEGATE_ID = {"name": "delegate_id", "in": "path", "required": True, "schema": {"type": "integer"}}


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


# `choice` only in a `voted` answer, so it is not required
_BALLOT_ANSWER = {"type": "object", "required": ["result", "message"],
                  "properties": {"result": {}, "message": {"type": "string"},
                                 "choice": {"enum": ["for", "against", "abstain"]}}}


def _login():
    op = _op("Sign in; sets the session cookie (and a remember-me token) naming a server-side session", "auth",
             _obj("username", "role", "csrf_token"),
             _obj(username={"type": "string"}, password={"type": "string"}), params=())
    for status, what in (("401", "Bad credentials"), ("403", "Account disabled"),
                         ("429", "Too many failed attempts from this address (a minute)")):
        op["responses"][status] = {"description": what, "content": {"application/json": {"schema": ERROR}}}
    return op


USER_ID = {"name": "user_id", "in": "path", "required": True, "schema": {"type": "integer"}}
ACCOUNT = {"type": "object", "properties": {"id": {"type": "integer"}, "username": {"type": "string"},
                                            "role": {"type": "string"}, "disabled": {"type": "boolean"}},
           "required": ["id", "username", "role", "disabled"]}


LIVE = {"$ref": "#/components/schemas/LiveState"}
VOTE = {"$ref": "#/components/schemas/Vote"}
VOTE_ID = {"name": "vote_id", "in": "path", "required": True, "schema": {"type": "integer"}}
TOKEN = {"name": "token", "in": "path", "required": True, "schema": {"type": "string"},
         "description": "The delegate's personal ballot_token (never the badge code)"}
DELEGATE = _obj("id", "number", "full_name", "code", "revoked", "substitute_id")
DELEGATE_FIELDS = {"type": "object", "properties": {
    **{field: {"type": "string"} for field in ("full_name", "title", "unit", "seat", "ethnicity", "religion",
                                               "occupation_group", "sector")},
    "gender": {"enum": ["nam", "nu", None]}, "guest": {"type": "boolean"}}}
LIST = {"type": "array", "items": {"type": "object"}}
SEEN = {"type": "object", "properties": {"version": {
    "type": "integer", "description": "the version the MC's panel showed: when the hall has moved on since (an "
                                      "automatic page turn, a press sent twice), nothing changes and the answer is "
                                      "the state as it is"}}}


def _step(summary):
    """→, ← and back: the body is optional ({"version"} guards against a press meant for a screen that is gone)."""
    op = _op(summary, "live", LIVE, SEEN, role="mc")
    op["requestBody"]["required"] = False
    return op

JOB_ID = {"name": "job_id", "in": "path", "required": True, "schema": {"type": "string"}}
JOB = _obj("id", "kind", "event_id", "status", "label", "done", "total", "file", "error", "message")

SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Kiosk Đại hội", "version": "1.0",
             "description": "Check-in, hall projector and MC control for a patriotic emulation congress."},
    "components": {"schemas": {
        "Error": _obj(error={"type": "string"}, message={"type": "string"}),
        "LiveState": {**_obj("event_id", "version", "item", "screen", "updated_at"), "properties": {
            **{name: {} for name in ("event_id", "version", "item", "screen", "updated_at", "next_item",
                                     "item_started_at")},
            "position": {**_obj("item_id", "step", "on_screen"), "description": (
                "where the programme is: the item and its sub-step (a speaker with their clock, an honours page, a "
                "vote; null for the item's own slide). A side trip (announcement, welcome, blank, logo, an honours "
                "group or a vote out of order) leaves it alone; on_screen is false during one")}}},
        "Screen": {"type": "object", "properties": {
            "kind": {"enum": ["programme", "welcome", "blank", "logo", "announcement", "honours", "speaker", "vote",
                              "credentials", "arrival"]},
            "text": {"type": "string"}, "group_id": {"type": "integer"}, "page": {"type": "integer"},
            "auto": {"type": "boolean", "description": "honours: false pauses the automatic paging on this page"},
            "speech_id": {"type": "integer"}, "vote_id": {"type": "integer"},
            "layout": {"enum": ["full", "lower_third"], "description": "speaker: full screen or a lower third"}},
            "required": ["kind"]},
        "Clock": _obj(allowed_s={"type": "integer"}, elapsed_s={"type": "number"}, running={"type": "boolean"},
                      as_of={"type": "string", "format": "date-time"}),
        "Vote": {**_obj("id", "title", "method", "secret", "rule", "status", "entitled", "received", "counts",
                        "verdict", "nominees"),
                 "description": "method hands / ballot / electronic; rule half_present (for > half of entitled), "
                                "half_all (for > half of the voting delegates on the list), two_thirds_present "
                                "(for >= two thirds of entitled); status draft / open / closed; entitled fixed at "
                                "opening; counts {for, against, abstain}, null while an electronic or secret vote is "
                                "open; verdict passed / failed once closed"},
    }},
    "paths": {
        "/healthz": {"get": _op("Health: 200 once the database answers", "system", _obj("status"), params=())},
        "/api/openapi.json": {"get": _op("This document", "system", params=())},
        "/api/login": {"post": _login()},
        "/api/logout": {"post": _op("Sign out: the session ends on the server, so the cookie is dead wherever it "
                                    "was copied, and so is its remember-me token", "auth", role="any signed in",
                                    params=())},
        "/api/events/{id}/doors/pairings": {"post": _op(
            "A pairing code for one door tablet (10 minutes, one use): the tablet that opens `url` gets a door "
            "session for this event and this door, without a password", "checkin",
            _obj("code", "url", "door", "expires_at"), _obj(door={"type": "string", "maxLength": 50}),
            role="organiser")},
        "/api/events/{id}/doors": {"get": _op("The paired door tablets of the event", "checkin", {
            "type": "array", "items": _obj("id", "door", "since", "address")}, role="organiser")},
        "/api/events/{id}/doors/revoke": {"post": _op(
            "End a paired tablet's session (and its sockets) at once; `tablet_id` as listed", "checkin",
            body=_obj(tablet_id={"type": "string"}), role="organiser")},
        "/api/users": {"get": _op("Accounts", "auth", {"type": "array", "items": ACCOUNT}, role="organiser",
                                  params=())},
        "/api/users/{user_id}/disable": {"post": _op(
            "Disable an account: every session and socket of it ends within a second (409 for one's own)", "auth",
            ACCOUNT, role="organiser", params=(USER_ID,))},
        "/api/users/{user_id}/enable": {"post": _op("Enable an account again", "auth", ACCOUNT, role="organiser",
                                                    params=(USER_ID,))},
        "/api/users/{user_id}/events": {"post": _op(
            "The events a door, door-lead or kiosk account works for (403 other_event elsewhere; none: no event); its "
            "sessions end", "auth", _obj("event_ids"),
            _obj(event_ids={"type": "array", "items": {"type": "integer"}}), role="organiser", params=(USER_ID,))},
        "/api/users/{user_id}/password": {"post": _op(
            "Set a new password (8-200 characters): every session and socket of the account ends", "auth", ACCOUNT,
            _obj(password={"type": "string", "minLength": 8, "maxLength": 200}), role="organiser",
            params=(USER_ID,))},
        "/api/events": {"get": _op("Events", "events", {"type": "array", "items": _obj(
            "id", "name", "level", "form", "date", "venue")}, params=())},
        "/api/events/{id}": {"get": _op("One event", "events")},
        "/api/events/{id}/programme": {"get": _op("Programme items in order", "events", {"type": "array", "items": _obj(
            "id", "position", "kind", "title", "planned_start", "planned_minutes")})},
        "/api/events/{id}/live": {"get": _op("The live state", "live", LIVE)},
        "/api/events/{id}/live/next": {"post": _step(
            "Next step from where the programme is (sub-steps inside speeches, honours, vote), whatever a side trip "
            "shows")},
        "/api/events/{id}/live/previous": {"post": _step("Previous step from where the programme is")},
        "/api/events/{id}/live/back": {"post": _step(
            "Back to the programme after a side trip: the position's screen, a speaker with the clock as it was left")},
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
        "/api/events/{id}/votes": {
            "get": _op("Votes with their nominees", "votes", {"type": "array", "items": VOTE}),
            "post": _op("Prepare a vote (201, draft)", "votes", VOTE, {
                "type": "object", "required": ["title"], "properties": {
                    "title": {"type": "string"}, "method": {"enum": ["hands", "ballot", "electronic"]},
                    "secret": {"type": "boolean"}, "rule": {"enum": ["half_present", "half_all", "two_thirds_present"]},
                    "nominee_ids": {"type": "array", "items": {"type": "integer"}}}}, role="organiser")},
        "/api/events/{id}/votes/{vote_id}": {
            "get": _op("One vote", "votes", VOTE, params=(EVENT_ID, VOTE_ID)),
            "delete": _op("Remove a vote still in draft", "votes", role="organiser", params=(EVENT_ID, VOTE_ID))},
        "/api/events/{id}/votes/{vote_id}/open": {"post": _op(
            "Open the vote: entitled fixed from the delegates (not guests) checked in now; 409 not_draft, "
            "nobody_present", "votes", VOTE, role="mc", params=(EVENT_ID, VOTE_ID))},
        "/api/events/{id}/votes/{vote_id}/counts": {"post": _op(
            "The counts of a show of hands or paper ballot (400 when negative or more than entitled)", "votes", VOTE,
            _obj(**{"for": {"type": "integer"}, "against": {"type": "integer"}, "abstain": {"type": "integer"}}),
            role="mc", params=(EVENT_ID, VOTE_ID))},
        "/api/events/{id}/votes/{vote_id}/close": {"post": _op(
            "Close the vote: figures fixed, verdict by its rule", "votes", VOTE, role="mc", params=(EVENT_ID, VOTE_ID))},
        "/api/ballots/{token}": {
            "get": _op("The delegate's phone page data: name and the event's electronic votes", "votes",
                       params=(TOKEN,)),
            "post": _op("An electronic ballot, no session needed: result voted, already_voted, not_entitled or "
                        "not_open (404 unknown_token); when voted, the choice recorded, named in the message too", "votes",
                        _BALLOT_ANSWER,
                        _obj("vote_id", choice={"enum": ["for", "against", "abstain"]}), params=(TOKEN,))},
        "/api/events/{id}/live/clock": {"post": _op(
            "The speaker's clock: start, pause, resume, stop or add (seconds, default 60, may be negative); the new "
            "live state with screen.clock; 409 no_speaker on another screen", "live", LIVE,
            _obj("action", seconds={"type": "integer"}), role="mc")},
        "/api/events/{id}/delegates": {
            "get": _op("Delegates", "delegates", LIST, role="organiser"),
            "post": _op("Add a delegate who walks in without being on the list (201): a new number and badge code",
                        "delegates", DELEGATE, DELEGATE_FIELDS, role="organiser or door_lead")},
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
        "/api/events/{id}/checkin/roster": {"get": _op(
            "The delegate list a door tablet keeps for scanning offline: no badge code, a keyed hash of each "
            "(`code_hash`, HMAC-SHA256 under the event's key from the door page, 16 bytes, hex)",
            "checkin", LIST, role="door")},
        "/api/events/{id}/delegates/import": {"post": _op(
            "Import or update the delegate list (.xlsx / .csv, multipart field `file`); all or nothing, "
            "problems with row and column", "delegates", _obj("created", "updated", "notes"), role="organiser")},
        "/api/delegates/template.xlsx": {"get": _op("A template delegate list", "delegates", params=())},
        "/api/events/{id}/badges.pdf": {"get": _op("A4 badge sheets, four a page, with cut marks", "delegates",
                                                   role="organiser")},
        "/api/events/{id}/delegates/{delegate_id}/badge.png": {"get": _op(
            "One badge as PNG, to print at once", "delegates", role="organiser or door_lead",
            params=(EVENT_ID, DELEGATE_ID))},
        "/api/events/{id}/delegates/{delegate_id}": {"post": _op(
            "Correct a delegate's details (fields left out stay)", "delegates", DELEGATE,
            DELEGATE_FIELDS, role="organiser or door_lead", params=(EVENT_ID, DELEGATE_ID))},
        "/api/events/{id}/delegates/{delegate_id}/revoke": {"post": _op(
            "Revoke a badge: its scan answers `revoked` at every door", "delegates", DELEGATE,
            role="organiser or door_lead", params=(EVENT_ID, DELEGATE_ID))},
        "/api/events/{id}/delegates/{delegate_id}/restore": {"post": _op(
            "Give a revoked badge back", "delegates", DELEGATE, role="organiser or door_lead",
            params=(EVENT_ID, DELEGATE_ID))},
        "/api/events/{id}/delegates/{delegate_id}/substitute": {"post": _op(
            "Someone comes in place of an absent delegate: a new badge for them (201), the absent delegate's "
            "revoked and kept with `substitute_id`", "delegates", DELEGATE, DELEGATE_FIELDS,
            role="organiser or door_lead", params=(EVENT_ID, DELEGATE_ID))},
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
        "/api/honours/template.xlsx": {"get": _op("A template honours list", "honours", params=())},
        "/api/events/{id}/script": {
            "get": _op("The MC's script: every step with its words as written (`words`) and as read (`text`)",
                       "script", LIST, role="mc"),
            "post": _op("The organiser's words for one step (`step` as listed, e.g. speech:4); empty words go back to "
                        "the default", "script", _obj("step", "heading", "words", "text"),
                        _obj("step", "words"), role="organiser")},
        "/api/events/{id}/script/now": {"get": _op("The words of the step on screen and of the next one", "script",
                                                   _obj("now", "next"), role="mc")},
        "/api/events/{id}/script.pdf": {"get": _op("The whole script as a PDF for the MC to hold", "script",
                                                   role="mc")},
        "/api/events/{id}/honours.xlsx": {"get": _op("Every honour and how it was handed over", "honours",
                                                     role="organiser")},
        # the record of the day (record/)
        "/api/events/{id}/credentials": {"get": _op(
            "The credentials report's figures now: summoned, present, absent with reasons, composition with "
            "percentages", "record", _obj("summoned", "present", "absent", "present_pct", "absent_list", "composition",
                                          "groups", "valid"), role="organiser or mc")},
        "/api/events/{id}/credentials.pdf": {"get": _op("The credentials report (Báo cáo thẩm tra tư cách đại biểu), PDF",
                                                        "record", role="organiser")},
        "/api/events/{id}/credentials.docx": {"get": _op("The credentials report as Word", "record", role="organiser")},
        "/api/events/{id}/minutes.pdf": {"get": _op("The minutes (biên bản) of the day, PDF", "record", role="organiser")},
        "/api/events/{id}/minutes.docx": {"get": _op("The minutes as Word, for the secretariat to edit", "record",
                                                     role="organiser")},
        "/api/events/{id}/audit": {"get": _op("The audit trail, newest first", "record", {"type": "array", "items": _obj(
            "at", "username", "action", "detail")}, role="organiser")},
        "/api/events/{id}/archive.xlsx": {"get": _op("The archive: every list and result in one workbook", "record",
                                                     role="organiser")},
        "/api/loop": {"get": _op(
            "How late the server's loop has woken (gevent): stalls over LOOP_STALL_MS with the request that caused "
            "them, the largest lag, the last minute's p99; {\"running\": false} in a threaded server", "jobs",
            _obj("running"), role="organiser", params=())},
        "/api/events/{id}/jobs": {"post": _op(
            "Start making a heavy file off the server's loop (a running one of the same kind is shared): kind "
            "badges.pdf, attendance.xlsx, credentials.pdf, credentials.docx, minutes.pdf, minutes.docx, archive.xlsx, "
            "honours.xlsx or script.pdf; 202 with the job", "jobs", JOB, _obj(kind={"type": "string"}),
            role="organiser")},
        "/api/events/{id}/jobs/{job_id}": {"get": _op(
            "A job's progress: status queued, running, done or failed (with error and message), done of total, "
            "and the file's address once done", "jobs", JOB, role="organiser", params=(EVENT_ID, JOB_ID))},
        "/api/events/{id}/jobs/{job_id}/file": {"get": _op(
            "The job's file, the same bytes as the file's own GET; 409 while it is being made", "jobs",
            role="organiser", params=(EVENT_ID, JOB_ID))},
        "/api/events/{id}/delegates/{delegate_id}/absence": {"post": _op(
            "Record why a delegate is absent (empty clears it)", "record", {"type": "object"},
            _obj(reason={"type": ["string", "null"], "maxLength": 300}), role="organiser",
            params=(EVENT_ID, DELEGATE_ID))},
    },
}

# delegations, seats and the kiosk stand (seating/, stand/)
SEAT = {"type": ["object", "null"], "properties": {"zone": {"type": "string"}, "row": {"type": "string"},
                                                   "seat": {"type": "string"}}}
SPEC["paths"].update({
    "/api/events/{id}/delegations": {"get": _op(
        "The delegations (đoàn) with their head, summoned and present", "seating",
        {"type": "array", "items": _obj("name", "head", summoned={"type": "integer"}, present={"type": "integer"})},
        role="organiser, presidium or mc")},
    "/api/events/{id}/seats/assign": {"post": _op(
        "Seat the delegates (not guests) zone by zone, row by row, delegations kept together in the list's order "
        "(head first); the zones become the hall's plan", "seating", _obj(seated={"type": "integer"}),
        _obj(zones={"type": "array", "items": _obj(zone={"type": "string"}, rows={"type": "integer"},
                                                   seats_per_row={"type": "integer"})}), role="organiser")},
    "/api/events/{id}/seats/import": {"post": _op(
        "Seats from a file (.xlsx / .csv, multipart field `file`): “Mã đại biểu” or “Họ và tên” (with “Đơn vị”), "
        "“Khu”, “Hàng”, “Ghế”; all or nothing, problems with row and column", "seating",
        _obj(seated={"type": "integer"}), role="organiser")},
    "/api/events/{id}/seating": {"get": _op(
        "The hall plan: zones, rows, seats with who sits there (delegate_id null: empty) and whether present",
        "seating", _obj("zones"), role="organiser or presidium")},
    "/api/events/{id}/seating/present": {"get": _op(
        "The seats of the delegates present now, [[zone, row, seat], ...]: the live plan's read after each burst of "
        "arrivals", "seating", _obj("present"), role="organiser or presidium")},
    "/api/events/{id}/seating/layout": {"get": _op(
        "The hall's zones, rows and seat labels, naming nobody (what a kiosk stand needs to light a seat)",
        "seating", _obj("zones"), role="any signed in")},
    "/api/events/{id}/arrivals": {"get": _op(
        "Delegates (not guests) present and summoned: what the arrival slide counts", "stand",
        _obj(present={"type": "integer"}, summoned={"type": "integer"}))},
    "/api/events/{id}/arrival/wifi.svg": {"get": _op(
        "The QR that joins the hall Wi-Fi (404 when the event has none)", "stand")},
    "/api/events/{id}/arrival/follow.svg": {"get": _op("The QR of the follow page, at the hall's address", "stand")},
    "/api/events/{id}/kiosk/pin": {"post": _op(
        "Set the organiser's PIN (4-8 digits) that lets a kiosk stand of the event be left", "stand",
        body=_obj(pin={"type": "string", "pattern": "^[0-9]{4,8}$"}), role="organiser")},
    "/api/events/{id}/kiosk/unlock": {"post": _op(
        "A kiosk stand asks to be left: 200 for the right PIN, 403 bad_pin or no_pin, 429 after too many tries",
        "stand", body=_obj(pin={"type": "string"}), role="kiosk")},
})

# the delegate's own page and the papers of the congress (phone/, papers/): API.md "The delegate's page"
DOC_ID = {"name": "doc_id", "in": "path", "required": True, "schema": {"type": "integer"}}
DOCUMENT = _obj("id", "title", "pages")
SPEC["paths"].update({
    "/api/me/{token}": {"get": _op(
        "The delegate's own page data, no session: delegate {id, full_name, unit, delegation, seat, title, place, "
        "head}, event {id, name}, badge_code, checked_in_at, documents [{id, title, pages}], open_vote (a vote, with "
        "ballot {entitled, voted} when electronic) and, for a delegation's head, delegation_members [{full_name, "
        "unit, arrived}]; 404 unknown_token (also for a revoked badge); wrong tokens are throttled per address",
        "phone", _obj("delegate", "event", "badge_code", "checked_in_at", "documents", "open_vote"),
        params=(TOKEN,))},
    "/api/me/{token}/documents/{doc_id}": {"get": _op(
        "The delegate's copy of a paper (application/pdf), every page marked with their full name; ?download=1 as "
        "an attachment; 404 document_not_found when it is not for them", "phone", params=(TOKEN, DOC_ID))},
    "/api/events/{id}/documents": {
        "post": _op("Upload a paper: multipart `file` (PDF, at most 15 MB), `title`, optional `delegation` (only "
                    "that delegation sees it); 201 {id, title, pages}; 400 not_pdf, too_large, unknown_delegation",
                    "papers", DOCUMENT, role="organiser"),
        "get": _op("The event's papers in order, with their audience and the number of opens (no names)", "papers",
                   {"type": "array", "items": DOCUMENT}, role="organiser")},
    "/api/events/{id}/documents/{doc_id}": {
        "post": _op("Retitle a paper or change who sees it (`delegation`: a delegation, or empty for all)", "papers",
                    DOCUMENT, _obj(title={"type": "string", "maxLength": 300},
                                   delegation={"type": ["string", "null"]}), role="organiser",
                    params=(EVENT_ID, DOC_ID)),
        "delete": _op("Remove a paper and every marked copy of it", "papers", role="organiser",
                      params=(EVENT_ID, DOC_ID))},
})
