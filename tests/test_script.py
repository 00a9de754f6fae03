"""The MC's script: words for every step, filled from the lists, edited by the organiser, turning with the live
steps on the MC's panel, and printed for the MC to hold; the exchange's guests and the launch's slogan."""
import pypdfium2 as pdfium
import pytest

from kiosk.extensions import db
from models import ProgrammeItem, Speech
from tests.helpers import form_token


def test_every_step_has_words_filled_from_the_lists(mc, event_id):
    lines = mc.client.get(f"/api/events/{event_id}/script").get_json()
    steps = [line["step"] for line in lines]
    assert len([s for s in steps if s.startswith("item:")]) == 9  # a Đại hội's nine items
    assert len([s for s in steps if s.startswith("speech:")]) == 2
    assert len([s for s in steps if s.startswith("honours:")]) == 2  # a group once, however many pages
    assert len([s for s in steps if s.startswith("vote:")]) == 1
    by_heading = {line["heading"]: line["text"] for line in lines}
    assert by_heading["1. Chào cờ"].startswith("Kính thưa các đồng chí lãnh đạo, thưa các vị đại biểu, thưa toàn thể "
                                               "Đại hội!")
    speech = by_heading["Tham luận 1: Diễn giả 1"]
    assert "Xin trân trọng kính mời đồng chí Diễn giả 1 lên trình bày tham luận với chủ đề: “Chủ đề 1”" in speech
    group = by_heading["Đợt 1: Bằng khen đợt 1"]
    assert "Bằng khen đợt 1" in group and "Người nhận 001, Xã Vũ Hội; Người nhận 002" in group
    vote = next(text for heading, text in by_heading.items() if heading.startswith("Biểu quyết:"))
    assert "Kết quả: … đồng chí tán thành" in vote  # no figure before the count
    assert "{" not in "".join(by_heading.values())  # every brace of the default words is filled


def test_the_organiser_writes_the_words_and_can_go_back_to_the_default(organiser, mc, app, event_id):
    with app.app_context():
        speech_id = db.session.scalar(db.select(Speech.id).where(Speech.event_id == event_id, Speech.position == 2))
    step = f"speech:{speech_id}"
    saved = organiser.post(f"/api/events/{event_id}/script", json={
        "step": step, "words": "Mời {who} — “{topic}”. {khong_co}"}).get_json()
    assert saved["own"] and saved["text"] == "Mời đồng chí Diễn giả 2 — “Chủ đề 2”. {khong_co}"
    refused = mc.post(f"/api/events/{event_id}/script", json={"step": step, "words": "x"})
    assert refused.status_code == 403
    assert organiser.post(f"/api/events/{event_id}/script", json={"step": "speech:999999", "words": "x"}) \
        .status_code == 404
    assert organiser.post(f"/api/events/{event_id}/script", json={"step": step, "words": 5}).status_code == 400
    again = organiser.post(f"/api/events/{event_id}/script", json={"step": step, "words": "  "}).get_json()
    assert not again["own"] and again["text"].startswith("Xin trân trọng kính mời đồng chí Diễn giả 2")


def test_the_panel_reads_the_words_of_the_step_on_screen_and_the_next(mc, event_id):
    before = mc.client.get(f"/api/events/{event_id}/script/now").get_json()
    assert before["now"] is None and before["next"]["heading"] == "1. Chào cờ"
    for _ in range(4):  # flag salute, opening, report, the speeches item
        mc.post(f"/api/events/{event_id}/live/next")
    at_speeches = mc.client.get(f"/api/events/{event_id}/script/now").get_json()
    assert at_speeches["now"]["heading"].startswith("4. ") and "2 báo cáo tham luận" in at_speeches["now"]["text"]
    assert at_speeches["next"]["heading"] == "Tham luận 1: Diễn giả 1"
    mc.post(f"/api/events/{event_id}/live/next")  # the first speaker on screen
    at_speaker = mc.client.get(f"/api/events/{event_id}/script/now").get_json()
    assert at_speaker["now"]["heading"] == "Tham luận 1: Diễn giả 1"
    assert at_speaker["next"]["heading"] == "Tham luận 2: Diễn giả 2"


def test_the_script_is_for_the_mc_and_the_organiser(door, event_id):
    assert door.client.get(f"/api/events/{event_id}/script/now").status_code == 403


def test_the_printed_script_has_every_step_in_vietnamese(mc, event_id, tmp_path):
    answer = mc.client.get(f"/api/events/{event_id}/script.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    document = pdfium.PdfDocument(answer.data)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    for words in ("KỊCH BẢN ĐIỀU HÀNH", "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI", "1. Chào cờ",
                  "Nghiêm! Chào cờ — chào!", "Tham luận 2: Diễn giả 2", "9. Tổng kết và bế mạc"):
        assert words in text.replace("\r\n", " ").replace("\n", " ") or words in text
    document[0].render(scale=1.2).to_pil().save(tmp_path / "script.png")


