"""The speakers' list routes: read, import, add, move, remove, template, organiser page."""
import io

from flask import jsonify, render_template, send_file

from checkin.schemas import ImportResult
from kiosk import audit
from kiosk.extensions import db
from kiosk.identity.auth import role_required
from kiosk.lists.uploads import import_upload
from kiosk.lookup import event_or_404, of_event
from kiosk.ordering import Move, move_one_place, renumber
from kiosk.schema import XLSX, Download, api
from models import Speech
from speeches import bp, importer
from speeches.answers import speech_api
from speeches.schemas import NewSpeech
from speeches.schemas import Speech as SpeechAnswer


def _speech_of(event_id: int, speech_id: int) -> Speech:
    return of_event(Speech, speech_id, event_id, "speech_not_found", "Không tìm thấy bài tham luận.")


@bp.get("/api/events/<int:event_id>/speeches")
@api("Speeches in order", "speeches", answers={200: list[SpeechAnswer]})
def speeches(event_id):
    event_or_404(event_id)
    return jsonify([speech_api(s) for s in importer.speeches_of(event_id)])


@bp.post("/api/events/<int:event_id>/speeches/import")
@role_required("organiser")
@api("Import or update the speakers (.xlsx / .csv, multipart field `file`), in the file's order; all or nothing",
     "speeches", answers={200: ImportResult, 413: None}, role="organiser",
     multipart={"file": {"type": "string", "format": "binary"}})
def import_list(event_id):
    event_or_404(event_id)
    return import_upload(importer.import_speeches, event_id, "danh sách tham luận")


@bp.post("/api/events/<int:event_id>/speeches")
@role_required("organiser")
@api("Add one speech after the others", "speeches", body=NewSpeech, answers={201: SpeechAnswer}, role="organiser")
def add(event_id, body: NewSpeech):
    """One speaker added by hand, after the others: for the late change that needs no new file."""
    event_or_404(event_id)
    speech = Speech(event_id=event_id, position=len(importer.speeches_of(event_id)) + 1,
                    **importer.speech_fields(body.given()))
    db.session.add(speech)
    audit.record(event_id, "speeches", f"Thêm tham luận {speech.position}: {speech.name} – {speech.topic}")
    db.session.commit()
    return jsonify(speech_api(speech)), 201


@bp.post("/api/events/<int:event_id>/speeches/<int:speech_id>/move")
@role_required("organiser")
@api("Move a speech one place up (-1) or down (1); answers the list", "speeches", body=Move,
     answers={200: list[SpeechAnswer]}, role="organiser")
def move(event_id, speech_id, body: Move):
    speech = _speech_of(event_id, speech_id)
    speeches = importer.speeches_of(event_id)
    move_one_place(speeches, speech, body.offset)
    db.session.commit()
    return jsonify([speech_api(s) for s in speeches])


@bp.post("/api/events/<int:event_id>/speeches/<int:speech_id>/remove")
@role_required("organiser")
@api("Remove a speech; answers the list", "speeches", answers={200: list[SpeechAnswer]}, role="organiser")
def remove(event_id, speech_id):
    speech = _speech_of(event_id, speech_id)
    audit.record(event_id, "speeches", f"Bỏ tham luận {speech.position}: {speech.name} – {speech.topic}")
    db.session.delete(speech)
    db.session.flush()
    speeches = importer.speeches_of(event_id)
    renumber(speeches)
    db.session.commit()
    return jsonify([speech_api(s) for s in speeches])


@bp.get("/api/speeches/template.xlsx")
@api("A template speakers' list", "speeches", answers={200: Download(XLSX)})
def template():
    return send_file(io.BytesIO(importer.template_xlsx()), download_name="mau-danh-sach-tham-luan.xlsx",
                     mimetype=XLSX, as_attachment=True)


@bp.get("/admin/events/<int:event_id>/speeches")
@role_required("organiser")
def admin_page(event_id):
    return render_template("speeches_admin.html", event=event_or_404(event_id),
                           speeches=importer.speeches_of(event_id))
