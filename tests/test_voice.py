"""Opinions to the presidium and requests to speak over HTTP (issue 23, points 3 to 5): the shapes of API.md, who may
read and decide what, the Vietnamese refusals, the token's limits, the speaker put at the end of the list."""
import unicodedata

import pytest

from tests.voice_helpers import as_role, item_of_kind, token_of, voice_accounts

REFUSED_FOR_OPINIONS = ("door", "usher", "display", "mc")


@pytest.fixture
def hall(app, users, event_id):
    """The accounts (with a secretary and a presidium), An's token, and clients by role."""
    accounts = voice_accounts(app, users)
    return {"users": accounts, "token": token_of(app, event_id), "event": event_id,
            "as": lambda role: as_role(app, accounts, role)}


def send(client, token, **body):
    return client.post(f"/api/me/{token}/opinions", json=body)


def test_an_opinion_is_received_and_read_by_the_secretariat_oldest_first(client, hall):
    report = item_of_kind(client.application, hall["event"], "report")
    first = send(client, hall["token"], text="  Đề nghị bổ sung số liệu xã Vũ Hội.  ", item_id=report)
    second = send(client, hall["token"], text="Ý kiến chung về tổ chức đại hội.")
    assert first.status_code == 201 and second.status_code == 201
    assert first.get_json()["status"] == "received" and isinstance(first.get_json()["id"], int)
    assert first.headers["Cache-Control"] == "no-store"
    listed = hall["as"]("secretary").client.get(f"/api/events/{hall['event']}/opinions")
    assert listed.status_code == 200 and listed.headers["Cache-Control"] == "no-store"
    rows = listed.get_json()
    assert [r["id"] for r in rows] == [first.get_json()["id"], second.get_json()["id"]]
    assert set(rows[0]) >= {"id", "text", "at", "item_id", "status", "delegate"}
    assert rows[0]["text"] == "Đề nghị bổ sung số liệu xã Vũ Hội." and rows[0]["item_id"] == report
    assert rows[0]["delegate"] == {"full_name": "Nguyễn Văn An", "unit": "UBND xã Vũ Hội"}
    assert rows[1]["item_id"] is None and rows[1]["status"] == "received"


@pytest.mark.parametrize("text,code,words", [
    ("", "empty_text", "Xin nhập nội dung ý kiến"),
    ("   \n\t ", "empty_text", "Xin nhập nội dung ý kiến"),
    ("a" * 2001, "text_too_long", "quá giới hạn 2.000 ký tự"),
    (12, "bad_text", "phải là chữ"),
])
def test_a_bad_opinion_gets_a_vietnamese_400_and_nothing_is_kept(client, hall, text, code, words):
    answer = send(client, hall["token"], text=text)
    assert answer.status_code == 400
    assert answer.get_json()["error"] == code and words in answer.get_json()["message"]
    assert hall["as"]("organiser").client.get(f"/api/events/{hall['event']}/opinions").get_json() == []


def test_length_is_counted_after_nfc_and_trimming(client, hall):
    decomposed = unicodedata.normalize("NFD", "ế") * 2000  # 4,000 code points as typed, 2,000 letters as read
    assert send(client, hall["token"], text=f"  {decomposed}  ").status_code == 201
    kept = hall["as"]("secretary").client.get(f"/api/events/{hall['event']}/opinions").get_json()[0]["text"]
    assert kept == "ế" * 2000


def test_an_item_of_another_event_or_none_at_all_is_refused(app, client, hall):
    from tests.factories import build_event
    with app.app_context():
        other = build_event()
    answer = send(client, hall["token"], text="Ý kiến", item_id=item_of_kind(app, other, "report"))
    assert answer.status_code == 400 and answer.get_json()["error"] == "bad_item"
    assert send(client, hall["token"], text="Ý kiến", item_id="một").status_code == 400


def test_tokens_unknown_revoked_and_guessed(app, client, hall):
    from kiosk.extensions import db
    from models import Delegate
    assert send(client, "KHONGPHAIMA", text="x").status_code == 404
    assert client.get("/api/me/KHONGPHAIMA/voice").get_json()["error"] == "unknown_token"
    with app.app_context():
        db.session.query(Delegate).filter_by(ballot_token=token_of(app, hall["event"], "Lê Đức Cường")).update(
            {"revoked": True})
        db.session.commit()
    revoked = send(client, token_of(app, hall["event"], "Lê Đức Cường"), text="x")
    assert revoked.status_code == 403 and "thu hồi" in revoked.get_json()["message"]
    for n in range(25):
        client.get(f"/api/me/SAI{n:03d}/floor")
    refused = send(client, hall["token"], text="đúng mã, nhưng địa chỉ này đoán sai quá nhiều")
    assert refused.status_code == 429 and "quá nhiều" in refused.get_json()["message"]


