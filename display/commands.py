"""Operator commands of the live programme, for scripts beside the hall: they change the live state through
display.live like the MC panel does, and reach every screen through the message queue (REDIS_URL) without being
a server."""
import click
from flask.cli import with_appcontext

from display import live
from kiosk.errors import ApiError


@click.command("announce")
@click.argument("event_id", type=int)
@click.argument("text")
@with_appcontext
def announce(event_id, text):
    """Show TEXT on the projectors of an event as an announcement (Thông báo)."""
    try:
        state = live.show_screen(event_id, {"kind": "announcement", "text": text})
    except ApiError as e:
        raise click.ClickException(e.message) from None
    click.echo(f"Đã đưa thông báo lên màn hình (phiên bản {state['version']}).")


@click.command("screen")
@click.argument("event_id", type=int)
@click.argument("kind", type=click.Choice(["programme", "blank", "logo"]))
@with_appcontext
def screen(event_id, kind):
    """Show the programme slide, a blank screen or the logo on the projectors of an event."""
    try:
        state = live.show_screen(event_id, {"kind": kind})
    except ApiError as e:
        raise click.ClickException(e.message) from None
    click.echo(f"Màn hình: {kind} (phiên bản {state['version']}).")
