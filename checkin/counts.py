"""The attendance counts, kept as they change instead of regrouping the whole list for each count: at 100,000
delegates a regrouping took 273 ms, and a burst of scans asked for one every quarter second (issue 19).

Each event keeps one row per (guest or not, grouping, value) with its expected and present delegates
(models.AttendanceCount). A scan adds one to the eight rows of its delegate in the scan's own transaction
(`claim_and_count`); every other change to a delegate goes through the ORM, whose flush applies the difference
the change makes (`_before_flush` / `_after_flush`); a flush that changes a whole list (an import) recounts that
event instead. Reading the counts (`attendance`) adds up a few hundred rows, whatever the size of the list.

Rows are always locked in one order (grouping, then value), so that two scans never wait for each other in a
circle on PostgreSQL."""
from sqlalchemy import String, and_, bindparam, cast, delete, event, func, insert, inspect, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models import AttendanceCount, Delegate, Event
from models.text import vietnamese_text_key

GROUPINGS = ("birth_year", "delegation", "ethnicity", "gender", "occupation_group", "religion", "sector",
             "unit")  # lock order
_WATCHED = {"event_id", "is_guest", "revoked", "checked_in_at", *GROUPINGS}
RECOUNT_OVER = 200  # a flush changing more delegates of one event than this (an import) recounts that event
YOUNG_AGE = 35  # đại biểu trẻ tuổi: 35 or under in the year of the event
UNKNOWN = "Không rõ"

_counts = AttendanceCount.__table__
_KEY = (_counts.c.event_id, _counts.c.guest, _counts.c.dimension, _counts.c.value)


def _text(value) -> str:
    return "" if value is None else str(value)


def _as_text(column):
    """The same value as _text(), in SQL."""
    return func.coalesce(cast(column, String), "")


# A scan on SQLite: one UPDATE of the delegate's eight rows, after the claim, in the claim's transaction (SQLite
# has one writer at a time, so no order of locks to keep).
_SCANNED = (update(AttendanceCount)
            .where(AttendanceCount.event_id == bindparam("count_event"), AttendanceCount.guest == bindparam("count_guest"),
                   or_(*(and_(AttendanceCount.dimension == name, AttendanceCount.value == bindparam(f"v_{name}"))
                         for name in GROUPINGS)))
            .values(present=AttendanceCount.present + 1))


def _claim_and_count_statement(claim):
    """On PostgreSQL the claim (autocommit, one round trip) and the count go in one statement: the claimed row,
    the delegate's eight count rows locked in order, and those rows counted."""
    claimed = claim.cte("claimed")
    locked = (select(*_KEY).join(claimed, and_(_counts.c.event_id == claimed.c.event_id,
                                               _counts.c.guest == claimed.c.is_guest))
              .where(or_(*(and_(_counts.c.dimension == name, _counts.c.value == _as_text(claimed.c[name]))
                           for name in GROUPINGS)))
              .order_by(_counts.c.dimension, _counts.c.value).with_for_update(of=_counts).cte("locked"))
    counted = (update(_counts).where(*(column == locked.c[column.name] for column in _KEY))
               .values(present=_counts.c.present + 1).cte("counted"))
    return select(claimed).add_cte(counted)


def claim_and_count(conn, claim, values: dict):
    """Runs the scan's `claim` (an UPDATE ... RETURNING of the delegate, with the GROUPINGS among what it returns)
    and counts the delegate present if it claimed one; the claimed row or None."""
    if conn.dialect.name == "postgresql":
        return conn.execute(_claim_and_count_statement(claim), values).first()
    claimed = conn.execute(claim, values).first()
    if claimed is not None:
        conn.execute(_SCANNED, {"count_event": claimed.event_id, "count_guest": claimed.is_guest,
                                **{f"v_{name}": _text(getattr(claimed, name)) for name in GROUPINGS}})
    return claimed


def recount(conn, event_id: int) -> None:
    """The event's counts made again from its whole list: after an import, or for a list written without the ORM."""
    conn.execute(delete(_counts).where(_counts.c.event_id == event_id))
    delegates = Delegate.__table__.c
    for name in GROUPINGS:
        value = _as_text(delegates[name])
        conn.execute(insert(_counts).from_select(
            ["event_id", "guest", "dimension", "value", "expected", "present"],
            select(delegates.event_id, delegates.is_guest, literal(name, String), value, func.count(),
                   func.count(delegates.checked_in_at))
            .where(delegates.event_id == event_id, delegates.revoked.is_(False))
            .group_by(delegates.event_id, delegates.is_guest, value)))


def _add(conn, changes: dict) -> None:
    """Adds {(event, guest, grouping, value): [expected, present]} to the counts, a row made where none was."""
    rows = [{"event_id": key[0], "guest": key[1], "dimension": key[2], "value": key[3], "expected": e, "present": p}
            for key, (e, p) in sorted(changes.items()) if e or p]
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(_counts)
    statement = statement.on_conflict_do_update(
        index_elements=[column.name for column in _KEY],
        set_={"expected": _counts.c.expected + statement.excluded.expected,
              "present": _counts.c.present + statement.excluded.present})
    for row in rows:  # one by one, in the lock order
        conn.execute(statement, row)


# --- the ORM's changes: what each flushed delegate counted before, and what it counts after

_BEFORE = object()  # a value the session did not load before it was changed: the event is recounted


