"""Property-based fuzzing (Hypothesis) of the routes and Socket.IO events a client on the hall Wi-Fi can reach:
check-in, login, the live state, votes, list imports, and every socket event. Whatever is sent: never a 5xx, never
a traceback in the log, and the database changed only by requests that were answered 2xx.

Derandomized (the same inputs on every run) and bounded: about 11,000 inputs in a few tens of seconds. Each test
checks that it sent its whole budget (whole_budget), so the file's total holds whatever runs alone or in any order."""
import io
import json
import logging
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from kiosk.extensions import db, socketio
from models import CheckIn, Delegate, Honour, LiveState, Speech, UserSession, Vote
from tests.factories import build_event
from tests.fixtures.accounts import PASSWORDS, create_role_accounts
from tests.fixtures.database import make_schema
from tests.helpers import make_app

# Bounded by its number of inputs, not by a clock: a busy machine (or PostgreSQL) may take minutes.
pytestmark = pytest.mark.timeout(900)

settings.register_profile("kiosk-fuzz", derandomize=True, deadline=None, database=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
FUZZ = settings.get_profile("kiosk-fuzz")
# The inner loop (`make check`) runs a twentieth of the inputs; `make test` and CI the whole budget.
SCALE = float(os.environ.get("KIOSK_FUZZ_SCALE", "1"))


def budget(examples: int) -> int:
    return max(10, round(examples * SCALE))

SENT = {"requests": 0, "5xx": 0}


@pytest.fixture(autouse=True)
def whole_budget(request):
    """Each fuzzing test sends at least its number of examples (10,400 in all at full scale: the ten thousand
    inputs this file promises), checked test by test so that any test passes alone and in any order. A 5xx
    fails the input that got it (send)."""
    before = SENT["requests"]
    yield
    wanted = request.function._hypothesis_internal_use_settings.max_examples
    sent = SENT["requests"] - before
    print(f"\n{request.node.name}: {sent} inputs sent ({wanted} examples)")
    assert sent >= wanted, f"{sent} inputs sent, fewer than the {wanted} examples of the budget"

# ---- the strategies: what a hostile or confused client sends ---------------------------------------------------

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\x00"
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from("Nguyễn Văn Bảy=+-@\t" + INVISIBLE), max_size=40),
    st.builds(lambda ch, n: ch * n, st.sampled_from("x9Đ\u200b\"'<"), st.integers(0, 20_000)),
)
numbers = st.one_of(st.integers(-3, 40), st.integers(min_value=2**31 - 2, max_value=2**80), st.integers(max_value=-2**31),
                    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.just(2**63), st.just(2**64))
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
json_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=8)
anything = st.one_of(scalars, numbers, json_values)


def body_of(**fields):
    """A JSON object with the route's own keys (each present or not) holding anything, and stray keys."""
    return st.fixed_dictionaries({}, optional={k: st.one_of(v, anything) for k, v in fields.items()})


raw_bodies = st.one_of(st.binary(max_size=200), st.just(b"[" * 5000), st.just(b'{"a":' * 3000),
                       st.text(max_size=100).map(str.encode))


# ---- one app and one database for the whole file (Hypothesis runs many inputs per test) -------------------------

class Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        if record.exc_info or record.levelno >= logging.ERROR:
            self.records.append(self.format(record))


@pytest.fixture(scope="module")
def world(tmp_path_factory, module_scratch_database_url):
    app = make_app(tmp_path_factory.mktemp("fuzz"), module_scratch_database_url)
    with app.app_context():
        make_schema()  # its own database: the schema made afresh, as the run's is
        create_role_accounts()
        event_id = build_event(delegates=6, honours_per_group=(3, 15), speeches=3)
        codes = list(db.session.scalars(select(Delegate.code).where(Delegate.event_id == event_id)))
        ids = {"speech": list(db.session.scalars(select(Speech.id))), "honour": list(db.session.scalars(select(Honour.id))),
               "vote": list(db.session.scalars(select(Vote.id))), "delegate": list(db.session.scalars(select(Delegate.id)))}
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 10**9  # each generated sign-in reaches the hash, not the throttle
    clients = {}
    for role in ("organiser", "mc", "door"):
        client = app.test_client()
        token = client.post("/api/login", json={"username": role + "1", "password": PASSWORDS[role]}).get_json()
        clients[role] = (client, token["csrf_token"])
    errors = Errors()
    logging.getLogger().addHandler(errors)
    world = {"app": app, "event_id": event_id, "codes": codes, "ids": ids, "clients": clients, "errors": errors}
    world["state"] = fingerprint(app)
    yield world
    logging.getLogger().removeHandler(errors)
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.engine.dispose()


