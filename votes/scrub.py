"""After a secret electronic vote closes, the database forgets the order in which its rows were written.

While a vote is open, the write-ahead log holds every commit of the roll and of the tallies in order, and
PostgreSQL keeps each row's transaction id and its old versions: with the choices mixed in batches (votes.box)
they pair no delegate with a choice, and once the vote closes none of it is kept:
- the closing transaction writes every roll row and tally row of the vote again, so on PostgreSQL they all carry
  its transaction id;
- SQLite (secure_delete on every connection, kiosk._sqlite_pragmas) copies the log into the database file and
  empties it; PostgreSQL rewrites the two tables without their old row versions (VACUUM FULL)."""
import logging
import time

from sqlalchemy import text, update

from kiosk.extensions import db, socketio
from models import VoteTally, VoteVoter

log = logging.getLogger(__name__)
CHECKPOINT_TRIES_SECONDS = 3.0


def rewrite_rows(vote_id: int) -> None:
    """In the closing transaction: one new version of each row, all of the same transaction."""
    db.session.execute(update(VoteVoter).where(VoteVoter.vote_id == vote_id)
                       .values(voted_at=VoteVoter.voted_at).execution_options(synchronize_session=False))
    db.session.execute(update(VoteTally).where(VoteTally.vote_id == vote_id)
                       .values(count=VoteTally.count).execution_options(synchronize_session=False))


def forget_history() -> bool:
    """True when the history is gone; else it is logged (and the next closing or checkpoint tries again)."""
    try:
        if db.engine.dialect.name == "sqlite":
            return _sqlite_checkpoint()
        if db.engine.dialect.name == "postgresql":
            return _postgresql_vacuum()
    except Exception:
        log.warning("could not clear the history of a closed secret vote", exc_info=True)
    return False


def _sqlite_checkpoint() -> bool:
    """A TRUNCATE checkpoint needs a moment without readers of an older snapshot: tried for a few seconds."""
    deadline = time.monotonic() + CHECKPOINT_TRIES_SECONDS
    while True:
        with db.engine.connect() as conn:
            busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if not busy:
            return True
        if time.monotonic() > deadline:
            log.warning("the write-ahead log could not be emptied after a secret vote: a reader held it")
            return False
        socketio.sleep(0.05)


def _postgresql_vacuum() -> bool:
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("SET lock_timeout = '5s'"))
        conn.execute(text(f"VACUUM (FULL) {VoteVoter.__tablename__}, {VoteTally.__tablename__}"))
    return True
