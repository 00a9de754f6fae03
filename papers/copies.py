"""Each delegate's marked copy of a paper, made once in a job worker and kept on disk in the instance folder
(papers/{doc}-{digest}.pdf), so that a delegate who opens the paper again, or downloads it after reading
it, is served the same file at the cost of reading it. Every server process behind nginx shares the folder."""
import contextlib
import hashlib
from pathlib import Path

from flask import current_app

from kiosk import job_pool


def folder() -> Path:
    path = Path(current_app.config["INSTANCE_DIR"]) / "papers"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def path_of(doc, delegate) -> Path:
    """Named by the paper's id and a digest of its bytes, the delegate's token and name: a paper replaced, a name
    corrected, or a database restored in which an id now means someone else never meets an old copy."""
    key = hashlib.sha256(f"{doc.sha256}:{delegate.ballot_token}:{delegate.full_name}".encode()).hexdigest()[:32]
    return folder() / f"{doc.id}-{key}.pdf"


def ensure(path: Path, doc_id: int, delegate_id: int) -> Path:
    """The delegate's marked copy at `path`, made now (off the loop) if it is not there yet."""
    if not path.exists():
        job_pool.run_in_app("papers.copies:make", doc_id, delegate_id, str(path))
    return path


def make(doc_id: int, delegate_id: int, out: str) -> int:
    """In the worker: the paper marked with the delegate's full name, written whole then moved into place."""
    import os

    from kiosk.extensions import db
    from models import Delegate, Document
    from papers.mark import marked
    doc, delegate = db.session.get(Document, doc_id), db.session.get(Delegate, delegate_id)
    data = marked(_original(doc), delegate.full_name)
    partial = Path(out).with_name(Path(out).name + f".{os.getpid()}.partial")
    partial.write_bytes(data)
    os.replace(partial, out)
    _trim(Path(out).parent, int(os.environ.get("PAPER_COPIES_MB", "4096")) * 1024 * 1024, Path(out))
    return len(data)


def _trim(where: Path, limit: int, keep: Path) -> None:
    """Ten papers of 5 MB for 500 delegates would be 25 GB of copies: past PAPER_COPIES_MB (default 4 GB) the copies
    made longest ago go first (a delegate who opens one again gets it marked anew), down to three quarters; never
    `keep`, the copy just made for the phone waiting for it."""
    files = []
    for path in where.glob("*.pdf"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            files.append((stat.st_mtime, stat.st_size, path))
    total = sum(size for _, size, _ in files)
    if total <= limit:
        return
    for _, size, path in sorted(files):
        if total <= limit * 3 // 4:
            break
        if path != keep:
            path.unlink(missing_ok=True)
            total -= size


_originals: dict[tuple[int, str], bytes] = {}


def _original(doc) -> bytes:
    """The original's bytes, kept in the worker for the next delegate: 500 phones opening one paper at once read
    it from the database once per worker, not 500 times."""
    key = (doc.id, doc.sha256)
    if key not in _originals:
        _originals.clear()  # one paper at a time is the moment that matters; memory stays at one file
        _originals[key] = doc.data
    return _originals[key]


def forget(doc_id: int) -> None:
    """A deleted paper's marked copies go with it."""
    for path in folder().glob(f"{doc_id}-*.pdf"):
        path.unlink(missing_ok=True)
