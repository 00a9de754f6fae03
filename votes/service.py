"""The only functions that change a vote: prepare, open, enter counts and close (an electronic ballot: votes.ballots).

Each is one transaction; after it, display.live redraws the hall's vote screen if that vote is on it (at
once for the MC's actions, a moment later and once for a burst of ballots)."""
import re
import time

from sqlalchemy import func, insert, literal, select, update

from kiosk import audit, signals
from kiosk.errors import ApiError
from kiosk.extensions import db, socketio
from kiosk.lookup import is_id, of_event
from kiosk.writes import write_turn
from models import Delegate, Vote, VoteNominee, VoteTally, VoteVoter
from models.types import nfc, utcnow
from models.vote import CHOICES, METHOD_WORDS, METHODS, RULE_WORDS, RULES, TALLY_SHARDS, passes
from votes import box, scrub

MAX_TITLE = 500
MAX_NOMINEES = 500



def vote_of(event_id: int, vote_id) -> Vote:
    return of_event(Vote, vote_id, event_id, "vote_not_found", "Không tìm thấy nội dung biểu quyết này.")


def votes_of(event_id: int) -> list[Vote]:
    return list(db.session.scalars(select(Vote).where(Vote.event_id == event_id).order_by(Vote.id)))


def voting_delegates(event_id: int):
    """The delegates who may vote: on the list, not guests, badge not revoked."""
    return select(Delegate.id).where(Delegate.event_id == event_id, Delegate.is_guest.is_(False),
                                     Delegate.revoked.is_(False))


# ---- preparing -------------------------------------------------------------------------------------

def _choice_of(data: dict, key: str, allowed: tuple, default, message: str):
    value = data.get(key, default)
    if value not in allowed:
        raise ApiError(400, f"bad_{key}", message)
    return value


def create_vote(event_id: int, data: dict) -> Vote:
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ApiError(400, "bad_title", "Cần nhập nội dung biểu quyết.")
    if len(title) > MAX_TITLE:
        raise ApiError(400, "bad_title", f"Nội dung biểu quyết dài quá {MAX_TITLE} ký tự.")
    method = _choice_of(data, "method", METHODS, "hands",
                        "Hình thức biểu quyết phải là hands (giơ thẻ), ballot (phiếu giấy) hoặc electronic (điện tử).")
    rule = _choice_of(data, "rule", RULES, "half_present",
                      "Điều kiện thông qua phải là half_present, half_all hoặc two_thirds_present.")
    secret = data.get("secret", False)
    if not isinstance(secret, bool):
        raise ApiError(400, "bad_secret", "Trường secret phải là true hoặc false.")
    ids = data.get("nominee_ids", [])
    if not isinstance(ids, list) or len(ids) > MAX_NOMINEES or not all(is_id(i) for i in ids):
        raise ApiError(400, "bad_nominees", "Danh sách người được giới thiệu phải là các mã đại biểu.")
    if len(set(ids)) != len(ids):
        raise ApiError(400, "bad_nominees", "Một đại biểu được chọn hai lần trong danh sách giới thiệu.")
    found = set(db.session.scalars(select(Delegate.id).where(Delegate.event_id == event_id, Delegate.id.in_(ids))))
    if missing := [i for i in ids if i not in found]:
        raise ApiError(400, "bad_nominees", f"Không có đại biểu mã {missing[0]} trong sự kiện này.")
    vote = Vote(event_id=event_id, title=nfc(title), method=method, rule=rule, secret=secret, status="draft",
                received=0)
    vote.nominees = [VoteNominee(position=i, delegate_id=d) for i, d in enumerate(ids, start=1)]
    db.session.add(vote)
    audit.record(event_id, "vote", f"Chuẩn bị biểu quyết «{vote.title}» ({METHOD_WORDS[method].lower()}"
                                   f"{', kín' if secret else ''}; {RULE_WORDS[rule].lower()}; "
                                   f"{len(ids)} người được giới thiệu)")
    db.session.commit()
    return vote


MAX_NUMBERS_TEXT = 2000


def _numbers(text: str) -> list[int]:
    """'1-20, 35; 41' as the badge numbers it names, in order; a Vietnamese message for anything else."""
    numbers = []
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        bounds = re.fullmatch(r"(\d{1,6})(?:\s*[-–]\s*(\d{1,6}))?", part)
        if bounds is None:
            raise ApiError(400, "bad_numbers", f"“{part[:20]}” không phải số thẻ hay khoảng số thẻ (ví dụ: 1-20, 35).")
        low, high = int(bounds[1]), int(bounds[2] or bounds[1])
        if high < low or high - low >= MAX_NOMINEES:
            raise ApiError(400, "bad_numbers", f"Khoảng số thẻ “{part}” không hợp lệ.")
        numbers += range(low, high + 1)
    return numbers


