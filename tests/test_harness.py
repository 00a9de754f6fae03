"""The test harness itself: each test starts on empty tables, accounts are hashed cheaply only here, and CI
fails (never skips) a test whose PostgreSQL, Redis or Chromium is missing."""
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text

from kiosk.config import load_config
from kiosk.extensions import db
from models import User
from tests.factories import build_event
from tests.helpers import empty_tables, unavailable


def row_counts():
    return {table.name: db.session.scalar(select(func.count()).select_from(table)) for table in db.metadata.sorted_tables}


def test_a_test_starts_on_empty_tables_at_the_migrations_head(app):
    with app.app_context():
        assert set(row_counts().values()) == {0}
        head = ScriptDirectory(str(Path(__file__).parent.parent / "migrations")).get_current_head()
        assert db.session.scalar(text("SELECT version_num FROM alembic_version")) == head
        first = build_event()
        assert first == 1 and sum(row_counts().values()) > 20
        empty_tables()
        assert set(row_counts().values()) == {0}
        assert build_event() == first  # ids start again at 1, as on a new database


def test_accounts_are_hashed_strongly_except_in_the_test_suite(app, tmp_path):
    assert load_config({"INSTANCE_DIR": str(tmp_path)})["PASSWORD_HASH_METHOD"] == "scrypt"
    strong = User(username="a", role="mc")
    strong.set_password("mot-mat-khau-dai")  # no application: the strong default
    assert strong.password_hash.startswith("scrypt:") and strong.check_password("mot-mat-khau-dai")
    with app.app_context():
        cheap = User(username="b", role="mc")
        cheap.set_password("mot-mat-khau-dai")
    assert cheap.password_hash.startswith("pbkdf2:sha256:1$") and cheap.check_password("mot-mat-khau-dai")
    assert not cheap.check_password("sai-mat-khau")


def test_a_missing_service_is_skipped_here_and_fails_the_run_on_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Redis not reachable"):
        unavailable("Redis not reachable at redis://127.0.0.1:6379/0")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"Redis not reachable.*CI=true"):
        unavailable("Redis not reachable at redis://127.0.0.1:6379/0")