def _value_before(state, name: str):
    history = state.attrs[name].history
    if history.deleted:
        return history.deleted[0]
    if history.unchanged:
        return history.unchanged[0]
    if history.added:
        return _BEFORE
    return getattr(state.obj(), name)  # not loaded and not changed: loads it


def _share(values, sign: int) -> tuple[int, dict] | None:
    """(event, {count key: [expected, present]}) a delegate with these values adds (sign 1) or takes away (-1)."""
    if _BEFORE in values.values():
        return None
    if values["revoked"] or values["event_id"] is None:
        return values["event_id"], {}
    present = sign if values["checked_in_at"] is not None else 0
    guest = bool(values["is_guest"])
    return values["event_id"], {(values["event_id"], guest, name, _text(values[name])): [sign, present]
                                for name in GROUPINGS}


def _before_flush(session: Session, flush_context, instances) -> None:
    shares, recount_events = [], set()
    changed: dict[int, int] = {}

    def take(share, fallback_event):
        if share is None:
            recount_events.add(fallback_event)
            return
        changed[share[0]] = changed.get(share[0], 0) + 1
        shares.append(share)

    for delegate in session.new:
        if isinstance(delegate, Delegate):
            take(_share({name: getattr(delegate, name) for name in _WATCHED}, 1), delegate.event_id)
    for delegate in session.dirty:
        if not isinstance(delegate, Delegate):
            continue
        state = inspect(delegate)
        if not any(state.attrs[name].history.has_changes() for name in _WATCHED):
            continue
        before = {name: _value_before(state, name) for name in _WATCHED}
        take(_share(before, -1), delegate.event_id)
        take(_share({name: getattr(delegate, name) for name in _WATCHED}, 1), delegate.event_id)
    for delegate in session.deleted:
        if isinstance(delegate, Delegate):
            state = inspect(delegate)
            take(_share({name: _value_before(state, name) for name in _WATCHED}, -1), delegate.event_id)
    recount_events |= {event_id for event_id, n in changed.items() if n > 2 * RECOUNT_OVER}
    total: dict = {}
    for event_id, share in shares:
        if event_id in recount_events:
            continue
        for key, (e, p) in share.items():
            entry = total.setdefault(key, [0, 0])
            entry[0] += e
            entry[1] += p
    if total or recount_events:
        flush_context.attributes["kiosk_attendance"] = (total, recount_events - {None})


def _after_flush(session: Session, flush_context) -> None:
    total, recount_events = flush_context.attributes.pop("kiosk_attendance", ({}, set()))
    if not total and not recount_events:
        return
    conn = session.connection()
    for event_id in sorted(recount_events):
        recount(conn, event_id)
    _add(conn, total)


event.listen(Session, "before_flush", _before_flush)
event.listen(Session, "after_flush", _after_flush)


# --- reading


def _rows(counts: dict, label: str) -> list[dict]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1][0], vietnamese_text_key(kv[0])))
    return [{label: key, "expected": e, "present": p} for key, (e, p) in ordered if e or p]


def attendance(session, event_id: int, delegates_only: bool = False) -> dict:
    """Present and expected overall, by unit, by delegation and by the composition DOMAIN.md reports on; `delegates_only`
    leaves the guests out (the credentials report is about the delegates summoned). Two small queries."""
    event = session.get(Event, event_id)
    query = select(_counts.c.guest, _counts.c.dimension, _counts.c.value, _counts.c.expected, _counts.c.present) \
        .where(_counts.c.event_id == event_id)
    if delegates_only:
        query = query.where(_counts.c.guest.is_(False))
    groups = {name: {} for name in ("unit", "delegation", "ethnicity", "religion", "occupation_group", "sector")}
    flags = {name: [0, 0] for name in ("delegates", "guests", "women", "young")}
    oldest_young = event.date.year - YOUNG_AGE if event is not None and event.date else None
    for guest, dimension, value, expected, present in session.execute(query):
        marks = []
        if dimension in groups:
            entry = groups[dimension].setdefault(value or ("" if dimension == "delegation" else UNKNOWN), [0, 0])
            entry[0] += expected
            entry[1] += present
        elif dimension == "gender":  # every delegate has one gender value (maybe ""): the totals
            marks.append("guests" if guest else "delegates")
            if value == "nu":
                marks.append("women")
        elif dimension == "birth_year" and value and oldest_young is not None and int(value) >= oldest_young:
            marks.append("young")
        for mark in marks:
            flags[mark][0] += expected
            flags[mark][1] += present
    return {"event_id": event_id,
            "expected": flags["delegates"][0] + flags["guests"][0],
            "present": flags["delegates"][1] + flags["guests"][1],
            **{name: {"expected": e, "present": p} for name, (e, p) in flags.items()},
            "by_unit": sorted(_rows(groups["unit"], "unit"), key=lambda r: vietnamese_text_key(r["unit"])),
            # delegates in no delegation are not a delegation: left out
            "by_delegation": sorted((r for r in _rows(groups["delegation"], "delegation") if r["delegation"]),
                                    key=lambda r: vietnamese_text_key(r["delegation"])),
            "composition": {name: _rows(groups[name], "value")
                            for name in ("ethnicity", "religion", "occupation_group", "sector")}}


def without_composition(counts: dict) -> dict:
    """The figures a door tablet, the MC and the ushers see: the composition by ethnicity, religion, occupation
    and sector is the organisers' (in a small unit a count of one names a person)."""
    return {key: value for key, value in counts.items() if key != "composition"}
