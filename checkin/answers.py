"""How a delegate is shown, by who asks: presentation kept out of models/. The organisers see every field (and, in
their list, the personal ballot token); the door, the door lead and the MC see what recognising and seating someone
needs, never the badge code, birth year, gender, ethnicity or religion (Nghị định 13/2023: the last two are
sensitive)."""
from models import Delegate
from models.delegate import seat_of
from models.vntime import iso_vn

DOOR_FIELDS = ("id", "number", "full_name", "title", "unit", "seat", "place", "delegation", "guest", "collective", "revoked",
               "substitute_id", "checked_in_at", "checked_in_door")


def delegate_api(d: Delegate) -> dict:
    return {
        "id": d.id,
        "number": d.number,
        "full_name": d.full_name,
        "title": d.title,
        "unit": d.unit,
        "code": d.code,
        "gender": d.gender,
        "birth_year": d.birth_year,
        "ethnicity": d.ethnicity,
        "religion": d.religion,
        "occupation_group": d.occupation_group,
        "sector": d.sector,
        "guest": d.is_guest,
        "collective": d.is_collective,
        "seat": seat_of(d.seat_zone, d.seat_row, d.seat_no),
        "place": d.seat,
        "delegation": d.delegation,
        "delegation_head": d.delegation_head,
        "revoked": d.revoked,
        "substitute_id": d.substitute_id,
        "checked_in_at": iso_vn(d.checked_in_at),
        "checked_in_door": d.checked_in_door,
        "absence_reason": d.absence_reason,
    }


def door_delegate_api(d: Delegate) -> dict:
    return {key: value for key, value in delegate_api(d).items() if key in DOOR_FIELDS}


def admin_delegate_api(d: Delegate) -> dict:
    return {**delegate_api(d), "ballot_token": d.ballot_token}
