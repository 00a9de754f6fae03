"""The papers' API (API.md, "The delegate's page"), the organiser's page, and a delegate's marked copy."""
import re
import unicodedata

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from kiosk.errors import ApiError
from kiosk.extensions import csrf, db
from kiosk.forms import apply_and_flash
from kiosk.identity.auth import role_required
from kiosk.identity.guesses import throttled
from kiosk.lookup import event_or_404
from kiosk.schema import PDF, Done, Download, api
from models import Delegate
from papers import bp, copies, store
from papers.answers import document_api
from papers.schemas import UPLOAD, Document, DocumentChange, ListedDocument
from voice.tokens import holder_of


def _upload_fields() -> tuple[str, str, bytes]:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "no_file", "Mời chọn tệp PDF để tải lên.")
    try:
        data = upload.read(store.MAX_BYTES + 1)
    finally:
        upload.close()  # a large upload waits in a temporary file: closed now, not left to the collector
    return request.form.get("title", ""), upload.filename, data


@bp.post("/api/events/<int:event_id>/documents")
@role_required("organiser")
@api("Upload a paper: multipart `file` (PDF, at most 15 MB), `title`, optional `delegation` (only that delegation "
     "sees it); 400 not_pdf, too_large, unknown_delegation", "papers", answers={201: Document, 413: None},
     role="organiser", multipart=UPLOAD)
def upload_api(event_id):
    title, filename, data = _upload_fields()
    doc = store.upload(event_id, title, filename, data, request.form.get("delegation"))
    return jsonify(id=doc.id, title=doc.title, pages=doc.pages), 201


@bp.get("/api/events/<int:event_id>/documents")
@role_required("organiser")
@api("The event's papers in order, with their audience and the number of opens (no names)", "papers",
     answers={200: list[ListedDocument]}, role="organiser")
def list_api(event_id):
    event_or_404(event_id)
    return jsonify([document_api(d) for d in store.documents_of(event_id)])


@bp.post("/api/events/<int:event_id>/documents/<int:doc_id>")
@role_required("organiser")
@api("Retitle a paper or change who sees it", "papers", body=DocumentChange, answers={200: ListedDocument},
     role="organiser")
def change_api(event_id, doc_id, body: DocumentChange):
    event_or_404(event_id)
    return jsonify(document_api(store.change(event_id, doc_id, body.given())))


@bp.delete("/api/events/<int:event_id>/documents/<int:doc_id>")
@role_required("organiser")
@api("Remove a paper and every marked copy of it", "papers", answers={200: Done}, role="organiser")
def delete_api(event_id, doc_id):
    event_or_404(event_id)
    store.delete(event_id, doc_id)
    return jsonify(status="deleted")


# ---- a delegate's copy --------------------------------------------------------------------------------------------

def _download_name(title: str) -> str:
    """An ASCII file name from the title ("Báo cáo chính trị" → bao-cao-chinh-tri.pdf): every phone saves it."""
    plain = unicodedata.normalize("NFKD", title.replace("đ", "d").replace("Đ", "D"))
    plain = re.sub(r"[^A-Za-z0-9]+", "-", plain.encode("ascii", "ignore").decode()).strip("-").lower()
    return (plain[:60] or "tai-lieu") + ".pdf"


@bp.get("/api/me/<token>/documents/<int:doc_id>")
@csrf.exempt
@throttled  # the token in the address is the delegate's credential
@api("The delegate's copy of a paper, every page marked with their full name; ?download=1 as an attachment; 404 "
     "unknown_token, document_not_found when it is not for them; wrong tokens are throttled per address", "phone",
     answers={200: Download(PDF), 404: None, 429: None}, query={"download": {"type": "string"}})
def delegate_copy(token, doc_id):
    delegate = holder_of(token)
    if delegate is None or delegate.revoked:
        raise ApiError(404, "unknown_token", "Mã cá nhân không đúng. Mời đồng chí gặp Ban tổ chức.")
    doc = store.for_delegate(delegate, doc_id)
    path, title, delegate_id = copies.path_of(doc, delegate), doc.title, delegate.id
    # the database connection goes back to the pool before the wait for the worker and the sending: five hundred
    # phones asking at once must not hold the pool's connections, which the door's next scan needs
    db.session.remove()
    copies.ensure(path, doc_id, delegate_id)
    store.count_open(doc_id)
    db.session.remove()
    disposition = "attachment" if request.args.get("download") else "inline"
    return Response(_chunks(path), mimetype="application/pdf", direct_passthrough=True, headers={
        "Content-Length": str(path.stat().st_size),
        "Content-Disposition": f'{disposition}; filename="{_download_name(title)}"'})


def _chunks(path, size: int = 256 * 1024):
    """The file a piece at a time: five hundred phones on a slow Wi-Fi reading a 5 MB paper hold a piece each in the
    server's memory, not the whole file each; the file is closed however the phone leaves (the server closes us)."""
    with open(path, "rb") as file:
        while piece := file.read(size):
            yield piece


# ---- the organiser's page -----------------------------------------------------------------------------------------

def _delegations(event_id: int) -> list[str]:
    return list(db.session.scalars(select(Delegate.delegation).distinct()
                                   .where(Delegate.event_id == event_id, Delegate.delegation.is_not(None))
                                   .order_by(Delegate.delegation)))


@bp.get("/admin/events/<int:event_id>/documents")
@role_required("organiser")
def admin_page(event_id):
    event = event_or_404(event_id)
    return render_template("papers_admin.html", event=event, docs=store.documents_of(event_id),
                           delegations=_delegations(event_id), max_mb=store.MAX_BYTES // (1024 * 1024))


def _back(event_id: int):
    return redirect(url_for("papers.admin_page", event_id=event_id))


@bp.post("/admin/events/<int:event_id>/documents")
@role_required("organiser")
def admin_upload(event_id):
    event_or_404(event_id)

    def upload():
        doc = store.upload(event_id, *_upload_fields(), request.form.get("delegation"))
        return doc
    doc = apply_and_flash(upload, "Đã tải lên tài liệu.")
    if doc is not None:
        flash(f"“{doc.title}”: {doc.pages} trang.", "ok")
    return _back(event_id)


@bp.post("/admin/events/<int:event_id>/documents/<int:doc_id>/edit")
@role_required("organiser")
def admin_edit(event_id, doc_id):
    event_or_404(event_id)
    apply_and_flash(lambda: store.change(event_id, doc_id, {"title": request.form.get("title", ""),
                                                            "delegation": request.form.get("delegation", "")}),
                    "Đã lưu tài liệu.")
    return _back(event_id)


@bp.post("/admin/events/<int:event_id>/documents/<int:doc_id>/move")
@role_required("organiser")
def admin_move(event_id, doc_id):
    event_or_404(event_id)
    step = 1 if request.form.get("step") == "down" else -1
    apply_and_flash(lambda: store.move(event_id, doc_id, step), "Đã đổi thứ tự.")
    return _back(event_id)


@bp.post("/admin/events/<int:event_id>/documents/<int:doc_id>/delete")
@role_required("organiser")
def admin_delete(event_id, doc_id):
    event_or_404(event_id)
    apply_and_flash(lambda: store.delete(event_id, doc_id), "Đã xoá tài liệu.")
    return _back(event_id)
