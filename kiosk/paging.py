"""Long lists on the organisers' pages: one page of rows at a time, so a page for 2,000 delegates stays a few screens
tall and a few hundred kilobytes, whatever the list's length. The count and the page are two indexed queries."""
from dataclasses import dataclass
from math import ceil
from typing import Any

from flask import request
from sqlalchemy import Select, func, select

from kiosk.extensions import db

PER_PAGE = 50
MAX_PAGE = 100_000


@dataclass
class Page:
    items: list[Any]
    number: int  # from 1
    pages: int
    total: int
    per_page: int

    @property
    def first_index(self) -> int:
        """The position in the whole list of this page's first row (1-based; 0 for an empty list)."""
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.number * self.per_page, self.total)


def requested_page() -> int:
    """`?page=` of the request, or 1 for anything that is not a page number."""
    value = request.args.get("page", "")
    return min(int(value), MAX_PAGE) if value.isdigit() and int(value) > 0 else 1


def page_of(stmt: Select, number: int | None = None, per_page: int = PER_PAGE, scalars: bool = True) -> Page:
    """The rows of `stmt` (ordered) on page `number` (the request's by default); a page past the end shows the last."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    pages = max(1, ceil(total / per_page))
    number = min(number or requested_page(), pages)
    paged = stmt.limit(per_page).offset((number - 1) * per_page)
    items = list(db.session.scalars(paged) if scalars else db.session.execute(paged))
    return Page(items=items, number=number, pages=pages, total=total, per_page=per_page)


def page_of_list(rows: list, per_page: int = PER_PAGE, number: int | None = None) -> Page:
    """The same for rows already found in Python (a search the database cannot do alone)."""
    pages = max(1, ceil(len(rows) / per_page))
    number = min(number or requested_page(), pages)
    return Page(items=rows[(number - 1) * per_page:number * per_page], number=number, pages=pages, total=len(rows),
                per_page=per_page)


def page_links(page: Page, around: int = 2) -> list[int | None]:
    """The page numbers a pager offers: the first, the last and a few around this one; None where some are left out."""
    wanted = {1, page.pages, *range(page.number - around, page.number + around + 1)}
    shown = sorted(n for n in wanted if 1 <= n <= page.pages)
    links: list[int | None] = []
    for n in shown:
        if links and n - links[-1] > 1:
            links.append(None)
        links.append(n)
    return links
