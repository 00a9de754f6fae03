"""The ballot box: choices reach the tallies apart from the roll, several at a time, at a moment drawn at random.

A ballot is two writes that no transaction joins: the roll row that says who voted (votes.service, at once) and
the tally that says what was chosen (here). Choices wait in this process's box for a fraction of a second and are
added to the tallies together, in one transaction at a random moment, so neither a transaction, nor the order of
commits in a write-ahead log, nor a row version pairs a delegate with a choice. The phone is answered `voted` only
once its choice is committed, so an answered ballot survives a crash; a choice whose tally could not be written
gives its roll row back (the delegate may vote again)."""
import random
import threading
from collections import Counter

from flask import current_app
from sqlalchemy import bindparam, update

from kiosk.extensions import db, socketio
from kiosk.writes import write_turn
from models import VoteTally
from models.vote import TALLY_SHARDS

MIX_SECONDS = 0.4  # the longest a choice waits for others; BALLOT_MIX_SECONDS in the configuration
WAIT_SECONDS = 15.0  # a phone waiting longer than this for its tally is told to try again

_ADD = (update(VoteTally).where(VoteTally.vote_id == bindparam("vote"), VoteTally.choice == bindparam("chosen"),
                                VoteTally.shard == bindparam("row"))
        .values(count=VoteTally.count + bindparam("n")))


class _Slot:
    """One choice waiting: its answer is `done` once the tally holding it is committed (or failed)."""
    __slots__ = ("choice", "done", "ok", "vote_id")

    def __init__(self, vote_id: int, choice: str):
        self.vote_id, self.choice, self.done, self.ok = vote_id, choice, threading.Event(), False


_lock = threading.Lock()
_waiting: dict[int, list[_Slot]] = {}  # id of the app -> slots not yet written
_mixing: set[int] = set()  # apps whose mix is scheduled


def drop(vote_id: int, choice: str) -> bool:
    """Puts the choice in the box and waits until it is counted: True once committed, False if it was not."""
    app = current_app._get_current_object()
    slot = _Slot(vote_id, choice)
    with _lock:
        _waiting.setdefault(id(app), []).append(slot)
        start = id(app) not in _mixing
        _mixing.add(id(app))
    if start:
        socketio.start_background_task(_mix, app)
    return slot.done.wait(WAIT_SECONDS) and slot.ok


def _mix(app) -> None:
    window = float(app.config.get("BALLOT_MIX_SECONDS", MIX_SECONDS))
    socketio.sleep(random.uniform(window / 2, window))
    with _lock:
        slots = _waiting.pop(id(app), [])
        _mixing.discard(id(app))
    ok = False
    try:
        with app.app_context():
            _write(Counter((s.vote_id, s.choice) for s in slots))
            db.session.remove()
        ok = True
    except Exception:
        app.logger.warning("a batch of %d ballots could not be counted", len(slots), exc_info=True)
    for slot in slots:
        slot.ok = ok
        slot.done.set()


def _write(counts: Counter) -> None:
    """One transaction for the whole batch; each answer's figure spread over its shards at random."""
    rows = Counter()
    for (vote_id, choice), n in counts.items():
        for _ in range(n):
            rows[(vote_id, choice, random.randrange(TALLY_SHARDS))] += 1
    params = [{"vote": v, "chosen": c, "row": r, "n": n} for (v, c, r), n in rows.items()]
    random.shuffle(params)
    with write_turn(), db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # a counted ballot is on the disk before its phone is told, even if the power goes
            conn.exec_driver_sql("PRAGMA synchronous=FULL")
            conn.commit()
        try:
            with conn.begin():
                conn.execute(_ADD, params)
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
                conn.commit()


def pending() -> int:
    """Choices waiting in this process (tests wait for none before the database goes)."""
    with _lock:
        return sum(len(v) for v in _waiting.values())

