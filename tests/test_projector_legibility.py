"""Issue 26: the back row can read the projector, and no Vietnamese mark is cut. On every kind of slide at
1920x1080 and 1024x768, with long Vietnamese names, units and topics, every line that carries meaning is drawn
at least H/29.4 high (3.4 % of the screen's height, above the common H/30), no text box's content overflows its
box and no text ends under an ellipsis, and nothing is drawn off the screen. Screenshots in $KIOSK_SHOTS."""
import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.extensions import db
from models import Delegate, Honour, HonourGroup, Speech, Vote, VoteNominee

pytestmark = pytest.mark.browser

MIN_SHARE = 1 / 29.4

# Every visible piece of text in the projector and the font size it is drawn at.
TEXTS = """() => {
  const out = [];
  const root = document.getElementById('projector');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.leaving, [hidden], .offline')) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    out.push({text: node.textContent.trim().slice(0, 60), cls: el.className, size: parseFloat(cs.fontSize),
              top: r.top, bottom: r.bottom, left: r.left, right: r.right});
  }
  return out;
}"""
# Boxes whose content does not fit: more to scroll than they show, or text cut with an ellipsis.
CUT = """() => [...document.querySelectorAll('#projector *')].filter((e) => {
  if (e.closest('.leaving') || !e.textContent.trim()) return false;
  const cs = getComputedStyle(e);
  if (cs.display === 'none' || cs.visibility === 'hidden') return false;
  const clips = cs.overflow !== 'visible' || cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
  const over = e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
  return (clips && over) || (cs.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)
      || cs.webkitLineClamp !== 'none';
}).map((e) => e.className + ': ' + e.textContent.trim().slice(0, 50))"""

LONG_TOPIC = ("Đổi mới phương thức lãnh đạo, xây dựng lực lượng vũ trang nhân dân cách mạng, chính quy, tinh nhuệ, "
              "từng bước hiện đại, đáp ứng yêu cầu nhiệm vụ bảo vệ Tổ quốc trong tình hình mới")
LONG_NAMES = ["Nguyễn Thị Ngọc Huyền", "Trần Quốc Khánh", "Lê Thị Thanh Thủy", "Phạm Nguyễn Hoàng Long",
              "Hoàng Thị Mỹ Dung", "Vũ Đức Thắng", "Đặng Thị Kiều Oanh", "Bùi Xuân Trường", "Đỗ Thị Hồng Nhung",
              "Ngô Quang Huy", "Dương Thị Yến", "Lý Văn Hưởng"]
LONG_UNITS = ["Trường Trung học phổ thông chuyên Thái Bình", "Hợp tác xã Dịch vụ nông nghiệp Song Lãng",
              "Ủy ban nhân dân xã Vũ Hội", "Bệnh viện Đa khoa huyện Vũ Thư", "Hội Liên hiệp Phụ nữ huyện",
              "Công an huyện Vũ Thư"]


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("KIOSK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def long_texts(app, event_id):
    """The small congress with the lengths a real one has: a 12-name honours page with long units, a speaker
    with a three-line topic, a vote with nine nominees."""
    with app.app_context():
        speech = db.session.scalars(select(Speech).where(Speech.event_id == event_id).order_by(Speech.position)).first()
        speech.name, speech.title, speech.unit, speech.topic = (
            "Thượng tá Nguyễn Hữu Nghĩa", "Chỉ huy trưởng", "Ban Chỉ huy Quân sự huyện Vũ Thư", LONG_TOPIC)
        group = HonourGroup(event_id=event_id, position=9, decision_date=date(2025, 6, 1),
                            award="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thái Bình",
                            decision_number="1234/QĐ-UBND", decision_authority="UBND tỉnh Thái Bình")
        group.honours = [Honour(position=i + 1, name=LONG_NAMES[i], title="Phó Hiệu trưởng" if i % 3 == 0 else None,
                                unit=LONG_UNITS[i % len(LONG_UNITS)]) for i in range(12)]
        db.session.add(group)
        people = db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)).all()
        for d, name in zip(people, LONG_NAMES, strict=False):
            d.full_name = name
        vote = Vote(event_id=event_id, title="Thông qua danh sách giới thiệu đại biểu dự Đại hội Thi đua yêu nước "
                                             "tỉnh Thái Bình lần thứ VI")
        vote.nominees = [VoteNominee(position=i + 1, delegate_id=d.id) for i, d in enumerate(people)]
        db.session.add(vote)
        db.session.commit()
        return {"speech": speech.id, "group": group.id, "vote": vote.id}


