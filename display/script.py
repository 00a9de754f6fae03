"""The MC's script (kịch bản điều hành, lời dẫn): the words the MC reads at each step of the programme.

Every step has words: the organiser's own, or the default words for its kind, written as a Vietnamese MC speaks.
Words name their facts in braces, filled from the lists at the moment they are read: {người trình bày}, {họ tên}, {chức vụ},
{đơn vị} and {chủ đề} of a speaker; {hình thức khen}, {quyết định} and {danh sách} of an honours group; {số có mặt},
{tán thành}, {không tán thành}, {không biểu quyết} and {kết quả} of a vote; {tên sự kiện}, {Đại hội/Hội nghị},
{đơn vị tổ chức}, {giai đoạn} and {số lượng} everywhere (NAMES; the English names of older words still work). A brace that
names nothing known is left as it was typed, for the organiser to see and mend."""
import re

from sqlalchemy import select

from display.steps import programme_steps, script_step
from kiosk import audit
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import event_or_404
from models import Event, Honour, HonourGroup, ProgrammeItem, ScriptLine, Speech, Vote

GREETING = "Kính thưa các đồng chí lãnh đạo, thưa các vị đại biểu, thưa toàn thể {form}!"
MAX_WORDS = 5000

DEFAULT_WORDS = {
    "flag_salute": (
        GREETING + " Để bắt đầu chương trình, xin trân trọng kính mời các đồng chí lãnh đạo và toàn thể các vị đại "
        "biểu đứng dậy làm lễ chào cờ.\n\nNghiêm! Chào cờ — chào!\n\n(Quốc ca)\n\nXin trân trọng cảm ơn, kính mời các "
        "vị đại biểu ngồi."),
    "opening": (
        GREETING + " Được sự nhất trí của Ban Tổ chức, xin trân trọng kính mời đồng chí đại diện lãnh đạo "
        "{organiser} lên phát biểu khai mạc {event}."),
    "report": (
        "Kính thưa {form}! Tiếp theo chương trình, xin trân trọng kính mời đồng chí đại diện {organiser} lên trình "
        "bày Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước giai đoạn {period}."),
    "speeches": (
        "Kính thưa {form}! Thi đua là yêu nước, yêu nước thì phải thi đua. Tiếp theo chương trình, {form} sẽ được "
        "nghe {count} báo cáo tham luận của các điển hình tiên tiến, những tập thể và cá nhân tiêu biểu trong phong "
        "trào thi đua yêu nước giai đoạn {period}."),
    "speech": (
        "Xin trân trọng kính mời {who} lên trình bày tham luận với chủ đề: “{topic}”. Thời gian trình bày {minutes} "
        "phút."),
    "exchange": (
        "Kính thưa {form}! Tiếp theo chương trình là phần giao lưu với các điển hình tiên tiến. Xin trân trọng kính "
        "mời {names} lên sân khấu giao lưu cùng {form}."),
    "honours": (
        "Kính thưa {form}! Ghi nhận những đóng góp to lớn của các tập thể, cá nhân trong phong trào thi đua yêu nước "
        "giai đoạn {period}, tiếp theo chương trình, {form} tiến hành nghi thức biểu dương, tôn vinh và khen thưởng "
        "các điển hình tiên tiến."),
    "honours_group": (
        "Xin trân trọng kính mời đồng chí đại diện lãnh đạo lên trao {award} theo {decision}.\n\nXin trân trọng kính "
        "mời các tập thể, cá nhân có tên sau đây lên sân khấu nhận khen thưởng: {names}."),
    "launch": (
        "Kính thưa {form}! Với tinh thần “{slogan}”, xin trân trọng kính mời đồng chí đại diện lãnh đạo {organiser} "
        "lên phát động phong trào thi đua yêu nước giai đoạn tiếp theo."),
    "vote": (
        "Kính thưa {form}! Tiếp theo chương trình, {form} tiến hành biểu quyết thông qua danh sách đại biểu tham dự "
        "Đại hội cấp trên."),
    "vote_step": (
        "Kính thưa {form}! Số đại biểu chính thức có mặt: {entitled} đồng chí. {form} biểu quyết: {title}. Đồng chí "
        "nào nhất trí, xin giơ thẻ đại biểu.\n\nKết quả: {for} đồng chí tán thành, {against} đồng chí không tán "
        "thành, {abstain} đồng chí không biểu quyết. {verdict}"),
    "closing": (
        GREETING + " Sau một buổi làm việc khẩn trương, nghiêm túc và đầy trách nhiệm, {event} đã hoàn thành toàn "
        "bộ chương trình đề ra. Xin trân trọng kính mời đồng chí đại diện lãnh đạo {organiser} lên tổng kết và bế "
        "mạc {form}."),
    "other": "Kính thưa {form}! Tiếp theo chương trình: {title}.",
}

