"""The small ones of issue 20: a `next=` with control characters is a 400 (not a 500 after a good sign-in), a
"/\\host" next stays on this server, and guessing ballot tokens or pairing codes is slowed per address."""
import pytest

from tests.fixtures.accounts import PASSWORDS


def form_token(client, path="/login"):
    import re
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


@pytest.mark.parametrize("target", ["/%0D%0ASet-Cookie:%20a=b", "/admin%0A", "/%7F", "/%00"])
def test_a_next_with_control_characters_is_a_400(client, users, target):
    token = form_token(client)
    answer = client.post(f"/login?next={target}", data={"csrf_token": token, "username": "organiser1",
                                                        "password": PASSWORDS["organiser"]})
    assert answer.status_code == 400
    assert "chuyển tiếp" in answer.get_data(as_text=True)


def test_a_next_with_a_backslash_stays_on_this_server(client, users):
    token = form_token(client)
    answer = client.post("/login?next=/%5Cevil.example", data={"csrf_token": token, "username": "organiser1",
                                                               "password": PASSWORDS["organiser"]})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


def test_guessing_ballot_tokens_is_throttled_per_address(app, client):
    app.config["TOKEN_GUESSES_PER_MINUTE"] = 5
    answers = [client.get(f"/api/ballots/KHONGCO{n:022d}").status_code for n in range(7)]
    assert answers == [404] * 5 + [429] * 2
    refused = client.post("/api/ballots/KHONGCO", json={"vote_id": 1, "choice": "for"})
    assert refused.status_code == 429 and "một phút" in refused.get_json()["message"]
    # another address is not held back
    other = client.get("/api/ballots/KHONGCO", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 404


def test_guessing_pairing_codes_is_throttled_per_address(app, client):
    app.config["TOKEN_GUESSES_PER_MINUTE"] = 3
    answers = [client.get(f"/pair/ma-sai-{n}").status_code for n in range(5)]
    assert answers == [404, 404, 404, 429, 429]
