"""The layer in front of Django (articles/cache/front.py): a page-cache hit is answered
without Django's handler, with exactly the status, headers and bytes Django sends;
a change is never served stale; anything not an anonymous read goes to Django."""

from __future__ import annotations

import os
from io import BytesIO

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from articles.cache.front import PageCacheFront
from articles.cache.local import local_copies
from articles.models import Article
from articles.services.articles import article_save
from articles.services.previews import preview_link_create, preview_url
from tests.support.factories import ArticleFactory, PhotoFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]
REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture(params=["locmem", "disk", "redis"])
def cache_backend(request, settings, tmp_path):
    """Each kind of cache the site runs with: the tests' local memory, the
    default disk cache of a single machine, and Redis when REDIS_URL is set."""
    if request.param == "locmem":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    elif request.param == "disk":
        settings.CACHES = {
            "default": {
                "BACKEND": "diskcache.DjangoCache",
                "LOCATION": str(tmp_path / "page-cache"),
                "OPTIONS": {"size_limit": 64 * 1024 * 1024},
            }
        }
    else:
        if not REDIS_URL:
            pytest.skip("REDIS_URL is not set (a Redis for tests, e.g. redis://127.0.0.1:6379/1)")
        settings.CACHES = {
            "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}
        }
    caches["default"].clear()
    local_copies.clear()
    yield request.param
    caches["default"].clear()
    local_copies.clear()


@pytest.fixture
def wsgi(settings, cache_backend):
    """(front layer, Django's calls counted). The log is read only when a test says so."""
    settings.PAGE_CACHE_CHECK_SECONDS = 3600
    # As Django's test client does: the test's transaction keeps its connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    django_application = WSGIHandler()
    calls = []

    def counted(environ, start_response):
        calls.append(environ["PATH_INFO"])
        return django_application(environ, start_response)

    yield PageCacheFront(counted), calls
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def environ(path, method="GET", query="", **headers):
    env = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(b""),
        "wsgi.errors": BytesIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    env.update({"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()})
    return env


def serve(app, path, method="GET", query="", **headers):
    """(status line, headers sorted, body) as a WSGI server gets them; HEAD bodies dropped."""
    got = {}

    def start_response(status, response_headers, exc_info=None):
        got["status"], got["headers"] = status, sorted(response_headers)

    result = app(environ(path, method, query, **headers), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return got["status"], got["headers"], b"" if method == "HEAD" else body


@pytest.fixture
def article(db):
    return ArticleFactory(languages=("pt", "en"), photo=PhotoFactory(captions=("pt", "en")))


def test_a_hit_has_the_bytes_and_headers_of_djangos_answer(wsgi, article):
    app, calls = wsgi
    url = article.get_absolute_url("pt")
    miss = serve(app, url)
    assert miss[0] == "200 OK" and calls == [url]
    with CaptureQueriesContext(connection) as queries:
        hit = serve(app, url)
    assert calls == [url] and len(queries) == 0  # answered up front
    assert hit == miss
    names = {name for name, _ in hit[1]}
    assert {"Content-Security-Policy", "X-Content-Type-Options", "ETag", "Content-Length"} <= names
    assert {"Referrer-Policy", "Cross-Origin-Opener-Policy", "Cache-Control"} <= names


def test_a_hit_up_front_equals_a_hit_inside_django(wsgi, article):
    """The same entry answered by the middleware (Django's stack) and by the front."""
    app, calls = wsgi
    url = article.get_absolute_url("en")
    serve(app, url)
    inside = serve(app.django_application, url)
    up_front = serve(app, url)
    assert up_front == inside and calls == [url, url]


def test_if_none_match_gets_304_and_head_gets_no_body(wsgi, article):
    app, calls = wsgi
    url = article.get_absolute_url("en")
    status, headers, _ = serve(app, url)
    etag = dict(headers)["ETag"]
    not_modified = serve(app, url, if_none_match=etag)
    assert not_modified[0] == "304 Not Modified" and not_modified[2] == b""
    assert not_modified == serve(app.django_application, url, if_none_match=etag)
    other = serve(app, url, if_none_match='"something-else"')
    assert other[0] == "200 OK" and other[2]
    head = serve(app, url, method="HEAD")
    assert head == (status, headers, b"")
    assert head == serve(app.django_application, url, method="HEAD")
    assert calls == [url, url, url]  # the first request and the two asked of Django directly


def test_an_edit_is_seen_at_once(wsgi, article, commit):
    app, calls = wsgi
    url = article.get_absolute_url("en")
    serve(app, url)
    serve(app, url)
    assert len(calls) == 1
    fresh = Article.objects.get(pk=article.pk)
    fresh.title_en = "A headline changed after the page was cached"
    commit(article_save, article=fresh, actor="test")
    status, _, body = serve(app, url)
    assert status == "200 OK" and b"A headline changed after the page was cached" in body
    assert len(calls) == 2  # rendered again by Django, then answered up front
    assert serve(app, url)[2] == body and len(calls) == 2


def test_a_process_due_to_read_the_log_asks_django(wsgi, article, settings):
    """Past the check interval the front layer does not serve: Django's middleware
    reads the log first (and the request after that is up front again)."""
    app, calls = wsgi
    url = article.get_absolute_url("en")
    serve(app, url)
    settings.PAGE_CACHE_CHECK_SECONDS = 0
    serve(app, url)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("method", "path", "query", "headers"),
    [
        ("POST", None, "", {}),
        ("GET", None, "", {"cookie": "sessionid=abc"}),
        ("GET", None, "utm_source=mail", {}),
        ("GET", "/admin/login/", "", {}),
        ("GET", "/en/search/", "q=article", {}),
        ("GET", None, "", {"host": "EXAMPLE.invalid"}),
    ],
)
def test_anything_but_an_anonymous_read_of_a_stored_page_goes_to_django(
    wsgi, article, method, path, query, headers
):
    app, calls = wsgi
    path = path or article.get_absolute_url("en")
    serve(app, article.get_absolute_url("en"))
    serve(app, path, method, query, **headers)
    serve(app, path, method, query, **headers)
    assert calls == [article.get_absolute_url("en"), path, path]


def test_a_preview_link_goes_to_django(wsgi, article, django_user_model):
    app, calls = wsgi
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")
    url = preview_url(preview_link_create(article=article, language="en", user=editor))
    path, _, query = url.partition("?")
    first = serve(app, path, query=query)
    second = serve(app, path, query=query)
    assert first[0] == "200 OK" and calls == [path, path]
    assert "no-store" in dict(second[1])["Cache-Control"]
