"""The programme keeps its place (issue 21): a side trip — an announcement, the welcome, blank or logo screen, an
honours group or a vote shown out of order — never moves it; → goes on from it, `back` returns to it with the
speaker's clock as it was, and a press meant for a screen that is gone (an automatic page turn) skips nothing."""
import time
from datetime import UTC, datetime, timedelta

import pytest

from display import live
from kiosk.extensions import db
from models import HonourGroup, ProgrammeItem, Vote
from tests.factories import build_event
from tests.helpers import signed_in

T0 = datetime(2025, 6, 20, 2, 0, 0, tzinfo=UTC)


@pytest.fixture
def server_time(monkeypatch):
    class Clock:
        now = T0

        def __call__(self):
            return self.now

        def at(self, seconds):
            self.now = T0 + timedelta(seconds=seconds)
    clock = Clock()
    monkeypatch.setattr(live, "utcnow", clock)
    return clock


@pytest.fixture
def hall(app, users):
    """Five speakers, a short and a long honours group, a vote; the MC signed in; the speeches item started."""
    with app.app_context():
        event_id = build_event(speeches=5, honours_per_group=(3, 30))
        items = {i.kind: i.id for i in db.session.query(ProgrammeItem).filter_by(event_id=event_id)}
        groups = [g.id for g in db.session.query(HonourGroup).filter_by(event_id=event_id).order_by(HonourGroup.position)]
        vote = db.session.query(Vote).filter_by(event_id=event_id).one().id
    mc = signed_in(app, users, "mc")
    api = f"/api/events/{event_id}"
    speeches = [s["id"] for s in mc.client.get(api + "/speeches").get_json()]

    class Hall:
        pass
    h = Hall()
    h.event_id, h.items, h.groups, h.vote, h.speeches, h.mc, h.api = event_id, items, groups, vote, speeches, mc, api
    h.post = lambda path, body=None: mc.post(api + "/live/" + path, json=body)
    h.state = lambda: mc.client.get(api + "/live").get_json()
    return h


def remaining(clock: dict, now: datetime) -> float:
    running = (now - datetime.fromisoformat(clock["as_of"])).total_seconds() if clock["running"] else 0
    return clock["allowed_s"] - clock["elapsed_s"] - running


def speaker_three(hall) -> dict:
    hall.post("goto", {"item_id": hall.items["speeches"]})
    for _ in range(3):
        shown = hall.post("next").get_json()
    assert shown["screen"]["kind"] == "speaker" and shown["screen"]["speech_id"] == hall.speeches[2]
    return shown


SIDE_TRIPS = {
    "honours group": lambda h: {"kind": "honours", "group_id": h.groups[1], "page": 1},
    "vote": lambda h: {"kind": "vote", "vote_id": h.vote},
    "announcement": lambda h: {"kind": "announcement", "text": "Mời các đại biểu giữ trật tự"},
    "welcome": lambda h: {"kind": "welcome"},
    "blank": lambda h: {"kind": "blank"},
    "logo": lambda h: {"kind": "logo"},
}


@pytest.mark.parametrize("trip", SIDE_TRIPS)
def test_after_a_side_trip_next_calls_the_speaker_after_the_last_one(hall, trip):
    speaker_three(hall)
    away = hall.post("screen", SIDE_TRIPS[trip](hall)).get_json()
    assert away["screen"]["kind"] == SIDE_TRIPS[trip](hall)["kind"]
    assert away["item"]["kind"] == "speeches"
    assert away["position"]["step"]["speech_id"] == hall.speeches[2] and away["position"]["on_screen"] is False
    on = hall.post("next").get_json()
    assert on["screen"]["kind"] == "speaker" and on["screen"]["speech_id"] == hall.speeches[3]
    assert on["screen"]["name"] == "Diễn giả 4" and on["screen"]["clock"]["elapsed_s"] == 0
    assert on["position"]["step"]["speech_id"] == hall.speeches[3] and on["position"]["on_screen"] is True


def test_previous_after_a_side_trip_goes_back_from_the_position(hall):
    speaker_three(hall)
    hall.post("screen", {"kind": "honours", "group_id": hall.groups[0], "page": 1})
    assert hall.post("previous").get_json()["screen"]["speech_id"] == hall.speeches[1]


