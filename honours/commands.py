"""Operator command of the honours: `import-honours`."""
import click

from honours.importer import import_honours as run_import
from kiosk.lists.uploads import import_file, list_import_command


@list_import_command("import-honours")
def import_honours(event_id, file):
    """Import (or update) the honours list of an event from .xlsx or .csv."""
    result = import_file(run_import, event_id, file)
    click.echo(f"Đã nhập: {result['created']} mới, {result['updated']} cập nhật, {result['linked']} gắn với đại biểu, "
               f"{result['doubtful']} cần xác nhận trên trang Khen thưởng.")
