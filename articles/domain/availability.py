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

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.domain.status import LIVE_STATES

if TYPE_CHECKING:
    from articles.models import Article

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


def has_text_in(article: Article, language: str) -> bool:
    """Whether the `language` version has its required texts.

    An article loaded with `ArticleQuerySet.with_text_flags` (the admin list,
    `for_page`, the article page's query) carries the database's answer as
    `has_text_<suffix>` and need not have loaded the texts; such an article is
    for reading, not for changing and saving.
    """
    flag = getattr(article, column_name("has_text", language), None)
    if flag is not None:
        return flag
    return all(value_in(article, f, language) for f in REQUIRED_FIELDS)


def is_public(article: Article, language: str, now: datetime | None = None) -> bool:
    """Python form of `public_q`, for an article already loaded."""
    now = now or timezone.now()
    published_at = value_in(article, "published_at", language)
    expires_at = value_in(article, "expires_at", language)
    return (
        value_in(article, "status", language) in LIVE_STATES
        and published_at is not None
        and published_at <= now
        and (expires_at is None or expires_at > now)
        and (article.embargo_until is None or article.embargo_until <= now)
        and has_text_in(article, language)
    )


def available_languages(article: Article, now: datetime | None = None) -> list[str]:
    """The languages readers may see this article in, in the site's order."""
    now = now or timezone.now()
    return [code for code in LANGUAGE_CODES if is_public(article, code, now)]


def first_translation(obj: object, field: str, prefer: tuple[str, ...] = ()) -> str:
    """The first non-empty translation of `field`, preferred languages first.

    For editor-facing labels only (admin, __str__), never for public pages.
    """
    for code in (*prefer, *LANGUAGE_CODES):
        value = getattr(obj, column_name(field, code), "")
        if value:
            return value
    return ""
