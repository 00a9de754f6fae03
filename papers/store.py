"""The papers of an event: the only module that writes them. An upload is read and checked in a job worker (a 5 MB
PDF parsed page by page is CPU the server's loop must not spend)."""
import hashlib
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import func, or_, select, update

from kiosk import job_pool
from kiosk.errors import ApiError
from kiosk.extensions import db
from kiosk.lookup import event_or_404, of_event
from models import Delegate, Document
from models.types import nfc
from papers import copies
from papers.mark import NotAPdf, count_pages

MAX_BYTES = 15 * 1024 * 1024  # under the server's request limit (16 MB): a long report with pictures
MAX_TITLE = 300
NOT_A_PDF = "Tệp tải lên không phải là PDF đọc được. Mời chọn tệp PDF (xuất từ Word: Tệp → Lưu thành → PDF)."
TOO_LARGE = "Tệp PDF quá lớn (tối đa 15 MB). Mời giảm dung lượng (nén ảnh) rồi tải lên lại."
NOT_FOUND = "Không tìm thấy tài liệu."


def documents_of(event_id: int) -> list[Document]:
    return list(db.session.scalars(select(Document).where(Document.event_id == event_id)
                                   .order_by(Document.position, Document.id)))


def visible_to(delegate: Delegate) -> list[Document]:
    """The papers a delegate may read: those for every delegate, and those for their own delegation. A guest (khách
    mời) is not a delegate: the congress's papers are internal."""
    if delegate.is_guest:
        return []
    audience = Document.delegation.is_(None)
    if delegate.delegation:
        audience = or_(audience, Document.delegation == delegate.delegation)
    return list(db.session.scalars(select(Document).where(Document.event_id == delegate.event_id, audience)
                                   .order_by(Document.position, Document.id)))


def for_delegate(delegate: Delegate, doc_id: int) -> Document:
    """The paper if this delegate may read it; the same 404 whether it does not exist or is not for them."""
    if not any(d.id == doc_id for d in visible_to(delegate)):
        raise ApiError(404, "document_not_found", NOT_FOUND)
    return db.session.get(Document, doc_id)


def _title(raw, filename: str = "") -> str:
    title = nfc(str(raw or "")) or nfc(Path(filename or "").stem.replace("_", " ")) or ""
    if not title:
        raise ApiError(400, "no_title", "Mời nhập tên tài liệu.")
    if len(title) > MAX_TITLE:
        raise ApiError(400, "title_too_long", f"Tên tài liệu dài quá {MAX_TITLE} ký tự.")
    return title


def _delegation(event_id: int, raw) -> str | None:
    name = nfc(str(raw or "")) or None
    if name is None:
        return None
    known = db.session.scalar(select(func.count()).where(Delegate.event_id == event_id, Delegate.delegation == name))
    if not known:
        raise ApiError(400, "unknown_delegation", f"Không có đoàn “{name[:60]}” trong danh sách đại biểu.")
    return name


def upload(event_id: int, title, filename: str, data: bytes, delegation=None) -> Document:
    """Checks the upload here (cheap), then reads the PDF in a worker that saves it: {id, title, pages}."""
    event_or_404(event_id)
    if not data:
        raise ApiError(400, "no_file", "Mời chọn tệp PDF để tải lên.")
    if len(data) > MAX_BYTES:
        raise ApiError(400, "too_large", TOO_LARGE)
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise ApiError(400, "not_pdf", NOT_A_PDF)
    title, delegation = _title(title, filename), _delegation(event_id, delegation)
    folder = Path(current_app.config["INSTANCE_DIR"]) / "jobs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / f"paper-{secrets.token_hex(8)}"
    path.write_bytes(data)  # the worker reads the file: five megabytes never go through the pool's pipe
    try:
        doc_id = job_pool.run_in_app("papers.store:save_from_file", event_id, title, delegation, str(path))
    finally:
        path.unlink(missing_ok=True)
    db.session.expire_all()
    return db.session.get(Document, doc_id)


def save_from_file(event_id: int, title: str, delegation: str | None, path: str) -> int:
    """In the worker: the PDF read page by page, then saved last in the event's order."""
    data = Path(path).read_bytes()
    try:
        pages = count_pages(data)
    except NotAPdf:
        raise ApiError(400, "not_pdf", NOT_A_PDF) from None
    last = db.session.scalar(select(func.max(Document.position)).where(Document.event_id == event_id)) or 0
    doc = Document(event_id=event_id, title=title, delegation=delegation, pages=pages, size=len(data),
                   sha256=hashlib.sha256(data).hexdigest(), data=data, position=last + 1)
    db.session.add(doc)
    db.session.commit()
    return doc.id


def change(event_id: int, doc_id: int, body: dict) -> Document:
    """A new title and/or audience (`delegation`: a delegation's name, or empty for every delegate)."""
    doc = of_event(Document, doc_id, event_id, "document_not_found", NOT_FOUND)
    if "title" in body:
        doc.title = _title(body["title"])
    if "delegation" in body:
        doc.delegation = _delegation(event_id, body["delegation"])
    db.session.commit()
    return doc


def move(event_id: int, doc_id: int, step: int) -> None:
    """One place up (-1) or down (+1) in the event's order."""
    docs = documents_of(event_id)
    index = next((i for i, d in enumerate(docs) if d.id == doc_id), None)
    if index is None:
        raise ApiError(404, "document_not_found", NOT_FOUND)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(docs):
        docs[index], docs[other] = docs[other], docs[index]
    for position, doc in enumerate(docs, start=1):
        doc.position = position
    db.session.commit()


def delete(event_id: int, doc_id: int) -> None:
    doc = of_event(Document, doc_id, event_id, "document_not_found", NOT_FOUND)
    db.session.delete(doc)
    db.session.commit()
    copies.forget(doc_id)


def count_open(doc_id: int) -> None:
    """One more open of the paper: a count per paper, never who opened it."""
    db.session.execute(update(Document).where(Document.id == doc_id).values(opens=Document.opens + 1))
    db.session.commit()
