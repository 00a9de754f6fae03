"""Configuration, schema migrations and the operator commands."""
import unicodedata

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select, text

from kiosk.config import load_config
from kiosk.extensions import db
from models import Delegate, Event, Honour, HonourGroup, ProgrammeItem, Speech, User, Vote
from tests.helpers import make_app, reset_schema, signed_in


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_default_database_is_a_sqlite_file_in_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = load_config({"INSTANCE_DIR": str(tmp_path)})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'kiosk.db'}"


def test_postgres_url_from_environment_names_the_driver(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u@db:5432/kiosk")
    assert load_config({"INSTANCE_DIR": str(tmp_path)})["SQLALCHEMY_DATABASE_URI"] == \
        "postgresql+psycopg://u@db:5432/kiosk"


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config({"INSTANCE_DIR": str(tmp_path)})["SECRET_KEY"]
    second = load_config({"INSTANCE_DIR": str(tmp_path)})["SECRET_KEY"]
    assert len(first) >= 32 and first == second
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_migrations_build_the_schema_the_models_describe(tmp_path, scratch_database_url):
    app = make_app(tmp_path, scratch_database_url)
    with app.app_context():
        reset_schema()
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"events", "programme_items", "delegates", "checkins", "honour_groups", "honours", "speeches",
                "votes", "vote_nominees", "live_states", "users"} <= tables
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
        assert diff == []
        reset_schema()
        db.engine.dispose()


def test_demo_builds_a_whole_congress_and_prints_accounts(app, assigned_by_hand, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo Đại hội mẫu" in result.output
    for username in ("btc", "mc", "cua1", "hautruong", "manhinh", "thuky", "chutich"):
        assert f"  {username} " in result.output
    with app.app_context():
        congress = db.session.scalar(select(Event).where(Event.name.like("%tỉnh Thái Bình lần thứ VIII")))
        assert congress.form == "dai_hoi" and congress.level == "tinh"
        delegates = db.session.scalars(select(Delegate).where(Delegate.event_id == congress.id)).all()
        assert 380 <= len(delegates) <= 420
        names = {d.full_name for d in delegates}
        assert len(names) == len(delegates)  # varied names, no duplicates
        women = sum(d.gender == "nu" for d in delegates)
        assert 0.3 < women / len(delegates) < 0.5
        assert any(d.religion == "Công giáo" for d in delegates) and any(d.is_guest for d in delegates)
        assert all(unicodedata.is_normalized("NFC", d.full_name) for d in delegates)
        groups = db.session.scalars(select(HonourGroup).where(HonourGroup.event_id == congress.id)).all()
        assert len(groups) == 6 and len({g.award for g in groups}) == 6
        honours = db.session.scalar(select(func.count()).select_from(Honour))
        assert 110 <= honours <= 130
        assert db.session.scalar(select(func.count()).where(Speech.event_id == congress.id)) == 5
        vote = db.session.scalar(select(Vote).where(Vote.event_id == congress.id))
        assert "toàn quốc" in vote.title and len(vote.nominees) >= 10
        commune = db.session.scalar(select(Event).where(Event.level == "xa"))
        assert commune.form == "hoi_nghi"
        kinds = db.session.scalars(select(ProgrammeItem.kind).where(ProgrammeItem.event_id == commune.id)).all()
        assert "flag_salute" not in kinds and len(kinds) == 8
        assert {u.role for u in db.session.scalars(select(User))} == {"organiser", "mc", "door", "usher", "display",
                                                                      "secretary", "presidium"}
    # the demo's door account works at both its events (an account given no event works at none)
    accounts = {line.split()[0]: line.split()[2] for line in result.output.splitlines() if line.startswith("  ")}
    door = signed_in(app, {"door": ("cua1", accounts["cua1"])}, "door")
    for event in (congress.id, commune.id):
        assert door.client.get(f"/api/events/{event}/checkin/roster").status_code == 200
    again = runner.invoke(args=["demo"])
    assert "không tạo dữ liệu mẫu" in again.output


def test_a_newcomer_whose_first_start_failed_is_told_how_to_get_in(app, client, runner):
    """The demo was made but its passwords, printed once, were lost with a failed first start: the next `demo`
    says which command helps, and `demo --new-passwords` prints passwords that sign in (the old ones do not)."""
    first = runner.invoke(args=["demo"])
    old = {line.split()[0]: line.split()[2] for line in first.output.splitlines() if line.startswith("  ")}
    again = runner.invoke(args=["demo"])
    assert "demo --new-passwords" in again.output and old["mc"] not in again.output
    renewed = runner.invoke(args=["demo", "--new-passwords"])
    assert renewed.exit_code == 0, renewed.output
    new = {line.split()[0]: line.split()[2] for line in renewed.output.splitlines() if line.startswith("  ")}
    assert set(new) == {"btc", "mc", "cua1", "hautruong", "manhinh", "thuky", "chutich"} and new["mc"] != old["mc"]
    assert client.post("/api/login", json={"username": "mc", "password": old["mc"]}).status_code == 401
    signed = client.post("/api/login", json={"username": "mc", "password": new["mc"]})
    assert signed.status_code == 200 and signed.get_json()["role"] == "mc"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Event)) == 2  # the congress was not made twice


def test_create_user_command(app, runner):
    result = runner.invoke(args=["create-user", "thuky", "--role", "mc", "--password", "mot-mat-khau-dai"])
    assert result.exit_code == 0 and "thuky" in result.output
    bad = runner.invoke(args=["create-user", "x", "--role", "vua", "--password", "mot-mat-khau-dai"])
    assert bad.exit_code != 0 and "Tên đăng nhập" in bad.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "thuky"))
        assert user.role == "mc" and user.check_password("mot-mat-khau-dai")
        assert "mot-mat-khau-dai" not in user.password_hash


def test_init_db_command(tmp_path, scratch_database_url):
    app = make_app(tmp_path, scratch_database_url)
    with app.app_context():
        reset_schema()
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0 and "sẵn sàng" in result.output
    with app.app_context():
        assert "live_states" in inspect(db.engine).get_table_names()
        reset_schema()
        db.engine.dispose()
