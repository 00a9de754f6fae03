"""Issue 23: the delegate's own page and its API (API.md "The delegate's page"): the answer's shape, only the
delegate's own data, 404 for a token that is no one's, nothing kept by a cache, the head's view of the delegation,
the papers (upload, refusals in Vietnamese, who sees which, the name on every page)."""
import io
import re
import unicodedata

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate, Document
from tests.papers_data import report_pdf
from tests.test_votes import check_in, delegates_of, mc_session  # noqa: F401  (mc_session for the browser file)

PRIVATE = ("birth_year", "ethnicity", "religion", "gender", "Kinh", "1980", "Không")


def tokens(app, event_id) -> list[tuple[int, str, str]]:
    return delegates_of(app, event_id)


def set_delegations(app, event_id, delegations: dict[int, tuple[str, bool]]):
    """Badge number -> (delegation, head?), as the list's "Đoàn" and "Trưởng đoàn" columns set them."""
    with app.app_context():
        for d in db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)):
            if d.number in delegations:
                d.delegation, d.delegation_head = delegations[d.number]
        db.session.commit()


def upload(organiser, event_id, data=None, title="Báo cáo chính trị", **fields):
    return organiser.post(f"/api/events/{event_id}/documents", content_type="multipart/form-data",
                          data={"file": (io.BytesIO(report_pdf() if data is None else data), "bao-cao.pdf"),
                                "title": title, **fields})


