"""Freshness across processes and nodes, with real servers (tests/support/nodes.py).

- One node, SQLite, two gunicorn workers, with the default cache (on disk,
  shared by the workers) and with a local-memory cache in each worker: a change
  made by a management command in a third process is served by every worker
  within a second.
- Two nodes (two gunicorn instances sharing one PostgreSQL and one Redis): a
  change published through one is served fresh by the other within a second,
  and scheduled publishing with a worker on each node publishes once.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
import redis

from tests.support.nodes import (
    background,
    fetch,
    free_port,
    fresh_within,
    gunicorn,
    manage,
    ninjs_document,
    node_env,
    stop,
    write_documents,
)
from tests.support.purge_endpoint import PurgeEndpoint

FRESH_SECONDS = 1.0
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")


def warm(port: int, path: str, expected: str) -> None:
    """Request until every worker has the page cached, and check it is cached:
    a cached copy keeps the Last-Modified of its render (each worker has its own)."""
    # A page rendered in the instant before its process read the latest change is
    # (rightly) rendered again once it has: let every process catch up first.
    time.sleep(0.6)
    rendered = set()
    # Requests in parallel, so that every sync worker serves some: in a plain loop
    # one worker may accept them all, and the other renders the page later.
    with ThreadPoolExecutor(max_workers=4) as pool:
        for status, headers, body in pool.map(lambda _: fetch(port, path), range(12)):
            assert status == 200 and expected in body, (path, status)
            rendered.add(headers["Last-Modified"])
    time.sleep(1.1)  # Last-Modified has one-second resolution
    for _ in range(4):
        assert fetch(port, path)[1]["Last-Modified"] in rendered, (
            "page was not served from the cache"
        )


def assert_fresh_everywhere(ports, path: str, expected: str) -> None:
    """The change shows within FRESH_SECONDS, then on every request to every node."""
    took = max(fresh_within(port, path, expected, FRESH_SECONDS) for port in ports)
    assert took <= FRESH_SECONDS, f"{path} was stale {took:.2f} s after the change"
    for port in ports:
        for _ in range(6):
            assert expected in fetch(port, path)[2]


@pytest.mark.parametrize("cache", ["default", "locmem"])
def test_a_command_in_another_process_makes_every_worker_fresh(tmp_path, cache):
    caches = (
        {"PAGE_CACHE_DIR": str(tmp_path / "cache")}
        if cache == "default"
        else {"CACHE_URL": "locmemcache://"}
    )
    env = node_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **caches)
    manage(env, "migrate", "--noinput")
    first = write_documents(
        tmp_path / "v1.ndjson",
        ninjs_document("en", "Bridge opens", 1, "bridge"),
        ninjs_document("pt", "Ponte abre", 1, "ponte"),
    )
    manage(env, "import_ninjs", str(first), "--publish")
    port = free_port()
    server = gunicorn(env, port, tmp_path / "gunicorn.log", workers=2)
    try:
        for path, text in (("/pt/articles/ponte/", "Ponte abre"), ("/pt/", "Ponte abre")):
            warm(port, path, text)
        second = write_documents(
            tmp_path / "v2.ndjson", ninjs_document("pt", "Ponte reabre", 2, "ponte")
        )
        manage(env, "import_ninjs", str(second), "--publish")
        assert_fresh_everywhere([port], "/pt/articles/ponte/", "Ponte reabre")
        assert_fresh_everywhere([port], "/pt/", "Ponte reabre")
        assert_fresh_everywhere([port], "/pt/feeds/rss/", "Ponte reabre")
    finally:
        stop(server)


# --- several nodes ---------------------------------------------------------------


def _nodes_redis_url() -> str:
    """REDIS_URL's database number + 1: tests/cache/test_redis.py empties REDIS_URL's
    own database, possibly while this test runs in another worker."""
    parts = urlsplit(REDIS_URL)
    number = int(parts.path.strip("/") or 0) + 1
    return urlunsplit(parts._replace(path=f"/{number}"))


def _nodes_database_url() -> str:
    parts = urlsplit(DATABASE_URL)
    return urlunsplit(parts._replace(path=parts.path + "_nodes"))


@pytest.fixture
def shared_services():
    """A fresh PostgreSQL database (<test database>_nodes) and an empty Redis
    database (REDIS_URL's number + 1) for the two nodes."""
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        pytest.skip("several nodes need PostgreSQL: set DATABASE_URL=postgres://…")
    if not REDIS_URL:
        pytest.skip("several nodes need Redis: set REDIS_URL=redis://127.0.0.1:6379/<db>")

    url = _nodes_database_url()
    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(DATABASE_URL)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(_nodes_redis_url()).flushdb()
    yield url
    redis.Redis.from_url(_nodes_redis_url()).flushdb()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_nodes_share_freshness_and_publish_scheduled_versions_once(shared_services, tmp_path):
    purges = PurgeEndpoint()
    env = node_env(
        tmp_path,
        DATABASE_URL=shared_services,
        CACHE_URL=_nodes_redis_url(),
        CDN_PURGE_URL=purges.url,
    )
    manage(env, "migrate", "--noinput")
    first = write_documents(
        tmp_path / "v1.ndjson",
        ninjs_document("en", "Bridge opens", 1, "bridge"),
        ninjs_document("pt", "Ponte abre", 1, "ponte"),
    )
    manage(env, "import_ninjs", str(first), "--publish")
    ports = [free_port(), free_port()]
    processes = [
        gunicorn(env, port, tmp_path / f"node{n}.log", workers=1) for n, port in enumerate(ports)
    ]
    try:
        for port in ports:
            warm(port, "/pt/articles/ponte/", "Ponte abre")
            warm(port, "/pt/", "Ponte abre")

        # A change through node 0 (its environment; a command, as an editor's save would be).
        second = write_documents(
            tmp_path / "v2.ndjson", ninjs_document("pt", "Ponte reabre", 2, "ponte")
        )
        manage(env, "import_ninjs", str(second), "--publish")
        assert_fresh_everywhere(ports[::-1], "/pt/articles/ponte/", "Ponte reabre")
        assert_fresh_everywhere(ports[::-1], "/pt/", "Ponte reabre")

        # A French version scheduled 20 seconds ahead (room for slow starts on a busy
        # machine: a cached page expires at the go-live); a scheduler on each node.
        schedulers = [
            background(
                env, "manage.py", "publish_scheduled", "--every", "1", log=tmp_path / f"s{n}.log"
            )
            for n in range(2)
        ]
        try:
            manage(
                env,
                "shell",
                "-c",
                "from datetime import timedelta; from django.utils import timezone; "
                "from articles.models import Article; "
                "from articles.services.articles import article_save; "
                "a = Article.objects.get(slug_pt='ponte'); "
                "a.title_fr, a.slug_fr, a.body_fr = 'Le pont', 'le-pont', '<p>Le pont.</p>'; "
                "a.status_fr = 'scheduled'; "
                "a.published_at_fr = timezone.now() + timedelta(seconds=20); "
                "article_save(article=a, actor='test')",
            )
            purges_before = len(purges.received)
            with psycopg.connect(shared_services) as connection:
                (go_live,) = connection.execute(
                    "SELECT published_at_fr FROM articles_article WHERE slug_pt = 'ponte'"
                ).fetchone()
            for port in ports:  # not before its time (and so not cached as a 404 either)
                assert fetch(port, "/fr/articles/le-pont/")[0] == 404
                warm(port, "/pt/articles/ponte/", "Ponte reabre")
            assert time.time() < go_live.timestamp(), "scheduled too close: raise the delay"
            time.sleep(max(0.0, go_live.timestamp() - time.time()))
            assert_fresh_everywhere(ports, "/fr/articles/le-pont/", "Le pont")
            assert_fresh_everywhere(ports, "/pt/articles/ponte/", "/fr/articles/le-pont/")
            with psycopg.connect(shared_services) as connection:
                for _ in range(100):
                    (count,) = connection.execute(
                        "SELECT count(*) FROM articles_revision WHERE actor = 'scheduler'"
                    ).fetchone()
                    if count:
                        break
                    time.sleep(0.1)
                time.sleep(2.5)  # both schedulers run at least twice more
                (count,) = connection.execute(
                    "SELECT count(*) FROM articles_revision WHERE actor = 'scheduler'"
                ).fetchone()
                (status,) = connection.execute(
                    "SELECT status_fr FROM articles_article WHERE slug_pt = 'ponte'"
                ).fetchone()
        finally:
            for scheduler in schedulers:
                stop(scheduler)
        assert count == 1, "the go-live was recorded more than once"
        assert status == "published"
        go_live_purges = [
            urls for urls in purges.received[purges_before:] if "/fr/articles/le-pont/" in urls
        ]
        assert len(go_live_purges) == 1
    finally:
        for process in processes:
            stop(process)
        purges.close()
