"""A keypress costs a constant number of SQL statements (issue 19): the vote screen, the honours screens and the
MC's script take as many statements for 2 nominees, recipients or groups as for 40."""
from datetime import date

from kiosk.extensions import db
from models import Delegate, Honour, HonourGroup
from tests.factories import build_event
from tests.helpers import count_queries
from votes import service as votes


def short(statements) -> str:
    return "\n".join(s.split("\n")[0][:70] + " … " + s.split("WHERE")[-1][:60].replace("\n", " ") for s in statements)


def a_vote_with(app, nominees: int) -> tuple[int, int]:
    with app.app_context():
        event_id = build_event(delegates=0)
        people = [Delegate(event_id=event_id, number=n, full_name=f"Đại biểu {n:02d}", unit=f"Đơn vị {n}",
                           title="Chủ tịch") for n in range(1, nominees + 1)]
        db.session.add_all(people)
        db.session.commit()
        vote = votes.create_vote(event_id, {"title": "Bầu đoàn đại biểu dự Đại hội cấp tỉnh",
                                            "nominee_ids": [p.id for p in people]})
        return event_id, vote.id


def statements_of(app, call, *args, **kwargs) -> list[str]:
    """The statements of one request, less the sign-in's own check (kiosk.identity.auth keeps its answer for a second)."""
    with count_queries(app) as statements:
        answer = call(*args, **kwargs)
        assert answer.status_code == 200, answer.get_json()
    return [s for s in statements if "user_sessions" not in s]


def test_the_vote_screen_takes_the_same_statements_for_2_or_40_nominees(app, mc):
    counts = {}
    for size in (2, 40):
        event_id, vote_id = a_vote_with(app, size)
        shown = statements_of(app, mc.post, f"/api/events/{event_id}/live/screen",
                              json={"kind": "vote", "vote_id": vote_id})
        screen = mc.client.get(f"/api/events/{event_id}/live").get_json()["screen"]
        assert screen["nominee_count"] == size and screen["nominees"][0]["name"] == "Đại biểu 01"
        redrawn = statements_of(app, mc.post, f"/api/events/{event_id}/live/screen",
                                json={"kind": "vote", "vote_id": vote_id, "page": 1})
        counts[size] = (len(shown), len(redrawn), short(redrawn))
    assert counts[2][:2] == counts[40][:2], counts[40][2]
    assert counts[40][1] <= 12, counts[40][2]


def honours_event(app, groups: int, per_group: int) -> int:
    with app.app_context():
        event_id = build_event(honours_per_group=())
        for position in range(1, groups + 1):
            group = HonourGroup(event_id=event_id, position=position, award=f"Bằng khen đợt {position}",
                                decision_number=f"{position}/QĐ-UBND", decision_date=date(2025, 6, 1),
                                decision_authority="UBND huyện Vũ Thư")
            group.honours = [Honour(position=i, name=f"Người nhận {i:03d}", unit="Xã Vũ Hội")
                             for i in range(1, per_group + 1)]
            db.session.add(group)
        db.session.commit()
        return event_id


def group_ids(app, event_id) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(db.select(HonourGroup.id).where(HonourGroup.event_id == event_id)
                                       .order_by(HonourGroup.position)))


def test_the_honours_screens_take_the_same_statements_whatever_the_lists(app, mc):
    counts = {}
    for groups, per_group in ((2, 3), (40, 40)):
        event_id = honours_event(app, groups, per_group)
        first = group_ids(app, event_id)[0]
        shown = statements_of(app, mc.post, f"/api/events/{event_id}/live/screen",
                              json={"kind": "honours", "group_id": first})
        listed = statements_of(app, mc.client.get, f"/api/events/{event_id}/honours")
        assert len(mc.client.get(f"/api/events/{event_id}/honours").get_json()) == groups
        counts[groups] = (len(shown), len(listed), short(shown + listed))
    assert counts[2][:2] == counts[40][:2], counts[40][2]


def test_the_mc_script_takes_the_same_statements_whatever_the_honours_groups(app, mc):
    counts = {}
    for groups in (2, 40):
        event_id = honours_event(app, groups, 5)
        with app.app_context():
            votes.create_vote(event_id, {"title": "Thông qua Nghị quyết", "nominee_ids": []})
        first = group_ids(app, event_id)[0]
        mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": first})
        now = statements_of(app, mc.client.get, f"/api/events/{event_id}/script/now")
        words = mc.client.get(f"/api/events/{event_id}/script/now").get_json()
        assert words["now"]["step"] == f"honours:{first}" and "Người nhận 005" in words["now"]["text"]
        whole = statements_of(app, mc.client.get, f"/api/events/{event_id}/script")
        counts[groups] = (len(now), len(whole), short(now))
    assert counts[2][:2] == counts[40][:2], counts[40][2]
    assert counts[40][0] <= 14, counts[40][2]


def test_the_live_state_says_when_the_programme_or_script_changed(app, mc, organiser, event_id):
    """An MC panel fetches the programme and the script again only when this version moves (static/js/control.js):
    steps leave it, an edit of the programme or of the words moves it."""
    def version():
        return mc.client.get(f"/api/events/{event_id}/live").get_json()["content_version"]
    before = version()
    assert mc.post(f"/api/events/{event_id}/live/next").status_code == 200
    assert mc.post(f"/api/events/{event_id}/live/next").status_code == 200
    assert version() == before
    step = mc.client.get(f"/api/events/{event_id}/script/now").get_json()["now"]["step"]
    saved = organiser.post(f"/api/events/{event_id}/script", json={"step": step, "words": "Kính thưa Đại hội!"})
    assert saved.status_code == 200
    assert version() == before + 1
    words = mc.client.get(f"/api/events/{event_id}/script/now").get_json()["now"]["text"]
    assert words == "Kính thưa Đại hội!"
    with app.app_context():
        from models import Honour
        honour = db.session.scalars(db.select(Honour)).first()
        honour.handover = "received"  # an usher's mark: nothing the script reads
        db.session.commit()
    assert version() == before + 1
    with app.app_context():
        from models import ProgrammeItem
        item = db.session.scalars(db.select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)).first()
        item.title = "Chào cờ, tuyên bố lý do"
        db.session.commit()
    assert version() == before + 2
