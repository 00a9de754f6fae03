"""A secret electronic vote is secret in storage too (issue 20): once it is closed, replaying a copy of the SQLite
file and its write-ahead log commit by commit, or reading PostgreSQL's transaction ids and old row versions, links
no delegate to a choice; and no transaction writes both who voted and what."""
import random
import shutil
import sqlite3
import struct
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import text

from kiosk.extensions import db
from models import Delegate
from tests.factories import build_event
from tests.test_votes import ballot, check_in, delegates_of, new_vote

N = 30


@pytest.fixture
def big_event(app):
    """The small event, and more delegates: N in all."""
    with app.app_context():
        event_id = build_event()
        db.session.add_all([Delegate(event_id=event_id, number=n, full_name=f"Đại biểu số {n}", unit="Xã Vũ Hội")
                            for n in range(7, N + 1)])
        db.session.commit()
        return event_id


def sqlite_file(app) -> Path | None:
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            return None
        return Path(db.engine.url.database)


def replay(db_copy: Path, wal_copy: Path, tmp: Path, vote_id: int) -> list[tuple[set, Counter]]:
    """The attacker's method: the database as it was after each commit in the log, and what each commit changed
    in the roll (who) and in the tallies (what)."""
    image = bytearray(db_copy.read_bytes())
    wal = wal_copy.read_bytes() if wal_copy.exists() else b""
    states = [_read(image, tmp, vote_id)]
    if len(wal) >= 32:
        page_size = struct.unpack(">I", wal[8:12])[0]
        salts = wal[16:24]
        offset, pages = 32, {}
        while offset + 24 + page_size <= len(wal):
            number, size_after = struct.unpack(">II", wal[offset:offset + 8])
            if wal[offset + 8:offset + 16] != salts:
                break
            pages[number] = wal[offset + 24:offset + 24 + page_size]
            offset += 24 + page_size
            if size_after:  # a commit
                for n, data in pages.items():
                    end = n * page_size
                    if len(image) < end:
                        image.extend(b"\0" * (end - len(image)))
                    image[end - page_size:end] = data
                del image[size_after * page_size:]
                pages = {}
                states.append(_read(image, tmp, vote_id))
    return [(after[0] - before[0], after[1] - before[1]) for before, after in pairwise(states)]


def _read(image: bytearray, tmp: Path, vote_id: int) -> tuple[set, Counter]:
    path = tmp / f"state-{random.getrandbits(64)}.db"
    data = bytearray(image)
    data[18:20] = b"\x01\x01"  # the copy is read as a plain file, without a log of its own
    path.write_bytes(data)
    conn = sqlite3.connect(path)
    try:
        voted = {r[0] for r in conn.execute("SELECT delegate_id FROM vote_voters WHERE vote_id = ? AND voted_at IS "
                                            "NOT NULL", (vote_id,))}
        tallies = Counter()
        for choice, count in conn.execute("SELECT choice, sum(count) FROM vote_tallies WHERE vote_id = ? GROUP BY "
                                          "choice", (vote_id,)):
            tallies[choice] = count
    except sqlite3.DatabaseError:
        voted, tallies = set(), Counter()
    finally:
        conn.close()
        path.unlink()
    return voted, tallies


def linked(steps) -> dict[int, str]:
    """Delegates whose choice the replay gives away: a step (or a run of steps) where the new names on the roll
    all made one choice, the only one the tallies gained."""
    found, who = {}, set()
    for new_voters, gained in steps:
        who |= new_voters
        if gained:
            if len(+gained) == 1 and who:
                choice = next(iter(+gained))
                found.update({d: choice for d in who})
            who = set()
    return found


