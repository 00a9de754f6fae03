"""Operator command of the honours: `import-honours`."""
import click
from flask.cli import with_appcontext

from honours.importer import import_honours as run_import
from kiosk.lists.uploads import import_file


@click.command("import-honours")
@click.argument("event_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_honours(event_id, file):
    """Import (or update) the honours list of an event from .xlsx or .csv."""
    result = import_file(run_import, event_id, file)
    click.echo(f"Đã nhập: {result['created']} mới, {result['updated']} cập nhật, {result['linked']} gắn với đại biểu, "
               f"{result['doubtful']} cần xác nhận trên trang Khen thưởng.")
