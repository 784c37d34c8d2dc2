"""The CDN purge hook: after a change commits, POST the public URLs it changed.

Off unless CDN_PURGE_URL is set. The body is a JSON list of URLs (absolute when
NEWSROOM_BASE_URL is set, else paths). The call has a timeout and its failure
is logged, never raised: a slow or broken CDN must not cost an editor a save.

Which pages are named here is also which pages may be kept long by a CDN
(`PURGED_VIEWS`, used by articles/page_cache.py); any other public page gets
the short CDN lifetime, since nobody would tell the CDN it changed.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .invalidation import LISTS, SITE
from .languages import LANGUAGE_CODES, column_suffix

logger = logging.getLogger(__name__)

# View names whose URLs (without a query string) `changed_urls` can name.
PURGED_VIEWS = frozenset(
    {
        "articles:article",
        "articles:front",
        "articles:feed_rss",
        "articles:feed_atom",
        "articles:section",
        "articles:section_feed_rss",
        "articles:section_feed_atom",
        "articles:tag",
        "articles:author",
        "articles:archive",
        "robots_txt",
        "sitemap_index",
        "sitemap",
        "news_sitemap",
        "ninjs:list",
        "ninjs:detail",
    }
)


def purge_tags(tags: Iterable[str]) -> None:
    if not settings.CDN_PURGE_URL:
        return
    try:
        urls = changed_urls(set(tags))
    except Exception:
        logger.exception("CDN purge: could not work out the changed URLs")
        return
    if urls:
        send_purge(urls)


def send_purge(urls: list[str]) -> bool:
    request = urllib.request.Request(  # noqa: S310 (the operator's own endpoint)
        settings.CDN_PURGE_URL,
        data=json.dumps(urls).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.CDN_PURGE_TIMEOUT) as response:  # noqa: S310
            response.read(1024)
    except Exception as error:
        logger.error("CDN purge of %d URLs failed: %s", len(urls), error)
        return False
    return True


def _url(name: str, code: str | None = None, **kwargs) -> str | None:
    try:
        if code is None:
            path = reverse(name, kwargs=kwargs)
        else:
            with translation.override(code):
                path = reverse(name, kwargs=kwargs)
    except NoReverseMatch:  # a slug the URL pattern refuses: nothing was served there
        return None
    return settings.NEWSROOM_BASE_URL + path


def changed_urls(tags: set[str]) -> list[str]:
    """The public URLs that may show a change to `tags`."""
    from .models import Article, Section

    urls: list[str | None] = []
    pks = [int(tag.split(":", 1)[1]) for tag in tags if tag.startswith("article:")]
    articles = (
        Article.objects.filter(pk__in=pks)
        .select_related("section")
        .prefetch_related("tags", "authors")
    )
    sections = set()
    for article in articles:
        sections.add(article.section)
        for code in LANGUAGE_CODES:
            suffix = column_suffix(code)
            urls.append(_url("ninjs:detail", language=code, ref=str(article.pk)))
            if slug := getattr(article, f"slug_{suffix}"):
                urls.append(_url("articles:article", code, slug=slug))
                urls.append(_url("ninjs:detail", language=code, ref=slug))
            for tag in article.tags.all():
                if getattr(tag, f"slug_{suffix}"):
                    urls.append(_url("articles:tag", code, slug=getattr(tag, f"slug_{suffix}")))
            for author in article.authors.all():
                urls.append(_url("articles:author", code, slug=author.slug))
    if SITE in tags:
        sections = set(Section.objects.all())
        urls.append(_url("robots_txt"))
    if LISTS in tags or SITE in tags:
        urls += [_url("sitemap_index"), _url("news_sitemap"), _url("sitemap", section="pages")]
        for code in LANGUAGE_CODES:
            urls.append(_url("sitemap", section=f"articles-{code}"))
            urls.append(_url("ninjs:list", language=code))
            for name in ("front", "feed_rss", "feed_atom", "archive"):
                urls.append(_url(f"articles:{name}", code))
            for section in sections:
                slug = getattr(section, f"slug_{column_suffix(code)}")
                if slug:
                    for name in ("section", "section_feed_rss", "section_feed_atom"):
                        urls.append(_url(f"articles:{name}", code, slug=slug))
    return sorted({url for url in urls if url})
