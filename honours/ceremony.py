"""The order of the ceremony: highest award first (DOMAIN.md), the decision's order within a form;
and what the organiser changes by hand: moving groups and people, sorting a group alphabetically."""
from sqlalchemy import select

from kiosk.extensions import db
from kiosk.lookup import of_event
from kiosk.ordering import move_one_place, renumber
from models import Honour, HonourGroup
from models.text import fold, vietnamese_name_key

# Highest first. Each entry: words that must all appear in the folded award name.
AWARD_RANKS = [
    ("huan chuong", "hang nhat"), ("huan chuong", "hang nhi"), ("huan chuong", "hang ba"), ("huan chuong",),
    ("bang khen", "thu tuong"), ("co thi dua", "chinh phu"), ("chien si thi dua", "toan quoc"),
    ("bang khen", "bo"), ("co thi dua",), ("bang khen", "tinh"), ("chien si thi dua", "tinh"),
    ("bang khen",), ("chien si thi dua",), ("giay khen",),
]


def award_rank(award: str) -> int:
    key = fold(award)
    return next((rank for rank, words in enumerate(AWARD_RANKS) if all(w in key for w in words)), len(AWARD_RANKS))


def groups_of(event_id: int) -> list[HonourGroup]:
    return list(db.session.scalars(select(HonourGroup).where(HonourGroup.event_id == event_id)
                                   .order_by(HonourGroup.position)))


def search(event_id: int, query: str) -> list[Honour]:
    """The honours whose name or unit holds every word of the query, accents and case ignored (as at the door), in
    ceremony order. Folded here rather than in SQL: an event's list is a few thousand short names at most."""
    words = fold(query).split()[:6]
    rows = db.session.execute(select(Honour, HonourGroup.position).join(HonourGroup)
                              .where(HonourGroup.event_id == event_id)
                              .order_by(HonourGroup.position, Honour.position)).all()
    return [honour for honour, _ in rows
            if all(w in fold(f"{honour.name} {honour.unit or ''}") for w in words)]


def _default_key(group: HonourGroup, batch_of: dict[int, int | None]) -> tuple:
    return (batch_of.get(group.id) or 0, award_rank(group.award),
            group.decision_date.isoformat() if group.decision_date else "", group.decision_number or "")


def default_order(groups: list[HonourGroup], batch_of: dict[int, int | None]) -> list[HonourGroup]:
    """By đợt when the list numbers them, then the highest award first, then the decision's number and date."""
    return sorted(groups, key=lambda g: _default_key(g, batch_of))


def order_after_import(kept: list[HonourGroup], added: list[HonourGroup],
                       batch_of: dict[int, int | None]) -> list[HonourGroup]:
    """The groups there were keep the order they had, perhaps arranged by hand; each new group goes in
    before the first of them that the default order puts after it."""
    order = list(kept)
    for group in default_order(added, batch_of):
        key = _default_key(group, batch_of)
        later = next((i for i, other in enumerate(order) if other in kept and _default_key(other, batch_of) > key),
                     len(order))
        order.insert(later, group)
    return order


def _group_of(event_id: int, group_id: int) -> HonourGroup:
    return of_event(HonourGroup, group_id, event_id, "group_not_found", "Không tìm thấy đợt khen thưởng.")


def honour_of(event_id: int, honour_id: int) -> Honour:
    return of_event(Honour, honour_id, event_id, "honour_not_found", "Không tìm thấy người/tập thể được khen thưởng.",
                    event_of=lambda honour: honour.group.event_id)


def _move(items: list, item, offset: int) -> None:
    move_one_place(items, item, offset)
    db.session.commit()


def move_group(event_id: int, group_id: int, offset: int) -> None:
    _move(groups_of(event_id), _group_of(event_id, group_id), offset)


def move_honour(event_id: int, honour_id: int, offset: int) -> None:
    honour = honour_of(event_id, honour_id)
    _move(list(honour.group.honours), honour, offset)


def sort_group(event_id: int, group_id: int) -> None:
    """Vietnamese alphabetical order: given name first; collectives keep their names' order after people."""
    group = _group_of(event_id, group_id)
    renumber(sorted(group.honours, key=lambda h: (h.collective, vietnamese_name_key(h.name) if not h.collective
                                                                else (fold(h.name),))))
    db.session.commit()
