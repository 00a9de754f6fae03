"""The hall's votes (API.md "Votes"): preparing, opening with the number entitled fixed, counts, verdicts at their
boundaries, electronic ballots (one delegate one ballot, under concurrent submissions too), and the hall's screen."""
import threading
import time

import pytest
import requests
from sqlalchemy import func, select

from display import timers
from kiosk.extensions import db
from kiosk.identity.accounts import create_account
from models import Delegate, User, VoteTally, VoteVoter
from models.vote import passes
from tests.factories import build_event
from tests.helpers import signed_in

VOTE_KEYS = {"id", "title", "method", "secret", "rule", "status", "entitled", "received", "counts", "verdict",
             "nominees"}


@pytest.fixture(autouse=True)
def redraws_done(app):
    """The hall's count is redrawn a moment after a ballot, in the background: let it finish before the
    database goes."""
    yield
    deadline = time.monotonic() + 5
    while timers.redraws_running() and time.monotonic() < deadline:
        time.sleep(0.02)


def delegates_of(app, event_id) -> list[Delegate]:
    with app.app_context():
        rows = db.session.scalars(select(Delegate).where(Delegate.event_id == event_id).order_by(Delegate.number))
        return [(d.id, d.ballot_token, d.code) for d in rows]


DOOR = ("cua-bieu-quyet", "cua-bieu-quyet-mat-khau")


def check_in(app, event_id, numbers, guest_numbers=()):
    """Delegates by their badge number arrive: their badges are scanned at the door, as on the day.
    `guest_numbers` are on the list as guests (the list's data, set first)."""
    with app.app_context():
        codes = []
        for d in db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)):
            if d.number in guest_numbers:
                d.is_guest = True
            if d.number in numbers:
                codes.append(d.code)
        db.session.commit()
        if db.session.scalar(select(User).where(User.username == DOOR[0])) is None:
            create_account(DOOR[0], "door", DOOR[1])
    door = signed_in(app, {"door": DOOR}, "door")
    for code in codes:
        answer = door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa chính"})
        assert answer.get_json()["result"] == "checked_in", answer.get_json()


def new_vote(organiser, event_id, **fields):
    body = {"title": "Thông qua danh sách đại biểu dự Đại hội cấp tỉnh", "method": "hands", "secret": False,
            "rule": "half_present", "nominee_ids": [], **fields}
    answer = organiser.post(f"/api/events/{event_id}/votes", json=body)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()


def ballot(client, token, vote_id, choice="for"):
    return client.post(f"/api/ballots/{token}", json={"vote_id": vote_id, "choice": choice})


# ---- preparing and opening ---------------------------------------------------------------------------

def test_the_organiser_prepares_a_vote_with_nominees_from_the_list(app, organiser, client, event_id):
    people = delegates_of(app, event_id)
    vote = new_vote(organiser, event_id, method="electronic", secret=True, rule="two_thirds_present",
                    nominee_ids=[people[2][0], people[0][0]])
    assert set(vote) >= VOTE_KEYS
    assert (vote["status"], vote["method"], vote["secret"], vote["rule"]) == ("draft", "electronic", True,
                                                                              "two_thirds_present")
    assert (vote["entitled"], vote["received"], vote["counts"], vote["verdict"]) == (None, 0, None, None)
    assert [(n["name"], n["unit"]) for n in vote["nominees"]] == [("Lê Đức Cường", "Công an huyện"),
                                                                  ("Nguyễn Văn An", "UBND xã Vũ Hội")]
    listed = client.get(f"/api/events/{event_id}/votes").get_json()
    assert [v["id"] for v in listed][-1] == vote["id"] and set(listed[-1]) >= VOTE_KEYS


@pytest.mark.parametrize("fields, code", [
    ({"title": "  "}, "bad_title"),
    ({"method": "show_of_hands"}, "bad_method"),
    ({"rule": "majority"}, "bad_rule"),
    ({"secret": "yes"}, "bad_secret"),
    ({"nominee_ids": [999999]}, "bad_nominees"),
    ({"nominee_ids": "1,2"}, "bad_nominees"),
])
def test_a_bad_vote_is_refused_in_vietnamese(organiser, event_id, fields, code):
    body = {"title": "Biểu quyết", **fields}
    answer = organiser.post(f"/api/events/{event_id}/votes", json=body)
    assert answer.status_code == 400 and answer.get_json()["error"] == code and answer.get_json()["message"]


