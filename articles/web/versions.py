"""Language versions of a page: which exist, where they live, which is x-default.

The switcher, hreflang links, sitemap alternates, JSON-LD translation links,
`og:locale:alternate` and the consistency check all read this module, so they
cannot disagree. Which languages an article is public in comes from the one
rule (`article.languages`); this module only turns that into addresses.

The dates of a language version are read here too (`published_at`,
`modified_at`): each language version has its own publication time and its
own change time, and `changed_versions` says which versions a save changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import quote

from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

from articles.domain.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    column_name,
    value_in,
)
from articles.web.converters import AnySlugConverter

if TYPE_CHECKING:
    from articles.models import Article, Section, Tag


@dataclass(frozen=True)
class Version:
    """One language version of a page: its language and its path."""

    language: str
    path: str


@dataclass(frozen=True)
class Versions:
    """Every public language version of one page, in site order, and its x-default."""

    versions: tuple[Version, ...]
    x_default_path: str

    @property
    def languages(self) -> list[str]:
        return [version.language for version in self.versions]

    def path(self, language: str) -> str | None:
        for version in self.versions:
            if version.language == language:
                return version.path
        return None

    def __iter__(self):
        return iter(self.versions)


# --- Article addresses ------------------------------------------------------------

# Stands for the slug in a reversed article URL: ASCII, which quoting leaves alone.
_SLUG_MARK = "slug0mark0"
_SLUG = re.compile(AnySlugConverter.regex)
# What `reverse()` leaves unquoted in a path (RFC 3986 pchar).
_SAFE = RFC3986_SUBDELIMS + "/~:@"


@cache
def _article_path_around_slug(language: str) -> tuple[str, str]:
    """The article URL in `language` before and after the slug, without the script prefix."""
    with translation.override(language):
        path = reverse("articles:article", kwargs={"slug": _SLUG_MARK})
    before, after = path.removeprefix(quote(get_script_prefix(), safe=_SAFE)).split(_SLUG_MARK)
    return before, after


def article_path(language: str, slug: str | None) -> str:
    """`reverse("articles:article", slug)` in `language`, without its cost.

    A page lists its article in up to 14 languages and a list page 20
    articles: resolving each under `translation.override` was a visible share
    of an uncached page. The URL pattern is reversed once per language;
    tests/test_versions.py checks the result equals `reverse()`'s.
    """
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):  # as reverse() has it
        with translation.override(language):
            return reverse("articles:article", kwargs={"slug": slug})
    before, after = _article_path_around_slug(language)
    prefix = quote(get_script_prefix(), safe=_SAFE)
    return prefix + before + quote(slug, safe=_SAFE) + after


def _front_path(language: str) -> str:
    with translation.override(language):
        return reverse("articles:front")


def front_versions() -> Versions:
    """The front page exists in every language; x-default is `/`, which picks one."""
    return Versions(
        versions=tuple(Version(code, _front_path(code)) for code in LANGUAGE_CODES),
        x_default_path=reverse("root"),
    )


def named_versions(obj: Section | Tag, url_name: str) -> Versions:
    """A section's or tag's page exists where it has a name and a slug."""
    versions = []
    for code in LANGUAGE_CODES:
        slug = value_in(obj, "slug", code)
        if slug and value_in(obj, "name", code):
            with translation.override(code):
                versions.append(Version(code, reverse(url_name, args=[slug])))
    default = _preferred([v.language for v in versions], DEFAULT_LANGUAGE)
    return Versions(tuple(versions), _path_of(versions, default))


def section_versions(section: Section) -> Versions:
    return named_versions(section, "articles:section")


def article_versions(article: Article, *, including: str | None = None) -> Versions:
    """The article's public language versions; x-default is its source language's.

    When the source language is not public (yet), x-default falls back to the
    site's default language, then to the first public one. `including` adds a
    version that is not public yet: an editor's preview shows it as it will be.
    """
    languages = article.languages
    if including and including not in languages:
        languages = [code for code in LANGUAGE_CODES if code in (*languages, including)]
    versions = tuple(Version(code, article.get_absolute_url(code)) for code in languages)
    default = _preferred([v.language for v in versions], article.source_language)
    return Versions(versions, _path_of(versions, default))


def article_source_version(article: Article, versions: Versions) -> str | None:
    """The language the article was written in, if readers may see it."""
    return article.source_language if versions.path(article.source_language) else None


def _preferred(available: list[str], first_choice: str) -> str | None:
    for code in (first_choice, DEFAULT_LANGUAGE):
        if code in available:
            return code
    return available[0] if available else None


def _path_of(versions, language: str | None) -> str:
    for version in versions:
        if version.language == language:
            return version.path
    return ""


# --- Dates of a language version ------------------------------------------------


def published_at(article: Article, language: str) -> datetime:
    """When the `language` version was (or is to be) published: its own time."""
    return value_in(article, "published_at", language)


def modified_at(article: Article, language: str) -> datetime:
    """When the `language` version last changed; never before its publication.

    Its own time (`changed_at_<language>`, set by Article.save for the
    languages a save changes), not the article's: an edit of another
    language, a draft or an embargoed one, must not tell readers of this one
    that something changed.
    """
    published = published_at(article, language)
    changed = getattr(article, modified_field(language))
    dates = [moment for moment in (changed, published) if moment is not None]
    return max(dates) if dates else article.updated_at


def page_modified_at(article: Article) -> datetime:
    """The newest public change an article page can show: any public version's
    change or publication (the switcher links them all)."""
    return max(modified_at(article, code) for code in article.languages)


def published_field(language: str) -> str:
    """The column behind `published_at(article, language)`, for SQL windows and maxima."""
    return column_name("published_at", language)


def modified_field(language: str) -> str:
    """The column of the `language` version's own change time (see `modified_at`)."""
    return column_name("changed_at", language)


# --- Which language versions a save changes ---------------------------------------

# What readers see of one language version, and what they see of every one.
VERSION_FIELDS: tuple[str, ...] = (
    *("title", "slug", "summary", "body", "byline"),
    *("status", "published_at", "expires_at", "origin", "translated_from"),
)
SHARED_FIELDS: tuple[str, ...] = (
    *("section_id", "photo_id", "source_language", "embargo_until"),
    *("uri", "copyright_holder", "copyright_notice"),
)


def _same(old, new) -> bool:
    # A form posts "" where the row holds NULL (modeltranslation's columns are nullable).
    return (None if old == "" else old) == (None if new == "" else new)


def changed_versions(article: Article, loaded: dict | None) -> list[str]:
    """The languages whose public version differs from `loaded` (column values as
    read from the database); every language when nothing was loaded (a new row)
    or what readers see of all of them changed."""
    if loaded is None:
        return list(LANGUAGE_CODES)

    def changed(name: str) -> bool:
        if name in loaded:
            return not _same(loaded[name], getattr(article, name))
        # Deferred when loaded: changed only if set since.
        return name in article.__dict__

    if any(changed(name) for name in SHARED_FIELDS):
        return list(LANGUAGE_CODES)
    return [
        code
        for code, columns in _version_columns().items()
        if any(changed(name) for name in columns)
    ]


@cache
def _version_columns() -> dict[str, tuple[str, ...]]:
    """Per language, the columns of VERSION_FIELDS (worked out once: every save asks)."""
    return {
        code: tuple(column_name(field, code) for field in VERSION_FIELDS) for code in LANGUAGE_CODES
    }


@cache
def tracked_columns() -> tuple[str, ...]:
    """The columns `changed_versions` compares."""
    return (*SHARED_FIELDS, *(name for columns in _version_columns().values() for name in columns))
