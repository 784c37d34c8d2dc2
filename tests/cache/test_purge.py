"""The CDN purge hook: after a change commits, the changed public URLs are POSTed
to CDN_PURGE_URL; a slow or failing endpoint never costs the save (articles/cache/purge.py)."""

from __future__ import annotations

import pytest
from django.db import transaction

from articles.cache import purge
from articles.models import Article
from articles.services.articles import article_save
from tests.support.factories import ArticleFactory
from tests.support.purge_endpoint import PurgeEndpoint

pytestmark = pytest.mark.django_db


def edit(article, **changes):
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    return article_save(article=article, actor="test")


def test_a_change_posts_its_pages_in_every_language_and_the_lists(endpoint, commit):
    a = ArticleFactory(languages=("pt", "en"))
    b = ArticleFactory(languages=("en",))
    commit(edit, a, title_pt="Título novo")
    assert len(endpoint.received) == 1
    assert endpoint.content_types == ["application/json"]
    urls = set(endpoint.received[0])
    assert {a.get_absolute_url("pt"), a.get_absolute_url("en")} <= urls
    assert {"/en/", "/pt/", "/en/feeds/rss/", "/sitemap.xml", "/news-sitemap.xml"} <= urls
    assert {"/sitemaps/articles-pt.xml", "/api/ninjs/pt/", f"/api/ninjs/en/{a.pk}/"} <= urls
    assert a.section.get_absolute_url() in urls  # the section page (active language: en)
    assert b.get_absolute_url("en") not in urls
    assert f"/api/ninjs/en/{b.pk}/" not in urls


def test_urls_are_absolute_with_a_base_url(endpoint, commit, settings):
    settings.NEWSROOM_BASE_URL = "https://news.example.org"
    a = ArticleFactory(languages=("en",))
    commit(edit, a, title_en="New")
    assert "https://news.example.org" + a.get_absolute_url("en") in endpoint.received[0]


def test_one_post_per_transaction_however_many_writes(endpoint, commit):
    articles = [ArticleFactory(languages=("en",)) for _ in range(3)]

    def three_saves():
        with transaction.atomic():
            for article in articles:
                edit(article, title_en=f"New {article.pk}")

    commit(three_saves)
    assert len(endpoint.received) == 1
    assert all(a.get_absolute_url("en") in endpoint.received[0] for a in articles)


def test_nothing_is_sent_without_a_purge_url(settings, commit, monkeypatch):
    sent = []
    monkeypatch.setattr(purge, "send_purge", sent.append)
    settings.CDN_PURGE_URL = ""
    commit(edit, ArticleFactory(languages=("en",)), title_en="New")
    assert sent == []


@pytest.mark.parametrize("failure", ["error", "slow", "closed"])
def test_a_failing_endpoint_is_logged_and_the_save_stands(settings, commit, caplog, failure):
    server = PurgeEndpoint(
        status=500 if failure == "error" else 200, delay=1.0 if failure == "slow" else 0
    )
    settings.CDN_PURGE_URL = server.url
    settings.CDN_PURGE_TIMEOUT = 0.2
    if failure == "closed":
        server.close()
    a = ArticleFactory(languages=("en",))
    try:
        commit(edit, a, title_en="Saved anyway")
    finally:
        if failure != "closed":
            server.close()
    assert Article.objects.get(pk=a.pk).title_en == "Saved anyway"
    assert any("CDN purge of" in record.getMessage() for record in caplog.records)
