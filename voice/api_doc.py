"""The voice routes in the OpenAPI document (kiosk.openapi), declared beside them."""
from kiosk.openapi import ERROR, EVENT_ID, SPEC, TOKEN, _obj, _op

OPINION_ID = {"name": "opinion_id", "in": "path", "required": True, "schema": {"type": "integer"}}
REQUEST_ID = {"name": "request_id", "in": "path", "required": True, "schema": {"type": "integer"}}
WHO = _obj("full_name", "unit")
OPINION = _obj("id", "text", "at", "item_id", status={"enum": ["received", "forwarded"]}, delegate=WHO)
FLOOR = _obj("id", "item_id", "topic", status={"enum": ["requested", "accepted", "declined"]}, delegate=WHO)


def _answers(op: dict, created: bool = False, *statuses: tuple[str, str]) -> dict:
    if created:
        op["responses"]["201"] = op["responses"].pop("200")
    for status, what in statuses:
        op["responses"][status] = {"description": what, "content": {"application/json": {"schema": ERROR}}}
    return op


_TOKEN_REFUSALS = (("403", "The token's badge was taken back (revoked)"),
                   ("429", "Too many wrong tokens from this address, or too many opinions a minute"))

SPEC["paths"].update({
    "/api/me/{token}/voice": {"get": _answers(_op(
        "The delegate's programme items to choose from (`floor`: one may ask to speak on it), their own opinions and "
        "requests to speak", "voice", _obj("items", "opinions", "floor"), params=(TOKEN,)), False, *_TOKEN_REFUSALS)},
    "/api/me/{token}/opinions": {
        "post": _answers(_op(
            "An opinion to the presidium (1 to 2,000 characters after NFC and trimming), on an item or in general",
            "voice", _obj("id", status={"const": "received"}),
            {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "maxLength": 2000},
                                                                  "item_id": {"type": ["integer", "null"]}}},
            params=(TOKEN,)), True, *_TOKEN_REFUSALS),
        "get": _answers(_op("The delegate's own opinions, oldest first", "voice", _obj("opinions"), params=(TOKEN,)),
                        False, *_TOKEN_REFUSALS)},
    "/api/me/{token}/floor": {
        "post": _answers(_op(
            "Ask to speak on a speeches item, with a topic (1 to 500 characters); 409 when already waiting there",
            "voice", _obj("id", status={"const": "requested"}),
            _obj(item_id={"type": "integer"}, topic={"type": "string", "maxLength": 500}), params=(TOKEN,)),
            True, ("409", "Already waiting on this item"), *_TOKEN_REFUSALS),
        "get": _answers(_op(
            "The delegate's requests to speak, with `turn`: now, next, waiting (`ahead` before them), spoken or null",
            "voice", _obj("requests"), params=(TOKEN,)), False, *_TOKEN_REFUSALS)},
    "/api/events/{id}/opinions": {"get": _op(
        "The opinions, oldest first (the presidium gets the forwarded ones only; `?status=forwarded` for anyone)",
        "voice", {"type": "array", "items": OPINION}, role="organiser, secretary or presidium")},
    "/api/events/{id}/opinions/{opinion_id}/forward": {"post": _op(
        "Forward an opinion to the presidium's screen (again: unchanged)", "voice", OPINION,
        role="organiser or secretary", params=(EVENT_ID, OPINION_ID))},
    "/api/events/{id}/floor": {"get": _op(
        "The requests to speak, oldest first", "voice", {"type": "array", "items": FLOOR}, role="mc or organiser")},
    "/api/events/{id}/floor/{request_id}/accept": {"post": _answers(_op(
        "Accept: the delegate is added at the end of the speakers' list (live state version + 1)", "voice", FLOOR,
        role="mc or organiser", params=(EVENT_ID, REQUEST_ID)), False, ("409", "Declined before"))},
    "/api/events/{id}/floor/{request_id}/decline": {"post": _answers(_op(
        "Decline a request to speak", "voice", FLOOR, role="mc or organiser", params=(EVENT_ID, REQUEST_ID)),
        False, ("409", "Accepted before"))},
})
