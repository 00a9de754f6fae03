"""Lists as old offices send them: headers typed in TCVN3 or VNI, the wrong list uploaded, templates to fill in."""
import io

import pytest
from openpyxl import load_workbook

from kiosk.extensions import db
from models import Delegate, HonourGroup
from tests.factories import xlsx

# “Họ và tên”, “Chức vụ”, “Đơn vị”, “Giới tính” as a TCVN3 (.VnTime) file keeps them, and as a VNI file
TCVN3_HEADERS = ["STT", "Hä vµ tªn", "Chøc vô", "§¬n vÞ", "Giíi tÝnh"]
VNI_HEADERS = ["STT", "Hoï vaø teân", "Chöùc vuï", "Ñôn vò", "Giôùi tính"]


def upload(client, path, data, name="danh-sach.xlsx"):
    return client.post(path, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.mark.parametrize("headers", [TCVN3_HEADERS, VNI_HEADERS], ids=["TCVN3", "VNI"])
def test_a_header_row_typed_in_a_legacy_encoding_is_recognised(app, organiser, event_id, headers):
    data = xlsx([[1, "NguyÔn ThÞ Lan", "Chñ tÞch", "UBND x· Vò Héi", "N÷"]], headers=headers)
    answer = upload(organiser, f"/api/events/{event_id}/delegates/import", data)
    assert answer.status_code == 200, answer.get_json()
    with app.app_context():
        lan = db.session.scalar(db.select(Delegate).where(Delegate.full_name == "Nguyễn Thị Lan"))
        assert lan is not None and lan.unit == "UBND xã Vũ Hội" and lan.gender == "nu"


@pytest.mark.parametrize(("headers", "looks_like", "column"), [
    (["STT", "Hình thức khen thưởng", "Họ và tên", "Đơn vị", "Số quyết định"], "danh sách khen thưởng",
     "Hình thức khen thưởng"),
    (["STT", "Họ và tên", "Đơn vị", "Chủ đề tham luận", "Thời lượng (phút)"], "danh sách tham luận",
     "Chủ đề tham luận"),
])
def test_another_list_uploaded_as_the_delegate_list_is_refused_by_name(app, organiser, event_id, headers, looks_like,
                                                                        column):
    data = xlsx([[1, "Bằng khen", "Nguyễn Văn An", "Xã Vũ Hội", "1/QĐ"]], headers=headers)
    with app.app_context():
        before = db.session.scalar(db.select(db.func.count()).select_from(Delegate))
    answer = upload(organiser, f"/api/events/{event_id}/delegates/import", data)
    assert answer.status_code == 400
    body = answer.get_json()
    assert body["error"] == "wrong_list"
    assert f"Tệp này giống {looks_like} (có cột “{column}”)" in body["message"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Delegate)) == before


def test_the_delegate_list_uploaded_as_honours_is_refused_by_name(app, organiser, event_id):
    data = xlsx([[1, "Nguyễn Văn An", "Chủ tịch", "Xã Vũ Hội", "Nam"]], headers=["STT", "Họ và tên", "Chức vụ", "Đơn vị",
                                                                              "Giới tính"])
    answer = upload(organiser, f"/api/events/{event_id}/honours/import", data)
    assert answer.status_code == 400
    assert answer.get_json()["message"].startswith("Tệp này giống danh sách đại biểu (có cột “Giới tính”)")


@pytest.mark.parametrize(("path", "first_headers"), [
    ("/api/delegates/template.xlsx", ["STT", "Họ và tên", "Chức vụ"]),
    ("/api/honours/template.xlsx", ["STT", "Hình thức khen thưởng", "Họ và tên", "Tên tập thể"]),
    ("/api/speeches/template.xlsx", ["STT", "Họ và tên", "Tên tập thể"]),
])
def test_templates_download_with_their_headers(client, path, first_headers):
    answer = client.get(path)
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.data)).active
    headers = [cell.value for cell in sheet[1]]
    assert headers[:len(first_headers)] == first_headers


def test_the_honours_template_filled_in_imports_as_it_is(app, organiser, client, event_id):
    template = client.get("/api/honours/template.xlsx").data
    answer = upload(organiser, f"/api/events/{event_id}/honours/import", template, "mau.xlsx")
    assert answer.status_code == 200, answer.get_json()
    with app.app_context():
        awards = db.session.scalars(db.select(HonourGroup.award).where(HonourGroup.event_id == event_id)).all()
        assert "Bằng khen của Chủ tịch UBND tỉnh" in awards
