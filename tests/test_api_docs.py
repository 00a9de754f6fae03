"""docs/api.md, the API explained in the repository's own words, lists exactly the routes that the OpenAPI document
at /api/openapi.json publishes: a route added to one and not the other fails here."""
import re
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "api.md"
ROUTE = re.compile(r"^\| `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)` \|", re.MULTILINE)


def test_the_api_page_lists_every_published_route_and_no_other(client):
    published = {(method.upper(), path) for path, operations in client.get("/api/openapi.json").get_json()["paths"].items()
                 for method in operations}
    documented = set(ROUTE.findall(DOCS.read_text(encoding="utf-8")))
    assert not published - documented, f"in /api/openapi.json, missing from docs/api.md: {sorted(published - documented)}"
    assert not documented - published, f"in docs/api.md, not published: {sorted(documented - published)}"
