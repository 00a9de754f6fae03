"""Running a list import from an uploaded file or a file on disk, with the same answers for every kind of list:
as JSON for the list pages' scripts, as flashed lines for a plain form, as lines on the terminal."""
import secrets
from importlib import import_module
from pathlib import Path

import click
from flask import current_app, flash, jsonify, request
from flask.cli import with_appcontext

from kiosk import job_pool
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lists.problems import ImportProblems, describe
from kiosk.lookup import event_or_404


def _uploaded(what: str) -> tuple[str, bytes]:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "no_file", f"Chọn tệp {what} (.xlsx hoặc .csv) để tải lên.")
    return upload.filename, upload.read()


def off_the_loop(run_import, event_id: int, filename: str, data: bytes) -> dict:
    """The import run in a job worker (kiosk.job_pool): reading and checking thousands of rows is seconds of CPU that the
    server's loop must not spend. The upload reaches the worker as a file, not through the pool's pipe."""
    folder = Path(current_app.config["INSTANCE_DIR"]) / "jobs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"upload-{secrets.token_hex(8)}"
    path.write_bytes(data)
    try:
        return job_pool.run_in_app("kiosk.lists.uploads:import_from_file", f"{run_import.__module__}:{run_import.__name__}",
                               event_id, filename, str(path))
    finally:
        path.unlink(missing_ok=True)


def import_from_file(target: str, event_id: int, filename: str, path: str) -> dict:
    """In the worker: the feature's import function on the uploaded file's bytes."""
    module, name = target.split(":")
    return getattr(import_module(module), name)(event_id, filename, Path(path).read_bytes())


def import_upload(run_import, event_id: int, what: str):
    """`what` names the list in the message when no file came. Problems come back as a 400 that lists each
    one with its row and column (`problems`), and nothing is saved."""
    filename, data = _uploaded(what)
    try:
        return jsonify(off_the_loop(run_import, event_id, filename, data))
    except ImportProblems as e:
        db.session.rollback()
        return jsonify(error=e.code, message=e.message, problems=e.problems), 400


def import_upload_flashing(run_import, event_id: int, what: str, done) -> None:
    """The same for a form: `done(result)` words the success; each problem becomes a red line, nothing saved."""
    try:
        result = off_the_loop(run_import, event_id, *_uploaded(what))
        flash(done(result), "ok")
        for note in result["notes"][:20]:
            flash(note, "ok")
    except ImportProblems as e:
        db.session.rollback()
        flash(f"Không nhập được: {len(e.problems)} lỗi, chưa lưu gì. Sửa tệp rồi tải lên lại.", "error")
        for problem in e.problems[:50]:
            flash(describe(problem), "error")
    except ApiError as e:
        db.session.rollback()
        flash(e.message, "error")


def import_file(run_import, event_id: int, path: str) -> dict:
    """The same from the command line: every problem on its own line, nothing saved on any."""
    try:
        event_or_404(event_id)
        result = run_import(event_id, Path(path).name, Path(path).read_bytes())
    except ImportProblems as e:
        db.session.rollback()
        raise click.ClickException("Không nhập được, chưa lưu gì:\n" + "\n".join(map(describe, e.problems))) from None
    except ApiError as e:
        db.session.rollback()
        raise click.ClickException(e.message) from None
    for note in result["notes"]:
        click.echo(note)
    return result


def list_import_command(name: str):
    """The decorators of an `import-… EVENT_ID FILE` command; the command itself calls import_file."""
    def decorate(command):
        command = with_appcontext(command)
        command = click.argument("file", type=click.Path(exists=True, dir_okay=False))(command)
        command = click.argument("event_id", type=int)(command)
        return click.command(name)(command)
    return decorate