def fingerprint(app) -> tuple:
    """What a request could change: the live state, check-ins, lists, votes, sessions."""
    with app.app_context():
        live = db.session.execute(select(LiveState.version, LiveState.screen)).all()
        counts = db.session.execute(select(
            select(func.count()).select_from(CheckIn).scalar_subquery(),
            select(func.count()).where(Delegate.checked_in_at.is_not(None)).scalar_subquery(),
            select(func.count()).select_from(Delegate).scalar_subquery(),
            select(func.count()).select_from(Honour).scalar_subquery(),
            select(func.count()).select_from(Speech).scalar_subquery(),
            select(func.count()).select_from(UserSession).scalar_subquery())).one()
        order = db.session.execute(select(func.group_concat(Speech.position)) if db.engine.dialect.name == "sqlite"
                                   else select(func.string_agg(func.cast(Speech.position, db.String), ","))).scalar()
        db.session.remove()
    return tuple(map(str, live)), tuple(counts), order


def unchanged_unless_ok(world, ok: bool, what) -> None:
    """The database as the last input left it, unless this one was answered 2xx. One fingerprint per input: the
    state after the last input is the state before this one (the inputs run one after another)."""
    after = fingerprint(world["app"])
    if not ok:
        assert after == world["state"], what
    world["state"] = after


def send(world, role, method, url, *, check_db=True, **kwargs):
    client, token = world["clients"][role] if role else (world["app"].test_client(), None)
    headers = {"X-CSRFToken": token} if token else {}
    answer = getattr(client, method)(url, headers=headers, **kwargs)
    SENT["requests"] += 1
    if answer.status_code >= 500:
        SENT["5xx"] += 1
    assert answer.status_code < 500, (method, url, kwargs, answer.get_data(as_text=True)[:300])
    if answer.status_code >= 400:
        assert answer.is_json or not url.startswith("/api/"), answer.get_data(as_text=True)[:200]
        if answer.is_json:
            assert answer.get_json()["message"]
    if check_db:
        unchanged_unless_ok(world, answer.status_code < 400, (method, url, kwargs, answer.status_code))
    assert not world["errors"].records, world["errors"].records[:1]
    return answer


# ---- the routes ------------------------------------------------------------------------------------------------

@settings(FUZZ, max_examples=budget(1800))
@given(data=st.data())
def test_checkin(world, data):
    code = data.draw(st.one_of(st.sampled_from(world["codes"]), texts, anything))
    body = data.draw(st.one_of(body_of(door=texts, scan_id=texts, scanned_at=texts).map(lambda b: {**b, "code": code}),
                               body_of(code=texts, door=texts)))
    send(world, "door", "post", f"/api/events/{world['event_id']}/checkin", json=body)


@settings(FUZZ, max_examples=budget(600))
@given(body=body_of(delegate_id=numbers, reason=texts, door=texts), raw=st.none() | raw_bodies)
def test_checkin_undo_and_raw_bodies(world, body, raw):
    url = f"/api/events/{world['event_id']}/checkin" + ("/undo" if raw is None else "")
    if raw is None:
        send(world, "organiser", "post", url, json=body)
    else:
        send(world, "door", "post", url, data=raw, content_type="application/json")


@settings(FUZZ, max_examples=budget(300))
@given(body=st.one_of(
    st.fixed_dictionaries({"username": st.one_of(texts, st.sampled_from(["mc1", "mc1\x00", "\ud800", "MC1 "])),
                           "password": texts}),
    body_of(username=texts, password=texts), json_values),
    raw=st.integers(0, 3).flatmap(lambda n: raw_bodies if n == 0 else st.none()))  # a raw body one time in four
def test_login(world, body, raw):
    """Every generated sign-in reaches the query and the hash (cheap hashes and no throttle here); never a 2xx."""
    data = json.dumps(body) if raw is None else raw  # ASCII with \\u escapes: a lone surrogate reaches the server
    answer = send(world, None, "post", "/api/login", check_db=False, data=data, content_type="application/json")
    assert answer.status_code in (400, 401)


LIVE_ACTIONS = st.sampled_from(["next", "previous", "goto", "screen"])
SCREENS = st.one_of(
    body_of(kind=st.sampled_from(["programme", "blank", "logo", "announcement", "honours", "speaker", "vote", "x"]),
            text=texts, group_id=numbers, page=numbers, speech_id=numbers, vote_id=numbers),
    anything)


@settings(FUZZ, max_examples=budget(2500))
@given(action=LIVE_ACTIONS, item=st.one_of(numbers, anything), screen=SCREENS, event=st.one_of(st.none(), numbers))
def test_live_state(world, action, item, screen, event):
    event_id = world["event_id"] if event is None or isinstance(event, bool) or not isinstance(event, int) \
        or not 0 <= event < 10**12 else event
    body = {"goto": {"item_id": item}, "screen": screen if isinstance(screen, dict) else {"kind": screen}}.get(action)
    send(world, "mc", "post", f"/api/events/{event_id}/live/{action}", json=body)


