"""The seating plan: delegations seated together in the plan's order, seats imported from a file with Vietnamese
row/column problems, the plan of who is here, and a substitute taking the absent delegate's seat."""
import io

from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate
from tests.factories import xlsx

SEAT_HEADERS = ["Mã đại biểu", "Họ và tên", "Đơn vị", "Khu", "Hàng", "Ghế"]


def put_in_delegations(app, event_id):
    """Bình (2) heads Đoàn B with An (1); Cường (3) and Dung (4) are Đoàn A; Đạt and Hà no delegation."""
    with app.app_context():
        people = {d.number: d for d in db.session.scalars(select(Delegate).where(Delegate.event_id == event_id))}
        for number, delegation in ((1, "Đoàn B"), (2, "Đoàn B"), (3, "Đoàn A"), (4, "Đoàn A")):
            people[number].delegation = delegation
        people[2].delegation_head = True
        db.session.commit()
        return {d.full_name: (d.id, d.code) for d in people.values()}


def where(organiser, event_id):
    return {d["full_name"]: d["seat"] and (d["seat"]["zone"], d["seat"]["row"], d["seat"]["seat"])
            for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}


def test_delegations_are_seated_together_in_the_plans_order(app, organiser, door, event_id):
    people = put_in_delegations(app, event_id)
    zones = [{"zone": "A", "rows": 1, "seats_per_row": 3}, {"zone": "B", "rows": 2, "seats_per_row": 2}]
    answer = organiser.post(f"/api/events/{event_id}/seats/assign", json={"zones": zones})
    assert answer.status_code == 200 and answer.get_json() == {"seated": 6}
    assert where(organiser, event_id) == {
        "Trần Thị Bình": ("A", "1", "1"), "Nguyễn Văn An": ("A", "1", "2"),  # Đoàn B: its first badge is no. 1; head first
        "Lê Đức Cường": ("A", "1", "3"), "Phạm Thị Dung": ("B", "1", "1"),   # Đoàn A
        "Đặng Quốc Đạt": ("B", "1", "2"), "Vũ Thị Hà": ("B", "2", "1")}      # no delegation, last
    listed = {d["full_name"]: d for d in organiser.client.get(f"/api/events/{event_id}/delegates").get_json()}
    assert listed["Trần Thị Bình"]["place"] == "Khu A · Hàng 1 · Ghế 1"  # printed on the badge, shown at the door
    door.post(f"/api/events/{event_id}/checkin", json={"code": people["Trần Thị Bình"][1], "door": "Cửa 1"})
    assert organiser.client.get(f"/api/events/{event_id}/seating/present").get_json() == {"present": [["A", "1", "1"]]}
    plan = organiser.client.get(f"/api/events/{event_id}/seating").get_json()
    assert [z["zone"] for z in plan["zones"]] == ["A", "B"]
    first_row = plan["zones"][0]["rows"][0]
    assert first_row["row"] == "1" and [s["seat"] for s in first_row["seats"]] == ["1", "2", "3"]
    assert first_row["seats"][0].items() >= {"delegate_id": people["Trần Thị Bình"][0], "present": True}.items()
    assert first_row["seats"][1]["present"] is False
    assert plan["zones"][1]["rows"][1]["seats"][1] == {"seat": "2", "delegate_id": None, "present": False,
                                                       "name": None, "delegation": None}


def test_a_hall_too_small_or_badly_described_is_refused_in_vietnamese(app, organiser, event_id):
    small = organiser.post(f"/api/events/{event_id}/seats/assign",
                           json={"zones": [{"zone": "A", "rows": 1, "seats_per_row": 5}]})
    assert small.status_code == 400 and small.get_json()["message"] == "Sơ đồ có 5 ghế, không đủ cho 6 đại biểu."
    for zones, message in (([], "Cần mô tả ít nhất một khu: tên khu, số hàng, số ghế mỗi hàng."),
                           ([{"zone": "A", "rows": 0, "seats_per_row": 5}], "Khu “A”: số hàng phải là số từ 1 đến 200."),
                           ([{"zone": "A", "rows": 2, "seats_per_row": "9"}],
                            "Khu “A”: số ghế mỗi hàng phải là số từ 1 đến 200."),
                           ([{"zone": "A", "rows": 2, "seats_per_row": 9}, {"zone": "a", "rows": 1, "seats_per_row": 1}],
                            "Khu “a” được mô tả hai lần."),
                           ("A", "Cần mô tả ít nhất một khu: tên khu, số hàng, số ghế mỗi hàng.")):
        answer = organiser.post(f"/api/events/{event_id}/seats/assign", json={"zones": zones})
        assert answer.status_code == 400 and answer.get_json()["message"] == message
    assert organiser.post(f"/api/events/{event_id}/seats/assign", json=[1]).status_code == 400
    assert set(where(organiser, event_id).values()) == {None}


