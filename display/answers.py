"""How a programme item is shown to clients: presentation kept out of models/."""
from models import ProgrammeItem
from models.agenda import KINDS
from models.vntime import iso_vn


def item_api(item: ProgrammeItem) -> dict:
    return {
        "id": item.id,
        "position": item.position,
        "kind": item.kind,
        "kind_label": KINDS.get(item.kind, item.kind),
        "title": item.title,
        "planned_start": iso_vn(item.planned_start),
        "planned_minutes": item.planned_minutes,
        "details": item.details or {},
    }