def test_back_shows_the_speaker_again_with_the_clock_as_it_was_left(hall, server_time):
    speaker_three(hall)
    hall.post("clock", {"action": "start"})
    server_time.at(100)                                           # speaker 3 has spoken 100 s of 300
    away = hall.post("screen", {"kind": "announcement", "text": "Xe biển số 17A-123.45 đang chắn lối ra"}).get_json()
    held = away["position"]["step"]["clock"]
    assert held["elapsed_s"] == 100 and held["running"] is False  # the announcement is not their time
    server_time.at(400)
    back = hall.post("back").get_json()
    assert back["screen"]["kind"] == "speaker" and back["screen"]["speech_id"] == hall.speeches[2]
    assert back["position"]["on_screen"] is True and back["version"] == away["version"] + 1
    clock = back["screen"]["clock"]
    assert clock["running"] is True and remaining(clock, server_time.now) == 200
    server_time.at(430)
    assert remaining(hall.state()["screen"]["clock"], server_time.now) == 170
    again = hall.post("back").get_json()                          # already there: nothing changes
    assert again["version"] == back["version"]


def test_picking_the_programmes_speaker_again_keeps_their_clock(hall, server_time):
    speaker_three(hall)
    hall.post("clock", {"action": "start"})
    server_time.at(45)
    hall.post("screen", {"kind": "blank"})
    server_time.at(90)
    shown = hall.post("screen", {"kind": "speaker", "speech_id": hall.speeches[2]}).get_json()
    assert remaining(shown["screen"]["clock"], server_time.now) == 255 and shown["screen"]["clock"]["running"]


def test_a_speaker_who_has_spoken_is_never_back_at_the_full_time(hall, server_time):
    hall.post("goto", {"item_id": hall.items["speeches"]})
    hall.post("next")
    hall.post("clock", {"action": "start"})
    server_time.at(130)
    hall.post("next")                                              # speaker 2; speaker 1 spoke 130 s
    again = hall.post("previous").get_json()["screen"]
    assert again["speech_id"] == hall.speeches[0]
    assert again["clock"]["elapsed_s"] == 130 and again["clock"]["running"] is False
    assert remaining(again["clock"], server_time.now) == 300 - 130


def test_back_at_the_items_own_slide_shows_that_slide(hall):
    hall.post("goto", {"item_id": hall.items["speeches"]})
    away = hall.post("screen", {"kind": "logo"}).get_json()
    assert away["position"] == {"item_id": hall.items["speeches"], "step": None, "on_screen": False}
    back = hall.post("back").get_json()
    assert back["screen"]["kind"] == "programme" and back["item"]["kind"] == "speeches"
    assert hall.post("next").get_json()["screen"]["speech_id"] == hall.speeches[0]


def test_in_the_honours_item_a_group_picked_moves_the_position_and_the_speeches_stay_apart(hall):
    """Inside the honours item its groups are its own steps: picking one moves the programme there."""
    hall.post("goto", {"item_id": hall.items["honours"]})
    picked = hall.post("screen", {"kind": "honours", "group_id": hall.groups[1], "page": 1}).get_json()
    assert picked["position"]["step"]["group_id"] == hall.groups[1] and picked["position"]["on_screen"]
    assert hall.post("next").get_json()["screen"]["page"] == 2


def test_a_press_meant_for_a_page_that_has_turned_by_itself_skips_nothing(hall):
    hall.post("goto", {"item_id": hall.items["honours"]})
    hall.post("next")
    seen = hall.post("next").get_json()                             # the long group, page 1 of 3
    assert (seen["screen"]["group_id"], seen["screen"]["page"]) == (hall.groups[1], 1)
    turned = hall.post("screen", {"kind": "honours", "group_id": hall.groups[1], "page": 2}).get_json()
    late = hall.post("next", {"version": seen["version"]}).get_json()  # pressed while the panel showed page 1
    assert late == turned and late["screen"]["page"] == 2
    on = hall.post("next", {"version": turned["version"]}).get_json()
    assert on["screen"]["page"] == 3 and on["version"] == turned["version"] + 1
    assert hall.post("next", {"version": turned["version"]}).get_json() == on  # the same press twice
    assert hall.post("next", {"version": "3"}).status_code == 400