def test_the_exchange_guests_and_the_launch_slogan(app, organiser, mc, event_id):
    with app.app_context():
        items = {i.kind: i.id for i in db.session.scalars(db.select(ProgrammeItem)
                                                          .where(ProgrammeItem.event_id == event_id))}
    page = organiser.client.get(f"/admin/events/{event_id}/script").get_data(as_text=True)
    token = form_token(page)
    organiser.client.post(f"/admin/events/{event_id}/items/{items['exchange']}/details", data={
        "csrf_token": token, "guests": "Anh hùng Lao động Phạm Văn Chí; Giám đốc; HTX Vũ Hội\n\nBùi Thị Hoa; ;"})
    organiser.client.post(f"/admin/events/{event_id}/items/{items['launch']}/details", data={
        "csrf_token": token, "slogan": "Đổi mới, sáng tạo, đoàn kết, phát triển", "launch_text": "Phát động…"})
    bad = organiser.client.post(f"/admin/events/{event_id}/items/{items['exchange']}/details", data={
        "csrf_token": token, "guests": "A; B; C; D"}, follow_redirects=True)
    assert "Dòng 1: ghi “Họ và tên; Chức vụ; Đơn vị”" in bad.get_data(as_text=True)
    lines = {line["step"]: line["text"] for line in mc.client.get(f"/api/events/{event_id}/script").get_json()}
    assert "Anh hùng Lao động Phạm Văn Chí, Giám đốc, HTX Vũ Hội; Bùi Thị Hoa" in lines[f"item:{items['exchange']}"]
    assert "“Đổi mới, sáng tạo, đoàn kết, phát triển”" in lines[f"item:{items['launch']}"]
    state = mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": items["exchange"]}).get_json()
    assert state["item"]["details"]["guests"][0] == {"name": "Anh hùng Lao động Phạm Văn Chí", "title": "Giám đốc",
                                                     "unit": "HTX Vũ Hội"}


@pytest.mark.browser
def test_the_panel_turns_the_words_with_the_steps(page_factory, live_server, users, event_id, tmp_path):
    panel = page_factory("mc", users, width=1366, height=768)
    panel.goto(f"{live_server.url}/control/{event_id}")
    panel.wait_for_selector("#script .script-line:nth-child(2) .script-label:has-text('1. Chào cờ')")
    assert "Chưa bắt đầu chương trình." in panel.inner_text("#script .script-line:first-child")
    panel.keyboard.press("ArrowRight")
    panel.wait_for_selector("#script .script-line:first-child .script-label:has-text('1. Chào cờ')")
    now = panel.locator("#script .script-line:first-child .script-text")
    assert now.is_visible() and "Nghiêm! Chào cờ — chào!" in now.inner_text()
    assert "2. Khai mạc" in panel.text_content("#script .script-line:nth-child(2) .script-label")
    panel.keyboard.press("ArrowRight")
    panel.wait_for_selector("#script .script-line:first-child .script-label:has-text('2. Khai mạc')")
    panel.screenshot(path=str(tmp_path / "panel-script.png"))


@pytest.mark.browser
def test_the_projector_shows_the_exchange_guests_and_the_launch_slogan(app, page_factory, live_server, mc, event_id,
                                                                        tmp_path):
    with app.app_context():
        items = {i.kind: i for i in db.session.scalars(db.select(ProgrammeItem)
                                                       .where(ProgrammeItem.event_id == event_id))}
        items["exchange"].details = {"guests": [{"name": "Phạm Văn Chí", "title": "Giám đốc", "unit": "HTX Vũ Hội"},
                                                {"name": "Bùi Thị Hoa", "title": "", "unit": ""}]}
        items["launch"].details = {"slogan": "Đổi mới, sáng tạo, đoàn kết, phát triển", "text": ""}
        db.session.commit()
        exchange, launch = items["exchange"].id, items["launch"].id
    projector = page_factory(width=1280, height=720)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector("#screen .slide")
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": exchange})
    projector.wait_for_selector("#screen .guests .guest:nth-child(2)")
    names = projector.locator("#screen .slide:last-child .guests .r-name")
    assert names.all_inner_texts() == ["Phạm Văn Chí", "Bùi Thị Hoa"] and names.first.is_visible()
    projector.screenshot(path=str(tmp_path / "exchange.png"))
    mc.post(f"/api/events/{event_id}/live/goto", json={"item_id": launch})
    projector.wait_for_selector("#screen .slogan:has-text('Đổi mới, sáng tạo, đoàn kết, phát triển')")
    assert projector.locator("#screen .slogan").last.is_visible()


def test_the_braces_are_vietnamese_and_the_english_ones_of_older_words_still_work(organiser, app, event_id):
    import re
    page = organiser.client.get(f"/admin/events/{event_id}/script").get_data(as_text=True)
    braces = set(re.findall(r"\{([^{}]+)\}", page.split("<main", 1)[1]))
    assert {"người trình bày", "chủ đề", "tán thành", "kết quả", "Đại hội/Hội nghị"} <= braces
    assert not braces & {"who", "topic", "for", "against", "abstain", "verdict", "entitled", "form", "names"}
    with app.app_context():
        speech_id = db.session.scalar(db.select(Speech.id).where(Speech.event_id == event_id, Speech.position == 1))
    saved = organiser.post(f"/api/events/{event_id}/script", json={
        "step": f"speech:{speech_id}", "words": "Mời {người trình bày}, {số phút} phút; {who}."}).get_json()
    assert saved["text"] == "Mời đồng chí Diễn giả 1, 5 phút; đồng chí Diễn giả 1."
