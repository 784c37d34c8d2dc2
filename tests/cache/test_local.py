"""The copies of page-cache entries each process keeps in front of a shared cache
(articles/cache/local.py), tested without Redis: a file-based cache stands in
as the cache every process shares.

A page served from the local copy costs no trip to the shared cache; the copy
is exactly as fresh as the shared entry (a change in this process, or a log
entry from another node, makes the next request render the page again); the
copies stay under PAGE_CACHE_LOCAL_MB; with local memory as the main cache
there are no copies at all.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.cache.local import LocalCopies, local_copies
from articles.cache.tags import article_tag
from articles.models import Article, Invalidation
from articles.services.articles import article_save
from tests.support.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]

MiB = 1024 * 1024


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache shared between processes that is not local memory: files on disk."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "shared-cache"),
        }
    }
    settings.PAGE_CACHE_LOCAL_MB = 16
    settings.PAGE_CACHE_CHECK_SECONDS = 3600  # only this process's own writes are seen
    return caches["default"]


def get(client, url) -> tuple[bytes, int]:
    """The page's body and the number of queries it cost (0: served from a cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content, len(queries)


def entry(size: int) -> tuple:
    """An entry as the middleware stores it: the body last."""
    return (1, 0, ("lists",), None, "articles:front", 200, [], b"x" * size)


# --- Served from the copy --------------------------------------------------------


def test_a_page_is_served_from_this_process_copy_without_the_shared_cache(client, shared_cache):
    url = ArticleFactory(languages=("en",)).get_absolute_url("en")
    rendered, _ = get(client, url)
    shared_cache.clear()  # the shared entry is gone: only the local copy can answer
    served, queries = get(client, url)
    assert queries == 0
    assert served == rendered


def test_with_no_room_for_copies_every_hit_asks_the_shared_cache(client, settings, shared_cache):
    settings.PAGE_CACHE_LOCAL_MB = 0
    url = ArticleFactory(languages=("en",)).get_absolute_url("en")
    get(client, url)
    assert get(client, url)[1] == 0  # a hit in the shared cache
    shared_cache.clear()
    assert get(client, url)[1] > 0  # nothing kept locally: rendered again


# --- As fresh as the shared entry ---------------------------------------------------


def test_a_change_made_here_makes_the_copy_stale_at_once(client, shared_cache, commit):
    article = ArticleFactory(languages=("en",))
    url = article.get_absolute_url("en")
    get(client, url)
    assert get(client, url)[1] == 0

    article = Article.objects.get(pk=article.pk)
    article.title_en = "Changed after it was copied"
    commit(article_save, article=article, actor="test")

    served, queries = get(client, url)
    assert queries > 0
    assert b"Changed after it was copied" in served
    assert get(client, url) == (served, 0)  # and the new page is copied in turn


def test_a_change_logged_by_another_node_makes_the_copy_stale(client, settings, shared_cache):
    """Another node writes the row and its log entry; this process reads the log
    at its next check and renders the page again instead of serving its copy."""
    settings.PAGE_CACHE_CHECK_SECONDS = 0  # read the log on every request
    article = ArticleFactory(languages=("en",))
    url = article.get_absolute_url("en")
    get(client, url)
    assert b"Written elsewhere" not in get(client, url)[0]

    Article.objects.filter(pk=article.pk).update(title_en="Written elsewhere")  # no signals
    Invalidation.objects.create(tag=article_tag(article.pk))

    assert b"Written elsewhere" in get(client, url)[0]


def test_a_change_to_another_article_leaves_the_copy_served(client, settings, shared_cache):
    settings.PAGE_CACHE_CHECK_SECONDS = 0
    article, other = ArticleFactory.create_batch(2, languages=("en",))
    url = article.get_absolute_url("en")
    get(client, url)
    shared_cache.clear()
    # Were the page rendered again, this unlogged title would show.
    Article.objects.filter(pk=article.pk).update(title_en="Not logged")
    Invalidation.objects.create(tag=article_tag(other.pk))
    assert b"Not logged" not in get(client, url)[0]


# --- Bounded by size ----------------------------------------------------------------


def test_the_least_recently_served_copy_goes_first(settings, shared_cache):
    settings.PAGE_CACHE_LOCAL_MB = 1000 / MiB  # room for two 400-byte pages
    copies = LocalCopies()
    copies.put("a", entry(400))
    copies.put("b", entry(400))
    assert copies.get("a") is not None  # "a" is now the more recently served
    copies.put("c", entry(400))
    assert copies.get("b") is None
    assert copies.get("a") is not None
    assert copies.get("c") is not None


def test_a_page_larger_than_the_whole_room_is_not_copied(settings, shared_cache):
    settings.PAGE_CACHE_LOCAL_MB = 1000 / MiB
    copies = LocalCopies()
    copies.put("small", entry(400))
    copies.put("huge", entry(1001))
    assert copies.get("huge") is None
    assert copies.get("small") is not None


def test_a_replaced_copy_counts_once(settings, shared_cache):
    settings.PAGE_CACHE_LOCAL_MB = 1000 / MiB
    copies = LocalCopies()
    for _ in range(5):
        copies.put("a", entry(400))  # the same page stored again after it went stale
    copies.put("b", entry(400))
    assert copies.get("a") is not None
    assert copies.get("b") is not None


def test_pages_beyond_the_limit_are_fetched_from_the_shared_cache_again(
    client, settings, shared_cache
):
    first, second = ArticleFactory.create_batch(2, languages=("en",))
    urls = [first.get_absolute_url("en"), second.get_absolute_url("en")]
    sizes = [len(get(client, url)[0]) for url in urls]
    local_copies.clear()
    caches["default"].clear()
    settings.PAGE_CACHE_LOCAL_MB = max(sizes) * 1.5 / MiB  # room for one page, not two
    for url in urls:
        assert get(client, url)[1] > 0  # rendered, stored, copied: the second evicts the first
    caches["default"].clear()
    assert get(client, urls[1])[1] == 0  # the last one served is still here
    assert get(client, urls[0])[1] > 0  # the first made room for it


# --- Local memory as the main cache --------------------------------------------------


def test_with_local_memory_as_the_cache_no_copy_is_kept(client, settings):
    """The main cache is already this process's memory: a copy would be the same
    page twice, so clearing the cache leaves nothing behind to serve."""
    assert caches["default"].__class__.__name__ == "LocMemCache"
    settings.PAGE_CACHE_CHECK_SECONDS = 3600
    url = ArticleFactory(languages=("en",)).get_absolute_url("en")
    get(client, url)
    assert get(client, url)[1] == 0
    caches["default"].clear()
    assert get(client, url)[1] > 0


def test_with_local_memory_as_the_cache_copies_take_nothing(settings):
    settings.PAGE_CACHE_LOCAL_MB = 16
    copies = LocalCopies()
    assert copies.limit() == 0
    copies.put("a", entry(10))
    assert copies.get("a") is None
