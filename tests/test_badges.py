"""Badges: one PNG per delegate, A4 PDF sheets of four with cut marks; the QR holds the delegate's code."""
import base64
import io

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from kiosk.extensions import db
from models import Delegate


def read_qr(browser, png: bytes) -> str | None:
    """What jsQR, the decoder of the door tablet's camera, reads in the picture."""
    page = browser.new_page()
    try:
        page.set_content("<canvas id=c></canvas>")
        page.add_script_tag(path="static/vendor/jsQR.js")
        return page.evaluate("""async (data) => {
            const img = new Image();
            img.src = "data:image/png;base64," + data;
            await img.decode();
            const canvas = document.getElementById("c");
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext("2d");
            ctx.drawImage(img, 0, 0);
            const found = jsQR(ctx.getImageData(0, 0, img.width, img.height).data, img.width, img.height);
            return found && found.data;
        }""", base64.b64encode(png).decode())
    finally:
        page.close()


def test_badge_sheets_pdf_has_a_page_per_four_delegates_drawn_in_vectors(organiser, event_id):
    answer = organiser.client.get(f"/api/events/{event_id}/badges.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    pdf = pikepdf.open(io.BytesIO(answer.data))
    assert len(pdf.pages) == 2  # six delegates, four to a page
    width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    assert abs(width / 72 * 25.4 - 210) < 1 and abs(height / 72 * 25.4 - 297) < 1  # A4
    assert str(pdf.docinfo["/Title"]) == "Đại hội Thi đua yêu nước huyện Vũ Thư lần thứ VI"
    assert not pdf.pages[0].get_images()  # text and QR are vectors, not a picture of the page
    document = pdfium.PdfDocument(answer.data)
    text = document[0].get_textpage().get_text_range()
    for words in ("ĐẠI HỘI THI ĐUA YÊU NƯỚC", "ĐẠI BIỂU", "Nguyễn Văn An", "Trần Thị Bình", "UBND xã Vũ Hội",
                  "Số 001 · Hàng 1"):
        assert words in text
    page = document[0].render(scale=200 / 72).to_pil().convert("RGB")  # as a 200 dpi printer would
    x, y = round((210 - 2 * 95) / 3 / 25.4 * 200), round((297 - 2 * 135) / 3 / 25.4 * 200)  # the first badge
    assert page.getpixel((5, 5)) == page.getpixel((x + 20, y + 400)) == (255, 255, 255)
    assert page.getpixel((x + 20, y + 20)) == (218, 37, 29)


def test_a_guest_badge_is_gold_and_says_so(app, organiser, event_id):
    with app.app_context():
        guest = db.session.query(Delegate).filter_by(event_id=event_id, number=3).one()
        guest.is_guest = True
        db.session.commit()
    answer = organiser.client.get(f"/api/events/{event_id}/badges.pdf")
    document = pdfium.PdfDocument(answer.data)
    text = document[0].get_textpage().get_text_range()
    assert text.count("KHÁCH MỜI") == 1 and text.count("ĐẠI BIỂU") == 3
    page = document[0].render(scale=200 / 72).to_pil().convert("RGB")
    x, y = round((210 - 2 * 95) / 3 / 25.4 * 200), round((297 - 2 * 135) / 3 / 25.4 * 200)
    below = y + round((135 + (297 - 2 * 135) / 3) / 25.4 * 200)  # the third badge, first of the second row
    assert page.getpixel((x + 20, below + 20)) == (255, 205, 0)


def test_badge_png_is_a_portrait_card_with_the_red_band(app, organiser, event_id):
    with app.app_context():
        delegate_id = db.session.query(Delegate).filter_by(event_id=event_id, number=1).one().id
    answer = organiser.client.get(f"/api/events/{event_id}/delegates/{delegate_id}/badge.png")
    image = Image.open(io.BytesIO(answer.data))
    assert image.size == (748, 1063)  # 95 x 135 mm at 200 dpi
    assert image.getpixel((20, 20)) == (218, 37, 29) and image.getpixel((20, 400)) == (255, 255, 255)


def test_badges_are_for_organisers(door, event_id):
    assert door.client.get(f"/api/events/{event_id}/badges.pdf").status_code == 403


def test_cli_badges(runner, event_id, tmp_path):
    out = tmp_path / "the.pdf"
    result = runner.invoke(args=["badges", str(event_id), str(out)])
    assert result.exit_code == 0 and "Đã in 6 thẻ trên 2 trang A4" in result.output
    assert len(pikepdf.open(out).pages) == 2


@pytest.mark.browser
def test_the_qr_on_a_badge_reads_back_as_the_code(app, browser, organiser, event_id):
    """jsQR, the decoder the door tablet's camera uses, reads the printed QR."""
    with app.app_context():
        delegate = db.session.query(Delegate).filter_by(event_id=event_id, number=2).one()
        delegate_id, code = delegate.id, delegate.code
    png = organiser.client.get(f"/api/events/{event_id}/delegates/{delegate_id}/badge.png").data
    assert read_qr(browser, png) == code


@pytest.mark.browser
def test_the_printed_qr_of_the_pdf_reads_back_as_the_code(app, browser, organiser, event_id):
    """The sheet rendered as a 200 dpi printer would, read by jsQR as the door camera would."""
    with app.app_context():
        code = db.session.query(Delegate).filter_by(event_id=event_id, number=1).one().code
    document = pdfium.PdfDocument(organiser.client.get(f"/api/events/{event_id}/badges.pdf").data)
    page = document[0].render(scale=200 / 72).to_pil().convert("RGB")
    buffer = io.BytesIO()
    page.crop((0, 0, page.width // 2, page.height // 2)).save(buffer, "PNG")
    assert read_qr(browser, buffer.getvalue()) == code
