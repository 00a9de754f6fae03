"""Ushers behind the stage mark each recipient: on stage, received, or received on their behalf (nhận thay)."""
from kiosk import audit, signals
from kiosk.errors import ApiError
from kiosk.extensions import db
from models.types import nfc

STATUSES = {"": "Chưa lên", "on_stage": "Đang trên sân khấu", "received": "Đã nhận",
            "received_on_behalf": "Nhận thay"}


def mark(honour, status, received_by) -> dict:
    if status not in STATUSES:
        raise ApiError(400, "bad_status", "Trạng thái phải là: " + ", ".join(f"{k or '(trống)'}" for k in STATUSES) + ".")
    received_by = nfc(received_by) if isinstance(received_by, str) else None
    if status == "received_on_behalf" and not received_by:
        raise ApiError(400, "missing_received_by", "Cần ghi họ tên người nhận thay.")
    if received_by and len(received_by) > 200:
        raise ApiError(400, "bad_received_by", "Họ tên người nhận thay dài quá 200 ký tự.")
    honour.handover = status
    honour.received_by = received_by if status == "received_on_behalf" else None
    event_id = honour.group.event_id
    answer = {"honour_id": honour.id, "group_id": honour.group_id, "handover": honour.handover,
              "received_by": honour.received_by}
    audit.record(event_id, "handover", f"{honour.name}: {STATUSES[status]} {honour.received_by or ''}".strip())
    db.session.commit()
    signals.handover_marked.send(event_id, mark=answer)
    return answer
