"""Changed slugs: the old address answers 301 to the new one, in its language only."""

from __future__ import annotations

import pytest

from articles.models import RetiredSlug
from articles.services.articles import article_save
from articles.services.taxonomy import section_save, tag_save
from tests.support.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_changed_article_slug_redirects_in_that_language(client):
    article = ArticleFactory(languages=("pt", "en"))
    old_pt, old_en = article.slug_pt, article.slug_en
    article.slug_pt = "ponte-nova"
    article_save(article=article)

    response = client.get(f"/pt/articles/{old_pt}/")
    assert response.status_code == 301
    assert response["Location"] == "/pt/articles/ponte-nova/"
    assert client.get(f"/en/articles/{old_en}/").status_code == 200  # unchanged
    assert client.get(f"/en/articles/{old_pt}/").status_code == 404  # another language's


def test_every_earlier_slug_redirects_to_the_latest(client):
    article = ArticleFactory(languages=("en",))
    first = article.slug_en
    for slug in ("second", "third"):
        article.slug_en = slug
        article_save(article=article)
    for old in (first, "second"):
        response = client.get(f"/en/articles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/en/articles/third/")


def test_a_live_slug_wins_over_a_retired_one(client):
    first = ArticleFactory(languages=("en",))
    old = first.slug_en
    first.slug_en = "renamed"
    article_save(article=first)
    second = ArticleFactory(languages=("en",))
    second.slug_en = old
    article_save(article=second)
    assert client.get(f"/en/articles/{old}/").status_code == 200
    assert second.title_en in client.get(f"/en/articles/{old}/").content.decode()


def test_taking_a_slug_back_removes_its_redirect():
    article = ArticleFactory(languages=("en",))
    original = article.slug_en
    article.slug_en = "detour"
    article_save(article=article)
    article.slug_en = original
    article_save(article=article)
    assert list(RetiredSlug.objects.values_list("slug", flat=True)) == ["detour"]


def test_old_slug_of_an_article_no_longer_public_is_404(client):
    article = ArticleFactory(languages=("en",))
    old = article.slug_en
    article.slug_en = "withdrawn"
    article.status_en = "unpublished"
    article_save(article=article)
    assert client.get(f"/en/articles/{old}/").status_code == 404


def test_saving_without_slug_changes_records_nothing():
    article = ArticleFactory(languages=("en", "pt"))
    article.title_en = "New headline"
    article_save(article=article)
    article_save(article=article)
    assert not RetiredSlug.objects.exists()


def test_section_and_tag_slugs_redirect_with_the_page_number(client):
    section = SectionFactory()
    tag = TagFactory()
    old_section, old_tag = section.slug_fr, tag.slug_fr
    section.slug_fr = "monde"
    section_save(section=section)
    tag.slug_fr = "ponts"
    tag_save(tag=tag)

    response = client.get(f"/fr/sections/{old_section}/", {"page": "2"})
    assert (response.status_code, response["Location"]) == (301, "/fr/sections/monde/?page=2")
    response = client.get(f"/fr/tags/{old_tag}/")
    assert (response.status_code, response["Location"]) == (301, "/fr/tags/ponts/")
    assert client.get(f"/de/sections/{old_section}/").status_code == 404


def test_a_plain_save_is_no_workflow_and_records_no_redirect():
    """Retired slugs are the services' work: a shell's `save()` stores the row only."""
    article = ArticleFactory(languages=("en",))
    article.slug_en = "quiet-rename"
    article.save()
    assert not RetiredSlug.objects.exists()
