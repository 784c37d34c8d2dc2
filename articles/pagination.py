"""Pagination for lists whose length is already known."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A Paginator given its count, so it does not ask the database again.

    Author pages and date archives count their articles in every language in
    one query (for the language switcher); the current language's count is
    the one the paginator needs.
    """

    def __init__(self, object_list, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count
