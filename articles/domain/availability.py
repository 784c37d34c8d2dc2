"""The one rule of what readers may see, in SQL and in Python.

A language version of an article is public when that version is published
or scheduled, its own publication time has come and its expiry (if any) has
not, the article's embargo (if any) has passed, and that language has a
title, a slug and a body. Every public surface
(pages, switcher, hreflang, lists, feeds, sitemaps, search, API, exports)
asks this module; the SQL and the Python forms are kept side by side so they
cannot drift (tests/test_availability.py checks they agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, IntegerField, Model, Q, Value, When
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.domain.status import LIVE_STATES

REQUIRED_FIELDS: tuple[str, ...] = ("title", "slug", "body")


def _filled(column: str) -> Q:
    # `> ''` is false for both NULL and the empty string, on SQLite and PostgreSQL.
    return Q(**{f"{column}__gt": ""})


def has_language(language: str) -> Q:
    """SQL form: the article has the required fields in `language` (any state)."""
    q = Q()
    for field in REQUIRED_FIELDS:
        q &= _filled(column_name(field, language))
    return q


def public_q(language: str, now: datetime | None = None) -> Q:
    """SQL form: articles whose `language` version readers may see."""
    now = now or timezone.now()
    return (
        Q(
            **{
                column_name("status", language) + "__in": LIVE_STATES,
                column_name("published_at", language) + "__lte": now,
            }
        )
        & (
            Q(**{column_name("expires_at", language) + "__isnull": True})
            | Q(**{column_name("expires_at", language) + "__gt": now})
        )
        & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))
        & has_language(language)
    )


# The name of the annotation that carries a row's `TextFlags`.
TEXT_FLAGS = "text_flags"


@dataclass(frozen=True)
class TextFlags:
    """Which languages have their required texts, as the database answered.

    For reads that show every language's availability without loading 14
    bodies (the admin list, the article page): `ArticleQuerySet.with_text_flags`
    asks it as one number per row (`text_flags_mask`), `TextFlags.from_mask`
    reads it, and the caller hands it to `is_public`/`available_languages`.
    """

    written: frozenset[str]

    @classmethod
    def from_mask(cls, mask: int | None) -> TextFlags:
        mask = mask or 0
        return cls(frozenset(code for i, code in enumerate(LANGUAGE_CODES) if mask & (1 << i)))

    def __contains__(self, language: object) -> bool:
        return language in self.written


def text_flags_mask():
    """SQL form of `TextFlags`: bit i set when LANGUAGE_CODES[i] has its texts."""
    mask = Value(0)
    for i, code in enumerate(LANGUAGE_CODES):
        mask = mask + Case(
            When(has_language(code), then=Value(1 << i)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return mask


def has_text_in(article: Model, language: str, texts: TextFlags | None = None) -> bool:
    """Whether the `language` version has its required texts: from `texts` when
    given (the texts themselves need not be loaded then), else from the article."""
    if texts is not None:
        return language in texts
    return all(value_in(article, f, language) for f in REQUIRED_FIELDS)


def is_public(
    article: Model,
    language: str,
    now: datetime | None = None,
    *,
    texts: TextFlags | None = None,
) -> bool:
    """Python form of `public_q`, for an article already loaded (see `has_text_in`)."""
    now = now or timezone.now()
    published_at = value_in(article, "published_at", language)
    expires_at = value_in(article, "expires_at", language)
    return (
        value_in(article, "status", language) in LIVE_STATES
        and published_at is not None
        and published_at <= now
        and (expires_at is None or expires_at > now)
        and (article.embargo_until is None or article.embargo_until <= now)
        and has_text_in(article, language, texts)
    )


def available_languages(
    article: Model, now: datetime | None = None, *, texts: TextFlags | None = None
) -> list[str]:
    """The languages readers may see this article in, in the site's order."""
    now = now or timezone.now()
    return [code for code in LANGUAGE_CODES if is_public(article, code, now, texts=texts)]


def first_translation(obj: object, field: str, prefer: tuple[str, ...] = ()) -> str:
    """The first non-empty translation of `field`, preferred languages first.

    For editor-facing labels only (admin, __str__), never for public pages.
    """
    for code in (*prefer, *LANGUAGE_CODES):
        value = getattr(obj, column_name(field, code), "")
        if value:
            return value
    return ""