VERDICTS = {"passed": "{Form} đã thông qua.", "failed": "{Form} không thông qua."}

# The braces as the organiser reads and types them, in Vietnamese; the English names, which words saved before still
# use, go on working. {title} is the speaker's office, the vote's text or the item's name, by the kind of step.
NAMES = {"who": "người trình bày", "name": "họ tên", "unit": "đơn vị", "topic": "chủ đề", "minutes": "số phút",
         "award": "hình thức khen", "decision": "quyết định", "names": "danh sách", "count": "số lượng",
         "entitled": "số có mặt", "for": "tán thành", "against": "không tán thành", "abstain": "không biểu quyết",
         "verdict": "kết quả", "event": "tên sự kiện", "form": "Đại hội/Hội nghị", "Form": "Đại hội/Hội nghị",
         "organiser": "đơn vị tổ chức", "period": "giai đoạn", "slogan": "khẩu hiệu"}
TITLE_NAMES = {"speech": "chức vụ", "vote_step": "nội dung"}
TITLE_NAME = "tên mục"


def _vietnamese_name(key: str, kind: str) -> str:
    return TITLE_NAMES.get(kind, TITLE_NAME) if key == "title" else NAMES.get(key, key)


def _in_vietnamese(words: str, kind: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: "{" + _vietnamese_name(m[1], kind) + "}", words)


DEFAULT_WORDS = {kind: _in_vietnamese(words, kind) for kind, words in DEFAULT_WORDS.items()}


def _named(facts: dict, kind: str) -> dict:
    """The facts under their English and their Vietnamese names."""
    return {**facts, **{_vietnamese_name(key, kind): value for key, value in facts.items()}}


class _Facts(dict):
    """The facts a step's words may name; an unknown brace stays as typed."""

    def __missing__(self, key):
        return "{" + key + "}"


def _event_facts(event: Event) -> dict:
    form = "Đại hội" if event.form == "dai_hoi" else "Hội nghị"
    return {"event": event.name, "form": form, "Form": form, "organiser": event.organiser,
            "period": event.period or "2020 - 2025"}


def _person(name: str, title: str | None, unit: str | None, collective: bool = False) -> dict:
    """A speaker's facts; {who} is how the MC names them: 'đồng chí Nguyễn Thị Lan, Chủ tịch Hội Nông dân xã, UBND
    xã Vũ Hội', or 'đại diện Trường THCS Vũ Hội'."""
    called = f"đại diện {name}" if collective else f"đồng chí {name}"
    return {"name": name, "title": title or "", "unit": unit or "", "who": ", ".join(filter(None, (called, title,
                                                                                                   unit)))}


def _recipients(honours: list) -> str:
    return "; ".join(f"{h.name}{', ' + h.unit if h.unit and not h.collective else ''}" for h in honours)


def _item_line(item: ProgrammeItem, facts: dict, inside: list[dict]) -> dict:
    details = item.details or {}
    item_facts = {**facts, "title": item.title, "count": "", "names": "", "slogan": details.get("slogan", "")}
    if item.kind == "speeches":
        item_facts["count"] = str(len(inside))  # one sub-step a speaker
    if item.kind == "exchange":
        item_facts["names"] = "; ".join(
            ", ".join(filter(None, (g.get("name"), g.get("title"), g.get("unit")))) for g in details.get("guests", []))
    kind = item.kind if item.kind in DEFAULT_WORDS else "other"
    return {"step": f"item:{item.id}", "heading": f"{item.position}. {item.title}", "kind": kind, "item_id": item.id,
            "facts": item_facts}


def _sub_step_lines(event_id: int, facts: dict) -> dict[str, dict]:
    """The line of every speaker, honours group and vote, by script step (display.steps.script_step)."""
    speeches = db.session.scalars(select(Speech).where(Speech.event_id == event_id).order_by(Speech.position)).all()
    groups = db.session.scalars(select(HonourGroup).where(HonourGroup.event_id == event_id)
                                .order_by(HonourGroup.position)).all()
    honours = {g.id: [] for g in groups}  # every group's recipients in one query, whatever the number of groups
    for honour in db.session.scalars(select(Honour).join(HonourGroup).where(HonourGroup.event_id == event_id)
                                     .order_by(Honour.group_id, Honour.position)):
        honours[honour.group_id].append(honour)
    votes = db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id)).all()
    lines = [{"step": f"speech:{s.id}", "heading": f"Tham luận {s.position}: {s.name}", "kind": "speech",
              "facts": {**facts, **_person(s.name, s.title, s.unit, s.collective), "topic": s.topic,
                        "minutes": str(s.minutes)}} for s in speeches]
    lines += [{"step": f"honours:{g.id}", "heading": f"Đợt {g.position}: {g.award}", "kind": "honours_group",
               "facts": {**facts, "award": g.award, "decision": g.decision or "", "names": _recipients(honours[g.id]),
                         "count": str(len(honours[g.id]))}} for g in groups]
    lines += [{"step": f"vote:{v.id}", "heading": f"Biểu quyết: {v.title}", "kind": "vote_step",
               "facts": {**facts, **_vote_facts(v, facts)}} for v in votes]
    return {line["step"]: line for line in lines}


