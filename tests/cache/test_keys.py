"""Nobody can fill the page cache: a page is stored only under the query parameters its
view reads, each spelled the one way the site writes it (articles/cache/middleware.py,
QUERY_PARAMETERS); other spellings of a list page redirect to it."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.cache import middleware as page_cache
from articles.cache.purge import PURGED_VIEWS
from articles.web import api, views
from tests.support.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


class RecordingCache:
    """The page cache's cache, noting the key of every entry stored."""

    def __init__(self) -> None:
        self.stored: set[str] = set()

    def get(self, key, *args, **kwargs):
        return cache.get(key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        self.stored.add(key)
        return cache.set(key, *args, **kwargs)


@pytest.fixture
def stored(monkeypatch) -> set[str]:
    recorder = RecordingCache()
    monkeypatch.setattr(page_cache, "cache", recorder)
    monkeypatch.setattr(page_cache.settings, "PAGE_CACHE_CHECK_SECONDS", 3600)
    return recorder.stored


@pytest.fixture
def section(monkeypatch):
    """A section with three articles, two to a page: pages 1 and 2 exist."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(api, "PAGE_SIZE", 2)
    section = SectionFactory()
    for _ in range(3):
        ArticleFactory(languages=("en",), section=section)
    return section


def real_pages(section) -> list[str]:
    slug = section.slug_en
    return [
        "/en/",
        f"/en/sections/{slug}/",
        f"/en/sections/{slug}/?page=2",
        "/api/ninjs/en/",
        "/api/ninjs/en/?page=2",
        f"/api/ninjs/en/?section={slug}",
        f"/api/ninjs/en/?page=2&section={slug}",
        "/sitemaps/articles-en.xml",
    ]


def hostile_variants(section) -> list[str]:
    slug = section.slug_en
    templates = [
        "/en/?page=7x{i}",
        "/en/?section={i}",
        "/en/?page={i}",
        "/en/?utm_source={i}",
        f"/en/sections/{slug}/?page={{i}}0",  # past the end
        f"/en/sections/{slug}/?page=0{{i}}",
        f"/en/sections/{slug}/?page=2&x={{i}}",
        "/api/ninjs/en/?since=2026-01-01T00:{i:02d}:00Z",
        "/api/ninjs/en/?section=nothing-{i}",
        "/api/ninjs/en/?page={i}9",  # past the end
        "/sitemaps/articles-en.xml?p=0{i}",
        "/sitemaps/articles-en.xml?p={i}",
    ]
    urls = [templates[i % len(templates)].format(i=i) for i in range(100)]
    assert len(set(urls)) == 100
    return urls + [
        f"/en/sections/{slug}/?page=1",
        f"/en/sections/{slug}/?page=%D9%A2",  # '٢'
        f"/en/sections/{slug}/?page=%2B2",
        f"/en/sections/{slug}/?page=2&page=2",
        "/api/ninjs/en/?page=1",
        "/api/ninjs/en/?page=02",
        "/sitemaps/articles-en.xml?p=1",
    ]


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def test_hostile_query_strings_store_nothing_beyond_the_real_pages(client, stored, section):
    for url in real_pages(section):
        assert client.get(url).status_code == 200, url
    real = set(stored)
    assert len(real) == len(real_pages(section))
    for url in hostile_variants(section):
        assert client.get(url).status_code < 500, url
    assert stored == real
    for url in real_pages(section):
        assert queries(client, url) == 0, f"{url} is no longer served from the cache"


def test_other_spellings_of_the_host_are_not_stored(client, stored, section):
    for host in ("TESTSERVER", "TestServer", "testserver:1", "testserver:8080"):
        assert client.get("/en/", headers={"host": host}).status_code == 200, host
    assert stored == set()
    client.get("/en/")
    assert len(stored) == 1


def test_a_page_is_found_under_any_encoding_of_its_parameters(client, stored, section):
    slug = section.slug_en
    client.get(f"/en/sections/{slug}/?page=2")
    assert queries(client, f"/en/sections/{slug}/?page=%32") == 0
    client.get(f"/api/ninjs/en/?section={slug}&page=2")
    assert queries(client, f"/api/ninjs/en/?page=2&section={slug}") == 0
    assert len(stored) == 2


@pytest.mark.parametrize(
    "asked,target",
    [
        ("?page=1", ""),
        ("?page=%D9%A2", "?page=2"),
        ("?page=%2B2", "?page=2"),
        ("?page=02", "?page=2"),
        ("?page=7x", ""),
        ("?page=0", "?page=2"),  # Django's paginator: past either end is the last page
        ("?page=99", "?page=2"),
        ("?page=" + "9" * 5000, ""),
        ("?page=1&page=2", "?page=2"),
        ("?page=1&utm_source=feed", "?utm_source=feed"),
    ],
)
def test_list_pages_redirect_other_spellings_to_the_one_address(client, section, asked, target):
    path = f"/en/sections/{section.slug_en}/"
    response = client.get(path + asked)
    assert (response.status_code, response["Location"]) == (302, path + target)
    assert client.get(path + target).status_code == 200


def test_list_links_name_page_one_without_a_number(client, section):
    path = f"/en/sections/{section.slug_en}/"
    assert f'href="{path}" rel="prev"' in client.get(path + "?page=2").text
    document = client.get("/api/ninjs/en/?page=2").json()
    assert document["previous"] == "http://testserver/api/ninjs/en/"


def test_an_article_has_one_api_address(client, stored, section):
    article = section.articles.first()
    assert client.get(f"/api/ninjs/en/{article.pk}/").status_code == 200
    for spelling in ("0", "00", "%30", "+"):
        assert client.get(f"/api/ninjs/en/{spelling}{article.pk}/").status_code == 404
    assert len(stored) == 1


def test_the_api_refuses_what_it_cannot_read(client, section):
    assert client.get("/api/ninjs/en/?page=7x").status_code == 400
    assert "page" in client.get("/api/ninjs/en/?page=02").json()["error"]
    assert client.get("/api/ninjs/en/?section=nothing").status_code == 404


def test_every_cached_view_declares_its_parameters():
    """The views a purge names are views the cache stores, each with its own parameters."""
    assert PURGED_VIEWS <= page_cache.CACHED_VIEWS
    assert set(page_cache.QUERY_PARAMETERS) == page_cache.CACHED_VIEWS