def test_a_nominee_of_another_event_or_twice_is_refused(app, organiser, event_id):
    with app.app_context():
        other = build_event()
    stranger = delegates_of(app, other)[0][0]
    mine = delegates_of(app, event_id)[0][0]
    for ids in ([stranger], [mine, mine]):
        answer = organiser.post(f"/api/events/{event_id}/votes", json={"title": "Biểu quyết", "nominee_ids": ids})
        assert answer.status_code == 400 and answer.get_json()["error"] == "bad_nominees"


def test_only_the_organiser_prepares_and_only_the_mc_opens(app, auth, mc, organiser, event_id):
    assert auth.client.post(f"/api/events/{event_id}/votes", json={"title": "x"}).status_code == 401
    assert mc.post(f"/api/events/{event_id}/votes", json={"title": "x"}).status_code == 403
    vote = new_vote(organiser, event_id)
    auth.login("door")
    for action in ("open", "close"):
        assert auth.post(f"/api/events/{event_id}/votes/{vote['id']}/{action}").status_code == 403
    assert auth.client.get(f"/api/events/{event_id}/votes").get_json()[-1]["status"] == "draft"


def test_entitled_is_fixed_at_opening_from_delegates_present_not_guests(app, organiser, mc, client, event_id):
    check_in(app, event_id, numbers={1, 2, 3, 4}, guest_numbers={4})
    vote = new_vote(organiser, event_id)
    opened = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    assert opened.status_code == 200
    opened = opened.get_json()
    assert (opened["status"], opened["entitled"], opened["opened_at"] is not None) == ("open", 3, True)
    check_in(app, event_id, numbers={5, 6})  # arrivals after the opening change nothing
    assert client.get(f"/api/events/{event_id}/votes").get_json()[-1]["entitled"] == 3
    again = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    assert again.status_code == 409 and again.get_json()["error"] == "not_draft"


def test_a_vote_cannot_open_with_nobody_present(organiser, mc, client, event_id):
    vote = new_vote(organiser, event_id)
    answer = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    assert answer.status_code == 409 and answer.get_json()["error"] == "nobody_present"
    assert client.get(f"/api/events/{event_id}/votes").get_json()[-1]["status"] == "draft"


# ---- counts and verdicts -----------------------------------------------------------------------------

@pytest.mark.parametrize("counts, code", [
    ({"for": -1, "against": 0, "abstain": 0}, "bad_counts"),
    ({"for": 2, "against": 1, "abstain": 1}, "too_many"),  # 4 > 3 entitled
    ({"for": "2", "against": 0, "abstain": 0}, "bad_counts"),
    ({"for": 1, "against": 0}, "bad_counts"),
    ({"for": True, "against": 0, "abstain": 0}, "bad_counts"),
])
def test_counts_negative_or_above_entitled_are_refused(app, organiser, mc, client, event_id, counts, code):
    check_in(app, event_id, numbers={1, 2, 3})
    vote = new_vote(organiser, event_id)
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    answer = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/counts", json=counts)
    assert answer.status_code == 400 and answer.get_json()["error"] == code and answer.get_json()["message"]
    assert client.get(f"/api/events/{event_id}/votes").get_json()[-1]["counts"] is None


def test_counts_only_while_open_and_not_for_electronic_votes(app, organiser, mc, event_id):
    check_in(app, event_id, numbers={1, 2, 3})
    counts = {"for": 1, "against": 0, "abstain": 0}
    draft = new_vote(organiser, event_id)
    answer = mc.post(f"/api/events/{event_id}/votes/{draft['id']}/counts", json=counts)
    assert answer.status_code == 409 and answer.get_json()["error"] == "not_open"
    phones = new_vote(organiser, event_id, method="electronic")
    mc.post(f"/api/events/{event_id}/votes/{phones['id']}/open")
    answer = mc.post(f"/api/events/{event_id}/votes/{phones['id']}/counts", json=counts)
    assert answer.status_code == 409 and answer.get_json()["error"] == "electronic"
    closing = mc.post(f"/api/events/{event_id}/votes/{draft['id']}/close")
    assert closing.status_code == 409 and closing.get_json()["error"] == "not_open"


