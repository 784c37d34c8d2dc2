"""The CDN purge hook: after a change commits, POST the public URLs it changed.

Most URLs are worked out from the invalidated tags after the commit. What a
write takes away (a deleted row's pages, the address a slug change gives up)
is worked out before, by `urls_of`, and travels with the tags.

Off unless CDN_PURGE_URL is set. The body is a JSON list of URLs (absolute when
NEWSROOM_BASE_URL is set, else paths). The call has a timeout and its failure
is logged, never raised: a slow or broken CDN must not cost an editor a save.

Which pages are named here is also which pages may be kept long by a CDN
(`PURGED_VIEWS`, used by articles/cache/middleware.py); any other public page gets
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

from articles.cache.tags import LISTS, SITE
from articles.domain.languages import LANGUAGE_CODES, value_in
from articles.models import Article, Author, RetiredSlug, Section, Tag

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


def purge_enabled() -> bool:
    return bool(settings.CDN_PURGE_URL)


def purge_tags(tags: Iterable[str], urls: Iterable[str] = ()) -> None:
    """POST the URLs `tags` name now, plus `urls` worked out before the change
    (what a deleted row or a changed slug was served at)."""
    if not purge_enabled():
        return
    try:
        found = sorted({*changed_urls(set(tags)), *urls})
    except Exception:
        logger.exception("CDN purge: could not work out the changed URLs")
        return
    if found:
        send_purge(found)


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


def article_urls(article, retired: Iterable[tuple[str, str]] = ()) -> list[str | None]:
    """The article's own pages and API documents in every language, at its slugs and
    at the `retired` (language, slug) pairs it had (their 301s are cached too), and
    the tag and author pages that list it."""
    urls = []
    for code in LANGUAGE_CODES:
        urls.append(_url("ninjs:detail", language=code, ref=str(article.pk)))
        if slug := value_in(article, "slug", code):
            urls.append(_url("articles:article", code, slug=slug))
            urls.append(_url("ninjs:detail", language=code, ref=slug))
        for tag in article.tags.all():
            if value_in(tag, "slug", code):
                urls.append(_url("articles:tag", code, slug=value_in(tag, "slug", code)))
        for author in article.authors.all():
            urls.append(_url("articles:author", code, slug=author.slug))
    for code, slug in retired:
        urls.append(_url("articles:article", code, slug=slug))
        urls.append(_url("ninjs:detail", language=code, ref=slug))
    return urls


def _section_urls(code: str, slug: str) -> list[str | None]:
    names = ("section", "section_feed_rss", "section_feed_atom")
    return [_url(f"articles:{name}", code, slug=slug) for name in names]


def _retired(kind: str, pks: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    rows = RetiredSlug.objects.filter(kind=kind, object_id__in=list(pks))
    for pk, language, slug in rows.values_list("object_id", "language", "slug"):
        found.setdefault(pk, []).append((language, slug))
    return found


def urls_of(instance) -> list[str]:
    """Every public URL `instance` (an article, section, tag or author) is served
    at as it stands, old slugs included; [] without a purge hook.

    For what a write is about to remove: after the commit a deleted row, or
    the slug a row gave up, can no longer be looked up.
    """
    if not purge_enabled() or instance.pk is None:
        return []
    urls: list[str | None] = []
    if isinstance(instance, Article):
        retired = _retired(RetiredSlug.Kind.ARTICLE, [instance.pk]).get(instance.pk, [])
        urls += article_urls(instance, retired)
        for code in LANGUAGE_CODES:
            if slug := value_in(instance.section, "slug", code):
                urls += _section_urls(code, slug)
    elif isinstance(instance, Section | Tag):
        kind = RetiredSlug.Kind.SECTION if isinstance(instance, Section) else RetiredSlug.Kind.TAG
        slugs = [(code, value_in(instance, "slug", code)) for code in LANGUAGE_CODES]
        slugs += _retired(kind, [instance.pk]).get(instance.pk, [])
        for code, slug in slugs:
            if not slug:
                continue
            if isinstance(instance, Section):
                urls += _section_urls(code, slug)
            else:
                urls.append(_url("articles:tag", code, slug=slug))
    elif isinstance(instance, Author) and instance.slug:
        urls += [_url("articles:author", code, slug=instance.slug) for code in LANGUAGE_CODES]
    return sorted({url for url in urls if url})


def urls_of_stored(instance) -> list[str]:
    """`urls_of` the row as the database has it, before `instance` is saved over it."""
    if not purge_enabled() or instance.pk is None:
        return []
    stored = type(instance)._default_manager.filter(pk=instance.pk).first()
    return urls_of(stored) if stored is not None else []


def changed_urls(tags: set[str]) -> list[str]:
    """The public URLs that may show a change to `tags`."""
    urls: list[str | None] = []
    pks = [int(tag.split(":", 1)[1]) for tag in tags if tag.startswith("article:")]
    articles = (
        Article.objects.filter(pk__in=pks)
        .select_related("section")
        .prefetch_related("tags", "authors")
    )
    retired = _retired(RetiredSlug.Kind.ARTICLE, pks) if pks else {}
    sections = set()
    for article in articles:
        sections.add(article.section)
        urls += article_urls(article, retired.get(article.pk, []))
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
                slug = value_in(section, "slug", code)
                if slug:
                    urls += _section_urls(code, slug)
    return sorted({url for url in urls if url})