@settings(FUZZ, max_examples=budget(1700))
@given(segment=st.one_of(st.integers(-5, 2**80).map(str), st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s),
                         st.just("9" * 400)),
       tail=st.sampled_from(["", "/live", "/programme", "/honours", "/speeches", "/votes", "/attendance", "/delegates",
                             "/checkin/roster", "/delegates/search?q=" + "\u200b" * 5, "/attendance.xlsx", "/honours.xlsx",
                             "/delegates/1/badge.png", "/audit"]))
def test_paths_and_votes(world, segment, tail):
    from urllib.parse import quote
    send(world, "organiser", "get", f"/api/events/{quote(segment, safe='')}{tail}", check_db=False)


@settings(FUZZ, max_examples=budget(300))
@given(which=st.sampled_from(["speeches/{id}/move", "speeches/{id}/remove", "honours/{id}/move",
                              "honours/{id}/delegate", "honours/{id}/handover", "honours/groups/{id}/move",
                              "honours/groups/{id}/sort", "speeches"]),
       row=st.one_of(st.integers(1, 30), st.integers(2**31, 2**70)),
       body=body_of(position=numbers, delegate_id=numbers, status=texts, received_by=texts, name=texts, topic=texts,
                    minutes=numbers, title=texts, unit=texts))
def test_list_edits(world, which, row, body):
    send(world, "organiser", "post", f"/api/events/{world['event_id']}/" + which.format(id=row), json=body)


def _csv(rows) -> bytes:
    out = io.StringIO()
    for row in rows:
        out.write(",".join('"' + str(c).replace('"', '""') + '"' for c in row) + "\n")
    return out.getvalue().encode()


def _zip(members) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members:
            archive.writestr(name, content)
    return out.getvalue()


HEADER_WORDS = ["STT", "Họ và tên", "Đơn vị", "Chức vụ", "Mã đại biểu", "Năm sinh", "Giới tính", "Hình thức", "Số QĐ",
                "Nội dung", "Tên tập thể", "Đối tượng", "", "x"]
upload_files = st.one_of(
    st.tuples(st.just("ds.csv"), st.lists(st.lists(st.one_of(st.sampled_from(HEADER_WORDS), texts, numbers),
                                                   max_size=6), max_size=6).map(_csv)),
    st.tuples(st.sampled_from(["ds.csv", "ds.xlsx", "ds.pdf", ""]), st.binary(max_size=300)),
    st.tuples(st.just("ds.xlsx"), st.lists(st.tuples(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml",
                                                                       "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]),
                                                     st.binary(max_size=100)), max_size=4,
                                           unique_by=lambda member: member[0]).map(_zip)),
)


@settings(FUZZ, max_examples=budget(400))
@given(kind=st.sampled_from(["delegates", "honours", "speeches"]), upload=upload_files)
def test_imports(world, kind, upload):
    name, data = upload
    send(world, "organiser", "post", f"/api/events/{world['event_id']}/{kind}/import",
         data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


# ---- the Socket.IO events ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sockets(world):
    client = socketio.test_client(world["app"], flask_test_client=world["clients"]["organiser"][0])
    yield client
    client.disconnect()


@settings(FUZZ, max_examples=budget(2500))
@given(name=st.sampled_from(["join", "leave", "watch_attendance", "heartbeat", "next", "screen", "nope"]),
       data=st.one_of(body_of(event_id=numbers, item_id=numbers, screen=SCREENS), anything),
       valid_event=st.booleans())
def test_socket_events(world, sockets, name, data, valid_event):
    if valid_event and isinstance(data, dict):
        data = {**data, "event_id": world["event_id"]}
    ack = sockets.emit(name, data, callback=True)
    SENT["requests"] += 1
    assert sockets.is_connected()
    refused = isinstance(ack, dict) and "error" in ack
    if refused:
        assert ack["message"]
    # `next` and `screen` are no socket events (the MC's commands are HTTP routes): like `nope`, they change nothing
    unchanged_unless_ok(world, not refused and name in ("join", "leave", "watch_attendance", "heartbeat"),
                        (name, data, ack))
    assert not world["errors"].records, world["errors"].records[:1]


@settings(FUZZ, max_examples=budget(300))
@given(packet=st.one_of(st.text(max_size=60).map(lambda t: "2" + t), st.just('2["join",' + "[" * 5000 + "]" * 5000 + "]"),
                        json_values.map(lambda v: "2" + json.dumps(["join", v]))))
def test_raw_socket_packets(world, sockets, packet):
    socketio.server.eio.handlers["message"](sockets.eio_sid, packet)  # as the real transport hands a frame on
    SENT["requests"] += 1
    assert not world["errors"].records, world["errors"].records[:1]