def test_a_show_of_hands_needs_its_counts_before_closing(app, organiser, mc, event_id):
    check_in(app, event_id, numbers={1, 2, 3})
    vote = new_vote(organiser, event_id)
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    answer = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/close")
    assert answer.status_code == 409 and answer.get_json()["error"] == "no_counts"


# present = delegates checked in (of 6 on the list, all voting delegates); for = votes in favour
@pytest.mark.parametrize("rule, present, votes_for, verdict", [
    ("half_present", 4, 2, "failed"),        # exactly half is not more than half
    ("half_present", 4, 3, "passed"),
    ("half_present", 5, 3, "passed"),
    ("half_present", 5, 2, "failed"),
    ("half_all", 5, 3, "failed"),            # 3 of the 6 on the list: exactly half
    ("half_all", 5, 4, "passed"),
    ("two_thirds_present", 6, 4, "passed"),  # 4 * 3 == 6 * 2: two thirds exactly
    ("two_thirds_present", 6, 3, "failed"),
    ("two_thirds_present", 5, 4, "passed"),  # 12 >= 10
    ("two_thirds_present", 5, 3, "failed"),  # 9 < 10: 60 % is not two thirds
])
def test_each_rule_at_its_boundary(app, organiser, mc, client, event_id, rule, present, votes_for, verdict):
    check_in(app, event_id, numbers=set(range(1, present + 1)))
    vote = new_vote(organiser, event_id, rule=rule)
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    counts = {"for": votes_for, "against": present - votes_for, "abstain": 0}
    counted = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/counts", json=counts).get_json()
    assert counted["counts"] == counts and counted["received"] == present and counted["verdict"] is None
    closed = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/close").get_json()
    assert (closed["status"], closed["verdict"], closed["counts"]) == ("closed", verdict, counts)
    assert closed["closed_at"] >= closed["opened_at"]
    assert client.get(f"/api/events/{event_id}/votes").get_json()[-1]["verdict"] == verdict


def test_the_rule_arithmetic_is_exact_on_large_halls():
    assert not passes("half_present", 250, 500, 600) and passes("half_present", 251, 500, 600)
    assert not passes("half_all", 300, 500, 600) and passes("half_all", 301, 500, 600)
    assert passes("two_thirds_present", 334, 501, 600) and not passes("two_thirds_present", 333, 501, 600)
    assert passes("two_thirds_present", 334, 500, 600) and not passes("two_thirds_present", 333, 500, 600)


# ---- electronic ballots ------------------------------------------------------------------------------

def test_each_delegate_has_a_ballot_token_unlike_the_badge_listed_for_the_organiser(app, organiser, door, event_id):
    listed = organiser.client.get(f"/api/events/{event_id}/delegates").get_json()
    tokens = [d["ballot_token"] for d in listed]
    assert len(set(tokens)) == len(tokens) == 6
    assert all(len(t) >= 22 and t != d["code"] for t, d in zip(tokens, listed, strict=True))  # 128 bits, base64
    found = door.client.get(f"/api/events/{event_id}/delegates/search?q=an").get_json()
    assert found and all("ballot_token" not in d for d in found)  # the door never sees it