def upload(organiser, event_id, rows, headers=SEAT_HEADERS, name="cho-ngoi.xlsx"):
    return organiser.post(f"/api/events/{event_id}/seats/import", data={"file": (io.BytesIO(xlsx(rows, headers)), name)},
                          content_type="multipart/form-data")


def test_seats_import_from_excel_by_code_or_by_name_and_unit(app, organiser, event_id):
    people = put_in_delegations(app, event_id)
    rows = [[people["Nguyễn Văn An"][1], None, None, "B", 3, 12],
            [None, "trần thị bình", None, "B", 3, 13],
            [None, "Lê Đức Cường", "Công an huyện", "C", "1", "1"]]
    answer = upload(organiser, event_id, rows)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["seated"] == 3
    seats = where(organiser, event_id)
    assert seats["Nguyễn Văn An"] == ("B", "3", "12") and seats["Trần Thị Bình"] == ("B", "3", "13")
    assert seats["Lê Đức Cường"] == ("C", "1", "1") and seats["Vũ Thị Hà"] is None
    layout = organiser.client.get(f"/api/events/{event_id}/seating/layout").get_json()
    assert layout == {"zones": [{"zone": "B", "rows": [{"row": "3", "seats": ["12", "13"]}]},
                                {"zone": "C", "rows": [{"row": "1", "seats": ["1"]}]}]}


def test_a_seats_file_with_problems_names_each_row_and_column_and_saves_nothing(app, organiser, event_id):
    people = put_in_delegations(app, event_id)
    rows = [["KHONGCO123", None, None, "B", 1, 1],                      # row 2: unknown code
            [None, "Nguyễn Văn Ân", None, "B", 1, 2],                   # row 3: no such name
            [people["Nguyễn Văn An"][1], None, None, "B", None, 3],     # row 4: no row
            [people["Trần Thị Bình"][1], None, None, "B", 2, 5],
            [people["Lê Đức Cường"][1], None, None, "b", 2, 5],         # row 6: the seat of row 5
            [None, "Trần Thị Bình", None, "C", 1, 1]]                   # row 7: Bình seated twice
    answer = upload(organiser, event_id, rows)
    assert answer.status_code == 400
    problems = {(p["row"], p["column"]): p["message"] for p in answer.get_json()["problems"]}
    assert problems == {(2, "A"): "không có đại biểu mã “KHONGCO123” trong danh sách",
                        (3, "B"): "không có đại biểu “Nguyễn Văn Ân” trong danh sách",
                        (4, "E"): "thiếu hàng",
                        (6, "F"): "ghế này đã xếp cho người ở dòng 5",
                        (7, "B"): "đại biểu này đã được xếp ghế ở dòng 5"}
    assert "Dòng 2, cột A (Mã đại biểu): không có đại biểu mã “KHONGCO123” trong danh sách." in \
        answer.get_json()["message"]
    assert set(where(organiser, event_id).values()) == {None}
    # a file without the seat's columns, or naming nobody
    no_seat = upload(organiser, event_id, [["Nguyễn Văn An", "B"]], headers=["Họ và tên", "Khu"])
    assert no_seat.status_code == 400 and "“Hàng”, “Ghế”" in no_seat.get_json()["message"]
    nobody = upload(organiser, event_id, [["B", 1, 1]], headers=["Khu", "Hàng", "Ghế"])
    assert nobody.get_json()["message"] == "Không thấy cột “Mã đại biểu” hoặc “Họ và tên” để biết ghế của ai."


def test_a_substitute_takes_the_absent_delegates_seat(app, organiser, event_id):
    people = put_in_delegations(app, event_id)
    organiser.post(f"/api/events/{event_id}/seats/assign", json={"zones": [{"zone": "A", "rows": 2, "seats_per_row": 3}]})
    absent_id = people["Trần Thị Bình"][0]
    stand_in = organiser.post(f"/api/events/{event_id}/delegates/{absent_id}/substitute",
                              json={"full_name": "Hoàng Thị Thay"}).get_json()
    assert stand_in["seat"] == {"zone": "A", "row": "1", "seat": "1"} and stand_in["delegation"] == "Đoàn B"
    plan = organiser.client.get(f"/api/events/{event_id}/seating").get_json()
    assert plan["zones"][0]["rows"][0]["seats"][0]["delegate_id"] == stand_in["id"]


def test_seating_is_for_the_organiser_and_the_layout_names_nobody(app, organiser, door, client, event_id):
    assert client.get(f"/api/events/{event_id}/seating").status_code == 401
    assert door.client.get(f"/api/events/{event_id}/seating").status_code == 403
    assert door.post(f"/api/events/{event_id}/seats/assign", json={"zones": []}).status_code == 403
    assert door.client.get(f"/api/events/{event_id}/seating/layout").get_json() == {"zones": []}
