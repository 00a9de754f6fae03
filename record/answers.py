"""How a line of the audit trail is shown to clients: presentation kept out of models/."""
from models.audit import AuditLog
from models.vntime import iso_vn


def audit_line_api(line: AuditLog) -> dict:
    return {"at": iso_vn(line.at), "username": line.username, "action": line.action, "detail": line.detail}