def test_one_delegate_cannot_flood_the_secretariat(app, client, hall):
    app.config["OPINIONS_PER_MINUTE"] = 3
    assert [send(client, hall["token"], text=f"Ý kiến {n}").status_code for n in range(4)] == [201, 201, 201, 429]
    assert send(client, token_of(app, hall["event"], "Trần Thị Bình"), text="Người khác vẫn gửi được").status_code == 201


@pytest.mark.parametrize("role", REFUSED_FOR_OPINIONS)
def test_opinions_are_not_for_the_door_the_ushers_the_screens_or_the_mc(client, hall, role):
    opinion = send(client, hall["token"], text="Chỉ Thư ký đọc").get_json()["id"]
    other = hall["as"](role)
    assert other.client.get(f"/api/events/{hall['event']}/opinions").status_code == 403
    assert other.post(f"/api/events/{hall['event']}/opinions/{opinion}/forward").status_code == 403
    assert other.client.get(f"/secretariat/{hall['event']}").status_code == 403
    assert other.client.get(f"/presidium/{hall['event']}").status_code == 403


def test_anonymous_gets_no_opinion(client, hall):
    opinion = send(client, hall["token"], text="Chỉ Thư ký đọc").get_json()["id"]
    assert client.get(f"/api/events/{hall['event']}/opinions").status_code == 401
    assert client.post(f"/api/events/{hall['event']}/opinions/{opinion}/forward").status_code == 401


def test_the_secretariat_forwards_and_the_presidium_reads_only_what_was_forwarded(client, hall):
    kept = [send(client, hall["token"], text=f"Ý kiến số {n}").get_json()["id"] for n in range(3)]
    presidium, secretary = hall["as"]("presidium"), hall["as"]("secretary")
    refused = presidium.post(f"/api/events/{hall['event']}/opinions/{kept[1]}/forward")
    assert refused.status_code == 403
    assert presidium.client.get(f"/api/events/{hall['event']}/opinions").get_json() == []
    forwarded = secretary.post(f"/api/events/{hall['event']}/opinions/{kept[1]}/forward")
    assert forwarded.status_code == 200
    assert forwarded.get_json()["status"] == "forwarded" and forwarded.get_json()["text"] == "Ý kiến số 1"
    again = hall["as"]("organiser").post(f"/api/events/{hall['event']}/opinions/{kept[1]}/forward")
    assert again.status_code == 200 and again.get_json()["forwarded_at"] == forwarded.get_json()["forwarded_at"]
    seen = presidium.client.get(f"/api/events/{hall['event']}/opinions").get_json()
    assert [(o["id"], o["status"]) for o in seen] == [(kept[1], "forwarded")]
    everything = secretary.client.get(f"/api/events/{hall['event']}/opinions").get_json()
    assert [o["status"] for o in everything] == ["received", "forwarded", "received"]
    assert secretary.post(f"/api/events/{hall['event']}/opinions/99999/forward").status_code == 404


def test_secretary_and_presidium_accounts_are_bound_to_their_event(app, users, event_id):
    from tests.factories import build_event
    with app.app_context():
        other = build_event()
    accounts = voice_accounts(app, users, event_id)
    for role in ("secretary", "presidium"):
        them = as_role(app, accounts, role)
        assert them.client.get(f"/api/events/{event_id}/opinions").status_code == 200
        elsewhere = them.client.get(f"/api/events/{other}/opinions")
        assert elsewhere.status_code == 403 and elsewhere.get_json()["error"] == "other_event"
        assert them.client.get(f"/presidium/{other}").status_code == 403


