"""Running a list import from an uploaded file, with the same answers for every kind of list."""
from flask import jsonify, request

from checkin.importer import ImportProblems
from kiosk.errors import ApiError
from kiosk.extensions import db


def import_upload(run_import, event_id: int, what: str):
    """`what` names the list in the message when no file came. Problems come back as a 400 that lists each
    one with its row and column (`problems`), and nothing is saved."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "no_file", f"Chọn tệp {what} (.xlsx hoặc .csv) để tải lên.")
    try:
        return jsonify(run_import(event_id, upload.filename, upload.read()))
    except ImportProblems as e:
        db.session.rollback()
        return jsonify(error=e.code, message=e.message, problems=e.problems), 400
