"""The cache in Redis (CACHE_URL=redis://…): pages are cached there, and when
Redis is unreachable the site keeps serving, uncached, and editors still log in
and save. Sessions live in the database; axes keeps its
failure counts in the database too."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.cache.invalidation import forget_pending
from articles.models import Article
from articles.services.articles import article_save
from tests.admin.test_articles import form_data
from tests.support.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(settings, location: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def queries_for(client, url) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def test_settings_turn_on_ignore_exceptions_for_redis(monkeypatch):
    """What CACHE_URL=redis://… gives (read in a fresh interpreter's view of settings)."""
    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "cache = settings.CACHES['default']; "
        "print(cache['BACKEND'], cache['OPTIONS']['IGNORE_EXCEPTIONS'])"
    )
    env = {
        **os.environ,
        "CACHE_URL": "redis://127.0.0.1:6399/1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    out = subprocess.run(  # noqa: S603 (this interpreter, fixed code)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["django_redis.cache.RedisCache", "True"]


@pytest.fixture
def redis_down(settings):
    redis_cache(settings, f"redis://127.0.0.1:{closed_port()}/1")
    settings.PAGE_CACHE_CHECK_SECONDS = 3600


@pytest.mark.parametrize("local_mb", [0, 32])
def test_public_pages_still_serve_when_redis_is_down(client, redis_down, settings, local_mb):
    """Uncached, or from the pages this process kept itself (articles/cache/local.py)."""
    settings.PAGE_CACHE_LOCAL_MB = local_mb
    article = ArticleFactory(languages=("en",))
    for url in (article.get_absolute_url("en"), "/en/", "/en/feeds/rss/", "/sitemap.xml"):
        first = queries_for(client, url)
        second = queries_for(client, url)
        assert first[0] == second[0] == 200, url
        if local_mb:
            assert second[1] == 0  # this process's own copy
        else:
            assert second[1] > 0  # rendered again: Redis could keep nothing


def test_editor_logs_in_and_saves_when_redis_is_down(client, redis_down, django_user_model):
    django_user_model.objects.create_user(
        "editor", "e@example.org", "right-password-1", is_staff=True, is_superuser=True
    )
    # A wrong password first: axes counts it without the cache.
    refused = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": "wrong"})
    assert refused.status_code == 200
    login = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": "right-password-1"}
    )
    assert login.status_code == 302 and login["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    article = ArticleFactory(languages=("en",))
    data = form_data(article, title_en="Saved while Redis is down")
    response = client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    assert Article.objects.get(pk=article.pk).title_en == "Saved while Redis is down"


@pytest.mark.skipif(
    not REDIS_URL, reason="REDIS_URL is not set (a Redis for tests, e.g. redis://127.0.0.1:6379/1)"
)
def test_pages_are_cached_in_redis(client, settings):
    redis_cache(settings, REDIS_URL)
    settings.PAGE_CACHE_CHECK_SECONDS = 3600

    cache.clear()
    article = ArticleFactory(languages=("en",))
    url = article.get_absolute_url("en")
    assert queries_for(client, url)[1] > 0
    assert queries_for(client, url) == (200, 0)
    cache.clear()


@pytest.mark.skipif(
    not REDIS_URL, reason="REDIS_URL is not set (a Redis for tests, e.g. redis://127.0.0.1:6379/1)"
)
def test_a_process_copy_of_a_redis_page_goes_stale_with_its_article(
    client, settings, django_capture_on_commit_callbacks
):
    """The copy this process keeps in front of Redis is checked against the log too."""

    redis_cache(settings, REDIS_URL)
    settings.PAGE_CACHE_CHECK_SECONDS = 3600
    settings.PAGE_CACHE_LOCAL_MB = 32
    cache.clear()
    article = ArticleFactory(languages=("en",))
    url = article.get_absolute_url("en")
    client.get(url)
    assert queries_for(client, url) == (200, 0)  # served from this process's copy

    forget_pending()
    with django_capture_on_commit_callbacks(execute=True):
        article.title_en = "Changed after it was cached"
        article_save(article=article, actor="test")
    response = client.get(url)
    assert "Changed after it was cached" in response.content.decode()
    cache.clear()
