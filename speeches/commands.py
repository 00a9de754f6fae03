"""Operator command of the speakers' list: `import-speeches`."""
import click
from flask.cli import with_appcontext

from kiosk.lists.uploads import import_file
from speeches.importer import import_speeches as run_import


@click.command("import-speeches")
@click.argument("event_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_speeches(event_id, file):
    """Import (or update) the speakers (tham luận) of an event from .xlsx or .csv, in speaking order."""
    result = import_file(run_import, event_id, file)
    click.echo(f"Đã nhập: {result['created']} bài tham luận mới, {result['updated']} cập nhật.")
