"""The version of an event's programme and script (LiveState.content_version), one more at every flush that
changes a programme item, a speech, an honours group or recipient, a vote, the script's own words or the event's
facts. The live state carries it, so that an MC panel fetches the programme and the script again when they changed
or the step did, not after every step (issue 19): the version is read with the live state, at no extra query.

A recipient's handover marks (an usher at the stage) change nothing the script reads, and do not count."""
from collections.abc import Callable

from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session

from kiosk.extensions import db
from kiosk.memo import Kept
from models import Event, Honour, HonourGroup, LiveState, ProgrammeItem, ScriptLine, Speech, Vote

_BY_EVENT = (ProgrammeItem, Speech, HonourGroup, Vote, ScriptLine)
_HANDOVER_ONLY = {"handover", "received_by"}
_states = LiveState.__table__


def _changed(obj, new_or_deleted: bool) -> bool:
    if new_or_deleted or not isinstance(obj, Honour):
        return True
    state = inspect(obj)
    return any(attr.history.has_changes() for attr in state.attrs if attr.key not in _HANDOVER_ONLY)


def _before_flush(session: Session, flush_context, instances) -> None:
    events, groups = set(), set()
    for objects, new_or_deleted in ((session.new, True), (session.dirty, False), (session.deleted, True)):
        for obj in objects:
            if isinstance(obj, _BY_EVENT):
                events.add(obj.event_id)
            elif isinstance(obj, Event) and not new_or_deleted:
                events.add(obj.id)
            elif isinstance(obj, Honour) and _changed(obj, new_or_deleted):
                groups.add(obj.group_id if obj.group_id is not None else getattr(obj.group, "id", None))
    events.discard(None)
    groups.discard(None)
    if events or groups:
        flush_context.attributes["kiosk_content"] = (events, groups)


def _after_flush(session: Session, flush_context) -> None:
    events, groups = flush_context.attributes.pop("kiosk_content", (set(), set()))
    if groups:
        events |= set(session.connection().scalars(
            select(HonourGroup.event_id).where(HonourGroup.id.in_(groups))))
    if events:
        session.connection().execute(update(_states).where(_states.c.event_id.in_(sorted(events)))
                                     .values(content_version=_states.c.content_version + 1))
        session.info[_CHANGED] = True


def changed_in_this_transaction(session: Session) -> bool:
    """True once the session's open transaction has flushed a change of the content: a live state read before it
    carries a content version that no longer says what the database holds, so nothing kept under it may be used."""
    return session.info.get(_CHANGED, False)


_kept = Kept(maxsize=512, seconds=3600)


def kept(event_id: int, content_version: int | None, what: str, read: Callable[[], list]) -> list:
    """What `read` gives for the event, kept under its content version (the live state's, read in this
    transaction): every → reads the programme and the item's sub-steps, which change only with that version. Read
    afresh without a version, or once this transaction has changed the content. Callers must not change it."""
    if content_version is None or changed_in_this_transaction(db.session):
        return read()
    key = (event_id, content_version, what)
    found = _kept.get(key)
    if found is None:
        found = read()
        _kept.put(key, found)
    return found


def _transaction_ended(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost: a savepoint's end leaves the transaction's flushes in place
        session.info.pop(_CHANGED, None)


_CHANGED = "kiosk_content_changed"
event.listen(Session, "before_flush", _before_flush)
event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "after_transaction_end", _transaction_ended)