def test_ballots_voted_already_voted_not_entitled_not_open(app, organiser, mc, client, event_id):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2, 3, 6}, guest_numbers={6})
    vote = new_vote(organiser, event_id, method="electronic")
    token = people[0][1]
    assert ballot(client, token, vote["id"]).get_json()["result"] == "not_open"  # still a draft
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    check_in(app, event_id, numbers={4})  # came in after the vote opened
    first = ballot(client, token, vote["id"], "against")
    assert first.status_code == 200 and first.get_json()["result"] == "voted"
    assert first.get_json()["choice"] == "against" and "KHÔNG TÁN THÀNH" in first.get_json()["message"]
    assert ballot(client, token, vote["id"], "for").get_json()["result"] == "already_voted"
    assert ballot(client, people[3][1], vote["id"]).get_json()["result"] == "not_entitled"  # late
    assert ballot(client, people[5][1], vote["id"]).get_json()["result"] == "not_entitled"  # a guest
    assert ballot(client, people[4][1], vote["id"]).get_json()["result"] == "not_entitled"  # absent
    shown = client.get(f"/api/events/{event_id}/votes").get_json()[-1]
    assert (shown["entitled"], shown["received"], shown["counts"]) == (3, 1, None)  # no running result
    ballot(client, people[1][1], vote["id"], "for")
    closed = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/close").get_json()
    assert closed["counts"] == {"for": 1, "against": 1, "abstain": 0} and closed["verdict"] == "failed"
    after = ballot(client, people[2][1], vote["id"])
    assert after.status_code == 200 and after.get_json()["result"] == "not_open"  # a closed vote refuses
    assert client.get(f"/api/events/{event_id}/votes").get_json()[-1]["received"] == 2


@pytest.mark.parametrize("body, status, code", [
    ({"vote_id": "1", "choice": "for"}, 400, "bad_vote"),
    ({"choice": "for"}, 400, "bad_vote"),
    ({"vote_id": 1, "choice": "yes"}, 400, "bad_choice"),
    ({"vote_id": 999999, "choice": "for"}, 404, "vote_not_found"),
])
def test_bad_ballots_are_refused_in_vietnamese(app, client, event_id, body, status, code):
    token = delegates_of(app, event_id)[0][1]
    answer = client.post(f"/api/ballots/{token}", json=body)
    assert answer.status_code == status and answer.get_json()["error"] == code and answer.get_json()["message"]


def test_an_unknown_token_or_a_show_of_hands_is_not_a_ballot(app, organiser, mc, client, event_id):
    check_in(app, event_id, numbers={1, 2})
    vote = new_vote(organiser, event_id, method="electronic")
    hands = new_vote(organiser, event_id)
    for v in (vote, hands):
        mc.post(f"/api/events/{event_id}/votes/{v['id']}/open")
    unknown = ballot(client, "khong-phai-ma-phieu", vote["id"])
    assert unknown.status_code == 404 and unknown.get_json()["error"] == "unknown_token"
    badge = ballot(client, delegates_of(app, event_id)[0][2], vote["id"])  # the badge code is not a ballot
    assert badge.status_code == 404
    answer = ballot(client, delegates_of(app, event_id)[0][1], hands["id"])
    assert answer.status_code == 409 and answer.get_json()["error"] == "not_electronic"


def test_a_secret_vote_keeps_who_voted_never_how(app, organiser, mc, client, event_id):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2, 3})
    vote = new_vote(organiser, event_id, method="electronic", secret=True)
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    for (_, token, _), choice in zip(people[:3], ("for", "against", "for"), strict=True):
        assert ballot(client, token, vote["id"], choice).get_json()["result"] == "voted"
    with app.app_context():
        rows = db.session.execute(select(VoteVoter.delegate_id, VoteVoter.voted_at, VoteVoter.choice)
                                  .where(VoteVoter.vote_id == vote["id"])).all()
        assert {r.delegate_id for r in rows} == {p[0] for p in people[:3]}
        assert all(r.voted_at is not None and r.choice is None for r in rows)
        assert set(VoteTally.__table__.columns.keys()) == {"vote_id", "choice", "shard", "count"}  # no delegate
    closed = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/close").get_json()
    assert closed["counts"] == {"for": 2, "against": 1, "abstain": 0} and closed["verdict"] == "passed"


def test_an_open_electronic_vote_keeps_each_choice(app, organiser, mc, client, event_id):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2})
    vote = new_vote(organiser, event_id, method="electronic")
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    ballot(client, people[0][1], vote["id"], "abstain")
    with app.app_context():
        assert db.session.scalar(select(VoteVoter.choice).where(VoteVoter.delegate_id == people[0][0])) == "abstain"


