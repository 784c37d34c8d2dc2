"""Sitemaps: one per language for articles, one for front and section pages, one for news.

Every <url> is one public language version; its `xhtml:link` alternates name
exactly the languages that page is public in (from `articles.web.versions`, the
same source as the switcher and hreflang) plus `x-default`.

Why one article sitemap per language rather than Django's `i18n = True`:
Django multiplies items by languages in Python and paginates that list, so
every page of the sitemap would load every article. Per language, the
database paginates, and each file stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import CharField, Count, F, Max, Value
from django.utils import timezone

from articles.domain.languages import (
    LANGUAGE_CODES,
    NEWS_SITEMAP_LANGUAGES,
    value_in,
)
from articles.models import Article, Section
from articles.web.site import publisher_name
from articles.web.versions import (
    Versions,
    article_versions,
    front_versions,
    modified_at,
    modified_field,
    published_at,
    published_field,
    section_versions,
)

# 50,000 URLs is the protocol's limit, but each URL here carries up to 15
# alternates; 5,000 keeps a file well under the 50 MB limit.
URLS_PER_SITEMAP = 5000
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


class SiteSitemap(Sitemap):
    """Shared policy: absolute URLs from NEWSROOM_BASE_URL or the request."""

    limit = URLS_PER_SITEMAP

    def get_protocol(self, protocol: str | None = None) -> str:
        if settings.NEWSROOM_BASE_URL:
            return urlsplit(settings.NEWSROOM_BASE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None) -> str:
        if settings.NEWSROOM_BASE_URL:
            return urlsplit(settings.NEWSROOM_BASE_URL).netloc
        return super().get_domain(site)

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict[str, Any]]:
        root = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        urls = [self.url_info(item, root) for item in self.paginator.page(page).object_list]
        lastmods = [url["lastmod"] for url in urls]
        # Read by Django's view for the Last-Modified header.
        self.latest_lastmod = max(lastmods) if lastmods and None not in lastmods else None
        return urls

    def url_info(self, item, root: str) -> dict[str, Any]:
        raise NotImplementedError


class VersionSitemap(SiteSitemap):
    """Each item is one language version of a page: (its versions, its language)."""

    def versions(self, item) -> Versions:
        raise NotImplementedError

    def language(self, item) -> str:
        raise NotImplementedError

    def lastmod(self, item) -> datetime | None:
        return None

    def url_info(self, item, root: str) -> dict[str, Any]:
        versions = self.versions(item)
        alternates = [
            {"lang_code": version.language, "location": root + version.path} for version in versions
        ]
        if versions.x_default_path:
            alternates.append(
                {"lang_code": "x-default", "location": root + versions.x_default_path}
            )
        return {
            "location": root + versions.path(self.language(item)),
            "lastmod": self.lastmod(item),
            "alternates": alternates,
        }


class ArticleSitemap(VersionSitemap):
    """Every public version of every article in one language, newest first."""

    def __init__(self, language: str):
        self.language_code = language

    def items(self):
        return Article.objects.public_in(self.language_code)

    def versions(self, article: Article) -> Versions:
        return article_versions(article)

    def language(self, article: Article) -> str:
        return self.language_code

    def lastmod(self, article: Article) -> datetime:
        return modified_at(article, self.language_code)


@dataclass(frozen=True)
class PageVersion:
    versions: Versions
    language: str


class PageSitemap(VersionSitemap):
    """The front page and each section page, in every language they exist in."""

    def items(self) -> list[PageVersion]:
        pages = [front_versions(), *(section_versions(s) for s in Section.objects.all())]
        return [PageVersion(page, code) for page in pages for code in page.languages]

    def versions(self, item: PageVersion) -> Versions:
        return item.versions

    def language(self, item: PageVersion) -> str:
        return item.language


def sitemap_sections() -> dict[str, SiteSitemap]:
    """The sitemaps behind /sitemaps/<name>.xml, by name."""
    sections: dict[str, SiteSitemap] = {"pages": PageSitemap()}
    for code in LANGUAGE_CODES:
        sections[f"articles-{code}"] = ArticleSitemap(code)
    return sections


@dataclass(frozen=True)
class LanguageStats:
    count: int
    latest: datetime | None


def article_stats() -> dict[str, LanguageStats]:
    """Per language: how many public versions and when the newest changed. One query."""
    parts = [
        Article.objects.public_in(code)
        .order_by()
        .annotate(language=Value(code, output_field=CharField()))
        .values("language")
        .annotate(
            count=Count("pk"),
            published=Max(published_field(code)),
            modified=Max(modified_field(code)),
        )
        .values_list("language", "count", "published", "modified")
        for code in LANGUAGE_CODES
    ]
    rows = parts[0].union(*parts[1:], all=True).order_by()
    stats = {code: LanguageStats(0, None) for code in LANGUAGE_CODES}
    for code, count, published, modified in rows:
        dates = [d for d in (published, modified) if d is not None]
        stats[code] = LanguageStats(count, max(dates) if dates else None)
    return stats


def sitemap_pages(stats: LanguageStats) -> int:
    return max(1, ceil(stats.count / URLS_PER_SITEMAP))


class NewsSitemap(SiteSitemap):
    """Google News: every language version published in the last two days."""

    limit = NEWS_LIMIT

    def items(self) -> list[tuple[Article, str]]:
        since = timezone.now() - NEWS_WINDOW
        parts = [
            Article.objects.public_in(code)
            .order_by()
            .filter(**{f"{published_field(code)}__gte": since})
            .annotate(
                language=Value(code, output_field=CharField()),
                published=F(published_field(code)),
            )
            .values_list("pk", "language", "published")
            for code in LANGUAGE_CODES
        ]
        recent = list(parts[0].union(*parts[1:], all=True).order_by("-published")[:NEWS_LIMIT])
        articles = Article.objects.in_bulk([pk for pk, _language, _published in recent])
        return [(articles[pk], language) for pk, language, _published in recent if pk in articles]

    def url_info(self, item: tuple[Article, str], root: str) -> dict[str, Any]:
        article, language = item
        return {
            "location": root + article.get_absolute_url(language),
            "lastmod": modified_at(article, language),
            "publication_name": publisher_name(),
            "language": NEWS_SITEMAP_LANGUAGES[language],
            "publication_date": published_at(article, language),
            "title": value_in(article, "title", language),
        }
