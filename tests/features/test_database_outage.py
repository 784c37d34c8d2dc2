"""Database unreachable: public pages and the admin answer a short, localized 503
with Retry-After, never a stack trace, and the site recovers by itself.

The first tests break the database inside the test process (fast, every
language); the last ones take it away for real from a server process: on
SQLite its folder disappears, on PostgreSQL the connection runs through a
TCP proxy that is cut and restored.
"""

from __future__ import annotations

import base64
import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from django.utils import translation

from articles.domain.languages import LANGUAGE_CODES
from articles.querysets import ArticleQuerySet
from newsroom.errors import RETRY_AFTER_SECONDS, database_unavailable
from tests.support.site_server import copy_test_database, serve_site
from tests.support.tcp_proxy import TcpProxy

TITLE = "Temporarily unavailable"


def translated(code: str, message: str) -> str:
    with translation.override(code):
        return translation.gettext(message)


def assert_outage_page(status: int, headers, body: bytes, code: str) -> None:
    assert status == 503
    assert headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert headers["Cache-Control"] == "no-store"
    page = BeautifulSoup(body, "html.parser")
    assert page.html["lang"] == code
    assert page.h1.get_text() == translated(code, TITLE)
    if code != "en":
        assert page.h1.get_text() != TITLE
    text = body.decode()
    for leak in ("Traceback", "OperationalError", "psycopg", "sqlite", 'File "'):
        assert leak not in text
    # The one inline style is allowed by its hash; nothing else is inline.
    (style,) = page.find_all("style")
    digest = base64.b64encode(hashlib.sha256(style.string.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in headers["Content-Security-Policy"]
    assert not page.find_all("script")


# --- In the test process -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_public_pages_answer_a_localized_503_when_the_database_fails(client, monkeypatch, code):
    def unreachable(self, language):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(ArticleQuerySet, "public_in", unreachable)
    client.raise_request_exception = False
    response = client.get(f"/{code}/")
    assert_outage_page(response.status_code, response, response.content, code)


@pytest.mark.django_db
def test_a_lost_connection_is_a_503_too_and_other_errors_stay_500(client, monkeypatch):
    client.raise_request_exception = False

    def lost(self, language):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(ArticleQuerySet, "public_in", lost)
    assert client.get("/pt/").status_code == 503

    def bug(self, language):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(ArticleQuerySet, "public_in", bug)
    response = client.get("/pt/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_the_503_page_is_rendered_without_the_database(django_assert_max_num_queries):
    """No session, no navigation, no context processors: not one query (and no db fixture)."""
    request = RequestFactory().get("/ja/articles/anything/", HTTP_ACCEPT_LANGUAGE="de")
    response = database_unavailable(request)
    assert response.status_code == 503
    assert response["Content-Language"] == "ja"
    # Outside the language prefixes (the admin), the browser's language decides.
    response = database_unavailable(RequestFactory().get("/admin/", HTTP_ACCEPT_LANGUAGE="de"))
    assert translated("de", TITLE) in response.content.decode()


# --- A real server whose database goes away and comes back ------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)
# A well-formed session key (a shorter one is dropped without asking the database).
SESSION = "sessionid=" + "k" * 32


def fetch(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def site_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECRET_KEY": "tests-only-not-a-secret",
        "CACHE_URL": "locmemcache://",
        # Pages already in the page cache go on being served while the database is
        # away (nothing can change them then); these tests are about rendered pages.
        "PAGE_CACHE": "false",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }


def check_outage_and_recovery(base: str, cut, restore) -> None:
    """Up, down (public pages in two languages and the admin), up again without a restart."""
    assert fetch(f"{base}/pt/")[0] == 200
    cut()
    try:
        for code in ("pt", "zh-hans"):
            assert_outage_page(*fetch(f"{base}/{code}/"), code)
        # An editor with a session: the admin needs the database to know who they are.
        status, headers, body = fetch(f"{base}/admin/", Cookie=SESSION, **{"Accept-Language": "de"})
        assert_outage_page(status, headers, body, "de")
    finally:
        restore()
    # The very first request after the database returns is served.
    assert fetch(f"{base}/pt/")[0] == 200
    assert (
        fetch(f"{base}/admin/", Cookie=SESSION)[0] == 302
    )  # to the login: the unknown session is simply not logged in


def postgres_url(name: str, port: int, query: str = "") -> str:
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{port}/{name}{query}"


on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
only_postgres = pytest.mark.skipif(not on_postgres, reason="the test run uses SQLite")
only_sqlite = pytest.mark.skipif(on_postgres, reason="the test run uses PostgreSQL")


@only_sqlite
@pytest.mark.django_db
def test_sqlite_database_that_cannot_be_opened_is_a_503_until_it_returns(tmp_path):
    folder = tmp_path / "db"
    folder.mkdir()
    copy_test_database(folder / "site.sqlite3")
    env = site_env(tmp_path, f"sqlite:///{folder / 'site.sqlite3'}")
    # A persistent SQLite connection keeps its file open whatever happens to the
    # path (see the next test): open one per request, as a lost volume would be seen.
    env["DATABASE_CONN_MAX_AGE"] = "0"
    away = tmp_path / "db-away"
    with serve_site(env, tmp_path / "server.log") as base:
        # The folder gone, SQLite cannot open (or create) the file: what a lost
        # volume or a broken mount looks like.
        check_outage_and_recovery(
            base, cut=lambda: folder.rename(away), restore=lambda: away.rename(folder)
        )


@only_sqlite
def test_persistent_sqlite_connections_need_no_recovery():
    pytest.skip(
        "An open SQLite connection keeps its file open whatever happens to the path, "
        "so there is no broken persistent connection to recover from; the PostgreSQL "
        "run tests CONN_MAX_AGE with CONN_HEALTH_CHECKS."
    )


@only_postgres
@pytest.mark.parametrize(
    "options",
    [
        "",  # a connection per request (CONN_MAX_AGE=0, the default)
        # Persistent connections: the one broken by the cut must be noticed and
        # replaced, or the first request after the outage would fail.
        "?conn_max_age=600&conn_health_checks=True",
    ],
    ids=["per-request", "persistent-with-health-checks"],
)
def test_postgres_unreachable_is_a_503_until_it_returns(tmp_path, django_db_setup, options):
    # The server reads the test database (it only reads, and holds no transaction).
    db = settings.DATABASES["default"]
    upstream = (db.get("HOST") or "127.0.0.1", int(db.get("PORT") or 5432))
    with TcpProxy(upstream) as proxy:
        env = site_env(tmp_path, postgres_url(db["NAME"], proxy.port, options))
        with serve_site(env, tmp_path / "server.log") as base:
            check_outage_and_recovery(base, cut=proxy.cut, restore=proxy.restore)
            log = (tmp_path / "server.log").read_text()
            # The operator's log has what the reader does not: the error itself.
            assert re.search(r"Service Unavailable: /pt/", log)
