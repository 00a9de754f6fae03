"""How the hot paths write: a turn for SQLite's one writer, and one statement sent as its own transaction."""
from contextlib import contextmanager
from threading import Lock

from kiosk.extensions import db

_sqlite_writer = Lock()


@contextmanager
def write_turn():
    """SQLite lets one writer in at a time and makes the others sleep and retry; queueing the door's writes
    on a lock hands the turn over at once instead, which keeps a burst of scans fast."""
    if db.engine.dialect.name != "sqlite":
        yield
        return
    with _sqlite_writer:
        yield


@contextmanager
def one_statement():
    """A connection for a statement that is a whole transaction by itself (a scan's conditional UPDATE). On a
    database server it runs in autocommit: one round trip instead of three (BEGIN, the statement, COMMIT), each of
    which wakes the process again on a busy machine. SQLite's BEGIN and COMMIT cost no round trip."""
    engine = db.engine
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        yield conn
