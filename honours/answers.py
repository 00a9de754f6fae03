"""How an honour's recipient is shown to clients: presentation kept out of models/."""
from models import Honour


def recipient_api(honour: Honour) -> dict:
    return {
        "id": honour.id,
        "name": honour.name,
        "title": honour.title,
        "unit": honour.unit,
        "collective": honour.collective,
        "delegate_id": honour.delegate_id,
        "present": bool(honour.delegate and honour.delegate.checked_in_at),
        "handover": honour.handover,
        "received_by": honour.received_by,
    }
