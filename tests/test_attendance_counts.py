"""The attendance counts kept as the list changes (checkin.counts) equal a full recount of the list after scans,
offline scans, undo, walk-ins, edits, revocation, substitution and a re-import; a scan touches a fixed number of
rows whatever the size of the list."""
import io
from datetime import UTC, datetime, timedelta

import pytest

from checkin import counts
from kiosk.extensions import db
from models import Delegate
from tests.factories import DELEGATE_HEADERS, build_event, xlsx
from tests.helpers import count_queries
from tests.test_door_changes import lead  # noqa: F401  (the door lead fixture)


def recounted(app, event_id) -> tuple[dict, dict]:
    """(the counts as kept, the counts of a full recount), both as GET /attendance and the credentials see them;
    the recount is rolled back, so the kept counts stay what they were."""
    with app.app_context():
        kept = [counts.attendance(db.session, event_id), counts.attendance(db.session, event_id, True)]
        counts.recount(db.session.connection(), event_id)
        fresh = [counts.attendance(db.session, event_id), counts.attendance(db.session, event_id, True)]
        db.session.rollback()
    return kept, fresh


def code_of(app, event_id, number):
    with app.app_context():
        return db.session.scalar(db.select(Delegate.code).where(Delegate.event_id == event_id,
                                                               Delegate.number == number))


def id_of(app, event_id, number):
    with app.app_context():
        return db.session.scalar(db.select(Delegate.id).where(Delegate.event_id == event_id,
                                                             Delegate.number == number))


def scan(door, event_id, code, **extra):
    return door.post(f"/api/events/{event_id}/checkin", json={"code": code, "door": "Cửa 1", **extra}).get_json()


def test_scans_and_undo_count_as_a_recount_does(app, door, event_id):
    for number in (1, 2, 4):
        assert scan(door, event_id, code_of(app, event_id, number))["result"] == "checked_in"
    scan(door, event_id, code_of(app, event_id, 1))  # already here: counted once
    kept, fresh = recounted(app, event_id)
    assert kept == fresh and kept[0]["present"] == 3 and kept[0]["women"] == {"expected": 3, "present": 2}
    shown = door.client.get(f"/api/events/{event_id}/attendance").get_json()
    assert shown["present"] == 3 and {"unit": "HTX Song Lãng", "expected": 1, "present": 1} in shown["by_unit"]
    undone = door.post(f"/api/events/{event_id}/checkin/undo",
                       json={"delegate_id": id_of(app, event_id, 2), "reason": "Quét nhầm"})
    assert undone.status_code == 200
    kept, fresh = recounted(app, event_id)
    assert kept == fresh and kept[0]["present"] == 2 and kept[0]["women"]["present"] == 1


def test_an_offline_scan_moved_earlier_counts_once(app, door, event_id):
    code = code_of(app, event_id, 3)
    scan(door, event_id, code)
    a_minute_ago = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    earlier = scan(door, event_id, code, scan_id="offline-1", scanned_at=a_minute_ago)
    assert earlier["result"] == "already_checked_in"
    kept, fresh = recounted(app, event_id)
    assert kept == fresh and kept[0]["present"] == 1


def test_walk_ins_edits_revocations_and_substitutes_count_as_a_recount_does(app, lead, door, event_id):  # noqa: F811
    walk_in = lead.post(f"/api/events/{event_id}/delegates",
                        json={"full_name": "Hoàng Thị Mai", "unit": "Xã Vũ Hội", "gender": "nu", "guest": True})
    assert walk_in.status_code == 201
    assert scan(door, event_id, walk_in.get_json()["code"])["result"] == "checked_in"
    assert scan(door, event_id, code_of(app, event_id, 1))["result"] == "checked_in"
    # an edit of someone already here moves them to their new unit, still present
    edited = lead.post(f"/api/events/{event_id}/delegates/{id_of(app, event_id, 1)}",
                       json={"unit": "Huyện đoàn Vũ Thư", "ethnicity": "Tày"})
    assert edited.status_code == 200
    assert lead.post(f"/api/events/{event_id}/delegates/{id_of(app, event_id, 5)}/revoke").status_code == 200
    substitute = lead.post(f"/api/events/{event_id}/delegates/{id_of(app, event_id, 6)}/substitute",
                           json={"full_name": "Ngô Văn Tư"})
    assert substitute.status_code == 201
    assert scan(door, event_id, substitute.get_json()["code"])["result"] == "checked_in"
    kept, fresh = recounted(app, event_id)
    assert kept == fresh
    assert (kept[0]["expected"], kept[0]["present"]) == (6, 3)  # 6 + walk-in + stand-in − revoked − replaced
    assert kept[0]["guests"] == {"expected": 1, "present": 1} and kept[1]["guests"] == {"expected": 0, "present": 0}
    assert {"unit": "Huyện đoàn Vũ Thư", "expected": 1, "present": 1} in kept[0]["by_unit"]
    assert all(row["unit"] != "UBND xã Vũ Hội" for row in kept[0]["by_unit"])  # nobody left there
    assert lead.post(f"/api/events/{event_id}/delegates/{id_of(app, event_id, 5)}/restore").status_code == 200
    kept, fresh = recounted(app, event_id)
    assert kept == fresh and kept[0]["expected"] == 7


def test_an_import_and_a_reimport_count_as_a_recount_does(app, organiser, door):
    with app.app_context():
        event_id = build_event(delegates=0)
    people = [[n, f"Đại biểu {n}", "Cán bộ", f"Đơn vị {n % 7}", "Nữ" if n % 3 else "Nam", 1960 + n % 40, "Kinh",
               "Không", "cán bộ", "Quản lý", "Khách mời" if n % 10 == 0 else "Đại biểu"] for n in range(1, 601)]

    def upload(rows):
        answer = organiser.post(f"/api/events/{event_id}/delegates/import",
                                data={"file": (io.BytesIO(xlsx(rows, DELEGATE_HEADERS)), "ds.xlsx")},
                                content_type="multipart/form-data")
        assert answer.status_code == 200, answer.get_json()
    upload(people)
    for number in (1, 2, 10):
        assert scan(door, event_id, code_of(app, event_id, number))["result"] == "checked_in"
    people[0][4] = "Nam"  # someone already here corrected: counted with the men
    people[1][5] = 1999
    upload([*people, [601, "Đại biểu 601", "", "Đơn vị 1", "Nam", None, "", "", "", "", "Đại biểu"]])
    kept, fresh = recounted(app, event_id)
    assert kept == fresh and (kept[0]["expected"], kept[0]["present"]) == (601, 3)
    assert kept[0]["young"]["expected"] == sum(1 for n in range(3, 601) if 1960 + n % 40 >= 2025 - 35) + 1


@pytest.mark.parametrize("size", [6, 300])
def test_a_scan_takes_the_same_statements_whatever_the_size_of_the_list(app, door, size):
    with app.app_context():
        event_id = build_event(delegates=6)
        db.session.add_all(Delegate(event_id=event_id, number=n, full_name=f"Đại biểu {n}", unit=f"Đơn vị {n}",
                                    birth_year=1950 + n % 50) for n in range(7, size + 1))
        db.session.commit()
    code = code_of(app, event_id, 2)
    with count_queries(app) as statements:
        assert scan(door, event_id, code)["result"] == "checked_in"
        door.client.get(f"/api/events/{event_id}/attendance")
    assert len(statements) <= 6, statements
    kept, fresh = recounted(app, event_id)
    assert kept == fresh and kept[0]["present"] == 1