def test_the_pages_and_the_phone_part_answer_no_store(client, hall):
    assert hall["as"]("secretary").client.get(f"/secretariat/{hall['event']}").headers["Cache-Control"] == "no-store"
    page = hall["as"]("presidium").client.get(f"/presidium/{hall['event']}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    phone = client.get(f"/me/{hall['token']}/voice")
    assert phone.status_code == 200 and phone.headers["Cache-Control"] == "no-store"
    assert "Ý kiến gửi Đoàn Chủ tịch" in phone.get_data(as_text=True)
    assert client.get("/me/KHONGPHAIMA/voice").status_code == 404


# ---- the floor ------------------------------------------------------------------------------------------------------

def ask(client, token, item_id, topic="Kinh nghiệm xây dựng nông thôn mới"):
    return client.post(f"/api/me/{token}/floor", json={"item_id": item_id, "topic": topic})


def test_a_request_to_speak_accepted_puts_the_delegate_at_the_end_of_the_speakers(client, hall):
    speeches = item_of_kind(client.application, hall["event"], "speeches")
    asked = ask(client, hall["token"], speeches)
    assert asked.status_code == 201
    assert {k: asked.get_json()[k] for k in ("id", "status")} == {"id": asked.get_json()["id"], "status": "requested"}
    mc = hall["as"]("mc")
    listed = mc.client.get(f"/api/events/{hall['event']}/floor").get_json()
    assert listed == [{"id": asked.get_json()["id"], "item_id": speeches, "topic": "Kinh nghiệm xây dựng nông thôn mới",
                       "status": "requested", "at": listed[0]["at"], "speech_id": None,
                       "delegate": {"full_name": "Nguyễn Văn An", "unit": "UBND xã Vũ Hội"}}]
    version = client.get(f"/api/events/{hall['event']}/live").get_json()["version"]
    accepted = mc.post(f"/api/events/{hall['event']}/floor/{asked.get_json()['id']}/accept")
    assert accepted.status_code == 200 and accepted.get_json()["status"] == "accepted"
    after = client.get(f"/api/events/{hall['event']}/live").get_json()
    assert after["version"] == version + 1  # through the live state: one change, one broadcast
    speakers = client.get(f"/api/events/{hall['event']}/speeches").get_json()
    assert [s["name"] for s in speakers] == ["Diễn giả 1", "Diễn giả 2", "Nguyễn Văn An"]
    assert speakers[-1]["topic"] == "Kinh nghiệm xây dựng nông thôn mới" and speakers[-1]["position"] == 3
    assert speakers[-1]["id"] == accepted.get_json()["speech_id"]
    # accepting again changes nothing; declining it now is refused
    assert mc.post(f"/api/events/{hall['event']}/floor/{asked.get_json()['id']}/accept").status_code == 200
    assert client.get(f"/api/events/{hall['event']}/live").get_json()["version"] == version + 1
    assert mc.post(f"/api/events/{hall['event']}/floor/{asked.get_json()['id']}/decline").status_code == 409
    audit = hall["as"]("organiser").client.get(f"/api/events/{hall['event']}/audit").get_json()
    assert any(line["action"] == "floor" and "Nguyễn Văn An" in line["detail"] for line in audit)


def test_a_declined_request_adds_nobody(client, hall):
    speeches = item_of_kind(client.application, hall["event"], "speeches")
    asked = ask(client, hall["token"], speeches).get_json()
    declined = hall["as"]("organiser").post(f"/api/events/{hall['event']}/floor/{asked['id']}/decline")
    assert declined.status_code == 200 and declined.get_json()["status"] == "declined"
    assert len(client.get(f"/api/events/{hall['event']}/speeches").get_json()) == 2
    mine = client.get(f"/api/me/{hall['token']}/floor").get_json()["requests"]
    assert [r["status"] for r in mine] == ["declined"]


def test_floor_requests_refused_politely(client, hall):
    speeches = item_of_kind(client.application, hall["event"], "speeches")
    report = item_of_kind(client.application, hall["event"], "report")
    for item, topic, code in ((report, "Về báo cáo", "bad_item"), (speeches, "  ", "empty_topic"),
                              (speeches, "x" * 501, "topic_too_long"), (None, "Về báo cáo", "bad_item")):
        answer = ask(client, hall["token"], item, topic)
        assert answer.status_code == 400 and answer.get_json()["error"] == code
        assert answer.get_json()["message"][0].isupper()  # a sentence for people, not a code
    assert ask(client, hall["token"], speeches).status_code == 201
    twice = ask(client, hall["token"], speeches)
    assert twice.status_code == 409 and "đã đăng ký" in twice.get_json()["message"]


@pytest.mark.parametrize("role", ("door", "usher", "display", "secretary", "presidium"))
def test_only_the_mc_and_organisers_see_and_decide_requests(client, hall, role):
    speeches = item_of_kind(client.application, hall["event"], "speeches")
    asked = ask(client, hall["token"], speeches).get_json()
    other = hall["as"](role)
    assert other.client.get(f"/api/events/{hall['event']}/floor").status_code == 403
    assert other.post(f"/api/events/{hall['event']}/floor/{asked['id']}/accept").status_code == 403
    assert client.get(f"/api/events/{hall['event']}/floor").status_code == 401
    assert len(client.get(f"/api/events/{hall['event']}/speeches").get_json()) == 2


def test_the_phone_says_when_it_is_the_delegates_turn(client, hall):
    event, token = hall["event"], hall["token"]
    speeches = item_of_kind(client.application, event, "speeches")
    asked = ask(client, token, speeches).get_json()
    mc = hall["as"]("mc")
    mc.post(f"/api/events/{event}/floor/{asked['id']}/accept")

    def turn():
        return client.get(f"/api/me/{token}/floor").get_json()["requests"][0]

    assert turn()["status"] == "accepted" and turn()["turn"] == "waiting" and turn()["ahead"] == 2
    mc.post(f"/api/events/{event}/live/goto", json={"item_id": speeches})  # the item's own slide
    assert (turn()["turn"], turn()["ahead"]) == ("waiting", 2)
    mc.post(f"/api/events/{event}/live/next")  # Diễn giả 1
    assert (turn()["turn"], turn()["ahead"]) == ("waiting", 1)
    mc.post(f"/api/events/{event}/live/next")  # Diễn giả 2: An is next
    assert turn()["turn"] == "next"
    mc.post(f"/api/events/{event}/live/screen", json={"kind": "announcement", "text": "Mời nghỉ giải lao"})
    assert turn()["turn"] == "next"  # a side trip: the programme is still at Diễn giả 2
    mc.post(f"/api/events/{event}/live/back")
    state = mc.post(f"/api/events/{event}/live/next").get_json()
    assert state["screen"]["kind"] == "speaker" and state["screen"]["name"] == "Nguyễn Văn An"
    assert turn()["turn"] == "now"
    mc.post(f"/api/events/{event}/live/clock", json={"action": "start"})
    mc.post(f"/api/events/{event}/live/clock", json={"action": "stop"})
    assert turn()["turn"] == "spoken"


def test_the_phone_lists_the_items_and_its_own_things_only(client, hall):
    event = hall["event"]
    send(client, hall["token"], text="Của An")
    send(client, token_of(client.application, event, "Trần Thị Bình"), text="Của Bình")
    data = client.get(f"/api/me/{hall['token']}/voice").get_json()
    assert [o["text"] for o in data["opinions"]] == ["Của An"] and "delegate" not in data["opinions"][0]
    floor_items = [i["id"] for i in data["items"] if i["floor"]]
    assert floor_items == [item_of_kind(client.application, event, "speeches")]
    assert data["floor"] == []


def test_secretary_and_presidium_accounts_from_the_command_line_and_the_accounts_page(app, runner, organiser, event_id):
    from kiosk.extensions import db
    from kiosk.identity.accounts import assigned_events
    from models import User
    from tests.helpers import form_token
    made = runner.invoke(args=["create-user", "chutich2", "--role", "presidium", "--password", "mat-khau-dct-2",
                               "--event", str(event_id)])
    assert made.exit_code == 0 and "Đoàn Chủ tịch" in made.output and f"sự kiện {event_id}" in made.output
    page = organiser.client.get("/admin").get_data(as_text=True)
    assert "Thư ký (đọc, chuyển ý kiến đại biểu)" in page and "thư ký, Đoàn Chủ tịch)" in page
    organiser.client.post("/admin/users", data={"csrf_token": form_token(page), "username": "thuky2",
                                                "role": "secretary", "password": "mat-khau-tk-2",
                                                "event_ids": str(event_id)})
    with app.app_context():
        users = {u.username: u for u in db.session.query(User).filter(User.username.in_(["chutich2", "thuky2"]))}
        assert users["chutich2"].role == "presidium" and assigned_events(users["chutich2"].id) == [event_id]
        assert users["thuky2"].role == "secretary" and assigned_events(users["thuky2"].id) == [event_id]


def test_the_partials_render_where_the_delegates_page_includes_them(app, hall):
    """The phone's /me/{token} page includes both parts by name, with `token`, `event_id` and `delegate_id`."""
    from flask import render_template_string
    with app.test_request_context("/"):
        html = render_template_string('{% include "me/_opinions.html" ignore missing %}'
                                      '{% include "me/_floor.html" ignore missing %}',
                                      token=hall["token"], event_id=hall["event"], delegate_id=1)
    assert f'data-token="{hall["token"]}"' in html and f'data-event="{hall["event"]}"' in html
    assert "/static/js/me/opinions.js" in html and "/static/js/me/floor.js" in html
    assert "<script>" not in html  # modules only: the strict policy allows no inline script