def nominees_from_form(event_id: int, picked: list[str], numbers_text: str) -> list[int]:
    """The organiser's page: the delegates picked by search and those named by badge numbers ('1-20, 35'), as the
    nominee ids of create_vote, in badge-number order; a number not on the list is refused by name."""
    if not isinstance(numbers_text, str) or len(numbers_text) > MAX_NUMBERS_TEXT:
        raise ApiError(400, "bad_numbers", f"Danh sách số thẻ tối đa {MAX_NUMBERS_TEXT} ký tự.")
    ids = {int(i) for i in picked if i.isdigit() and len(i) < 10}
    numbers = set(_numbers(numbers_text))
    if numbers:
        found = dict(db.session.execute(select(Delegate.number, Delegate.id).where(
            Delegate.event_id == event_id, Delegate.is_guest.is_(False), Delegate.number.in_(numbers))).tuples().all())
        if missing := sorted(numbers - set(found)):
            raise ApiError(400, "bad_numbers", f"Không có đại biểu số thẻ {', '.join(map(str, missing[:10]))} "
                                               "trong danh sách (khách mời không được giới thiệu).")
        ids |= set(found.values())
    ordered = db.session.execute(select(Delegate.id).where(Delegate.event_id == event_id, Delegate.id.in_(ids))
                                 .order_by(Delegate.number, Delegate.id)).scalars().all()
    return list(ordered) + sorted(ids - set(ordered))  # an id of no delegate here: create_vote says which


def delete_vote(event_id: int, vote_id) -> None:
    vote = vote_of(event_id, vote_id)
    if vote.status != "draft":
        raise ApiError(409, "not_draft", "Chỉ xoá được nội dung chưa mở biểu quyết.")
    audit.record(event_id, "vote", f"Xoá nội dung biểu quyết «{vote.title}»")
    db.session.delete(vote)
    db.session.commit()
    signals.vote_changed.send(event_id, vote_id=vote.id)


# ---- the MC's actions ------------------------------------------------------------------------------

def open_vote(event_id: int, vote_id) -> Vote:
    """Opens the vote and fixes who may vote: the delegates (not guests) checked in at this moment."""
    vote = vote_of(event_id, vote_id)
    now = utcnow()
    present = voting_delegates(event_id).where(Delegate.checked_in_at.is_not(None))
    with write_turn():
        claimed = db.session.execute(update(Vote).where(Vote.id == vote.id, Vote.status == "draft")
                                     .values(status="open", opened_at=now)
                                     .execution_options(synchronize_session=False)).rowcount
        if claimed != 1:
            db.session.rollback()
            raise ApiError(409, "not_draft", "Nội dung này đã được mở biểu quyết hoặc đã kết thúc.")
        listed = db.session.scalar(select(func.count()).select_from(voting_delegates(event_id).subquery()))
        if vote.method == "electronic":
            # The roll: one row for each delegate present, the only ones whose ballots will count.
            db.session.execute(insert(VoteVoter).from_select(
                ["vote_id", "delegate_id"], select(literal(vote.id), present.subquery().c.id)))
            entitled = db.session.scalar(select(func.count()).where(VoteVoter.vote_id == vote.id))
            db.session.execute(insert(VoteTally), [{"vote_id": vote.id, "choice": c, "shard": n, "count": 0}
                                                   for c in CHOICES for n in range(TALLY_SHARDS)])
        else:
            entitled = db.session.scalar(select(func.count()).select_from(present.subquery()))
        if not entitled:
            db.session.rollback()
            raise ApiError(409, "nobody_present", "Chưa có đại biểu nào điểm danh: chưa thể mở biểu quyết.")
        db.session.execute(update(Vote).where(Vote.id == vote.id).values(entitled=entitled, listed=listed)
                           .execution_options(synchronize_session=False))
        audit.record(event_id, "vote", f"Mở biểu quyết «{vote.title}»: {entitled} đại biểu có mặt được biểu quyết")
        db.session.commit()
    db.session.refresh(vote)
    signals.vote_changed.send(event_id, vote_id=vote.id)
    return vote


