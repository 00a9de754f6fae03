"""The speakers' list (tham luận): import with row/column errors, speaking order, re-import, moves, removal,
the CLI, the organiser page, and the MC calling an imported speaker."""
import io
import unicodedata

import pytest
from openpyxl import load_workbook

from tests.factories import SPEECH_HEADERS as HEADERS
from tests.factories import SPEECH_ROWS as ROWS
from tests.factories import xlsx


def upload(organiser, event_id, data, name="tham-luan.xlsx"):
    return organiser.post(f"/api/events/{event_id}/speeches/import", data={"file": (io.BytesIO(data), name)},
                          content_type="multipart/form-data")


@pytest.fixture
def plain_event(app):
    from tests.factories import build_event
    with app.app_context():
        return build_event(speeches=0)


def listed(client, event_id):
    return client.get(f"/api/events/{event_id}/speeches").get_json()


def test_import_keeps_the_files_order_and_reads_minutes(organiser, client, plain_event):
    answer = upload(organiser, plain_event, xlsx(ROWS, HEADERS))
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["created"] == 3
    speeches = listed(client, plain_event)
    assert [(s["name"], s["collective"], s["minutes"]) for s in speeches] == [
        ("Nguyễn Thị Lan", False, 10), ("HTX Dịch vụ nông nghiệp Song Lãng", True, 7), ("Trần Văn Hùng", False, 8)]
    assert speeches[0]["topic"] == "Nông dân thi đua sản xuất giỏi" and speeches[0]["unit"] == "UBND xã Vũ Hội"


def test_nfd_and_tcvn3_names_are_stored_as_unicode_nfc(organiser, client, plain_event):
    rows = [[1, unicodedata.normalize("NFD", "Đặng Thị Thủy"), None, "", "Sở Nội vụ", "Cải cách hành chính", 7],
            [2, "NguyÔn V¨n An", None, "", "Công an tỉnh", "An ninh cơ sở", 7]]
    body = upload(organiser, plain_event, xlsx(rows, HEADERS)).get_json()
    assert "TCVN3" in body["notes"][0]
    names = [s["name"] for s in listed(client, plain_event)]
    assert names == ["Đặng Thị Thủy", "Nguyễn Văn An"]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)


def test_every_problem_has_its_row_and_column_and_nothing_is_saved(organiser, client, plain_event):
    rows = [ROWS[0], [2, None, None, "", "", "Không có tên", 7], [3, "Lê Văn C", None, "", "", "", "mười"],
            [4, "Lê Văn D", None, "", "", "Chủ đề", 90]]
    body = upload(organiser, plain_event, xlsx(rows, HEADERS)).get_json()
    assert body["error"] == "import_failed"
    assert {(p["row"], p["column"]) for p in body["problems"]} == {(3, "B"), (4, "F"), (4, "G"), (5, "G")}
    assert "Dòng 4, cột G (Thời lượng (phút)): “mười” không phải số phút (từ 1 đến 60)" in body["message"]
    assert listed(client, plain_event) == []


def test_a_file_without_the_topic_column_says_which_column_is_missing(organiser, plain_event):
    body = upload(organiser, plain_event, xlsx([["Nguyễn Văn A"]], ["Họ và tên"])).get_json()
    assert body["error"] == "no_header"
    assert body["message"] == "Không tìm thấy dòng tiêu đề có cột “Chủ đề tham luận” trong 15 dòng đầu."
    nameless = upload(organiser, plain_event, xlsx([["Chuyển đổi số"]], ["Chủ đề tham luận"])).get_json()
    assert nameless["message"].startswith("Không thấy cột tên người tham luận (“Họ và tên”")


def test_reimport_updates_follows_the_new_order_and_keeps_the_speakers_left_out(organiser, client, plain_event):
    upload(organiser, plain_event, xlsx(ROWS, HEADERS))
    first_ids = {s["name"]: s["id"] for s in listed(client, plain_event)}
    changed = [[1, "Trần Văn Hùng", None, "Giám đốc", "Sở Y tế", "Y tế cơ sở", 9], ROWS[0]]
    body = upload(organiser, plain_event, xlsx(changed, HEADERS)).get_json()
    assert (body["created"], body["updated"], body["kept"]) == (0, 2, 1)
    assert "Giữ lại 1 bài tham luận" in body["notes"][0]
    speeches = listed(client, plain_event)
    assert [s["name"] for s in speeches] == ["Trần Văn Hùng", "Nguyễn Thị Lan", "HTX Dịch vụ nông nghiệp Song Lãng"]
    assert speeches[0]["id"] == first_ids["Trần Văn Hùng"] and speeches[0]["topic"] == "Y tế cơ sở"