def steps(event_id: int) -> list[dict]:
    """Every step of the programme in order, with its heading, its default kind and the facts of its words: each
    item, then each speaker, honours group and vote among its sub-steps (display.steps.programme_steps, the list the
    live engine walks; the pages of a group or a vote are one step of the script)."""
    facts = _event_facts(event_or_404(event_id))
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event_id)
                               .order_by(ProgrammeItem.position)).all()
    inside = programme_steps(event_id, [item.brief() for item in items])
    lines = _sub_step_lines(event_id, facts)
    found = []
    for item in items:
        found.append(_item_line(item, facts, inside[item.id]))
        names = dict.fromkeys(script_step(sub_step) for sub_step in inside[item.id])
        found += [{**lines[name], "item_id": item.id} for name in names if name in lines]
    return found


def _vote_facts(vote: Vote, facts: dict) -> dict:
    """The figures of a vote as far as they are known: blank before the count, and while a secret or electronic
    vote is open (as Vote.to_api hides them; read from the row, without its nominees or ballots)."""
    hidden = vote.status == "open" and (vote.method == "electronic" or vote.secret)
    counts = (None if hidden else vote.counts()) or {}
    verdict = VERDICTS.get(vote.verdict or "", "")
    return {"title": vote.title, "entitled": _figure(vote.entitled), "for": _figure(counts.get("for")),
            "against": _figure(counts.get("against")), "abstain": _figure(counts.get("abstain")),
            "verdict": verdict.format(Form=facts["Form"])}


def _figure(value) -> str:
    return "…" if value is None else str(value)


def _words(event_id: int) -> dict[str, str]:
    return dict(db.session.execute(select(ScriptLine.step, ScriptLine.text).where(ScriptLine.event_id == event_id))
                .tuples().all())


def script(event_id: int) -> list[dict]:
    """The whole script: each step with its words as written (`words`, own or default) and as read (`text`)."""
    own = _words(event_id)
    return [{"step": s["step"], "heading": s["heading"], "item_id": s["item_id"], "own": s["step"] in own,
             "words": own.get(s["step"], DEFAULT_WORDS[s["kind"]]),
             "text": own.get(s["step"], DEFAULT_WORDS[s["kind"]])
             .format_map(_Facts(_named(s["facts"], s["kind"])))}
            for s in steps(event_id)]


def step_of(state: dict) -> str | None:
    """The script step the live state is at: a speaker, an honours group, a vote, or the item itself."""
    here = script_step(state.get("screen") or {})
    return here or (f"item:{state['item']['id']}" if state.get("item") else None)


def now_and_next(event_id: int, state: dict) -> dict:
    """What the MC reads now and next, for the panel: before the first item, the first step is next."""
    lines = script(event_id)
    here = step_of(state)
    index = next((i for i, line in enumerate(lines) if line["step"] == here), None)
    # what comes next follows the programme's position, not a side trip on the screen (an honours group out of order)
    position = state.get("position") or {}
    spot = step_of({"screen": position.get("step") or {}, "item": state.get("item")})
    at = next((i for i, line in enumerate(lines) if line["step"] == spot), index)
    upcoming = 0 if at is None else at + 1
    return {"now": lines[index] if index is not None else None,
            "next": lines[upcoming] if upcoming < len(lines) else None}


def save_words(event_id: int, step: str, words) -> dict:
    """The organiser's own words for a step; empty words go back to the default."""
    if not isinstance(words, str) or len(words) > MAX_WORDS:
        raise ApiError(400, "bad_words", f"Lời dẫn phải là văn bản, tối đa {MAX_WORDS} ký tự.")
    heading = next((s["heading"] for s in steps(event_id) if s["step"] == step), None) if isinstance(step, str) else None
    if heading is None:
        raise ApiError(404, "step_not_found", "Không có bước này trong chương trình.")
    line = db.session.scalar(select(ScriptLine).where(ScriptLine.event_id == event_id, ScriptLine.step == step))
    if not words.strip():
        if line is not None:
            db.session.delete(line)
    elif line is None:
        db.session.add(ScriptLine(event_id=event_id, step=step, text=words))
    else:
        line.text = words
    audit.record(event_id, "script", f"Lời dẫn «{heading}»: {'về lời mẫu' if not words.strip() else words[:200]}")
    db.session.commit()
    return next(line for line in script(event_id) if line["step"] == step)
