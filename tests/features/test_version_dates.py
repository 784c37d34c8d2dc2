"""Public dates are each language version's own (articles/web/versions.py): editing a
draft or embargoed language tells the readers of a public one nothing."""

from __future__ import annotations

import importlib
import json
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.domain.status import Status
from articles.models import Article
from articles.web.seo import iso
from tests.admin.test_articles import form_data
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    client.force_login(user)
    return client


@pytest.fixture
def old_article(db):
    """Public in en, last changed a day ago."""
    article = ArticleFactory(languages=("en",))
    day_ago = (timezone.now() - timedelta(days=1)).replace(microsecond=0)
    Article.objects.filter(pk=article.pk).update(
        published_at_en=day_ago - timedelta(hours=1), changed_at_en=day_ago, updated_at=day_ago
    )
    return Article.objects.get(pk=article.pk), day_ago


def public_dates(client, article: Article) -> dict[str, str]:
    """What the public is told of when the en version changed."""
    client.logout()
    page = client.get(article.get_absolute_url("en"))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    modified_time = soup.find("meta", property="article:modified_time")
    api = client.get(f"/api/ninjs/en/{article.pk}/")
    api_list = client.get("/api/ninjs/en/")
    sitemap = ElementTree.fromstring(client.get("/sitemaps/articles-en.xml").content)  # noqa: S314 - our own response
    (lastmod,) = [
        url.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for url in sitemap.findall("s:url", SITEMAP_NS)
        if url.findtext("s:loc", namespaces=SITEMAP_NS).endswith(article.get_absolute_url("en"))
    ]
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    (index_lastmod,) = [
        entry.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for entry in index.findall("s:sitemap", SITEMAP_NS)
        if entry.findtext("s:loc", namespaces=SITEMAP_NS).endswith("/articles-en.xml")
    ]
    feed = client.get("/en/feeds/atom/").content.decode()
    return {
        "dateModified": ld["dateModified"],
        "article:modified_time": modified_time["content"],
        "page Last-Modified": page["Last-Modified"],
        "versionCreated": json.loads(api.content)["versionCreated"],
        "api Last-Modified": api["Last-Modified"],
        "api list Last-Modified": api_list["Last-Modified"],
        "sitemap lastmod": lastmod,
        "sitemap index lastmod": index_lastmod,
        "atom updated": feed.split("<entry>")[1].split("<updated>")[1].split("<")[0],
    }


def post_change(client, django_user_model, article: Article, **changes):
    user = django_user_model.objects.get(username="editor")
    client.force_login(user)
    article = Article.objects.get(pk=article.pk)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        form_data(article, **changes),
    )
    assert response.status_code == 302, response.content[:3000]


def test_editing_a_draft_language_leaves_the_public_dates_alone(
    editor_client, django_user_model, old_article
):
    article, day_ago = old_article
    before = public_dates(editor_client, article)
    assert before["dateModified"] == iso(day_ago)
    assert before["page Last-Modified"] == http_date(day_ago.timestamp())
    post_change(
        editor_client,
        django_user_model,
        article,
        title_de="Entwurf",
        slug_de="entwurf",
        body_de="<p>Noch nicht fertig</p>",
        status_de=Status.DRAFT,
    )
    assert Article.objects.get(pk=article.pk).title_de == "Entwurf"
    assert public_dates(editor_client, article) == before


def test_editing_an_embargoed_language_leaves_the_public_dates_alone(
    editor_client, django_user_model, old_article
):
    article, _ = old_article
    before = public_dates(editor_client, article)
    post_change(
        editor_client,
        django_user_model,
        article,
        title_fr="Bientôt",
        slug_fr="bientot",
        body_fr="<p>Plus tard</p>",
        status_fr=Status.SCHEDULED,
        published_at_fr_0=(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d"),
        published_at_fr_1="08:00:00",
    )
    assert Article.objects.get(pk=article.pk).status_fr == Status.SCHEDULED
    assert public_dates(editor_client, article) == before


def test_editing_the_public_language_moves_its_dates(editor_client, django_user_model, old_article):
    article, _ = old_article
    before = public_dates(editor_client, article)
    post_change(editor_client, django_user_model, article, title_en="A corrected headline")
    after = public_dates(editor_client, article)
    assert all(after[name] != before[name] for name in before), (before, after)
    assert after["dateModified"] > before["dateModified"]


def test_a_save_that_changes_nothing_moves_no_date(editor_client, django_user_model, old_article):
    article, _ = old_article
    before = public_dates(editor_client, article)
    post_change(editor_client, django_user_model, article)
    assert public_dates(editor_client, article) == before


def test_polling_since_lists_a_version_only_when_it_changed(
    editor_client, django_user_model, old_article
):
    article, day_ago = old_article
    since = (day_ago + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    editor_client.logout()
    assert json.loads(editor_client.get(f"/api/ninjs/en/?since={since}").content)["count"] == 0
    post_change(editor_client, django_user_model, article, title_de="Entwurf", slug_de="entwurf")
    editor_client.logout()
    assert json.loads(editor_client.get(f"/api/ninjs/en/?since={since}").content)["count"] == 0
    post_change(editor_client, django_user_model, article, title_en="Changed in public")
    editor_client.logout()
    assert json.loads(editor_client.get(f"/api/ninjs/en/?since={since}").content)["count"] == 1


def test_a_correction_dates_its_own_language_version(editor_client, django_user_model, old_article):
    article, _ = old_article
    before = public_dates(editor_client, article)
    post_change(
        editor_client,
        django_user_model,
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-language": "en",
            "corrections-0-note": "An earlier version misspelt a name.",
            "corrections-0-created_at_0": timezone.now().strftime("%Y-%m-%d"),
            "corrections-0-created_at_1": timezone.now().strftime("%H:%M:%S"),
        },
    )
    after = public_dates(editor_client, article)
    assert after["dateModified"] > before["dateModified"]


def test_the_migration_dates_each_version_by_its_last_revision(
    editor_client, django_user_model, old_article
):
    article, day_ago = old_article
    post_change(editor_client, django_user_model, article, title_en="Public change")
    en_revision = Article.objects.get(pk=article.pk).revisions.order_by("-version").first()
    post_change(editor_client, django_user_model, article, title_de="Entwurf", slug_de="entwurf")
    Article.objects.filter(pk=article.pk).update(changed_at_en=None, changed_at_de=None)
    migration = importlib.import_module("articles.migrations.0016_version_changed_at")
    migration.backfill(apps, None)
    article = Article.objects.get(pk=article.pk)
    assert article.changed_at_en == en_revision.created_at
    assert en_revision.created_at < article.changed_at_de <= article.updated_at