def test_the_organiser_moves_and_removes_speeches(organiser, client, plain_event):
    upload(organiser, plain_event, xlsx(ROWS, HEADERS))
    ids = [s["id"] for s in listed(client, plain_event)]
    moved = organiser.post(f"/api/events/{plain_event}/speeches/{ids[2]}/move", json={"offset": -1}).get_json()
    assert [s["id"] for s in moved] == [ids[0], ids[2], ids[1]]
    assert organiser.post(f"/api/events/{plain_event}/speeches/{ids[0]}/move", json={"offset": -1}).status_code == 200
    assert organiser.post(f"/api/events/{plain_event}/speeches/{ids[0]}/move", json={"offset": 5}).status_code == 400
    left = organiser.post(f"/api/events/{plain_event}/speeches/{ids[2]}/remove").get_json()
    assert [(s["id"], s["position"]) for s in left] == [(ids[0], 1), (ids[1], 2)]
    missing = organiser.post(f"/api/events/{plain_event}/speeches/{ids[2]}/remove")
    assert missing.status_code == 404 and missing.get_json()["message"] == "Không tìm thấy bài tham luận."


def test_the_organiser_adds_a_speaker_by_hand(organiser, client, plain_event):
    upload(organiser, plain_event, xlsx(ROWS[:1], HEADERS))
    added = organiser.post(f"/api/events/{plain_event}/speeches", json={
        "name": unicodedata.normalize("NFD", "Đoàn Thanh niên xã Vũ Hội"), "topic": "Tuổi trẻ xung kích",
        "minutes": "5", "collective": True})
    assert added.status_code == 201
    assert [(s["name"], s["position"], s["minutes"], s["collective"]) for s in listed(client, plain_event)] == [
        ("Nguyễn Thị Lan", 1, 10, False), ("Đoàn Thanh niên xã Vũ Hội", 2, 5, True)]


@pytest.mark.parametrize("body, message", [
    ({"topic": "Chủ đề"}, "Cần nhập họ và tên hoặc tên tập thể."),
    ({"name": "Lê Văn A", "topic": " "}, "Cần nhập chủ đề tham luận."),
    ({"name": "Lê Văn A", "topic": "Chủ đề", "minutes": 0}, "Thời lượng: “0” không phải số phút (từ 1 đến 60)."),
    ({"name": ["x"], "topic": "Chủ đề"}, "Họ và tên hoặc tên tập thể: tối đa 300 ký tự."),
    ({"name": "Lê Văn A", "topic": "x" * 501}, "Chủ đề tham luận: tối đa 500 ký tự."),
])
def test_a_speaker_typed_badly_is_refused_with_the_reason(organiser, client, plain_event, body, message):
    answer = organiser.post(f"/api/events/{plain_event}/speeches", json=body)
    assert answer.status_code == 400 and answer.get_json()["message"] == message
    assert listed(client, plain_event) == []


@pytest.mark.parametrize("role, status", [(None, 401), ("mc", 403), ("door", 403)])
def test_only_organisers_change_the_speakers(auth, plain_event, role, status):
    if role:
        auth.login(role)
    assert auth.post(f"/api/events/{plain_event}/speeches/import").status_code == status
    assert auth.post(f"/api/events/{plain_event}/speeches/1/remove").status_code == status
    assert auth.post(f"/api/events/{plain_event}/speeches", json={"name": "A", "topic": "B"}).status_code == status


def test_the_template_imports_as_it_is(organiser, client, plain_event):
    template = client.get("/api/speeches/template.xlsx")
    sheet = load_workbook(io.BytesIO(template.data)).active
    assert [c.value for c in sheet[1]] == HEADERS
    assert upload(organiser, plain_event, template.data).get_json()["created"] == 1


def test_cli_import_speeches(app, runner, client, plain_event, tmp_path):
    path = tmp_path / "tham-luan.xlsx"
    path.write_bytes(xlsx(ROWS, HEADERS))
    result = runner.invoke(args=["import-speeches", str(plain_event), str(path)])
    assert result.exit_code == 0 and "Đã nhập: 3 bài tham luận mới" in result.output
    path.write_bytes(xlsx([[1, "", None, "", "", "Chủ đề", 7]], HEADERS))
    failed = runner.invoke(args=["import-speeches", str(plain_event), str(path)])
    assert failed.exit_code != 0 and "Dòng 2, cột B (Họ và tên): thiếu tên người hoặc tập thể tham luận" in failed.output


def test_the_organiser_page_lists_the_speakers_in_order(organiser, plain_event):
    upload(organiser, plain_event, xlsx(ROWS, HEADERS))
    page = organiser.client.get(f"/admin/events/{plain_event}/speeches").text
    assert "Danh sách tham luận (3)" in page
    assert page.index("Nguyễn Thị Lan") < page.index("HTX Dịch vụ nông nghiệp Song Lãng") < page.index("Trần Văn Hùng")
    assert "Nông dân thi đua sản xuất giỏi" in page and "10 phút" in page
    assert f'href="/admin/events/{plain_event}/speeches"' in organiser.client.get(f"/admin/events/{plain_event}").text


def test_the_mc_calls_an_imported_speaker(organiser, mc, client, plain_event):
    upload(organiser, plain_event, xlsx(ROWS, HEADERS))
    items = {i["kind"]: i for i in client.get(f"/api/events/{plain_event}/programme").get_json()}
    mc.post(f"/api/events/{plain_event}/live/goto", json={"item_id": items["speeches"]["id"]})
    screen = mc.post(f"/api/events/{plain_event}/live/next").get_json()["screen"]
    assert (screen["kind"], screen["name"], screen["minutes"]) == ("speaker", "Nguyễn Thị Lan", 10)
