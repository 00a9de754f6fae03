"""One declaration per route (kiosk.schema): the body a route declares is checked with the Vietnamese 400 its model
names for the field at fault, and the same declaration is what /api/openapi.json publishes."""
import pytest
from flask import Blueprint, jsonify

from kiosk.openapi import document
from tests.helpers import make_app


@pytest.mark.parametrize(("body", "error", "message"), [
    ([1, 2], "bad_json", "Nội dung gửi lên phải là một đối tượng JSON."),
    ({"code": 5}, "bad_code", "Mã quét không hợp lệ."),
    ({"code": "x" * 201}, "bad_code", "Mã quét không hợp lệ."),
    ({"code": "A1", "scan_id": "short"}, "bad_scan_id", "Mã lượt quét không hợp lệ."),
    ({"code": "A1", "door": True}, "bad_door", "Tên cửa phải là chữ, tối đa 50 ký tự."),
])
def test_a_declared_body_is_refused_with_the_fields_own_words(door, event_id, body, error, message):
    answer = door.post(f"/api/events/{event_id}/checkin", json=body)
    assert answer.status_code == 400
    assert answer.get_json() == {"error": error, "message": message}


@pytest.mark.parametrize("offset", [True, 1.0, "1", 0, 2, None])
def test_strict_json_types_no_true_for_one(organiser, event_id, offset):
    speech = organiser.post(f"/api/events/{event_id}/speeches", json={"name": "Lê Thị Hoa", "topic": "Chuyển đổi số"})
    assert speech.status_code == 201
    moved = organiser.post(f"/api/events/{event_id}/speeches/{speech.get_json()['id']}/move", json={"offset": offset})
    assert moved.status_code == 400 and moved.get_json()["error"] == "bad_offset"


def test_a_stranger_is_told_to_sign_in_before_any_word_about_the_body(client, event_id):
    answer = client.post(f"/api/events/{event_id}/live/goto", json={"item_id": "không phải số"})
    assert answer.status_code == 401


def test_the_document_is_the_declarations(client):
    spec = client.get("/api/openapi.json").get_json()
    checkin = spec["paths"]["/api/events/{id}/checkin"]["post"]
    assert checkin["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Scan"}
    # a badge code, or a delegate found by name (delegate_id): the door is never given codes
    assert spec["components"]["schemas"]["Scan"]["properties"]["code"] == {
        "anyOf": [{"maxLength": 200, "type": "string"}, {"type": "null"}], "default": None, "title": "Code"}
    assert "delegate_id" in spec["components"]["schemas"]["Scan"]["properties"]
    walk_in = spec["paths"]["/api/events/{id}/delegates"]["post"]["responses"]
    assert "201" in walk_in and "200" not in walk_in
    badge = spec["paths"]["/api/events/{id}/delegates/{delegate_id}/badge.png"]["get"]["responses"]["200"]
    assert list(badge["content"]) == ["image/png"]
    minutes = spec["paths"]["/api/events/{id}/minutes.docx"]["get"]["responses"]["200"]
    assert list(minutes["content"]) == ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"]
    assert {"401", "403", "404", "409"} <= set(spec["paths"]["/api/events/{id}/votes/{vote_id}/close"]["post"]
                                              ["responses"])


def test_an_undeclared_api_route_is_an_error_not_a_silent_gap(tmp_path):
    app = make_app(tmp_path)
    extra = Blueprint("undeclared", __name__)
    extra.add_url_rule("/api/undeclared", "undeclared", lambda: jsonify(status="ok"))
    app.register_blueprint(extra)
    with pytest.raises(LookupError, match="/api/undeclared"):
        document(app)


def test_a_multipart_part_without_a_name_is_a_400_not_a_500(organiser, event_id):
    """Found by Schemathesis once it was signed in: Flask-WTF's token lookup fell over the nameless field."""
    body = b"--x\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--x--\r\n"
    answer = organiser.post(f"/api/events/{event_id}/delegates/import", data=body,
                            headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert answer.status_code == 400 and answer.get_json()["error"] == "bad_form"
