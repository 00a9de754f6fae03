"""The figures of the credentials report (Báo cáo thẩm tra tư cách đại biểu): the delegates summoned, present and
absent (with the reasons recorded), and the composition of those present, from the check-ins at the moment it is
asked for. The door's own counting: the record of the day prints them (record.papers), the projector shows them.

The counting is checkin.service.attendance()'s; this module adds what only the report needs (heroes, emulation
fighters, the absent with their reasons) and the percentages."""
from sqlalchemy import func, select

from checkin.service import YOUNG_AGE, attendance
from kiosk.extensions import db
from models import Delegate, Event
from models.text import fold, vietnamese_text_key
from models.types import utcnow
from models.vntime import iso_vn

UNKNOWN = "Không rõ"
NO_RELIGION = {"", "khong", "khong ro", "khong co"}
MAJORITY = {"", "kinh", "khong ro"}
GROUPS = {"occupation_group": "Thành phần", "sector": "Ngành, lĩnh vực", "ethnicity": "Dân tộc", "religion": "Tôn giáo"}


def pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def pct_text(value: float) -> str:
    """12.5 → '12,5%': the decimal comma of Vietnamese papers."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


def _present(rows: list[dict], keep) -> int:
    return sum(r["present"] for r in rows if keep(fold(r["value"] if r["value"] != UNKNOWN else "")))


def figures(event_id: int) -> dict:
    event = db.session.get(Event, event_id)
    counts = attendance(event_id, delegates_only=True)
    summoned, present = counts["expected"], counts["present"]
    here = (Delegate.event_id == event_id, Delegate.revoked.is_(False), Delegate.is_guest.is_(False),
            Delegate.checked_in_at.is_not(None))
    heroes, fighters = db.session.execute(
        select(func.count().filter(Delegate.is_hero.is_(True)), func.count().filter(Delegate.is_emulation_fighter.is_(True)))
        .where(*here)).one()
    absent = db.session.execute(
        select(Delegate.id, Delegate.number, Delegate.full_name, Delegate.title, Delegate.unit, Delegate.absence_reason)
        .where(Delegate.event_id == event_id, Delegate.revoked.is_(False), Delegate.is_guest.is_(False),
               Delegate.checked_in_at.is_(None))).all()
    absent = sorted(absent, key=lambda r: (r.unit is None, vietnamese_text_key(r.unit), r.number or 0))
    composition = counts["composition"]
    headline = [
        ("women", "Đại biểu nữ", counts["women"]["present"]),
        ("young", f"Đại biểu trẻ tuổi (từ {YOUNG_AGE} tuổi trở xuống)", counts["young"]["present"]),
        ("ethnic_minorities", "Đại biểu người dân tộc thiểu số",
         _present(composition["ethnicity"], lambda v: v not in MAJORITY)),
        ("religious", "Đại biểu là người có đạo (theo tôn giáo)",
         _present(composition["religion"], lambda v: v not in NO_RELIGION)),
        ("heroes", "Anh hùng", heroes),
        ("emulation_fighters", "Chiến sĩ thi đua", fighters),
    ]
    groups = {name: [{"value": r["value"], "count": r["present"], "pct": pct(r["present"], present)}
                     for r in sorted(composition[name], key=lambda r: (r["value"] == UNKNOWN, -r["present"]))
                     if r["present"]]
              for name in GROUPS}
    return {
        "event_id": event_id,
        "event": event.name,
        "as_of": iso_vn(utcnow()),
        "summoned": summoned,
        "present": present,
        "absent": summoned - present,
        "present_pct": pct(present, summoned),
        "absent_pct": pct(summoned - present, summoned),
        "guests_present": attendance(event_id)["guests"]["present"],
        "absent_list": [{"id": r.id, "number": r.number, "full_name": r.full_name, "title": r.title, "unit": r.unit,
                         "reason": r.absence_reason} for r in absent],
        "absent_with_reason": sum(1 for r in absent if r.absence_reason),
        "composition": [{"key": key, "label": label, "count": n, "pct": pct(n, present)} for key, label, n in headline],
        "groups": groups,
        "by_delegation": [{"delegation": r["delegation"], "summoned": r["expected"], "present": r["present"],
                           "present_pct": pct(r["present"], r["expected"])} for r in counts["by_delegation"]],
        # Quá bán: more than half of those summoned, as DOMAIN.md counts a majority; exactly half is not enough.
        "valid": present * 2 > summoned,
    }


def slide(event_id: int) -> dict:
    """What the projector's credentials screen draws: the headline figures only, small enough to broadcast."""
    f = figures(event_id)
    return {"assembly": "Đại hội" if db.session.get(Event, event_id).is_congress else "Hội nghị",
            "summoned": f["summoned"], "present": f["present"], "absent": f["absent"], "present_pct": f["present_pct"],
            "absent_with_reason": f["absent_with_reason"], "valid": f["valid"], "as_of": f["as_of"],
            "composition": [{"label": c["label"], "count": c["count"], "pct": c["pct"]} for c in f["composition"]]}
