"""Hostile values in every public parameter of every public URL: never a server error.

The URL patterns are read from the project's URLconf, so a public view added
later fails `test_every_public_url_is_tried` until it has a row in PUBLIC_URLS
(the admin is tested elsewhere, as each role). Each row names the path parts
and the query parameters the view reads; every one of them gets every value
of HOSTILE_VALUES (huge, negative, zero, malformed, wrong type, control
characters, undecodable and lone-surrogate bytes, very long, digits of other
scripts, impossible dates), alone and repeated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from articles.photos.pictures import rendition_url
from articles.services.previews import preview_link_create, preview_url
from articles.web.seo import lead_rendition
from tests.support.factories import ArticleFactory, AuthorFactory, PhotoFactory, TagFactory

# The page cache on: the key and the decision to store see every hostile value too.
pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]

# Already percent-encoded, as they would arrive on the wire.
HOSTILE_VALUES = [
    "",
    "0",
    "-1",
    "01",
    "+2",
    "2.0",
    "1e3",
    "7x",
    "99999999999999999999",
    "9" * 5000,
    "%D9%A3",  # '٣', an Arabic-Indic three: int() takes it
    "%EF%BC%93",  # a full-width three
    "%00",
    "%01%1F",
    "%7F",
    "%ED%A0%80",  # a lone surrogate, as UTF-8 would encode it
    "%FF%FE",
    "a" * 5000,
    "%27%22%3C%3E%26",
    "%2F..%2F..%2Fetc%2Fpasswd",
    "null",
    "2026-02-30T00:00:00",
    "2026-01-01T00:00:00%2B99:00",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00%2B23:59",
    "2026-13-45",
]


@dataclass(frozen=True)
class PublicUrl:
    """How to reach a view with real values, and what of its address a visitor controls."""

    kwargs: str  # a key of the `real` fixture's dict, or "" for none
    path_parts: tuple[str, ...] = ()
    parameters: tuple[str, ...] = ()
    language: str | None = "en"  # active while reversing (i18n_patterns)


PAGE = ("page",)
PUBLIC_URLS: dict[str, PublicUrl] = {
    "root": PublicUrl("", language=None),
    "preview": PublicUrl("preview", ("token",), language=None),
    "rendition": PublicUrl("rendition", ("path",), language=None),
    "robots_txt": PublicUrl("", language=None),
    "sitemap_index": PublicUrl("", language=None),
    "sitemap": PublicUrl("sitemap", ("section",), ("p",), language=None),
    "news_sitemap": PublicUrl("", (), ("p",), language=None),
    "ninjs:list": PublicUrl("language", ("language",), ("page", "since", "section"), None),
    "ninjs:detail": PublicUrl("api_detail", ("language", "ref"), language=None),
    "articles:front": PublicUrl("", (), PAGE),
    "articles:feed_rss": PublicUrl(""),
    "articles:feed_atom": PublicUrl(""),
    "articles:section_feed_rss": PublicUrl("section", ("slug",)),
    "articles:section_feed_atom": PublicUrl("section", ("slug",)),
    "articles:section": PublicUrl("section", ("slug",), PAGE),
    "articles:article": PublicUrl("article", ("slug",)),
    "articles:tag": PublicUrl("tag", ("slug",), PAGE),
    "articles:author": PublicUrl("author", ("slug",), PAGE),
    "articles:archive": PublicUrl(""),
    "articles:archive_year": PublicUrl("year", ("year",), PAGE),
    "articles:archive_month": PublicUrl("month", ("year", "month"), PAGE),
    "articles:archive_day": PublicUrl("day", ("year", "month", "day"), PAGE),
    "articles:search": PublicUrl("", (), ("q", "page")),
}


def url_names(patterns, namespace: str = ""):
    """(name, pattern) of every URL pattern outside the admin."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            # Staff pages beside the admin site (the editor's admin language) are admin too.
            if str(pattern.pattern).startswith("admin/"):
                continue
            yield (f"{namespace}{pattern.name}" if pattern.name else None), pattern


