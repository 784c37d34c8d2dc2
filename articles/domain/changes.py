"""What a save changes: which languages' texts, which public language versions.

A save compares the article in hand with the row as stored (`StoredArticle`),
taken by the caller when it loaded the row or read by the save service. The
comparison is written once here; the article service turns its answer into
text versions (articles/domain/provenance.py) and per-language change times
(articles/web/versions.py `modified_at`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Model

from articles.domain.languages import LANGUAGE_CODES, column_name

# What a translator translates; slugs and states are not "text" in this sense.
TEXT_FIELDS: tuple[str, ...] = ("title", "summary", "body")
# What readers see of one language version, and what they see of every one.
VERSION_FIELDS: tuple[str, ...] = (
    *("title", "slug", "summary", "body", "byline"),
    *("status", "published_at", "expires_at", "origin", "translated_from"),
)
SHARED_FIELDS: tuple[str, ...] = (
    *("section_id", "photo_id", "source_language", "embargo_until"),
    *("uri", "copyright_holder", "copyright_notice"),
)


@cache
def version_columns() -> dict[str, tuple[str, ...]]:
    """Per language, the columns of VERSION_FIELDS (worked out once: every save asks)."""
    return {
        code: tuple(column_name(field, code) for field in VERSION_FIELDS) for code in LANGUAGE_CODES
    }


@cache
def text_columns() -> dict[str, tuple[str, ...]]:
    """Per language, the columns of TEXT_FIELDS."""
    return {
        code: tuple(column_name(field, code) for field in TEXT_FIELDS) for code in LANGUAGE_CODES
    }


@cache
def compared_columns() -> tuple[str, ...]:
    """Every column a save compares (the texts are among the version columns)."""
    return (*SHARED_FIELDS, *(name for columns in version_columns().values() for name in columns))


@dataclass(frozen=True)
class StoredArticle:
    """The compared columns of one article as they stand in the database.

    `values` holds the columns that were read; one left out (deferred when
    the row was loaded) counts as changed only if the article in hand has it.
    """

    values: Mapping[str, Any]

    @classmethod
    def of(cls, article: Model) -> StoredArticle:
        """The snapshot of an article just loaded and not changed yet."""
        loaded = article.__dict__
        return cls({name: loaded[name] for name in compared_columns() if name in loaded})

    def slug(self, language: str) -> str:
        return self.values.get(column_name("slug", language)) or ""


def _same(old, new) -> bool:
    # A form posts "" where the row holds NULL (modeltranslation's columns are nullable).
    return (None if old == "" else old) == (None if new == "" else new)


def _changed(article: Model, before: StoredArticle, name: str) -> bool:
    if name not in article.__dict__:
        return False  # deferred in the article in hand: not written by this save's caller
    if name in before.values:
        return not _same(before.values[name], article.__dict__[name])
    return True


def text_changes(article: Model, before: StoredArticle | None) -> dict[str, list[str]]:
    """{language: [changed text fields]} since `before` (since nothing, for a new row)."""
    changes = {}
    for code, columns in text_columns().items():
        if before is None:
            fields = [
                field
                for field, name in zip(TEXT_FIELDS, columns, strict=True)
                if article.__dict__.get(name)
            ]
        else:
            fields = [
                field
                for field, name in zip(TEXT_FIELDS, columns, strict=True)
                if _changed(article, before, name)
            ]
        if fields:
            changes[code] = fields
    return changes


def changed_versions(article: Model, before: StoredArticle | None) -> list[str]:
    """The languages whose public version differs from `before`; every language
    for a new row, or when what readers see of all of them changed."""
    if before is None:
        return list(LANGUAGE_CODES)
    if any(_changed(article, before, name) for name in SHARED_FIELDS):
        return list(LANGUAGE_CODES)
    return [
        code
        for code, columns in version_columns().items()
        if any(_changed(article, before, name) for name in columns)
    ]


def modified_field(language: str) -> str:
    """The column of the `language` version's own change time (`changed_at_<suffix>`)."""
    return column_name("changed_at", language)