def test_replaying_the_sqlite_log_after_a_secret_vote_links_no_ballot(app, organiser, mc, client, big_event,
                                                                     tmp_path):
    path = sqlite_file(app)
    if path is None:
        pytest.skip("the SQLite file's log (PostgreSQL: the next test)")
    app.config["BALLOT_MIX_SECONDS"] = 0.02
    people = delegates_of(app, big_event)
    check_in(app, big_event, numbers=set(range(1, N + 1)))
    vote = new_vote(organiser, big_event, method="electronic", secret=True)
    assert mc.post(f"/api/events/{big_event}/votes/{vote['id']}/open").status_code == 200
    chosen = {}
    for delegate_id, token, _ in people:
        chosen[delegate_id] = random.choice(("for", "against", "abstain"))
        assert ballot(client, token, vote["id"], chosen[delegate_id]).get_json()["result"] == "voted"

    # While the vote is open the log holds the last commits (since SQLite last copied it into the file): the
    # replay sees names join the roll commit by commit, so it reads what there is to read.
    shutil.copy(path, tmp_path / "open.db")
    shutil.copy(f"{path}-wal", tmp_path / "open.db-wal")
    during = replay(tmp_path / "open.db", tmp_path / "open.db-wal", tmp_path, vote["id"])
    assert sum(len(who) for who, _ in during) > 0 and sum(sum(gained.values()) for _, gained in during) > 0

    closed = mc.post(f"/api/events/{big_event}/votes/{vote['id']}/close").get_json()
    assert closed["received"] == N and sum(closed["counts"].values()) == N
    assert closed["counts"] == {c: list(chosen.values()).count(c) for c in ("for", "against", "abstain")}
    shutil.copy(path, tmp_path / "closed.db")
    if Path(f"{path}-wal").exists():
        shutil.copy(f"{path}-wal", tmp_path / "closed.db-wal")
    after = replay(tmp_path / "closed.db", tmp_path / "closed.db-wal", tmp_path, vote["id"])
    assert linked(after) == {}
    # and the file itself: the roll names all who voted, the tallies hold the figures, nothing pairs them
    with sqlite3.connect(tmp_path / "closed.db") as conn:
        assert conn.execute("SELECT count(*) FROM vote_voters WHERE vote_id = ? AND choice IS NOT NULL",
                            (vote["id"],)).fetchone()[0] == 0


def test_no_transaction_writes_both_who_voted_and_what(app, organiser, mc, client, big_event):
    """Every statement of every transaction during the ballots, as the database received it."""
    people = delegates_of(app, big_event)[:6]
    check_in(app, big_event, numbers=set(range(1, 7)))
    vote = new_vote(organiser, big_event, method="electronic", secret=True)
    mc.post(f"/api/events/{big_event}/votes/{vote['id']}/open")
    transactions, current = [], {}

    def seen(conn, cursor, statement, parameters, context, executemany):
        current.setdefault(id(conn), []).append(statement.lower())

    def committed(conn):
        transactions.append(current.pop(id(conn), []))
    with app.app_context():
        engine = db.engine
    sa_event.listen(engine, "before_cursor_execute", seen)
    sa_event.listen(engine, "commit", committed)
    try:
        for (_, token, _), choice in zip(people, ("for", "against", "for", "abstain", "for", "for"), strict=True):
            assert ballot(client, token, vote["id"], choice).get_json()["result"] == "voted"
    finally:
        sa_event.remove(engine, "before_cursor_execute", seen)
        sa_event.remove(engine, "commit", committed)
    writes = [[s for s in t if s.startswith("update")] for t in transactions]
    assert sum(any("vote_voters" in s for s in t) for t in writes) == 6
    assert any(any("vote_tallies" in s for s in t) for t in writes)
    assert not [t for t in writes if any("vote_voters" in s for s in t) and any("vote_tallies" in s for s in t)]


def test_postgresql_keeps_no_transaction_id_or_old_row_linking_a_ballot(app, organiser, mc, client, big_event):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's row versions (KIOSK_TEST_DATABASE_URL)")
    app.config["BALLOT_MIX_SECONDS"] = 0.02
    people = delegates_of(app, big_event)
    check_in(app, big_event, numbers=set(range(1, N + 1)))
    vote = new_vote(organiser, big_event, method="electronic", secret=True)
    mc.post(f"/api/events/{big_event}/votes/{vote['id']}/open")
    for _, token, _ in people:
        assert ballot(client, token, vote["id"], random.choice(("for", "against"))).get_json()["result"] == "voted"
    with app.app_context(), db.engine.connect() as conn:
        # while open, each roll row carries the transaction that marked it: many different ones
        assert conn.execute(text("SELECT count(DISTINCT xmin::text) FROM vote_voters WHERE vote_id = :v"),
                            {"v": vote["id"]}).scalar() > 1
    assert mc.post(f"/api/events/{big_event}/votes/{vote['id']}/close").status_code == 200
    with app.app_context(), db.engine.connect() as conn:
        xmins = {r[0] for r in conn.execute(text("SELECT xmin::text FROM vote_voters WHERE vote_id = :v UNION "
                                                 "SELECT xmin::text FROM vote_tallies WHERE vote_id = :v"),
                                            {"v": vote["id"]})}
        assert len(xmins) == 1  # one transaction (the closing) for every row: the join on xmin pairs nothing
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pageinspect"))
        conn.commit()
        for table in ("vote_voters", "vote_tallies"):
            pages = conn.execute(text("SELECT pg_relation_size(:t) / current_setting('block_size')::int"),
                                 {"t": table}).scalar()
            dead = 0
            for page in range(pages):
                dead += conn.execute(text("SELECT count(*) FROM heap_page_items(get_raw_page(:t, :p)) "
                                          "WHERE t_xmax <> '0' AND t_xmax IS NOT NULL"), {"t": table, "p": page}).scalar()
            assert dead == 0, f"{table}: {dead} old row versions"