def test_every_public_url_is_tried():
    found = {}
    for name, pattern in url_names(get_resolver().url_patterns):
        assert name, f"URL pattern {pattern.pattern} has no name: name it and add it here"
        found[name] = pattern
    missing = sorted(set(found) - set(PUBLIC_URLS))
    assert not missing, f"public URLs with no row in PUBLIC_URLS: {missing}"
    assert not sorted(set(PUBLIC_URLS) - set(found)), "PUBLIC_URLS names URLs that are gone"


@pytest.fixture
def real():
    """Real values for every path part, so each parameter is tried on a page that exists."""
    article = ArticleFactory(languages=("en",), photo=PhotoFactory(captions=("en",)))
    tag, author = TagFactory(), AuthorFactory()
    article.tags.add(tag)
    article.authors.add(author)
    published = article.published_at_en
    link = preview_link_create(article=article, language="en", user=None)
    date = {"year": published.year, "month": published.month}
    return {
        "": {},
        "preview": {"token": preview_url(link).split("/")[2]},
        "rendition": {"path": rendition_url(lead_rendition(article)).split("/renditions/", 1)[1]},
        "sitemap": {"section": "articles-en"},
        "language": {"language": "en"},
        "api_detail": {"language": "en", "ref": article.slug_en},
        "section": {"slug": article.section.slug_en},
        "article": {"slug": article.slug_en},
        "tag": {"slug": tag.slug_en},
        "author": {"slug": author.slug},
        "year": {"year": published.year},
        "month": date,
        "day": {**date, "day": published.day},
    }


def requests_for(name: str, real: dict) -> list[str]:
    """The URL as it is, then with each path part and each parameter made hostile."""
    row = PUBLIC_URLS[name]
    kwargs = real[row.kwargs]
    with translation.override(row.language):
        path = reverse(name, kwargs=kwargs)
    urls = [path]
    for part in row.path_parts:
        # The part as the path spells it (03 for March), replaced by each hostile value.
        with translation.override(row.language):
            marker = reverse(name, kwargs={**kwargs, part: kwargs[part]})
        spelled = {"year": "{:04d}", "month": "{:02d}", "day": "{:02d}"}.get(part, "{}")
        token = "/" + spelled.format(kwargs[part])
        assert token in marker, (name, part)
        for value in HOSTILE_VALUES:
            if value:
                urls.append(path.replace(token, "/" + value, 1))
    for parameter in row.parameters:
        for value in HOSTILE_VALUES:
            urls.append(f"{path}?{parameter}={value}")
        urls += [
            f"{path}?{parameter}=1&{parameter}=2",
            f"{path}?{parameter}=7x&{parameter}=2026-02-30",
            f"{path}?{parameter}[]=1",
            f"{path}?{parameter}",
        ]
    return urls


@pytest.mark.parametrize("name", sorted(PUBLIC_URLS))
def test_hostile_values_are_never_a_server_error(real, name):
    client = Client(raise_request_exception=False)  # every failure listed, not the first
    failures = []
    for url in requests_for(name, real):
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((response.status_code, url[:120]))
    assert failures == []


@pytest.mark.parametrize("method", ["post", "put", "delete", "options"])
@pytest.mark.parametrize("name", sorted(PUBLIC_URLS))
def test_other_methods_are_never_a_server_error(client, real, name, method):
    url = requests_for(name, real)[0]
    assert getattr(client, method)(url, "x=1", content_type="text/plain").status_code < 500


@pytest.mark.parametrize(
    "since",
    [
        "2026-02-30T00:00:00",
        "2026-01-01T00:00:00%2B99:00",
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00%2B23:59",
        "yesterday",
        "2026-11-26T08:00:00Z%00",
    ],
)
def test_api_answers_400_naming_the_format_for_a_bad_since(client, since):
    response = client.get(f"/api/ninjs/en/?since={since}")
    assert response.status_code == 400
    if "%00" not in since:  # refused before any view by RejectNulBytesMiddleware
        assert "2026-11-26T08:00:00Z" in response.json()["error"]


@pytest.mark.parametrize(
    "since", ["2026-11-26T08:00:00Z", "2026-11-26T09:00:00+01:00", "2026-11-26T08:00:00"]
)
def test_api_takes_every_documented_spelling_of_since(client, since):
    assert client.get("/api/ninjs/en/", {"since": since}).status_code == 200
