"""Language versions of a page: which exist, where they live, which is x-default.

The switcher, hreflang links, sitemap alternates, JSON-LD translation links,
`og:locale:alternate` and the consistency check all read this module, so they
cannot disagree. Which languages an article is public in comes from the one
rule (`article.languages`); this module only turns that into addresses.

The dates of a language version are read here too (`published_at`,
`modified_at`): each language version has its own publication time and its
own change time (articles/domain/changes.py says which versions a save changes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import translation

from articles.domain.addresses import article_path
from articles.domain.availability import TextFlags, available_languages
from articles.domain.changes import modified_field
from articles.domain.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    column_name,
    value_in,
)
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


def article_versions(
    article: Article, *, texts: TextFlags | None = None, including: str | None = None
) -> Versions:
    """The article's public language versions; x-default is its source language's.

    `texts`: the row's text flags, for an article loaded without every
    language's texts (the page query). When the source language is not
    public (yet), x-default falls back to the site's default language, then
    to the first public one. `including` adds a version that is not public
    yet: an editor's preview shows it as it will be.
    """
    languages = available_languages(article, texts=texts)
    if including and including not in languages:
        languages = [code for code in LANGUAGE_CODES if code in (*languages, including)]
    versions = tuple(
        Version(code, article_path(code, value_in(article, "slug", code))) for code in languages
    )
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

    Its own time (`changed_at_<language>`, set by `article_save` for the
    languages a save changes), not the article's: an edit of another
    language, a draft or an embargoed one, must not tell readers of this one
    that something changed.
    """
    published = published_at(article, language)
    changed = getattr(article, modified_field(language))
    dates = [moment for moment in (changed, published) if moment is not None]
    return max(dates) if dates else article.updated_at


def page_modified_at(article: Article, texts: TextFlags | None = None) -> datetime:
    """The newest public change an article page can show: any public version's
    change or publication (the switcher links them all). `texts` as for
    `article_versions`."""
    return max(modified_at(article, code) for code in available_languages(article, texts=texts))


def published_field(language: str) -> str:
    """The column behind `published_at(article, language)`, for SQL windows and maxima."""
    return column_name("published_at", language)
