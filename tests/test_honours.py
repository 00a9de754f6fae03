"""The honours ceremony: import, ceremony order, Vietnamese alphabetical order, paging, handover marks."""
import io

import pytest
from openpyxl import load_workbook

from kiosk.answers import event_api
from kiosk.extensions import db
from models import Delegate, Honour, HonourGroup
from models.text import vietnamese_name_key
from tests.factories import xlsx

HEADERS = ["STT", "Hình thức khen thưởng", "Họ và tên", "Tên tập thể", "Chức vụ", "Đơn vị", "Số quyết định",
           "Ngày quyết định", "Cơ quan quyết định"]
ROWS = [
    [1, "Giấy khen của Chủ tịch UBND huyện", "Vũ Thị Hà", None, "Chủ tịch", "Hội Phụ nữ huyện", "12/QĐ-UBND",
     "01/06/2025", "UBND huyện Vũ Thư"],
    [2, "Bằng khen của Chủ tịch UBND tỉnh", None, "Trường THCS Vũ Thư", None, None, "1510/QĐ-UBND", "02/06/2025",
     "Chủ tịch UBND tỉnh"],
    [3, "Huân chương Lao động hạng Ba", "Nguyễn Văn An", None, "Chủ tịch", "UBND xã Vũ Hội", "1025/QĐ-CTN",
     "20/05/2025", "Chủ tịch nước"],
    [4, "Bằng khen của Chủ tịch UBND tỉnh", "Trần Thị Bình", None, "Giáo viên", "Trường khác", "1510/QĐ-UBND",
     "02/06/2025", "Chủ tịch UBND tỉnh"],
]


def upload(organiser, event_id, data, name="khen-thuong.xlsx"):
    return organiser.post(f"/api/events/{event_id}/honours/import", data={"file": (io.BytesIO(data), name)},
                          content_type="multipart/form-data")


@pytest.fixture
def ceremony_event(app):
    from tests.factories import build_event
    with app.app_context():
        return build_event(honours_per_group=())


def test_import_groups_by_award_highest_first_and_links_delegates(organiser, client, ceremony_event):
    answer = upload(organiser, ceremony_event, xlsx(ROWS, HEADERS))
    body = answer.get_json()
    assert answer.status_code == 200, body
    assert (body["created"], body["linked"], body["doubtful"]) == (4, 2, 1)
    groups = client.get(f"/api/events/{ceremony_event}/honours").get_json()
    assert [g["award"] for g in groups] == ["Huân chương Lao động hạng Ba", "Bằng khen của Chủ tịch UBND tỉnh",
                                            "Giấy khen của Chủ tịch UBND huyện"]
    assert groups[0]["decision"] == "Quyết định số 1025/QĐ-CTN ngày 20/05/2025 của Chủ tịch nước"
    recipients = groups[1]["recipients"]
    assert [(r["name"], r["collective"]) for r in recipients] == [("Trường THCS Vũ Thư", True), ("Trần Thị Bình", False)]
    assert recipients[1]["delegate_id"] is None  # same name, another unit: the organiser decides
    assert groups[0]["recipients"][0]["delegate_id"] is not None


def test_a_doubtful_match_is_confirmed_by_the_organiser(app, organiser, client, ceremony_event):
    upload(organiser, ceremony_event, xlsx(ROWS, HEADERS))
    page = organiser.client.get(f"/admin/events/{ceremony_event}/honours")
    assert "Cần xác nhận" in page.text and "Là Trần Thị Bình — Trường THCS Vũ Thư" in page.text
    with app.app_context():
        honour = db.session.query(Honour).filter_by(name="Trần Thị Bình").one()
        delegate = db.session.query(Delegate).filter_by(event_id=ceremony_event, full_name="Trần Thị Bình").one()
        honour_id, delegate_id = honour.id, delegate.id
    linked = organiser.post(f"/api/events/{ceremony_event}/honours/{honour_id}/delegate", json={"delegate_id": delegate_id})
    assert linked.get_json()["delegate_id"] == delegate_id
    assert "Cần xác nhận" not in organiser.client.get(f"/admin/events/{ceremony_event}/honours").text