def _count(data: dict, key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ApiError(400, "bad_counts", "Số phiếu tán thành, không tán thành, không biểu quyết phải là số "
                                          "nguyên không âm.")
    return value


def enter_counts(event_id: int, vote_id, data: dict) -> Vote:
    """The figures of a show of hands or a paper ballot, as the counting committee reads them out."""
    vote = vote_of(event_id, vote_id)
    if vote.method == "electronic":
        raise ApiError(409, "electronic", "Biểu quyết điện tử tự đếm phiếu; không nhập số phiếu bằng tay.")
    if vote.status != "open":
        raise ApiError(409, "not_open", "Chỉ nhập số phiếu khi đang biểu quyết.")
    counts = {key: _count(data, key) for key in CHOICES}
    total = sum(counts.values())
    if total > vote.entitled:
        raise ApiError(400, "too_many", f"Tổng số phiếu ({total}) nhiều hơn số đại biểu có mặt được biểu quyết "
                                        f"({vote.entitled}).")
    vote.votes_for, vote.votes_against, vote.votes_abstain = counts["for"], counts["against"], counts["abstain"]
    vote.received, vote.counted_at = total, utcnow()
    audit.record(event_id, "vote", f"Số phiếu «{vote.title}»: tán thành {counts['for']}, không tán thành "
                                   f"{counts['against']}, không biểu quyết {counts['abstain']}")
    db.session.commit()
    signals.vote_changed.send(event_id, vote_id=vote.id)
    return vote


def close_vote(event_id: int, vote_id) -> Vote:
    """Ends the vote, fixes its figures and gives the verdict by its rule."""
    vote = vote_of(event_id, vote_id)
    if vote.status != "open":
        raise ApiError(409, "not_open", "Nội dung này không đang biểu quyết.")
    if vote.method != "electronic" and vote.votes_for is None:
        raise ApiError(409, "no_counts", "Cần nhập số phiếu tán thành, không tán thành, không biểu quyết trước khi "
                                         "kết thúc biểu quyết.")
    with write_turn():
        # Closing first: a ballot that arrives now finds the vote closed, and one already on the roll is counted.
        claimed = db.session.execute(update(Vote).where(Vote.id == vote.id, Vote.status == "open")
                                     .values(status="closed", closed_at=utcnow())
                                     .execution_options(synchronize_session=False)).rowcount
        if claimed != 1:
            db.session.rollback()
            raise ApiError(409, "not_open", "Nội dung này không đang biểu quyết.")
        db.session.commit()
    if vote.method == "electronic":
        _wait_for_the_box(vote.id)
    with write_turn():
        db.session.refresh(vote)
        if vote.method == "electronic":
            tallies = dict(db.session.execute(select(VoteTally.choice, func.sum(VoteTally.count))
                                              .where(VoteTally.vote_id == vote.id).group_by(VoteTally.choice)).all())
            vote.votes_for, vote.votes_against, vote.votes_abstain = (tallies.get(c, 0) for c in CHOICES)
            vote.received = sum(tallies.values())
            if vote.secret:
                scrub.rewrite_rows(vote.id)
        vote.verdict = "passed" if passes(vote.rule, vote.votes_for, vote.entitled, vote.listed) else "failed"
        verdict = "thông qua" if vote.verdict == "passed" else "không thông qua"
        audit.record(event_id, "vote", f"Kết thúc biểu quyết «{vote.title}»: tán thành {vote.votes_for}, không tán "
                                       f"thành {vote.votes_against}, không biểu quyết {vote.votes_abstain} / "
                                       f"{vote.entitled} có mặt: {verdict}")
        db.session.commit()
    if vote.method == "electronic" and vote.secret:
        scrub.forget_history()
    signals.vote_changed.send(event_id, vote_id=vote.id)
    return vote


def _wait_for_the_box(vote_id: int) -> None:
    """Until every choice whose roll row is marked has reached the tallies (they wait in some process's box for
    less than a second), or a few seconds have passed (a process that died with choices in its box: those
    delegates were never answered `voted`)."""
    deadline = time.monotonic() + 3 * box.MIX_SECONDS + 5
    marked = select(func.count()).where(VoteVoter.vote_id == vote_id, VoteVoter.voted_at.is_not(None))
    counted = select(func.coalesce(func.sum(VoteTally.count), 0)).where(VoteTally.vote_id == vote_id)
    while time.monotonic() < deadline:
        with db.engine.connect() as conn:
            if conn.execute(counted).scalar() >= conn.execute(marked).scalar():
                return
        socketio.sleep(0.05)