def test_one_delegate_one_ballot_under_concurrent_submissions(app, live_server, organiser, mc, event_id):
    """Every delegate present sends from two phones at the same instant (and some three times): each counts
    once, on SQLite and on PostgreSQL (KIOSK_TEST_DATABASE_URL) alike."""
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2, 3, 4, 5, 6})
    vote = new_vote(organiser, event_id, method="electronic")
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    sends = [(token, choice) for (_, token, _), choice in zip(people, ("for", "for", "against", "abstain", "for",
                                                                       "for"), strict=True) for _ in range(2)]
    sends += [(people[0][1], "against")]  # a third phone, changing its mind: too late
    start, results = threading.Barrier(len(sends)), []

    def send(token, choice):
        start.wait()
        answer = requests.post(f"{live_server.url}/api/ballots/{token}", json={"vote_id": vote["id"],
                                                                               "choice": choice}, timeout=20)
        results.append((token, answer.status_code, answer.json()["result"]))
    threads = [threading.Thread(target=send, args=s) for s in sends]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(status == 200 for _, status, _ in results)
    for _, token, _ in people:
        answers = sorted(r for t, _, r in results if t == token)
        assert answers[0] == "already_voted" and answers.count("voted") == 1
    with app.app_context():
        assert db.session.scalar(select(func.sum(VoteTally.count)).where(VoteTally.vote_id == vote["id"])) == 6
    closed = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/close").get_json()
    assert closed["received"] == 6 and closed["counts"]["for"] + closed["counts"]["against"] + \
        closed["counts"]["abstain"] == 6
    assert closed["counts"]["against"] in (1, 2)  # delegate 1's first phone won, whichever it was


# ---- the hall's screen ---------------------------------------------------------------------------------

def test_the_vote_screen_follows_the_vote_without_a_running_result(app, organiser, mc, client, event_id):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2, 3, 4})
    vote = new_vote(organiser, event_id, method="electronic", nominee_ids=[p[0] for p in people])
    shown = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "vote", "vote_id": vote["id"]}).get_json()
    screen = shown["screen"]
    assert (screen["stage"], screen["page"], screen["pages"], screen["nominee_count"]) == ("nominees", 1, 1, 6)
    assert screen["nominees"][0]["name"] == "Nguyễn Văn An"
    opened = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open").get_json()
    state = client.get(f"/api/events/{event_id}/live").get_json()
    assert state["version"] == shown["version"] + 1
    assert (state["screen"]["stage"], state["screen"]["received"], state["screen"]["entitled"]) == ("open", 0, 4)
    assert opened["entitled"] == 4
    for _, token, _ in people[:3]:
        ballot(client, token, vote["id"])
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        state = client.get(f"/api/events/{event_id}/live").get_json()
        if state["screen"]["received"] == 3:
            break
        time.sleep(0.05)
    assert state["screen"]["received"] == 3 and state["screen"]["counts"] is None
    assert state["version"] <= shown["version"] + 4  # three ballots: at most one redraw each, usually one
    closed = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/close").get_json()
    state = client.get(f"/api/events/{event_id}/live").get_json()
    assert state["screen"]["stage"] == "result" and state["screen"]["verdict"] == closed["verdict"] == "passed"
    assert state["screen"]["counts"] == {"for": 3, "against": 0, "abstain": 0}
    assert state["screen"]["rule_text"].startswith("Thông qua khi quá nửa")


def test_a_show_of_hands_hides_its_counts_from_the_hall_until_closed(app, organiser, mc, client, event_id):
    check_in(app, event_id, numbers={1, 2, 3})
    vote = new_vote(organiser, event_id)
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "vote", "vote_id": vote["id"]})
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    counted = mc.post(f"/api/events/{event_id}/votes/{vote['id']}/counts",
                      json={"for": 3, "against": 0, "abstain": 0}).get_json()
    assert counted["counts"] == {"for": 3, "against": 0, "abstain": 0}  # the MC's own API answer shows them
    screen = client.get(f"/api/events/{event_id}/live").get_json()["screen"]
    assert screen["stage"] == "open" and screen["counts"] is None and screen["received"] == 3


