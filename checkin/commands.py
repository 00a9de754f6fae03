"""Operator commands of the door: `import-delegates` and `badges`."""
import time

import click
from flask.cli import with_appcontext

from checkin import service
from checkin.badge_pdf import write_sheets
from checkin.importer import import_delegates as run_import
from kiosk.errors import ApiError
from kiosk.lists.uploads import import_file, list_import_command
from kiosk.lookup import event_or_404


@list_import_command("import-delegates")
def import_delegates(event_id, file):
    """Import (or update) the delegate list of an event from .xlsx or .csv."""
    result = import_file(run_import, event_id, file)
    click.echo(f"Đã nhập: {result['created']} đại biểu mới, {result['updated']} cập nhật.")


@click.command("badges")
@click.argument("event_id", type=int)
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def badges(event_id, out):
    """Write the badges of an event as A4 sheets (four a page, with cut marks) to a PDF."""
    try:
        event = event_or_404(event_id)
    except ApiError as e:
        raise click.ClickException(e.message) from None
    people = service.delegates_of(event_id)
    started = time.perf_counter()
    with open(out, "wb") as handle, click.progressbar(length=len(people), label="Đang in thẻ") as bar:
        pages = write_sheets(people, event.name, handle, lambda done, total: bar.update(done - bar.pos))
    click.echo(f"Đã in {len(people)} thẻ trên {pages} trang A4 vào {out} ({time.perf_counter() - started:.1f} giây).")


ALL = (import_delegates, badges)