def test_the_automatic_page_turn_and_a_late_press_show_every_page(app, hall):
    app.config["HONOURS_AUTO_PAGE_SECONDS"] = 0.3
    hall.post("goto", {"item_id": hall.items["honours"]})
    hall.post("next")
    seen = hall.post("next").get_json()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and hall.state()["version"] == seen["version"]:
        time.sleep(0.02)
    late = hall.post("next", {"version": seen["version"]}).get_json()  # pressed while the panel showed page 1
    hall.post("screen", {"kind": "honours", "group_id": hall.groups[1], "page": 2, "auto": False})  # no more turns
    assert late["screen"]["page"] == 2 and late["position"]["step"]["page"] == 2


def test_back_needs_the_mc(auth, hall):
    assert auth.client.post(hall.api + "/live/back").status_code == 401
    auth.login("door")
    assert auth.post(hall.api + "/live/back").status_code == 403


def projector_shows(projector, selector: str, text: str) -> None:
    """Waits until the one visible slide of the projector has `selector` reading `text`."""
    projector.wait_for_function("""([selector, text]) => [...document.querySelectorAll('#screen .slide')]
        .some((s) => getComputedStyle(s).opacity > 0.5 && s.querySelector(selector)
                     && s.querySelector(selector).innerText.trim() === text)""", arg=[selector, text])


def countdown(projector) -> str:
    return projector.evaluate("""() => [...document.querySelectorAll('#screen .slide.speaker')]
        .filter((s) => getComputedStyle(s).opacity > 0.5).map((s) => s.querySelector('.countdown').innerText)[0]""")


@pytest.mark.browser
def test_the_mc_goes_on_from_speaker_three_after_an_honours_group(page_factory, live_server, users, app):
    """Issue 21: → three times in the speeches, an honours group clicked, then →: the hall sees speaker 4, not
    speaker 1; P after a side trip shows speaker 3 with their clock as it was."""
    with app.app_context():
        event_id = build_event(speeches=5, honours_per_group=(3, 30))
    projector = page_factory(width=1920, height=1080)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    panel = page_factory("mc", users, width=1366, height=768)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#conn.up")
    panel.click("#items button:has-text('Báo cáo tham luận')")
    panel.wait_for_selector("#position:text('Báo cáo tham luận')")
    for _ in range(3):
        panel.keyboard.press("ArrowRight")
    projector_shows(projector, ".speaker-name", "Diễn giả 3")
    panel.keyboard.press("k")                                     # speaker 3's clock starts
    projector.wait_for_function(r"""() => [...document.querySelectorAll('#screen .slide.speaker .countdown')]
        .some((c) => /^4:([0-4]\d|5[0-7])$/.test(c.innerText))""")   # some seconds spoken (a busy machine may miss 4:50s)
    panel.click("#group-list button:has-text('Bằng khen đợt 2')")  # a side trip
    projector_shows(projector, ".page-marker", "Trang 1/4")
    panel.wait_for_selector("#position-line.away #position:text('— Tham luận: Diễn giả 3')")
    assert panel.is_visible("#back") and panel.inner_text("#now").startswith("Bằng khen đợt 2")

    panel.keyboard.press("p")                                     # back to the programme: speaker 3, clock kept
    projector_shows(projector, ".speaker-name", "Diễn giả 3")
    assert countdown(projector) not in ("5:00", None)
    panel.wait_for_selector("#back", state="hidden")

    panel.click("#group-list button:has-text('Bằng khen đợt 2')")
    projector_shows(projector, ".page-marker", "Trang 1/4")
    panel.keyboard.press("ArrowRight")                            # goes on: speaker 4, their full time
    projector_shows(projector, ".speaker-name", "Diễn giả 4")
    assert countdown(projector) == "5:00"
    panel.wait_for_selector("#position:text('— Tham luận: Diễn giả 4')")
    for key in ("b", "l", "c"):                                   # blank, logo, welcome: → still from speaker 4
        panel.keyboard.press(key)
    projector.wait_for_selector("#screen .slide.welcome")
    panel.keyboard.press("ArrowRight")
    projector_shows(projector, ".speaker-name", "Diễn giả 5")


def test_the_mcs_next_words_follow_the_programme_not_the_side_trip(hall):
    speaker_three(hall)
    hall.post("screen", {"kind": "honours", "group_id": hall.groups[1], "page": 1})
    words = hall.mc.client.get(hall.api + "/script/now").get_json()
    assert words["now"]["step"] == f"honours:{hall.groups[1]}"        # what the hall sees now
    assert words["next"]["step"] == f"speech:{hall.speeches[3]}"      # what → brings: speaker 4
