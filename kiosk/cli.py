"""Operator commands: `flask --app kiosk init-db | demo | create-user`."""
from pathlib import Path

import click
from flask import current_app
from flask_migrate import upgrade

from kiosk.errors import ApiError


def accounts_file(app=None) -> Path:
    return Path((app or current_app).config["INSTANCE_DIR"]) / "demo-accounts.txt"


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
