"""Pagination for public lists: the one spelling of a page number; lists of known length."""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# A page number as the site writes it: ASCII digits, no sign, no leading zero, no
# more digits than any list will ever need. int() alone would also take "٣",
# " 3", "+3", "03" and "3_0", each another address for the same page.
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def page_number(value: str | None) -> int | None:
    """The page `value` names if it is written the one way the site writes it, else None."""
    if value is None or not _PAGE_NUMBER.fullmatch(value):
        return None
    return int(value)


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