def test_import_errors_name_row_and_column_and_save_nothing(organiser, client, ceremony_event):
    rows = [ROWS[0], [2, "", "Lê Văn C", None, "", "", "", "", ""],
            [3, "Giấy khen", None, None, "", "", "", "32/13/2025", ""], [4, "Giấy khen", "Lê " * 150, None]]
    body = upload(organiser, ceremony_event, xlsx(rows, HEADERS)).get_json()
    assert body["error"] == "import_failed"
    assert {(p["row"], p["column"]) for p in body["problems"]} == {(3, "B"), (4, "C"), (4, "H"), (5, "C")}
    assert "Dòng 5, cột C (Họ và tên): dài quá 300 ký tự" in body["message"]
    assert "Dòng 4, cột H (Ngày quyết định): “32/13/2025” không phải ngày" in body["message"]
    assert client.get(f"/api/events/{ceremony_event}/honours").get_json() == []


def test_one_name_column_tells_collectives_from_people_and_reimport_updates(organiser, client, ceremony_event):
    headers = ["Hình thức khen thưởng", "Cá nhân / tập thể", "Chức vụ", "Đơn vị", "Đợt"]
    rows = [["Cờ thi đua của UBND tỉnh", "HTX Dịch vụ nông nghiệp Vũ Hội", "", "", "Đợt 2"],
            ["Chiến sĩ thi đua cấp tỉnh", "Lê Đức Cường", "Trung tá", "Công an huyện", "1"]]
    upload(organiser, ceremony_event, xlsx(rows, headers))
    rows[1][2] = "Thượng tá"
    again = upload(organiser, ceremony_event, xlsx(rows, headers)).get_json()
    assert (again["created"], again["updated"]) == (0, 2)
    groups = client.get(f"/api/events/{ceremony_event}/honours").get_json()
    # the đợt column wins over the award's rank
    assert [g["award"] for g in groups] == ["Chiến sĩ thi đua cấp tỉnh", "Cờ thi đua của UBND tỉnh"]
    assert groups[0]["recipients"][0]["title"] == "Thượng tá" and groups[1]["recipients"][0]["collective"]


def test_reimport_keeps_the_order_arranged_by_hand_and_places_new_groups(organiser, client, ceremony_event):
    upload(organiser, ceremony_event, xlsx(ROWS, HEADERS))
    giay_khen = client.get(f"/api/events/{ceremony_event}/honours").get_json()[2]
    organiser.post(f"/api/events/{ceremony_event}/honours/groups/{giay_khen['id']}/move", json={"offset": -1})
    more = [[5, "Bằng khen của Thủ tướng Chính phủ", "Đặng Văn Công", None, "Giám đốc", "Sở Xây dựng", "88/QĐ-TTg",
             "10/05/2025", "Thủ tướng Chính phủ"],
            [6, "Giấy khen của Chủ tịch UBND huyện", "Phí Thị Mơ", None, "Kế toán", "UBND xã Vũ Hội", "12/QĐ-UBND",
             "01/06/2025", "UBND huyện Vũ Thư"]]
    answer = upload(organiser, ceremony_event, xlsx(ROWS + more, HEADERS)).get_json()
    assert (answer["created"], answer["updated"]) == (2, 4)
    groups = client.get(f"/api/events/{ceremony_event}/honours").get_json()
    assert [g["award"] for g in groups] == ["Huân chương Lao động hạng Ba", "Bằng khen của Thủ tướng Chính phủ",
                                            "Giấy khen của Chủ tịch UBND huyện", "Bằng khen của Chủ tịch UBND tỉnh"]
    assert [r["name"] for r in groups[2]["recipients"]] == ["Vũ Thị Hà", "Phí Thị Mơ"]  # a newcomer goes last


@pytest.mark.parametrize("names, expected", [
    (["Trần Văn Bình", "Nguyễn Thị An"], ["Nguyễn Thị An", "Trần Văn Bình"]),              # given name first
    (["Lê Văn An", "Nguyễn Văn An"], ["Lê Văn An", "Nguyễn Văn An"]),                      # then family name
    (["Phạm Thị Ân", "Hoàng Văn Ăn", "Trần Thị An"], ["Trần Thị An", "Hoàng Văn Ăn", "Phạm Thị Ân"]),  # a ă â
    (["Bùi Văn Đức", "Đỗ Thị Dung"], ["Đỗ Thị Dung", "Bùi Văn Đức"]),                      # d before đ
    (["Vũ Thị Hạ", "Ngô Văn Hà", "Lê Văn Ha"], ["Lê Văn Ha", "Ngô Văn Hà", "Vũ Thị Hạ"]),  # tones after letters
    (["Mai Văn Ơn", "Mai Văn Ôn", "Mai Văn On"], ["Mai Văn On", "Mai Văn Ôn", "Mai Văn Ơn"]),  # o ô ơ
    (["Trần Văn Ư", "Nguyễn Thị Uyên", "Lê Văn Vinh"], ["Nguyễn Thị Uyên", "Trần Văn Ư", "Lê Văn Vinh"]),  # u ư v
    (["Đinh Văn Dũng", "Đỗ Thị Dung"], ["Đỗ Thị Dung", "Đinh Văn Dũng"]),                 # Dung before Dũng
    (["Nguyễn Văn Thanh", "Nguyễn Văn Than"], ["Nguyễn Văn Than", "Nguyễn Văn Thanh"]),     # shorter word first
])
def test_vietnamese_alphabetical_order(names, expected):
    assert sorted(names, key=vietnamese_name_key) == expected


