"""Operator command of the speakers' list: `import-speeches`."""
import click

from kiosk.lists.uploads import import_file, list_import_command
from speeches.importer import import_speeches as run_import


@list_import_command("import-speeches")
def import_speeches(event_id, file):
    """Import (or update) the speakers (tham luận) of an event from .xlsx or .csv, in speaking order."""
    result = import_file(run_import, event_id, file)
    click.echo(f"Đã nhập: {result['created']} bài tham luận mới, {result['updated']} cập nhật.")
