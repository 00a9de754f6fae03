"""The shell's operator commands: `flask --app kiosk init-db | demo | create-user`. Each feature package
registers its own (import-delegates, badges, import-honours, import-speeches) from its init_app."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from kiosk.accounts import assign_events, assigned_events, create_account
from kiosk.errors import ApiError
from models.user import EVENT_BOUND_ROLES, ROLE_LABELS


def accounts_file(app=None) -> Path:
    """Where earlier versions kept the demo passwords in clear; `demo` now removes it."""
    return Path((app or current_app).config["INSTANCE_DIR"]) / "demo-accounts.txt"


@click.command("init-db")
@with_appcontext
def init_db():
    """Create or upgrade the database schema (Alembic migrations)."""
    upgrade()
    click.echo("Cơ sở dữ liệu đã sẵn sàng.")


@click.command("demo")
@click.option("--new-passwords", is_flag=True,
              help="Give the demo accounts new passwords and print them once (when the first ones were lost).")
@with_appcontext
def demo(new_passwords):
    """Create the demo congress and accounts when the database has no event."""
    from kiosk.demo import create_demo, is_empty, new_demo_passwords
    upgrade()
    accounts_file().unlink(missing_ok=True)  # passwords are shown once, never kept in clear
    if new_passwords:
        _show_accounts("Đã đặt mật khẩu mới cho các tài khoản mẫu.", new_demo_passwords())
        return
    if not is_empty():
        # The passwords were printed only on the first start; if that start failed, they were never seen.
        click.echo("Đã có dữ liệu: không tạo dữ liệu mẫu.\n"
                   "Chưa có mật khẩu tài khoản mẫu? Đặt mật khẩu mới và in ra một lần:\n"
                   "  .venv/bin/flask --app kiosk demo --new-passwords\n"
                   "Hoặc đặt lại một tài khoản: .venv/bin/flask --app kiosk create-user TÊN --role VAI_TRÒ "
                   "--password MẬT_KHẨU_MỚI")
        return
    _show_accounts("Đã tạo Đại hội mẫu.", create_demo())


def _show_accounts(heading: str, accounts) -> None:
    lines = [heading, "Tài khoản mẫu (tên đăng nhập / vai trò / mật khẩu), chỉ hiện MỘT lần này, hãy ghi lại:"]
    lines += [f"  {u:<10} {r:<10} {p}" for u, r, p in accounts]
    click.echo("\n".join(lines))


@click.command("create-user")
@click.argument("username")
@click.option("--role", required=True,
              help="organiser, mc, door_lead, door, usher, display, kiosk, secretary hoặc presidium")
@click.option("--password", required=True)
@click.option("--event", "events", multiple=True, type=int,
              help="(cửa, trưởng ban đón tiếp, quầy, thư ký, Đoàn Chủ tịch) sự kiện được giao, lặp lại cho nhiều sự "
                   "kiện; chưa giao sự kiện nào thì tài khoản không làm việc ở sự kiện nào")
@with_appcontext
def create_user(username, role, password, events):
    """Create an account, or reset its role and password; a door account only for the events given."""
    try:
        user = create_account(username, role, password)
        if events:
            assign_events(user.id, list(events))
    except ApiError as e:
        raise click.ClickException(e.message) from None
    where = f", sự kiện {', '.join(map(str, events))}" if events else ""
    click.echo(f"Đã lưu tài khoản {user.username} ({ROLE_LABELS[user.role]}{where}).")
    if user.role in EVENT_BOUND_ROLES and not assigned_events(user.id):
        click.echo("Lưu ý: tài khoản này chưa được giao sự kiện nào nên chưa làm việc ở sự kiện nào; "
                   "giao bằng --event MÃ_SỰ_KIỆN (lặp lại được) hoặc ở trang Quản trị.")


def init_app(app) -> None:
    for command in (init_db, demo, create_user):
        app.cli.add_command(command)