def test_organiser_sorts_a_group_and_moves_people_and_groups(app, organiser, client, ceremony_event):
    upload(organiser, ceremony_event, xlsx([[i, "Bằng khen của Chủ tịch UBND tỉnh", n, None, "", "", "", "", ""]
                                            for i, n in enumerate(["Vũ Thị Hà", "Nguyễn Văn An", "Đỗ Thị Dung"], 1)],
                                           HEADERS))
    upload(organiser, ceremony_event, xlsx([[1, "Huân chương Lao động hạng Nhì", "Lê Văn Ba", None, "", "", "", "", ""]],
                                           HEADERS))
    groups = client.get(f"/api/events/{ceremony_event}/honours").get_json()
    assert groups[0]["award"] == "Huân chương Lao động hạng Nhì"
    khen = groups[1]
    assert organiser.post(f"/api/events/{ceremony_event}/honours/groups/{khen['id']}/sort").status_code == 200
    after = client.get(f"/api/events/{ceremony_event}/honours").get_json()[1]
    assert [r["name"] for r in after["recipients"]] == ["Nguyễn Văn An", "Đỗ Thị Dung", "Vũ Thị Hà"]
    organiser.post(f"/api/events/{ceremony_event}/honours/{after['recipients'][2]['id']}/move", json={"offset": -1})
    organiser.post(f"/api/events/{ceremony_event}/honours/groups/{khen['id']}/move", json={"offset": -1})
    final = client.get(f"/api/events/{ceremony_event}/honours").get_json()
    assert final[0]["award"] == "Bằng khen của Chủ tịch UBND tỉnh"
    assert [r["name"] for r in final[0]["recipients"]] == ["Nguyễn Văn An", "Vũ Thị Hà", "Đỗ Thị Dung"]
    assert organiser.post(f"/api/events/{ceremony_event}/honours/groups/{khen['id']}/move",
                          json={"offset": 5}).status_code == 400


@pytest.mark.parametrize("count, pages, last_page", [(7, 1, 7), (40, 5, 8), (150, 19, 6)])
def test_long_groups_are_paged_on_the_server(app, mc, client, count, pages, last_page):
    from tests.factories import build_event
    with app.app_context():
        event_id = build_event(honours_per_group=(count,))
        group_id = db.session.query(HonourGroup).filter_by(event_id=event_id).one().id
    first = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": group_id, "page": 1})
    screen = first.get_json()["screen"]
    assert screen["pages"] == pages and screen["count"] == count
    assert len(screen["recipients"]) == min(count, 8) and screen["recipients"][0]["name"] == "Người nhận 001"
    last = mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": group_id, "page": pages})
    assert len(last.get_json()["screen"]["recipients"]) == last_page


def test_the_organiser_sets_how_many_names_a_page_shows(app, organiser, mc, client):
    """Eight to a page for a small projector: the pages, their numbering and the MC's → steps all follow."""
    from models import Event
    from tests.factories import build_event
    with app.app_context():
        event_id = build_event(honours_per_group=(20,))
        group_id = db.session.query(HonourGroup).filter_by(event_id=event_id).one().id
        fields = event_api(db.session.get(Event, event_id)) | {"honours_per_page": "8"}
    refused = organiser.post(f"/admin/events/{event_id}", data=fields | {"honours_per_page": "40"}, follow_redirects=True)
    assert "Số người mỗi trang khen thưởng phải từ 4 đến 24." in refused.text
    organiser.post(f"/admin/events/{event_id}", data=fields)
    assert client.get("/api/events").get_json()[-1]["honours_per_page"] == 8
    page_two = mc.post(f"/api/events/{event_id}/live/screen",
                       json={"kind": "honours", "group_id": group_id, "page": 2}).get_json()["screen"]
    assert (page_two["pages"], page_two["first"], len(page_two["recipients"])) == (3, 9, 8)
    assert page_two["recipients"][0]["name"] == "Người nhận 009"
    items = {i["kind"]: i for i in client.get(f"/api/events/{event_id}/programme").get_json()}
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items["honours"]["id"]})
    steps = [mc.post(f"/api/events/{event_id}/live/next").get_json()["screen"].get("page") for _ in range(4)]
    assert steps == [1, 2, 3, None]  # three pages, then on to the next item


