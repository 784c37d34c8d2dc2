"""Editors see history, per-language diffs and restore; previews are private and revocable."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from articles.domain.status import Origin, Status
from articles.models import Article
from articles.services.articles import article_save
from articles.services.previews import preview_link_create, preview_url
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw"))
    return client


def edit(article, **changes):
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    return article_save(article=article, actor="test")


def test_history_lists_revisions_with_changed_languages(editor_client):
    article = ArticleFactory(languages=("pt", "en"))
    edit(article, title_pt="Título novo")
    page = editor_client.get(reverse("admin:article_revisions", args=[article.pk]))
    assert page.status_code == 200
    rows = BeautifulSoup(page.content, "html.parser").select("tbody tr")
    assert len(rows) == 2
    assert "pt" in rows[0].get_text() and "en" not in rows[0].find_all("td")[3].get_text()


def test_per_language_diff_shows_what_changed(editor_client):
    article = ArticleFactory(languages=("pt", "en"))
    edit(article, body_pt="<p>Outro texto</p>")
    newer, older = article.revisions.order_by("-version")[:2]
    url = reverse("admin:article_revision_diff", args=[article.pk])
    text = editor_client.get(url, {"from": older.pk, "to": newer.pk, "language": "pt"})
    text = text.content.decode()
    assert "+&lt;p&gt;Outro texto&lt;/p&gt;" in text
    assert "-&lt;p&gt;Body" in text
    text = editor_client.get(url, {"from": older.pk, "to": newer.pk, "language": "en"})
    assert "No changes in this language." in text.content.decode()
    bad = editor_client.get(url, {"from": "x", "to": newer.pk, "language": "pt"})
    assert bad.status_code == 404


def test_restore_puts_back_the_texts_and_records_a_revision(editor_client):
    article = ArticleFactory(languages=("pt",))
    original = article.title_pt
    edit(article, title_pt="Errado")
    first = article.revisions.order_by("version").first()
    response = editor_client.post(
        reverse("admin:article_revision_restore", args=[article.pk, first.pk])
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_pt == original
    assert article.revisions.order_by("-version").first().actor.startswith("restore")


def test_restore_needs_post(editor_client):
    article = ArticleFactory(languages=("pt",))
    first = article.revisions.first()
    url = reverse("admin:article_revision_restore", args=[article.pk, first.pk])
    assert editor_client.get(url).status_code == 405


def test_editor_previews_a_draft_as_readers_will_see_it(editor_client, client):
    article = ArticleFactory(languages=("pt",), is_published=False)
    url = reverse("admin:article_preview", args=[article.pk, "pt"])
    response = editor_client.get(url)
    assert response.status_code == 200
    assert article.title_pt in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    assert client.get(article.get_absolute_url("pt")).status_code == 404
    assert (
        editor_client.get(reverse("admin:article_preview", args=[article.pk, "fi"])).status_code
        == 404
    )


def test_anonymous_users_cannot_use_the_admin_preview(client):
    article = ArticleFactory(languages=("pt",), is_published=False)
    response = client.get(reverse("admin:article_preview", args=[article.pk, "pt"]))
    assert response.status_code == 302


def test_shared_preview_link_works_without_an_account_until_revoked(editor_client, client):
    article = ArticleFactory(languages=("pt", "en"), is_published=False)
    editor_client.post(
        reverse("admin:article_preview_links", args=[article.pk]), {"language": "en"}
    )
    link = article.preview_links.get()
    url = preview_url(link)
    response = client.get(url)
    assert response.status_code == 200
    assert article.title_en in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]

    editor_client.post(
        reverse("admin:article_preview_links", args=[article.pk]), {"revoke": link.pk}
    )
    assert client.get(url).status_code == 404


def test_expired_or_forged_preview_links_are_404(client, django_user_model):
    article = ArticleFactory(languages=("pt",), is_published=False)
    link = preview_link_create(
        article=article, language="pt", user=None, lifetime=timedelta(seconds=-1)
    )
    assert client.get(preview_url(link)).status_code == 404
    fresh = preview_link_create(article=article, language="pt", user=None)
    token = preview_url(fresh).split("/")[-2]
    assert client.get(f"/preview/{token[:-2]}xx/").status_code == 404
    assert client.get(f"/preview/{fresh.pk}/").status_code == 404


def test_machine_translated_versions_carry_a_notice(client):
    article = ArticleFactory(languages=("pt", "ja"), source_language="pt")
    edit(article, origin_ja=Origin.MACHINE, translated_from_ja="pt")
    page = client.get(article.get_absolute_url("ja")).content.decode()
    assert 'class="machine-notice"' in page
    assert (
        'class="machine-notice"' not in client.get(article.get_absolute_url("pt")).content.decode()
    )


def test_scheduled_preview_shows_the_version_before_its_time(editor_client):
    article = ArticleFactory(languages=("de",))
    edit(article, status_de=Status.SCHEDULED, published_at_de=timezone.now() + timedelta(days=1))
    response = editor_client.get(reverse("admin:article_preview", args=[article.pk, "de"]))
    assert response.status_code == 200
