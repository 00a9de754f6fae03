"""Importing delegate lists: Vietnamese headers, NFC, legacy encodings, row/column errors, all-or-nothing."""
import io
import unicodedata

import pytest
from openpyxl import load_workbook

from kiosk.extensions import db
from kiosk.lists.legacy import to_unicode
from models import Delegate
from tests.factories import DELEGATE_HEADERS as HEADERS
from tests.factories import xlsx

GOOD = [
    [1, "Nguyễn Thị Lan", "Chủ tịch Hội Nông dân xã", "UBND xã Vũ Hội", "Nữ", 1982, "Kinh", "Không", "nông dân",
     "Nông nghiệp", "Đại biểu"],
    [2, "Trần Văn Hùng", "Giám đốc", "Sở Y tế", "Nam", "20/05/1975", "Kinh", "Công giáo", "cán bộ", "Y tế", "Đại biểu"],
    [3, "Lại Văn Hoàn", "Phó Chủ tịch", "UBND tỉnh Thái Bình", "Nam", None, "Kinh", "Không", "cán bộ", "Quản lý",
     "Khách mời"],
]


def upload(organiser, event_id, data, name="danh-sach.xlsx"):
    return organiser.post(f"/api/events/{event_id}/delegates/import",
                          data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def people(app, event_id):
    with app.app_context():
        return {d.full_name: d for d in db.session.query(Delegate).filter_by(event_id=event_id)}


@pytest.fixture
def empty_event(app):
    from tests.factories import build_event
    with app.app_context():
        return build_event(delegates=0)


def test_an_excel_list_with_title_rows_and_varied_headers_imports(organiser, app, empty_event):
    headers = ["stt", "HỌ VÀ TÊN", "Chức  vụ", "Cơ quan, đơn vị", "giới tính", "Ngày sinh", "Dân tộc", "Tôn giáo",
               "Thành phần", "Ngành, lĩnh vực", "Đối tượng"]
    data = xlsx(GOOD, headers, title_rows=[["UBND TỈNH THÁI BÌNH"], ["DANH SÁCH ĐẠI BIỂU"], []])
    answer = upload(organiser, empty_event, data)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["created"] == 3
    found = people(app, empty_event)
    lan, hung, guest = found["Nguyễn Thị Lan"], found["Trần Văn Hùng"], found["Lại Văn Hoàn"]
    assert (lan.gender, lan.birth_year, lan.unit, lan.number, lan.is_guest) == ("nu", 1982, "UBND xã Vũ Hội", 1, False)
    assert (hung.birth_year, hung.religion, hung.sector) == (1975, "Công giáo", "Y tế")
    assert guest.is_guest and guest.birth_year is None


def test_csv_with_bom_semicolons_and_nfd_text_is_stored_nfc(organiser, app, empty_event):
    lines = [";".join(HEADERS)] + [";".join("" if v is None else str(v) for v in row) for row in GOOD]
    data = ("\ufeff" + unicodedata.normalize("NFD", "\n".join(lines))).encode("utf-8")
    assert upload(organiser, empty_event, data, "ds.csv").status_code == 200
    names = set(people(app, empty_event))
    assert "Nguyễn Thị Lan" in names and all(unicodedata.is_normalized("NFC", n) for n in names)


def test_every_problem_is_reported_with_row_and_column_and_nothing_is_saved(organiser, app, empty_event):
    rows = [GOOD[0],
            [2, "", "Giám đốc", "Sở Y tế", "Nam", 1975, "Kinh", "Không", "cán bộ", "Y tế", "Đại biểu"],
            [3, "Phạm Văn C", "", "Sở Nội vụ", "Khác", "năm ngoái", "Kinh", "Không", "cán bộ", "", "Đại biểu"],
            [4, "Nguyễn Thị Lan", "", "UBND xã Vũ Hội", "Nữ", 1990, "Kinh", "Không", "", "", "Phóng viên"]]
    answer = upload(organiser, empty_event, xlsx(rows))
    body = answer.get_json()
    assert answer.status_code == 400 and body["error"] == "import_failed"
    where = {(p["row"], p["column"]) for p in body["problems"]}
    assert where == {(3, "B"), (4, "E"), (4, "F"), (5, "B"), (5, "K")}
    assert "Dòng 4, cột E (Giới tính): “Khác” không phải Nam hoặc Nữ." in body["message"]
    assert "Dòng 3, cột B (Họ và tên): thiếu họ và tên." in body["message"]
    assert "trùng người ở dòng 2" in body["message"]
    assert people(app, empty_event) == {}


@pytest.mark.parametrize("name, data, message", [
    ("ds.pdf", b"%PDF", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV"),
    ("ds.xlsx", b"not a zip", "Không đọc được tệp Excel"),
    ("ds.csv", b"Ho va ten\nTr\xe0n\n", "UTF-8"),
    ("ds.csv", "Tên,Đơn vị\nAn,B\n".encode(), "Không tìm thấy dòng tiêu đề có cột “Họ và tên”"),
    ("ds.csv", "Họ và tên,Đơn vị\n".encode(), "không có dòng đại biểu nào"),
])
def test_files_that_cannot_be_read_say_why(organiser, empty_event, name, data, message):
    answer = upload(organiser, empty_event, data, name)
    assert answer.status_code == 400 and message in answer.get_json()["message"]


def test_reimporting_an_updated_list_updates_people(organiser, app, empty_event):
    assert upload(organiser, empty_event, xlsx(GOOD)).get_json()["created"] == 3
    codes = {name: d.code for name, d in people(app, empty_event).items()}
    changed = [list(r) for r in GOOD]
    changed[0][2] = "Phó Chủ tịch UBND xã"
    changed.append([4, "Bùi Thị Mai", "Giáo viên", "Trường THCS Vũ Thư", "Nữ", 1995, "Kinh", "Không", "nhân viên",
                    "Giáo dục", "Đại biểu"])
    result = upload(organiser, empty_event, xlsx(changed)).get_json()
    assert (result["created"], result["updated"]) == (1, 3)
    after = people(app, empty_event)
    assert len(after) == 4 and after["Nguyễn Thị Lan"].title == "Phó Chủ tịch UBND xã"
    assert after["Nguyễn Thị Lan"].code == codes["Nguyễn Thị Lan"]  # the printed badge still works


@pytest.mark.parametrize("legacy, unicode, encoding", [
    ("NguyÔn V¨n An", "Nguyễn Văn An", "TCVN3"),
    ("§Æng ThÞ Thñy", "Đặng Thị Thủy", "TCVN3"),
    ("B¶o Th¾ng", "Bảo Thắng", "TCVN3"),
    ("Nguyeãn Vaên Ñaëng", "Nguyễn Văn Đặng", "VNI"),
    ("Traàn Thò Höông", "Trần Thị Hương", "VNI"),
    ("Xin chaøo caùc baïn", "Xin chào các bạn", "VNI"),
    ("Voõ Thò Kim Lieân", "Võ Thị Kim Liên", "VNI"),
    ("Nguyễn Văn Võ", "Nguyễn Văn Võ", None),
    ("Hoàng Đức Thắng", "Hoàng Đức Thắng", None),
    ("Lê Thị Ánh", "Lê Thị Ánh", None),
])
def test_legacy_encodings_are_recognised(legacy, unicode, encoding):
    assert to_unicode(legacy) == (unicode, encoding)


def test_a_tcvn3_name_in_a_file_is_converted_and_said_so(organiser, app, empty_event):
    rows = [[1, "NguyÔn ThÞ Hoa", "Gi¸o viªn", "Tr­êng THCS", "N÷", 1980, "Kinh", "Kh«ng", "", "", "§¹i biÓu"]]
    body = upload(organiser, empty_event, xlsx(rows)).get_json()
    assert body["created"] == 1 and "TCVN3" in body["notes"][0]
    person = people(app, empty_event)["Nguyễn Thị Hoa"]
    assert (person.title, person.unit, person.gender, person.religion) == ("Giáo viên", "Trường THCS", "nu", "Không")


def test_template_download_has_the_usual_headers(client):
    answer = client.get("/api/delegates/template.xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.data)).active
    assert [c.value for c in sheet[1]][:4] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị"]


def test_only_organisers_import(mc, organiser, empty_event):
    refused = upload(mc, empty_event, xlsx(GOOD))
    assert refused.status_code == 403 and refused.get_json()["error"] == "forbidden"
    assert organiser.client.get(f"/api/events/{empty_event}/delegates").get_json() == []  # nothing imported


def test_cli_import_delegates(app, runner, empty_event, tmp_path):
    good, bad = tmp_path / "ds.xlsx", tmp_path / "sai.xlsx"
    good.write_bytes(xlsx(GOOD))
    bad.write_bytes(xlsx([[1, "An", "", "", "X", 1980, "", "", "", "", ""]]))
    result = runner.invoke(args=["import-delegates", str(empty_event), str(good)])
    assert result.exit_code == 0 and "3 đại biểu mới" in result.output
    failed = runner.invoke(args=["import-delegates", str(empty_event), str(bad)])
    assert failed.exit_code != 0 and "Dòng 2, cột E (Giới tính)" in failed.output


@pytest.mark.parametrize("kind, headers, what", [
    ("delegates", HEADERS, "đại biểu"),
    ("honours", ["STT", "Hình thức khen thưởng", "Họ và tên"], "khen thưởng"),
    ("speeches", ["STT", "Họ và tên", "Chủ đề tham luận"], "tham luận"),
])
def test_a_list_with_only_its_header_says_so(organiser, empty_event, kind, headers, what):
    answer = organiser.post(f"/api/events/{empty_event}/{kind}/import",
                            data={"file": (io.BytesIO(xlsx([], headers)), "ds.xlsx")}, content_type="multipart/form-data")
    assert answer.status_code == 400
    assert answer.get_json() == {"error": "empty_file", "message": f"Tệp không có dòng {what} nào dưới dòng tiêu đề."}
