"""How a paper is shown: to the organiser (with its audience and opens) and on a delegate's page (no counts, no
audience). Presentation kept out of models/."""
from models import Document


def document_api(doc: Document) -> dict:
    return {"id": doc.id, "title": doc.title, "pages": doc.pages, "position": doc.position,
            "delegation": doc.delegation, "size": doc.size, "opens": doc.opens}


def delegate_document_api(doc: Document) -> dict:
    return {"id": doc.id, "title": doc.title, "pages": doc.pages}
