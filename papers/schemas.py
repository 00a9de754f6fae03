"""The papers' HTTP bodies and answers, declared once (kiosk.schema); the title's and the delegation's checks stay in
papers.store, which the organiser's page uses too."""
from kiosk.schema import Answer, Body, checked_later
from papers.store import MAX_TITLE

UPLOAD = {"file": {"type": "string", "format": "binary"}, "title": {"type": "string"},
          "delegation": {"type": "string"}}


class DocumentChange(Body):
    """A new title and/or audience (`delegation`: a delegation's name, or empty or null for every delegate); a field
    left out stays."""
    title: checked_later({"type": "string", "maxLength": MAX_TITLE}) = None
    delegation: checked_later({"type": ["string", "null"]}) = None

    def given(self) -> dict:
        return self.model_dump(exclude_unset=True)


class Document(Answer):
    id: int
    title: str
    pages: int


class ListedDocument(Document):
    position: int
    delegation: str | None
    size: int | None
    opens: int