def measure(projector, size, name, shots):
    version = projector.evaluate("document.getElementById('projector').dataset.version")
    projector.wait_for_function("document.querySelectorAll('#screen .slide').length === 1"
                                " && !document.querySelector('#screen .slide.entering')")
    projector.evaluate("document.fonts.ready")
    width, height = size
    projector.screenshot(path=str(shots / f"legible-{name}-{width}x{height}.png"))
    texts = projector.evaluate(TEXTS)
    assert texts, name
    small = [t for t in texts if t["size"] < height * MIN_SHARE - 0.05]
    assert not small, (name, size, version, [(t["cls"], t["text"], t["size"]) for t in small])
    outside = [t for t in texts if t["top"] < -1 or t["left"] < -1 or t["bottom"] > height + 1 or t["right"] > width + 1]
    assert not outside, (name, size, outside)
    assert projector.evaluate(CUT) == [], (name, size)
    return texts


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=["1080p", "4x3"])
def test_every_slide_is_legible_from_the_back_row(app, page_factory, live_server, event_id, mc, shots, size):
    ids = long_texts(app, event_id)
    api = f"/api/events/{event_id}"
    projector = page_factory(width=size[0], height=size[1])
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")

    def show(name, action, body=None):
        answer = mc.post(f"{api}/live/{action}", json=body) if body is not None else mc.post(f"{api}/live/{action}")
        assert answer.status_code == 200, answer.get_json()
        version = answer.get_json()["version"]
        projector.wait_for_selector(f"#projector[data-version='{version}']")
        return measure(projector, size, name, shots)

    measure(projector, size, "welcome", shots)
    show("flag", "next")
    show("opening", "next")
    show("speaker", "screen", {"kind": "speaker", "speech_id": ids["speech"]})
    lower = show("lower-third", "screen", {"kind": "speaker", "speech_id": ids["speech"], "layout": "lower_third"})
    # the whole topic is there, its last words on screen
    assert any("tình hình mới" in t["text"] or "mới" in t["text"] for t in lower)
    texts = show("honours", "screen", {"kind": "honours", "group_id": ids["group"], "page": 1})
    names = [t for t in texts if "r-name" in t["cls"]]
    assert names and all(t["bottom"] <= size[1] for t in names)
    state = mc.client.get(f"{api}/live").get_json()
    for page in range(2, state["screen"]["pages"] + 1):
        show(f"honours-{page}", "screen", {"kind": "honours", "group_id": ids["group"], "page": page})
    show("vote-nominees", "screen", {"kind": "vote", "vote_id": ids["vote"]})
    show("announcement", "screen", {"kind": "announcement", "text": "Mời các đại biểu ổn định chỗ ngồi, chuẩn bị nghe "
                                    "báo cáo chính trị của Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2020 - 2025"})
    show("logo", "screen", {"kind": "logo"})
    show("credentials", "screen", {"kind": "credentials"})
    show("arrival", "screen", {"kind": "arrival"})
    show("programme", "screen", {"kind": "programme"})
    # a burst of steps (the MC's finger on →): the last slide alone, drawn as legibly as any
    for _ in range(5):
        mc.post(f"{api}/live/next")
    show("after-burst", "screen", {"kind": "honours", "group_id": ids["group"], "page": 2})


# ---- contrast against the pixels behind the text ------------------------------------------------------