@pytest.mark.parametrize("role, status", [(None, 401), ("door", 403), ("display", 403), ("usher", 200), ("mc", 200)])
def test_handover_marks_are_role_checked(app, auth, event_id, role, status):
    if role:
        auth.login(role)
    with app.app_context():
        honour_id = db.session.query(Honour).first().id
    answer = auth.post(f"/api/events/{event_id}/honours/{honour_id}/handover", json={"status": "on_stage"})
    assert answer.status_code == status
    with app.app_context():
        assert db.session.get(Honour, honour_id).handover == ("on_stage" if status == 200 else "")


def test_an_ushers_mark_reaches_the_mc_panel_at_once(app, users, event_id):
    """honours/ tells the screens by signal (kiosk.signals.handover_marked); the MC panel in the event's room gets
    the mark as the usher's tablet made it."""
    from kiosk.extensions import socketio
    from tests.helpers import signed_in
    usher = signed_in(app, users, "usher")
    sock = socketio.test_client(app, flask_test_client=signed_in(app, users, "mc").client)
    try:
        assert sock.emit("join", {"event_id": event_id}, callback=True)["ok"]
        sock.get_received()
        with app.app_context():
            honour = db.session.query(Honour).order_by(Honour.id).first()
            honour_id, group_id = honour.id, honour.group_id
        assert usher.post(f"/api/events/{event_id}/honours/{honour_id}/handover",
                          json={"status": "on_stage"}).status_code == 200
        marks = [m["args"][0] for m in sock.get_received() if m["name"] == "handover"]
    finally:
        sock.disconnect()
    assert marks == [{"honour_id": honour_id, "group_id": group_id, "handover": "on_stage", "received_by": None}]


def test_received_on_behalf_needs_the_name_and_the_export_says_how(app, auth, organiser, event_id):
    auth.login("usher")
    with app.app_context():
        honour_id = db.session.query(Honour).order_by(Honour.id).first().id
    url = f"/api/events/{event_id}/honours/{honour_id}/handover"
    assert auth.post(url, json={"status": "received_on_behalf"}).status_code == 400
    assert auth.post(url, json={"status": "đã nhận"}).status_code == 400
    done = auth.post(url, json={"status": "received_on_behalf", "received_by": "Nguyễn Thị Mai (vợ)"}).get_json()
    assert done["handover"] == "received_on_behalf" and done["received_by"] == "Nguyễn Thị Mai (vợ)"
    book = load_workbook(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/honours.xlsx").data))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][:2] == ("Đợt", "Hình thức khen thưởng")
    assert rows[2][5] == "Người nhận 001" and rows[2][9] == "Nhận thay" and rows[2][10] == "Nguyễn Thị Mai (vợ)"


def test_cli_import_honours(runner, ceremony_event, tmp_path):
    path = tmp_path / "kt.xlsx"
    path.write_bytes(xlsx(ROWS, HEADERS))
    result = runner.invoke(args=["import-honours", str(ceremony_event), str(path)])
    assert result.exit_code == 0 and "4 mới" in result.output and "1 cần xác nhận" in result.output


def test_groups_page_automatically_when_left_alone(app, tmp_path, database_url, users):
    """With HONOURS_AUTO_PAGE_SECONDS set, a long group turns to its next page by itself."""
    import time

    from tests.factories import build_event
    from tests.helpers import signed_in
    app.config["HONOURS_AUTO_PAGE_SECONDS"] = 0.3
    with app.app_context():
        event_id = build_event(honours_per_group=(20,))
        group_id = db.session.query(HonourGroup).filter_by(event_id=event_id).one().id
    mc = signed_in(app, users, "mc")
    mc.post(f"/api/events/{event_id}/live/screen", json={"kind": "honours", "group_id": group_id, "page": 1})
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        screen = mc.client.get(f"/api/events/{event_id}/live").get_json()["screen"]
        if screen["page"] == 3:
            break
        time.sleep(0.1)
    assert screen["page"] == 3 and screen["pages"] == 3  # and it stops on the last page
    time.sleep(0.5)
    assert mc.client.get(f"/api/events/{event_id}/live").get_json()["screen"]["page"] == 3
