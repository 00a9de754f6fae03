"""Nothing a client can send is answered with a 500: every API route against odd input."""
import re

import pytest

BODIES = [None, "", "không phải json", "[]", "123", '{"item_id": {"a": 1}}', '{"kind": null}',
          '{"code": "\\u0000", "door": "\\ud800"}', '{"event_id": 1e309}']


@pytest.mark.parametrize("role", [None, "mc", "door", "organiser"])
def test_no_route_answers_500(app, auth, event_id, role):
    if role:
        auth.login(role)
    routes = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static" and "logout" not in rule.rule]
    for rule in routes:
        url = re.sub(r"<int:\w+>", "1", rule.rule.replace("<int:event_id>", str(event_id)))  # ids that exist
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            for body in (BODIES if method == "POST" else [None]):
                answer = auth.client.open(url, method=method, data=body, content_type="application/json",
                                          headers={"X-CSRFToken": auth.csrf or ""})
                assert answer.status_code < 500, (method, url, body, answer.status_code)
                if url.startswith("/api/") and answer.status_code >= 400:
                    error = answer.get_json()
                    assert set(error) == {"error", "message"} and error["message"], (method, url, body)


def test_unknown_api_path_is_json_404_in_vietnamese(client):
    answer = client.get("/api/khong-co")
    assert answer.status_code == 404 and answer.get_json() == {"error": "not_found", "message": "Không tìm thấy."}


def test_openapi_document_lists_the_contract(client):
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for path in ("/healthz", "/api/login", "/api/events/{id}/live/next", "/api/events/{id}/checkin",
                 "/api/events/{id}/honours", "/api/events/{id}/attendance"):
        assert path in spec["paths"]


def test_openapi_document_covers_every_api_route(app, client):
    import re
    paths = set(client.get("/api/openapi.json").get_json()["paths"])
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or rule.rule == "/healthz":
            documented = re.sub(r"<int:event_id>", "{id}", re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule))
            documented = documented.replace("{event_id}", "{id}")
            assert documented in paths, rule.rule


def test_healthz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