def test_nominees_are_paged_like_the_honours(app, organiser, mc, client, event_id):
    with app.app_context():
        for n in range(7, 20):
            db.session.add(Delegate(event_id=event_id, number=n, full_name=f"Đại biểu {n:02d}"))
        db.session.commit()
    ids = [d[0] for d in delegates_of(app, event_id)]
    vote = new_vote(organiser, event_id, nominee_ids=ids)
    items = {i["kind"]: i for i in client.get(f"/api/events/{event_id}/programme").get_json()}
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items["vote"]["id"]})
    seen = []
    for _ in range(6):
        screen = mc.post(f"/api/events/{event_id}/live/next").get_json()["screen"]
        if screen["kind"] != "vote":
            break
        seen.append((screen["vote_id"], screen["page"], screen["pages"], len(screen["nominees"])))
    assert [s for s in seen if s[0] == vote["id"]] == [(vote["id"], 1, 3, 8), (vote["id"], 2, 3, 8), (vote["id"], 3, 3, 3)]


# ---- pages -------------------------------------------------------------------------------------------

def test_the_phone_page_and_the_organiser_page(app, organiser, client, event_id):
    token = delegates_of(app, event_id)[1][1]
    page = client.get(f"/vote/{token}")
    assert page.status_code == 200 and "Trần Thị Bình" in page.text and 'type="module"' in page.text
    unknown = client.get("/vote/khong-co")  # a link cut short: what to do, for a delegate, never a sign-in link
    assert unknown.status_code == 404 and "Đường dẫn phiếu biểu quyết không đúng" in unknown.text
    assert "Đăng nhập" not in unknown.text and "/login" not in unknown.text
    admin = organiser.client.get(f"/admin/events/{event_id}/votes")
    assert admin.status_code == 200 and "Nguyễn Văn An" in admin.text and "Biểu quyết điện tử" in admin.text
    assert client.get(f"/admin/events/{event_id}/votes").status_code in (302, 401)


# ---- in Chromium -------------------------------------------------------------------------------------

def mc_session(live_server, users, role="mc"):
    session = requests.Session()
    answer = session.post(f"{live_server.url}/api/login",
                          json={"username": users[role][0], "password": users[role][1]}, timeout=5)
    session.headers["X-CSRFToken"] = answer.json()["csrf_token"]
    return session


@pytest.mark.browser
def test_the_phone_ballot_page(app, page_factory, live_server, users, event_id, tmp_path):
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2, 3}, guest_numbers={3})
    organiser, mc = mc_session(live_server, users, "organiser"), mc_session(live_server, users)
    vote = organiser.post(f"{live_server.url}/api/events/{event_id}/votes", timeout=5, json={
        "title": "Thông qua danh sách đại biểu dự Đại hội Thi đua yêu nước tỉnh", "method": "electronic",
        "secret": True}).json()
    phone = page_factory(width=390, height=844)
    phone.goto(f"{live_server.url}/vote/{people[0][1]}")
    assert phone.inner_text(".who") == "Nguyễn Văn An"
    assert "Chưa có nội dung biểu quyết" in phone.inner_text("#votes")
    mc.post(f"{live_server.url}/api/events/{event_id}/votes/{vote['id']}/open", timeout=5)
    phone.reload()
    assert phone.inner_text(".vote-title") == vote["title"]
    assert [b.inner_text() for b in phone.query_selector_all("button.choice")] == [
        "Tán thành", "Không tán thành", "Không biểu quyết"]
    phone.screenshot(path=str(tmp_path / "ballot-open.png"))
    phone.click("button.choice.for")
    phone.click("button.confirm-yes")  # the second step: tests/test_ballot_page.py
    phone.wait_for_selector(".status.ok")
    assert phone.inner_text(".status") == "Đã ghi nhận phiếu biểu quyết của đồng chí: TÁN THÀNH. Xin cảm ơn!"
    assert phone.query_selector("button.choice") is None  # no second ballot from this page
    phone.screenshot(path=str(tmp_path / "ballot-voted.png"))
    phone.reload()
    assert phone.inner_text(".status") == "Đồng chí đã biểu quyết nội dung này."
    guest = page_factory(width=390, height=844)
    guest.goto(f"{live_server.url}/vote/{people[2][1]}")
    assert "Khách mời không tham gia biểu quyết" in guest.inner_text("#votes")
    listed = requests.get(f"{live_server.url}/api/events/{event_id}/votes", timeout=5).json()[-1]
    assert (listed["received"], listed["entitled"]) == (1, 2)


