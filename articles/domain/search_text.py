"""What search reads of a text, made the same way for stored texts and for queries.

Words are runs of letters, marks and digits, in any script (as in slugs).
Chinese and Japanese put no spaces between words, so their search matches
character pairs (bigrams) instead: each of those languages keeps the distinct
bigrams of its title, summary and body in a column of its own
(`Article.search_bigrams_<suffix>`, a `BigramsField`), written on every save
of the row, so that the database never computes them from a text while searching
(articles/selectors/search.py). A query's bigrams come from the same function,
so stored data and query agree by construction.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from django.db import models

from articles.domain.html import plain_text

# Languages written without spaces between words.
BIGRAM_LANGUAGES: tuple[str, ...] = ("zh-hans", "ja")
# The texts whose bigrams are stored, per bigram language; the body is HTML.
BIGRAM_SOURCES: tuple[str, ...] = ("title", "summary", "body")


class BigramsField(models.TextField):
    """Space-separated bigrams. PostgreSQL stores them as a tsvector, each pair a
    lexeme as written (no parser reads them, and none of their characters is
    special to its syntax), so that its GIN index answers a search and a row's
    pairs are read as stored, never made again from its texts."""

    def db_type(self, connection) -> str:
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)

    def from_db_value(self, value, expression, connection):
        # PostgreSQL quotes each lexeme when it reads a tsvector out: 'ab' 'cd'.
        return value.replace("'", "") if value else value


def bigram_column(language: str) -> str:
    """The column holding a bigram language's stored bigrams."""
    return "search_bigrams_" + language.replace("-", "_")


def words(text: str) -> list[str]:
    """Runs of letters, marks and digits, in order, repeats included."""
    found, current = [], []
    for ch in text:
        if unicodedata.category(ch)[0] in "LMN":
            current.append(ch)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def bigrams(texts: Iterable[str]) -> list[str]:
    """The distinct pairs of neighbouring characters within the lower-cased words
    of `texts`, sorted. A one-character word has none."""
    pairs = set()
    for text in texts:
        for word in set(words(text.lower())):
            pairs.update(word[i : i + 2] for i in range(len(word) - 1))
    return sorted(pairs)


def stored_bigrams(title: str | None, summary: str | None, body: str | None) -> str:
    """What a bigram language's search column holds for these texts (body in HTML)."""
    return " ".join(bigrams((title or "", summary or "", plain_text(body or ""))))
