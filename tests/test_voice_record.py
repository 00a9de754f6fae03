"""The delegates' voice in the record of the day (issue 23, point 3): the minutes and the archive hold the opinions
counted by programme item and the forwarded ones in full, never the ones the secretariat kept back; a delegate's
text that begins like a formula stays text in the workbook."""
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.voice_helpers import as_role, item_of_kind, token_of, voice_accounts

FORMULA = '=HYPERLINK("http://x.example","Bấm vào đây")'


@pytest.fixture
def voiced(app, client, users, event_id):
    """Three opinions on the report (one forwarded, a formula), one in general (forwarded), one request accepted and
    one declined."""
    accounts = voice_accounts(app, users)
    an, binh = token_of(app, event_id), token_of(app, event_id, "Trần Thị Bình")
    report, speeches = item_of_kind(app, event_id, "report"), item_of_kind(app, event_id, "speeches")
    ids = [client.post(f"/api/me/{token}/opinions", json=body).get_json()["id"] for token, body in (
        (an, {"text": FORMULA, "item_id": report}),
        (binh, {"text": "Báo cáo cần nêu rõ hơn kết quả khen thưởng.", "item_id": report}),
        (an, {"text": "Ý kiến riêng, chưa chuyển: không vào biên bản.", "item_id": report}),
        (binh, {"text": "Đề nghị tổ chức đại hội tiếp theo vào quý II."}))]
    secretary = as_role(app, accounts, "secretary")
    for opinion in (ids[0], ids[1], ids[3]):
        assert secretary.post(f"/api/events/{event_id}/opinions/{opinion}/forward").status_code == 200
    mc = as_role(app, accounts, "mc")
    first = client.post(f"/api/me/{an}/floor", json={"item_id": speeches, "topic": "Chuyển đổi số ở xã"}).get_json()
    second = client.post(f"/api/me/{binh}/floor", json={"item_id": speeches, "topic": "Giáo dục"}).get_json()
    mc.post(f"/api/events/{event_id}/floor/{first['id']}/accept")
    mc.post(f"/api/events/{event_id}/floor/{second['id']}/decline")
    return as_role(app, accounts, "organiser"), event_id


def test_the_archive_counts_opinions_by_item_and_holds_the_forwarded_ones_in_full(voiced):
    organiser, event_id = voiced
    book = load_workbook(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/archive.xlsx").data))
    counts = list(book["Ý kiến theo mục"].iter_rows(min_row=2, values_only=True))
    report_title = next(r[0] for r in counts if r[0] != "Ý kiến chung")
    assert report_title.endswith("Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn 2020-2025")
    assert counts == [(report_title, 3, 2), ("Ý kiến chung", 1, 1)]
    sheet = book["Ý kiến đã chuyển"]
    texts = [row[5].value for row in sheet.iter_rows(min_row=2)]
    assert texts == [FORMULA, "Báo cáo cần nêu rõ hơn kết quả khen thưởng.", "Đề nghị tổ chức đại hội tiếp theo vào quý II."]
    formula_cell = sheet.cell(row=2, column=6)
    assert formula_cell.data_type == "s" and formula_cell.quotePrefix  # text, never a formula that runs
    assert not any("chưa chuyển" in (c.value or "") for row in sheet.iter_rows() for c in row if isinstance(c.value, str))
    floor = list(book["Đăng ký phát biểu"].iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[5], r[6]) for r in floor] == [("Nguyễn Văn An", "Chuyển đổi số ở xã", "Được xếp lượt"),
                                                    ("Trần Thị Bình", "Giáo dục", "Không được xếp lượt")]


def test_the_minutes_summarise_opinions_and_the_speaker_from_the_floor_is_a_speaker(voiced):
    organiser, event_id = voiced
    answer = organiser.client.get(f"/api/events/{event_id}/minutes.docx")
    assert answer.status_code == 200
    document = Document(io.BytesIO(answer.data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Ý KIẾN CỦA ĐẠI BIỂU" in text
    assert "Đại biểu gửi Đoàn Chủ tịch 4 ý kiến; Thư ký đã chuyển Đoàn Chủ tịch 3 ý kiến." in text
    assert "Đại biểu đăng ký phát biểu: 2 lượt; được xếp lượt phát biểu: 1; không được xếp lượt: 1; chưa xử lý: 0." in text
    assert any("Đề nghị tổ chức đại hội tiếp theo vào quý II." in c for c in cells)
    assert not any("chưa chuyển: không vào biên bản" in c for c in [*cells, text])
    # the delegate from the floor sits in the speeches' table like any speaker
    assert any(c.startswith("Nguyễn Văn An") for c in cells) and "Chuyển đổi số ở xã" in cells


def test_no_opinion_no_section(organiser, event_id):
    document = Document(io.BytesIO(organiser.client.get(f"/api/events/{event_id}/minutes.docx").data))
    assert "Ý KIẾN CỦA ĐẠI BIỂU" not in "\n".join(p.text for p in document.paragraphs)
