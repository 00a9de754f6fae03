"""The delegations (đoàn đại biểu) of an event, counted: one grouped query, heads found in a second."""
from sqlalchemy import func, select

from kiosk.extensions import db
from models import Delegate
from models.text import vietnamese_text_key


def delegations(event_id: int) -> list[dict]:
    """[{"name", "head", "summoned", "present"}] in the order of their names; `head` is the head's full name or
    None. Revoked badges are not summoned; a substitute counts in the delegation they were put in."""
    live = (Delegate.event_id == event_id, Delegate.revoked.is_(False), Delegate.delegation.is_not(None))
    counts = db.session.execute(
        select(Delegate.delegation, func.count().label("summoned"), func.count(Delegate.checked_in_at).label("present"))
        .where(*live).group_by(Delegate.delegation)).all()
    heads = dict(db.session.execute(select(Delegate.delegation, Delegate.full_name)
                                    .where(*live, Delegate.delegation_head.is_(True))).all())
    rows = [{"name": r.delegation, "head": heads.get(r.delegation), "summoned": r.summoned, "present": r.present}
            for r in counts]
    return sorted(rows, key=lambda r: vietnamese_text_key(r["name"]))