@pytest.mark.browser
def test_the_three_vote_slides_on_the_projector(app, page_factory, live_server, users, event_id, tmp_path):
    """The projector draws the vote's stage from the live state: nominees, then the count, then the result."""
    people = delegates_of(app, event_id)
    check_in(app, event_id, numbers={1, 2, 3, 4, 5, 6})
    organiser, mc = mc_session(live_server, users, "organiser"), mc_session(live_server, users)
    base = f"{live_server.url}/api/events/{event_id}"
    vote = organiser.post(f"{base}/votes", timeout=5, json={
        "title": "Thông qua danh sách đại biểu tham dự Đại hội Thi đua yêu nước tỉnh lần thứ VIII",
        "method": "electronic", "rule": "two_thirds_present", "nominee_ids": [p[0] for p in people]}).json()
    projector = page_factory(width=1920, height=1080)
    projector.goto(f"{live_server.url}/display/{event_id}")

    def show(expected_stage, name):
        state = requests.get(f"{base}/live", timeout=5).json()
        projector.wait_for_function(f"document.querySelector('#projector').dataset.version === '{state['version']}'")
        projector.wait_for_selector(f".slide.vote[data-stage={expected_stage}]:not(.entering)")
        projector.wait_for_function("document.querySelectorAll('#screen .slide').length === 1")  # the old one gone
        projector.screenshot(path=str(tmp_path / f"vote-{name}.png"))
        return projector.inner_text("#screen")

    mc.post(f"{base}/live/screen", json={"kind": "vote", "vote_id": vote["id"]}, timeout=5)
    text = show("nominees", "nominees")
    assert "Danh sách giới thiệu · 6 người" in text and "Vũ Thị Hà" in text and "Hội Phụ nữ huyện" in text

    mc.post(f"{base}/votes/{vote['id']}/open", timeout=5)
    for (_, token, _), choice in zip(people[:4], ("for", "for", "for", "against"), strict=True):
        requests.post(f"{live_server.url}/api/ballots/{token}", json={"vote_id": vote["id"], "choice": choice},
                      timeout=5)
    deadline = time.monotonic() + 3
    while requests.get(f"{base}/live", timeout=5).json()["screen"]["received"] != 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    text = show("open", "open")
    assert "4/6 đã biểu quyết" in text and "Tán thành" not in text  # never a running result

    mc.post(f"{base}/votes/{vote['id']}/close", timeout=5)
    text = show("result", "result")
    assert "Tán thành\n3\n50%" in text and "Không tán thành\n1\n16,67%" in text
    assert "ít nhất hai phần ba" in text and "Số đại biểu có mặt: 6" in text
    assert projector.inner_text(".vote-verdict") == "KHÔNG THÔNG QUA"  # 3 of 6 is not two thirds


@pytest.mark.browser
def test_the_mc_opens_counts_and_closes_a_show_of_hands_from_the_panel(app, page_factory, live_server, users,
                                                                         event_id, client, tmp_path):
    check_in(app, event_id, numbers={1, 2, 3, 4, 5})
    vote = client.get(f"/api/events/{event_id}/votes").get_json()[0]  # build_event's vote: hands, half_present
    panel = page_factory("mc", users, width=1440, height=900)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    panel.click(f"button[data-vote='{vote['id']}']")
    panel.click("#moment button:text('Mở biểu quyết')")
    panel.wait_for_selector("#moment .moment-counts")
    assert "có mặt 5" in panel.inner_text("#moment .moment-line")
    for name, value in (("for", "4"), ("against", "1"), ("abstain", "0")):
        panel.fill(f"#moment input[name={name}]", value)
    panel.click("#moment button:text('Ghi số phiếu')")
    panel.wait_for_function("document.querySelector('#moment .moment-line').textContent.includes('đã biểu quyết 5')")
    panel.click("#moment button:text('Kết thúc biểu quyết')")
    panel.wait_for_selector("#moment .moment-verdict")
    assert panel.inner_text("#moment .moment-verdict").startswith("Đại hội thông qua · tán thành 4")
    panel.screenshot(path=str(tmp_path / "panel-vote.png"))
    closed = client.get(f"/api/events/{event_id}/votes").get_json()[0]
    assert (closed["status"], closed["verdict"], closed["counts"]["for"]) == ("closed", "passed", 4)


