"""The CDN purge names what a write takes away: a deleted article's, section's or
tag's pages, and the old addresses a slug change leaves (whose 301s a CDN keeps
too), worked out before the write commits (articles/cache/purge.py `urls_of`)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Section, Tag
from tests.admin.test_articles import form_data
from tests.cache.test_purge import edit
from tests.support.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "c@example.org", "pw-chief-1")
    client.force_login(user)
    return client


def purged(endpoint) -> set[str]:
    return {url for batch in endpoint.received for url in batch}


def in_language(code: str, obj) -> str:
    with translation.override(code):
        return obj.get_absolute_url()


def test_deleting_an_article_in_the_admin_purges_its_pages_and_old_slugs(
    endpoint, admin_client, commit
):
    article = ArticleFactory(languages=("pt", "en"))
    tag, author = TagFactory(), AuthorFactory()
    article.tags.add(tag)
    article.authors.add(author)
    old_en = article.get_absolute_url("en")
    edit(article, slug_en="renamed")  # leaves a retired slug that answers 301
    article = Article.objects.get(pk=article.pk)
    assert admin_client.get(old_en).status_code == 301
    pages = {
        article.get_absolute_url("pt"),
        article.get_absolute_url("en"),
        old_en,
        f"/api/ninjs/en/{article.pk}/",
        f"/api/ninjs/pt/{article.pk}/",
        f"/api/ninjs/en/{article.slug_en}/",
        in_language("en", tag),
        in_language("pt", tag),
        in_language("en", author),
        in_language("en", article.section),
        "/en/",
        "/en/feeds/rss/",
    }
    response = commit(
        admin_client.post,
        reverse("admin:articles_article_delete", args=[article.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert pages <= purged(endpoint)


def test_a_slug_change_purges_the_old_address_and_the_new(endpoint, commit):
    article = ArticleFactory(languages=("en",))
    old = article.get_absolute_url("en")
    old_api = f"/api/ninjs/en/{article.slug_en}/"
    commit(edit, article, slug_en="a-new-address")
    assert {old, old_api, "/en/articles/a-new-address/"} <= purged(endpoint)


def test_a_slug_change_in_the_admin_purges_the_old_address(endpoint, admin_client, commit):
    article = ArticleFactory(languages=("en",))
    old = article.get_absolute_url("en")
    data = form_data(article, slug_en="moved-in-the-admin")
    response = commit(
        admin_client.post, reverse("admin:articles_article_change", args=[article.pk]), data
    )
    assert response.status_code == 302, response.content[:2000]
    assert old in purged(endpoint)


def test_deleting_a_section_purges_its_pages_and_feeds(endpoint, admin_client, commit):
    section = SectionFactory()
    response = commit(
        admin_client.post,
        reverse("admin:articles_section_delete", args=[section.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    assert not Section.objects.filter(pk=section.pk).exists()
    found = purged(endpoint)
    assert {in_language(code, section) for code in ("en", "pt", "de")} <= found
    assert any(url.startswith(in_language("en", section)) and "rss" in url for url in found)


def test_renaming_a_section_slug_purges_the_old_address(endpoint, commit):
    section = SectionFactory()
    old = in_language("en", section)

    def rename():
        section.slug_en = "elsewhere"
        section.save()

    commit(rename)
    assert old in purged(endpoint)


def test_deleting_or_renaming_a_tag_purges_its_pages(endpoint, admin_client, commit):
    article = ArticleFactory(languages=("en",))
    renamed, deleted = TagFactory(), TagFactory()
    article.tags.add(renamed, deleted)
    old = in_language("en", renamed)

    def rename():
        renamed.slug_en = "new-tag-slug"
        renamed.save()

    commit(rename)
    assert old in purged(endpoint)
    gone = in_language("en", deleted)
    response = commit(
        admin_client.post,
        reverse("admin:articles_tag_delete", args=[deleted.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 302
    assert not Tag.objects.filter(pk=deleted.pk).exists()
    assert gone in purged(endpoint)


def test_taking_a_tag_or_author_off_an_article_purges_their_pages(endpoint, commit):
    article = ArticleFactory(languages=("en",))
    tag, author = TagFactory(), AuthorFactory()
    article.tags.add(tag)
    article.authors.add(author)
    commit(article.tags.remove, tag)
    commit(article.authors.clear)
    assert {in_language("en", tag), in_language("en", author)} <= purged(endpoint)


def test_an_author_slug_change_purges_the_old_author_page(endpoint, commit):
    author = AuthorFactory()
    old = in_language("en", author)

    def rename():
        author.slug = "someone-else"
        author.save()

    commit(rename)
    assert old in purged(endpoint)
