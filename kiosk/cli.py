"""Operator commands: `flask --app kiosk init-db | demo | create-user`."""
from pathlib import Path

import click
from flask import current_app
from flask_migrate import upgrade

from kiosk.errors import ApiError
from kiosk.extensions import db


def accounts_file(app=None) -> Path:
    return Path((app or current_app).config["INSTANCE_DIR"]) / "demo-accounts.txt"


def _import_file(event_id: int, file: str, run_import) -> dict:
    """Runs an import from the command line: every problem on its own line, nothing saved on any."""
    from checkin.importer import ImportProblems, describe
    from kiosk.lookup import event_or_404
    try:
        event_or_404(event_id)
        result = run_import(event_id, Path(file).name, Path(file).read_bytes())
    except ImportProblems as e:
        db.session.rollback()
        raise click.ClickException("Không nhập được, chưa lưu gì:\n" + "\n".join(map(describe, e.problems))) from None
    except ApiError as e:
        db.session.rollback()
        raise click.ClickException(e.message) from None
    for note in result["notes"]:
        click.echo(note)
    return result


def init_app(app):
    @app.cli.command("init-db")
    def init_db():
        """Create or upgrade the database schema (Alembic migrations)."""
        upgrade()
        click.echo("Cơ sở dữ liệu đã sẵn sàng.")

    @app.cli.command("demo")
    def demo():
        """Create the demo congress and accounts when the database has no event."""
        from kiosk.demo import create_demo, is_empty
        upgrade()
        if not is_empty():
            click.echo("Đã có dữ liệu: không tạo dữ liệu mẫu.")
            if accounts_file().exists():
                click.echo(accounts_file().read_text())
            return
        accounts = create_demo()
        lines = ["Tài khoản mẫu (tên đăng nhập / vai trò / mật khẩu):"]
        lines += [f"  {u:<10} {r:<10} {p}" for u, r, p in accounts]
        accounts_file().write_text("\n".join(lines) + "\n")
        accounts_file().chmod(0o600)
        click.echo("Đã tạo Đại hội mẫu.\n" + "\n".join(lines))

    @app.cli.command("import-delegates")
    @click.argument("event_id", type=int)
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    def import_delegates(event_id, file):
        """Import (or update) the delegate list of an event from .xlsx or .csv."""
        from checkin.importer import import_delegates as run_import
        result = _import_file(event_id, file, run_import)
        click.echo(f"Đã nhập: {result['created']} đại biểu mới, {result['updated']} cập nhật.")

    @app.cli.command("import-honours")
    @click.argument("event_id", type=int)
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    def import_honours(event_id, file):
        """Import (or update) the honours list of an event from .xlsx or .csv."""
        from honours.importer import import_honours as run_import
        result = _import_file(event_id, file, run_import)
        click.echo(f"Đã nhập: {result['created']} mới, {result['updated']} cập nhật, {result['linked']} gắn với đại biểu, "
                   f"{result['doubtful']} cần xác nhận trên trang Khen thưởng.")

    @app.cli.command("import-speeches")
    @click.argument("event_id", type=int)
    @click.argument("file", type=click.Path(exists=True, dir_okay=False))
    def import_speeches(event_id, file):
        """Import (or update) the speakers (tham luận) of an event from .xlsx or .csv, in speaking order."""
        from speeches.importer import import_speeches as run_import
        result = _import_file(event_id, file, run_import)
        click.echo(f"Đã nhập: {result['created']} bài tham luận mới, {result['updated']} cập nhật.")
        for note in result["notes"]:
            click.echo(note)

    @app.cli.command("badges")
    @click.argument("event_id", type=int)
    @click.argument("out", type=click.Path(dir_okay=False, writable=True))
    def badges(event_id, out):
        """Write the badges of an event as A4 sheets (four a page, with cut marks) to a PDF."""
        import time

        from sqlalchemy import select

        from checkin.badges import write_pdf
        from kiosk.lookup import event_or_404
        from models import Delegate
        try:
            event = event_or_404(event_id)
        except ApiError as e:
            raise click.ClickException(e.message) from None
        people = db.session.scalars(select(Delegate).where(Delegate.event_id == event_id)
                                    .order_by(Delegate.number, Delegate.id)).all()
        started = time.perf_counter()
        with open(out, "wb") as handle:
            pages = write_pdf(people, event.name, handle)
        click.echo(f"Đã in {len(people)} thẻ trên {pages} trang A4 vào {out} ({time.perf_counter() - started:.1f} giây).")

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", required=True, help="organiser, mc, door hoặc display")
    @click.option("--password", required=True)
    def create_user(username, role, password):
        """Create an account, or reset its role and password."""
        from kiosk.accounts import create_account
        try:
            user = create_account(username, role, password)
        except ApiError as e:
            raise click.ClickException(e.message) from None
        click.echo(f"Đã lưu tài khoản {user.username} ({user.role}).")