def test_the_answer_has_the_contracts_shape_and_only_the_delegates_own_data(app, client, event_id):
    (me_id, token, code), (_, other_token, other_code) = tokens(app, event_id)[:2]
    answer = client.get(f"/api/me/{token}")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    me = answer.get_json()
    assert set(me) >= {"delegate", "event", "badge_code", "checked_in_at", "documents", "open_vote"}
    assert set(me["delegate"]) >= {"id", "full_name", "unit", "delegation", "seat"}
    assert (me["delegate"]["id"], me["delegate"]["full_name"], me["badge_code"]) == (me_id, "Nguyễn Văn An", code)
    assert me["event"] == {"id": event_id, "name": "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI"}
    assert me["checked_in_at"] is None and me["documents"] == [] and me["open_vote"] is None
    text = answer.get_data(as_text=True)
    assert not any(word in text for word in PRIVATE), text  # no birth year, gender, ethnicity, religion
    assert other_code not in text and other_token not in text and "Trần Thị Bình" not in text
    page = client.get(f"/me/{token}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert "Nguyễn Văn An" in html and "Trần Thị Bình" not in html and other_code not in html
    assert not any(f'"{word}"' in html for word in PRIVATE[:4])


def test_a_token_that_is_no_ones_is_a_vietnamese_404_and_guessing_is_slowed(app, client, event_id):
    answer = client.get("/api/me/KHONGCOMADAY")
    assert answer.status_code == 404 and answer.get_json()["error"] == "unknown_token"
    assert "Mã cá nhân không đúng" in answer.get_json()["message"]
    page = client.get("/me/KHONGCOMADAY")
    assert page.status_code == 404 and "Không tìm thấy trang của đại biểu" in page.get_data(as_text=True)
    assert client.get("/me/" + "X" * 500).status_code == 404
    app.config["TOKEN_GUESSES_PER_MINUTE"] = 5
    statuses = [client.get(f"/api/me/SAI{n}").status_code for n in range(8)]
    assert statuses[-1] == 429, statuses
    token = tokens(app, event_id)[0][1]
    assert client.get(f"/api/me/{token}").status_code == 429  # the guesser's address waits, even with a real one


def test_a_revoked_badge_has_no_page(app, client, event_id):
    token = tokens(app, event_id)[0][1]
    with app.app_context():
        db.session.scalar(select(Delegate).where(Delegate.ballot_token == token)).revoked = True
        db.session.commit()
    assert client.get(f"/api/me/{token}").status_code == 404


def test_the_arrival_and_the_open_vote_with_the_delegates_ballot(app, client, organiser, mc, event_id):
    token = tokens(app, event_id)[0][1]
    check_in(app, event_id, numbers={1})
    vote = organiser.post(f"/api/events/{event_id}/votes", json={"title": "Thông qua Nghị quyết",
                                                                 "method": "electronic"}).get_json()
    assert client.get(f"/api/me/{token}").get_json()["open_vote"] is None  # a draft is not open
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    me = client.get(f"/api/me/{token}").get_json()
    assert me["checked_in_at"] and me["open_vote"]["id"] == vote["id"] and me["open_vote"]["status"] == "open"
    assert me["open_vote"]["ballot"] == {"entitled": True, "voted": False}
    cast = client.post(f"/api/ballots/{token}", json={"vote_id": vote["id"], "choice": "for"})
    assert cast.get_json()["result"] == "voted"
    assert client.get(f"/api/me/{token}").get_json()["open_vote"]["ballot"] == {"entitled": True, "voted": True}
    later = tokens(app, event_id)[1][1]  # not checked in when it opened
    assert client.get(f"/api/me/{later}").get_json()["open_vote"]["ballot"]["entitled"] is False


def test_a_head_sees_who_of_the_delegation_has_arrived_and_a_member_does_not(app, client, event_id):
    people = tokens(app, event_id)
    set_delegations(app, event_id, {1: ("Vũ Thư", True), 2: ("Vũ Thư", False), 3: ("Vũ Thư", False),
                                    4: ("Kiến Xương", False)})
    check_in(app, event_id, numbers={2})
    head = client.get(f"/api/me/{people[0][1]}").get_json()
    assert head["delegate"]["delegation"] == "Vũ Thư" and head["delegate"]["head"] is True
    assert [(m["full_name"], m["arrived"]) for m in head["delegation_members"]] == [
        ("Nguyễn Văn An", False), ("Trần Thị Bình", True), ("Lê Đức Cường", False)]  # not Kiến Xương's
    member = client.get(f"/api/me/{people[1][1]}").get_json()
    assert member["delegation_members"] is None
    assert "Lê Đức Cường" not in client.get(f"/api/me/{people[1][1]}").get_data(as_text=True)


# ---- papers -------------------------------------------------------------------------------------------------------

def test_the_organiser_uploads_a_paper_and_lists_it(app, organiser, client, event_id):
    answer = upload(organiser, event_id, title=unicodedata.normalize("NFD", "Báo cáo chính trị"))  # as Word may send it
    assert answer.status_code == 201, answer.get_json()
    made = answer.get_json()
    assert set(made) == {"id", "title", "pages"} and made["pages"] == 3
    assert made["title"] == "Báo cáo chính trị"  # kept NFC
    listed = organiser.client.get(f"/api/events/{event_id}/documents")
    assert listed.status_code == 200 and [(d["id"], d["title"], d["pages"]) for d in listed.get_json()] == [
        (made["id"], "Báo cáo chính trị", 3)]
    assert client.get(f"/api/events/{event_id}/documents").status_code in (401, 403)
    assert client.post(f"/api/events/{event_id}/documents").status_code in (400, 401, 403)


@pytest.mark.parametrize("data, words", [
    (b"PK\x03\x04 a Word file, not a PDF", "không phải là PDF"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "không phải là PDF"),
    (b"%PDF-1.4\n" + b"0" * 3000, "quá lớn"),
])
def test_a_file_that_is_not_a_readable_pdf_is_refused_in_vietnamese(app, organiser, event_id, data, words,
                                                                     monkeypatch):
    from papers import store
    monkeypatch.setattr(store, "MAX_BYTES", 2000)  # the limit (15 MB) met by a small file: the same refusal
    answer = upload(organiser, event_id, data=data)
    assert answer.status_code == 400 and words in answer.get_json()["message"], answer.get_json()
    with app.app_context():
        assert db.session.scalar(select(Document.id)) is None


def test_each_delegate_sees_the_papers_for_all_and_for_their_own_delegation(app, organiser, client, event_id):
    people = tokens(app, event_id)
    set_delegations(app, event_id, {1: ("Vũ Thư", True), 2: ("Kiến Xương", True)})
    for_all = upload(organiser, event_id, title="Chương trình Đại hội").get_json()
    for_vu_thu = upload(organiser, event_id, title="Danh sách đoàn Vũ Thư", delegation="Vũ Thư").get_json()
    assert upload(organiser, event_id, delegation="Không có đoàn này").status_code == 400
    titles = {n: [d["title"] for d in client.get(f"/api/me/{people[n][1]}").get_json()["documents"]] for n in (0, 1)}
    assert titles == {0: ["Chương trình Đại hội", "Danh sách đoàn Vũ Thư"], 1: ["Chương trình Đại hội"]}
    hidden = client.get(f"/api/me/{people[1][1]}/documents/{for_vu_thu['id']}")
    assert hidden.status_code == 404 and hidden.get_json()["error"] == "document_not_found"
    assert client.get(f"/api/me/{people[1][1]}/documents/99999").status_code == 404
    assert client.get(f"/api/me/KHONGCO/documents/{for_all['id']}").status_code == 404
    with app.app_context():
        db.session.scalar(select(Delegate).where(Delegate.ballot_token == people[2][1])).is_guest = True
        db.session.commit()
    assert client.get(f"/api/me/{people[2][1]}").get_json()["documents"] == []  # a guest is not a delegate
    assert client.get(f"/api/me/{people[2][1]}/documents/{for_all['id']}").status_code == 404
    own = client.get(f"/api/me/{people[0][1]}/documents/{for_vu_thu['id']}")
    assert own.status_code == 200 and own.mimetype == "application/pdf" and own.headers["Cache-Control"] == "no-store"


def test_every_page_delivered_carries_the_delegates_full_name(app, organiser, client, event_id, tmp_path):
    people = tokens(app, event_id)
    doc = upload(organiser, event_id).get_json()
    copies = {}
    for n in (0, 1):
        answer = client.get(f"/api/me/{people[n][1]}/documents/{doc['id']}")
        assert answer.status_code == 200, answer.get_data()[:200]
        copies[n] = answer.get_data()
    for n, name in ((0, "Nguyễn Văn An"), (1, "Trần Thị Bình")):
        reader = PdfReader(io.BytesIO(copies[n]))
        assert len(reader.pages) == 3
        for page in reader.pages:
            text = page.extract_text()
            assert name in text, text  # with every diacritic
            assert "ĐẠI HỘI" not in text or "BÁO CÁO TỔNG KẾT" in text  # the paper's own text is still there
        assert ("Trần Thị Bình" if n == 0 else "Nguyễn Văn An") not in "".join(p.extract_text() for p in reader.pages)
    (tmp_path / "marked.pdf").write_bytes(copies[0])
    again = client.get(f"/api/me/{people[0][1]}/documents/{doc['id']}?download=1")
    assert again.get_data() == copies[0]  # the delegate's copy, kept
    assert re.match(r'attachment; filename="bao-cao-chinh-tri\.pdf"', again.headers["Content-Disposition"])
    listed = organiser.client.get(f"/api/events/{event_id}/documents").get_json()
    assert listed[0]["opens"] == 3  # a count per paper, nobody's name


def test_the_organisers_page_titles_orders_addresses_and_deletes(app, organiser, client, event_id):
    from tests.helpers import form_token
    set_delegations(app, event_id, {1: ("Vũ Thư", True)})
    first = upload(organiser, event_id, title="Chương trình").get_json()
    second = upload(organiser, event_id, title="Báo cáo").get_json()
    page = organiser.client.get(f"/admin/events/{event_id}/documents").get_data(as_text=True)
    assert "Chương trình" in page and "Báo cáo" in page and "Đoàn Vũ Thư" in page
    token = form_token(page)
    base = f"/admin/events/{event_id}/documents"
    organiser.client.post(f"{base}/{second['id']}/move", data={"csrf_token": token, "step": "up"})
    organiser.client.post(f"{base}/{first['id']}/edit", data={"csrf_token": token, "title": "Chương trình Đại hội",
                                                              "delegation": "Vũ Thư"})
    listed = organiser.client.get(f"/api/events/{event_id}/documents").get_json()
    assert [(d["title"], d["delegation"]) for d in listed] == [("Báo cáo", None), ("Chương trình Đại hội", "Vũ Thư")]
    organiser.client.post(f"{base}/{second['id']}/delete", data={"csrf_token": token})
    assert [d["title"] for d in organiser.client.get(f"/api/events/{event_id}/documents").get_json()] == [
        "Chương trình Đại hội"]


def test_the_answer_costs_a_few_statements_however_long_the_vote_list(app, client, organiser, mc, event_id):
    from tests.helpers import count_queries
    people = tokens(app, event_id)
    set_delegations(app, event_id, {1: ("Vũ Thư", True), 2: ("Vũ Thư", False)})
    check_in(app, event_id, numbers={1, 2})
    vote = organiser.post(f"/api/events/{event_id}/votes", json={
        "title": "Thông qua danh sách", "method": "electronic", "nominee_ids": [p[0] for p in people]}).get_json()
    mc.post(f"/api/events/{event_id}/votes/{vote['id']}/open")
    with count_queries(app) as statements:
        answer = client.get(f"/api/me/{people[0][1]}")
    assert len(answer.get_json()["open_vote"]["nominees"]) == 6
    assert len(statements) <= 9, len(statements)  # a fixed few, not one per nominee or member


def test_the_organisers_form_says_in_vietnamese_what_was_wrong_with_the_file(app, organiser, event_id):
    from tests.helpers import form_token
    page = organiser.client.get(f"/admin/events/{event_id}/documents").get_data(as_text=True)
    refused = organiser.client.post(f"/admin/events/{event_id}/documents", follow_redirects=True,
                                    content_type="multipart/form-data",
                                    data={"csrf_token": form_token(page), "title": "Báo cáo",
                                          "file": (io.BytesIO(b"Day khong phai PDF"), "bao-cao.docx")})
    assert refused.status_code == 200 and "không phải là PDF đọc được" in refused.get_data(as_text=True)
    taken = organiser.client.post(f"/admin/events/{event_id}/documents", follow_redirects=True,
                                  content_type="multipart/form-data",
                                  data={"csrf_token": form_token(page), "title": "",
                                        "file": (io.BytesIO(report_pdf(2)), "Chuong_trinh_Dai_hoi.pdf")})
    text = taken.get_data(as_text=True)
    assert "Đã tải lên tài liệu." in text and "“Chuong trinh Dai hoi”: 2 trang." in text  # the file's name as title


def test_the_mark_is_visible_on_the_page_as_printed(app, organiser, client, event_id, tmp_path):
    """A marked page drawn as a printer would (pdfium): the name's red across it, where the original has none."""
    import pypdfium2 as pdfium
    token = tokens(app, event_id)[0][1]
    doc = upload(organiser, event_id).get_json()
    marked = client.get(f"/api/me/{token}/documents/{doc['id']}").get_data()

    def reddish(pdf: bytes) -> int:
        image = pdfium.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("RGB")
        image.save(tmp_path / f"page-{len(pdf)}.png")  # to look at
        return sum(1 for r, g, b in image.get_flattened_data() if r > 170 and r - b > 40 and r - g > 40)
    assert reddish(report_pdf()) == 0
    assert reddish(marked) > 3000


def test_a_corrected_name_gets_a_copy_of_its_own(app, organiser, client, event_id):
    token = tokens(app, event_id)[0][1]
    doc = upload(organiser, event_id).get_json()
    first = client.get(f"/api/me/{token}/documents/{doc['id']}").get_data()
    with app.app_context():
        db.session.scalar(select(Delegate).where(Delegate.ballot_token == token)).full_name = "Nguyễn Văn Ân"
        db.session.commit()
    again = client.get(f"/api/me/{token}/documents/{doc['id']}").get_data()
    assert "Nguyễn Văn An." in PdfReader(io.BytesIO(first)).pages[0].extract_text()
    assert "Nguyễn Văn Ân." in PdfReader(io.BytesIO(again)).pages[0].extract_text()  # never the old copy


def test_the_copies_kept_stay_under_their_limit_oldest_first(tmp_path):
    import os

    from papers.copies import _trim
    for n in range(10):
        (tmp_path / f"1-{n}.pdf").write_bytes(b"x" * 1000)
        os.utime(tmp_path / f"1-{n}.pdf", (1000 + n, 1000 + n))
    _trim(tmp_path, 20_000, tmp_path / "1-0.pdf")
    assert len(list(tmp_path.glob("*.pdf"))) == 10  # under the limit: nothing goes
    _trim(tmp_path, 8_000, tmp_path / "1-0.pdf")
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["1-0.pdf", "1-5.pdf", "1-6.pdf", "1-7.pdf", "1-8.pdf",
                                                              "1-9.pdf"]