def test_the_vote_and_the_clock_are_in_the_record_of_the_day(app, organiser, mc, client, event_id):
    check_in(app, event_id, numbers={1, 2, 3})
    vote = new_vote(organiser, event_id, method="electronic")
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "vote", "vote_id": vote["id"]})
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    for _, token, _ in delegates_of(app, event_id)[:2]:
        ballot(client, token, vote["id"])
    time.sleep(0.6)  # the hall's count redrawn: not an operator's change, no line for it
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/close")
    speech = client.get(f"/api/events/{event_id}/speeches").get_json()[0]
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "speaker", "speech_id": speech["id"]})
    mc.post(f"/api/events/{event_id}/live/clock", json={"action": "start"})
    lines = organiser.client.get(f"/api/events/{event_id}/audit").get_json()
    votes = [line for line in lines if line["action"] == "vote"]
    assert [line["username"] for line in votes] == ["mc1", "mc1", "organiser1"]  # newest first
    assert "Kết thúc biểu quyết" in votes[0]["detail"] and "tán thành 2" in votes[0]["detail"]
    assert "3 đại biểu có mặt" in votes[1]["detail"]
    assert lines[0]["action"] == "clock" and lines[0]["username"] == "mc1"
    assert sum(1 for line in lines if line["action"] == "live") == 2  # the two screens the MC chose; the vote's
    # stages redrawn on the screen are told by the vote lines


def test_the_voting_cards_carry_each_delegates_own_link(app, organiser, client, event_id):
    people = delegates_of(app, event_id)
    page = organiser.client.get(f"/admin/events/{event_id}/votes/cards")
    assert page.status_code == 200 and page.text.count("<svg") == 6 and "Nguyễn Văn An" in page.text
    assert all(code not in page.text for _, _, code in people)  # never the badge's code
    assert client.get(f"/admin/events/{event_id}/votes/cards").status_code in (302, 401)


def test_the_vote_form_takes_badge_numbers_and_refuses_one_not_on_the_list(app, organiser, event_id):
    from tests.helpers import form_token
    page = organiser.client.get(f"/admin/events/{event_id}/votes").get_data(as_text=True)
    form = {"csrf_token": form_token(page), "title": "Thông qua danh sách", "method": "hands", "rule": "half_present"}
    refused = organiser.client.post(f"/admin/events/{event_id}/votes", data={**form, "numbers": "2, 99"},
                                    follow_redirects=True).get_data(as_text=True)
    assert "Không có đại biểu số thẻ 99 trong danh sách" in refused
    made = organiser.client.post(f"/admin/events/{event_id}/votes", data={**form, "numbers": "3-4; 1"},
                                 follow_redirects=True).get_data(as_text=True)
    assert "với 3 người được giới thiệu" in made
    vote = organiser.client.get(f"/api/events/{event_id}/votes").get_json()[-1]
    assert [n["name"] for n in vote["nominees"]] == ["Nguyễn Văn An", "Lê Đức Cường", "Phạm Thị Dung"]


def test_the_voting_cards_print_a_hundred_at_a_time(app, organiser, event_id):
    with app.app_context():
        db.session.add_all(Delegate(event_id=event_id, number=n, full_name=f"Đại biểu số {n}") for n in range(7, 251))
        db.session.commit()
    first = organiser.client.get(f"/admin/events/{event_id}/votes/cards")
    assert first.text.count("<svg") == 100 and "Phiếu biểu quyết điện tử (250 đại biểu)" in first.text
    assert "1–100 / 250 phiếu" in first.text and "page=3" in first.text
    last = organiser.client.get(f"/admin/events/{event_id}/votes/cards?page=3")
    assert last.text.count("<svg") == 50 and "Đại biểu số 250" in last.text and "Đại biểu số 200<" not in last.text
