"""`flask --app kiosk demo`: the demo congress and its accounts, made once on a first start."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade

from demo.congress import create_demo, is_empty, new_demo_passwords


def accounts_file(app=None) -> Path:
    """Where earlier versions kept the demo passwords in clear; `demo` now removes it."""
    return Path((app or current_app).config["INSTANCE_DIR"]) / "demo-accounts.txt"


@click.command("demo")
@click.option("--new-passwords", is_flag=True,
              help="Give the demo accounts new passwords and print them once (when the first ones were lost).")
@with_appcontext
def demo(new_passwords):
    """Create the demo congress and accounts when the database has no event."""
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
