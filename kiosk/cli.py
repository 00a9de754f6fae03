"""The shell's operator commands: `flask --app kiosk init-db | create-user`. Each feature package registers its
own (import-delegates, badges, import-honours, import-speeches; `demo` from demo/) from its init_app."""
import click
from flask.cli import with_appcontext
from flask_migrate import upgrade

from kiosk.errors import ApiError
from kiosk.identity.accounts import assign_events, assigned_events, create_account
from models.user import EVENT_BOUND_ROLES, ROLE_LABELS


@click.command("init-db")
@with_appcontext
def init_db():
    """Create or upgrade the database schema (Alembic migrations)."""
    upgrade()
    click.echo("Cơ sở dữ liệu đã sẵn sàng.")


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
    for command in (init_db, create_user):
        app.cli.add_command(command)
