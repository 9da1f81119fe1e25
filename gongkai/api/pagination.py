"""List responses: ``?page=1&size=20`` → ``{total, page, size, results}`` with size ≤ 100."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000  # keeps OFFSET inside a 64-bit integer on every backend


class PageInput(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="页码，从1开始")
    size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数，最多100")


def page_slice(total: int, page: int, size: int) -> slice:
    start = (page - 1) * size
    return slice(start, start + size)


class Presented:
    """A queryset whose page is turned into payloads only after the paginator has sliced it:
    ``present`` runs on the page's rows, never on the whole list."""

    def __init__(self, queryset, present):
        self.queryset, self.present = queryset, present

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        return [self.present(row) for row in self.queryset[window]]


class PagePagination(PaginationBase):
    class Input(PageInput):
        pass

    class Output(Schema):
        total: int
        page: int
        size: int
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination: PageInput, request, **params):
        total = self._items_count(queryset)
        return {
            "total": total,
            "page": pagination.page,
            "size": pagination.size,
            "results": list(queryset[page_slice(total, pagination.page, pagination.size)]),
        }