TEXT_BOXES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.getElementById('projector'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('.leaving, [hidden], .offline')) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || cs.display === 'none') continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width < 2 || r.height < 2) continue;
      out.push({text: node.textContent.trim().slice(0, 40), cls: el.className, color: cs.color,
                big: !!el.closest('.headline, .countdown, .clock, .vote-title, .award, .flag-title, .speaker-name'),
                box: [r.left, r.top, r.right, r.bottom]});
    }
  }
  return out;
}"""
# Every letter made transparent: the screenshot then shows what lies behind each text.
NO_TEXT = ("#projector *, #projector *::before, #projector *::after { color: transparent !important; "
           "text-shadow: none !important; -webkit-text-fill-color: transparent !important; }")


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def worst_contrasts(projector):
    """(ratio needed, ratio found, text) for each text box, against the lightest and darkest pixel behind it."""
    import io

    from PIL import Image
    boxes = projector.evaluate(TEXT_BOXES)
    handle = projector.add_style_tag(content=NO_TEXT)
    picture = Image.open(io.BytesIO(projector.screenshot())).convert("RGB")
    handle.evaluate("e => e.remove()")
    found = []
    for b in boxes:
        rgb = [int(float(v)) for v in b["color"][b["color"].index("(") + 1:-1].split(",")[:3]]
        text = luminance(rgb)
        left, top, right, bottom = (max(0, int(v)) for v in b["box"])
        crop = picture.crop((left, top, max(left + 1, right), max(top + 1, bottom))).reduce(2)
        behind = [luminance(p) for p in crop.get_flattened_data()]
        if not behind:
            continue
        worst = min(ratio(text, min(behind)), ratio(text, max(behind)))
        found.append((7 if b["big"] else 4.5, round(worst, 2), b["cls"], b["text"]))
    return found


def test_text_stands_out_from_what_is_behind_it(app, page_factory, live_server, event_id, mc, shots):
    ids = long_texts(app, event_id)
    api = f"/api/events/{event_id}"
    projector = page_factory(width=1920, height=1080)
    projector.goto(f"{live_server.url}/display/{event_id}")
    projector.wait_for_selector(".welcome .headline")
    low = []

    def check(name):
        projector.wait_for_function("document.querySelectorAll('#screen .slide').length === 1"
                                    " && !document.querySelector('#screen .slide.entering')")
        projector.screenshot(path=str(shots / f"contrast-{name}.png"))
        found = worst_contrasts(projector)
        assert found, name
        low.extend((name, *f) for f in found if f[1] < f[0])

    def show(name, action, body=None):
        version = mc.post(f"{api}/live/{action}", json=body).get_json()["version"]
        projector.wait_for_selector(f"#projector[data-version='{version}']")
        check(name)

    check("welcome")
    show("honours", "screen", {"kind": "honours", "group_id": ids["group"], "page": 1})
    show("vote", "screen", {"kind": "vote", "vote_id": ids["vote"]})
    show("credentials", "screen", {"kind": "credentials"})
    show("speaker", "screen", {"kind": "speaker", "speech_id": ids["speech"]})
    # the clock in its last minute, then past zero: on every backdrop, and past zero said in words
    mc.post(f"{api}/live/clock", json={"action": "start"})
    mc.post(f"{api}/live/clock", json={"action": "add", "seconds": -250})
    projector.wait_for_selector(".countdown[data-phase=warning]")
    check("speaker-warning")
    mc.post(f"{api}/live/clock", json={"action": "add", "seconds": -120})
    projector.wait_for_selector(".countdown[data-phase=over]")
    check("speaker-over")
    words = projector.eval_on_selector(".countdown", "e => getComputedStyle(e, '::before').content")
    assert words == '"Quá giờ "' and projector.inner_text(".countdown").startswith("+")
    show("lower-third-over", "screen", {"kind": "speaker", "speech_id": ids["speech"], "layout": "lower_third"})
    assert not low, "\n".join(map(str, low))
