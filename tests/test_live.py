"""The live-state engine through the MC's HTTP routes: steps, sub-steps, screens, versions, bad input."""
import pytest

from tests.helpers import count_queries


def live(client, event_id):
    return client.get(f"/api/events/{event_id}/live").get_json()


def test_initial_state_shows_the_welcome_before_the_first_item(client, event_id):
    state = live(client, event_id)
    assert state["version"] == 1 and state["item"] is None and state["screen"] == {"kind": "programme"}
    assert state["next_item"]["title"] == "Chào cờ"
    assert state["updated_at"].endswith("+07:00")


def test_next_walks_the_programme_and_each_change_adds_exactly_one(mc, client, event_id):
    first = mc.post(f"/api/events/{event_id}/live/next").get_json()
    assert first["version"] == 2 and first["item"]["title"] == "Chào cờ" and first["item"]["kind"] == "flag_salute"
    second = mc.post(f"/api/events/{event_id}/live/next").get_json()
    assert second["version"] == 3 and second["item"]["title"] == "Khai mạc"
    back = mc.post(f"/api/events/{event_id}/live/previous").get_json()
    assert back["version"] == 4 and back["item"]["title"] == "Chào cờ"
    assert live(client, event_id) == back


def test_previous_at_the_first_and_next_at_the_last_change_nothing(mc, client, event_id):
    mc.post(f"/api/events/{event_id}/live/next")
    at_first = mc.post(f"/api/events/{event_id}/live/previous").get_json()
    assert at_first["version"] == 2 and at_first["item"]["title"] == "Chào cờ"
    items = client.get(f"/api/events/{event_id}/programme").get_json()
    last = mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items[-1]["id"]}).get_json()
    again = mc.post(f"/api/events/{event_id}/live/next").get_json()
    assert again == last and last["item"]["title"] == "Tổng kết và bế mạc"
    same = mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items[-1]["id"]}).get_json()
    assert same["version"] == last["version"]


def test_inside_the_speeches_item_next_calls_each_speaker_then_moves_on(mc, client, event_id):
    items = {i["kind"]: i for i in client.get(f"/api/events/{event_id}/programme").get_json()}
    speeches = client.get(f"/api/events/{event_id}/speeches").get_json()
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items["speeches"]["id"]})
    one = mc.post(f"/api/events/{event_id}/live/next").get_json()
    assert one["screen"]["kind"] == "speaker" and one["screen"]["speech_id"] == speeches[0]["id"]
    assert one["screen"]["name"] == "Diễn giả 1" and one["screen"]["topic"] == "Chủ đề 1"
    two = mc.post(f"/api/events/{event_id}/live/next").get_json()
    assert two["screen"]["speech_id"] == speeches[1]["id"] and two["item"]["kind"] == "speeches"
    moved_on = mc.post(f"/api/events/{event_id}/live/next").get_json()
    assert moved_on["item"]["kind"] == "exchange" and moved_on["screen"]["kind"] == "programme"
    back = mc.post(f"/api/events/{event_id}/live/previous").get_json()
    assert back["item"]["kind"] == "speeches"


def test_inside_the_honours_item_next_pages_through_each_group(mc, client, event_id):
    items = {i["kind"]: i for i in client.get(f"/api/events/{event_id}/programme").get_json()}
    groups = client.get(f"/api/events/{event_id}/honours").get_json()
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items["honours"]["id"]})
    seen = []
    for _ in range(5):
        screen = mc.post(f"/api/events/{event_id}/live/next").get_json()["screen"]
        seen.append((screen["kind"], screen.get("group_id"), screen.get("page")))
    # group 1 has 3 recipients (one page), group 2 has 15 (two pages of 12)
    assert seen == [("honours", groups[0]["id"], 1), ("honours", groups[1]["id"], 1), ("honours", groups[1]["id"], 2),
                    ("programme", None, None), ("programme", None, None)]


def test_screen_kinds(mc, event_id, client):
    blank = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "blank"}).get_json()
    assert blank["screen"] == {"kind": "blank"} and blank["version"] == 2
    said = mc.post(f"/api/events/{event_id}/live/screen",
                   json={"kind": "announcement", "text": "Mời các đại biểu ổn định chỗ ngồi"}).get_json()
    assert said["screen"] == {"kind": "announcement", "text": "Mời các đại biểu ổn định chỗ ngồi"}
    groups = client.get(f"/api/events/{event_id}/honours").get_json()
    page2 = mc.post(f"/api/events/{event_id}/live/screen",
                    json={"kind": "honours", "group_id": groups[1]["id"], "page": 2}).get_json()["screen"]
    assert page2["page"] == 2 and page2["pages"] == 2 and page2["award"] == "Bằng khen đợt 2"
    assert [r["name"] for r in page2["recipients"]] == [f"Người nhận {n:03d}" for n in range(9, 16)]
    assert "Quyết định số 2/QĐ-UBND ngày 01/06/2025" in page2["decision"]
    vote = client.get(f"/api/events/{event_id}/votes").get_json()[0]
    shown = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "vote", "vote_id": vote["id"]}).get_json()
    assert shown["screen"]["nominees"][0]["name"] == "Nguyễn Văn An"
    assert shown["version"] == 5


@pytest.mark.parametrize("body, code", [
    ({"kind": "phao-hoa"}, "bad_screen"),
    ({}, "bad_screen"),
    ({"kind": "announcement", "text": "   "}, "bad_text"),
    ({"kind": "announcement", "text": "x" * 501}, "bad_text"),
    ({"kind": "honours", "group_id": 99999}, "bad_group"),
    ({"kind": "honours", "group_id": "1"}, "bad_group"),
    ({"kind": "speaker", "speech_id": None}, "bad_speech"),
    ({"kind": "vote", "vote_id": [1]}, "bad_vote"),
])
def test_bad_screens_are_400_in_vietnamese_and_change_nothing(mc, client, event_id, body, code):
    answer = mc.post(f"/api/events/{event_id}/live/screen", json=body)
    assert answer.status_code == 400 and answer.get_json()["error"] == code and answer.get_json()["message"]
    assert live(client, event_id)["version"] == 1


def test_honours_page_out_of_range_is_refused(mc, client, event_id):
    group = client.get(f"/api/events/{event_id}/honours").get_json()[0]
    answer = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": group["id"], "page": 9})
    assert answer.status_code == 400 and "Trang phải từ 1 đến 1" in answer.get_json()["message"]


@pytest.mark.parametrize("body", [{"item_id": 99999}, {"item_id": "1"}, {}, {"item_id": True}])
def test_goto_an_unknown_item_is_400(mc, event_id, body):
    answer = mc.post(f"/api/events/{event_id}/live/goto", json=body)
    assert answer.status_code == 400 and answer.get_json()["error"] == "bad_item"


def test_live_of_an_unknown_event_is_404(mc, client):
    assert client.get("/api/events/999/live").status_code == 404
    assert mc.post("/api/events/999/live/next").status_code == 404


def test_a_live_step_takes_a_few_queries(app, mc, event_id):
    mc.post(f"/api/events/{event_id}/live/next")
    with count_queries(app) as statements:
        assert mc.post(f"/api/events/{event_id}/live/next").status_code == 200
    # user, state, items, the conditional UPDATE, the refresh after commit
    assert len(statements) <= 6, "\n".join(s.split("\n")[0][:60] + " " + s.split("WHERE")[-1][:50] for s in statements)
