"""The article page's query (articles/selectors/page_query.py) finds what the ORM's
`for_page` finds, with the same section, photo, renditions and lists, at each
moment, in one query; its parts made once per process give what parts made
afresh give."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.domain.availability import available_languages
from articles.models import Article
from articles.photos.pictures import picture_for
from articles.selectors.page_query import (
    cached_page_base,
    page_article,
    page_base,
    page_queryset,
)
from articles.selectors.page_rows import article_page
from tests.support.factories import ArticleFactory, AuthorFactory, PhotoFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_finds_the_public_version_with_everything_its_page_shows():
    photo = PhotoFactory(captions=("en", "fi"))
    article = ArticleFactory(languages=("en", "fi"), photo=photo)
    article.authors.add(AuthorFactory())
    article.tags.add(TagFactory())
    article.corrections.create(language="fi", note="Korjaus")

    page = page_article("fi", article.slug_fi)
    found = page.article
    expected_page = article_page(Article.objects.for_page("fi").get(pk=article.pk))
    expected = expected_page.article

    assert found.pk == article.pk
    assert (found.title_fi, found.body_fi, found.published_at_fi) == (
        expected.title_fi,
        expected.body_fi,
        expected.published_at_fi,
    )
    assert available_languages(found, texts=page.texts) == ["en", "fi"]
    assert page.texts == expected_page.texts
    assert (found.section.pk, found.section.name_fi) == (
        article.section.pk,
        article.section.name_fi,
    )
    assert (found.photo.pk, found.photo.caption_fi, found.photo.credit) == (
        photo.pk,
        photo.caption_fi,
        photo.credit,
    )
    assert picture_for(found.photo, "lead") == picture_for(expected.photo, "lead")
    assert [a.pk for a in page.authors] == [a.pk for a in expected_page.authors]
    assert [t.pk for t in page.tags] == [t.pk for t in expected_page.tags]
    assert [c.note for c in page.corrections] == ["Korjaus"]


def test_each_request_uses_its_own_time_and_slug():
    later = ArticleFactory(languages=("en",), published_at=timezone.now() + timedelta(minutes=5))
    now = ArticleFactory(languages=("en",))
    assert page_article("en", later.slug_en) is None  # compiled once, not yet public
    assert page_article("en", now.slug_en).article.pk == now.pk
    assert page_article("en", "no-such-slug") is None
    assert page_article("fi", now.slug_en) is None
    Article.objects.filter(pk=later.pk).update(published_at_en=timezone.now())
    assert page_article("en", later.slug_en).article.pk == later.pk


def test_an_article_without_a_photo_or_with_expired_rights():
    bare = ArticleFactory(languages=("en",))
    assert page_article("en", bare.slug_en).article.photo is None
    photo = PhotoFactory(rights_expire_at=timezone.now() - timedelta(days=1))
    expired = ArticleFactory(languages=("en",), photo=photo)
    found = page_article("en", expired.slug_en).article
    assert found.photo.rights_expire_at == photo.rights_expire_at
    assert picture_for(found.photo, "lead") is None


def test_a_language_without_its_text_is_not_offered_and_other_texts_are_not_read(client):
    article = ArticleFactory(languages=("en", "fi", "de"))
    Article.objects.filter(pk=article.pk).update(body_de="")

    page = page_article("en", article.slug_en)
    found = page.article

    assert available_languages(found, texts=page.texts) == ["en", "fi"]
    # Whether the other languages have their texts comes as a flag, not as their bodies.
    assert {"body_fi", "body_de", "title_fi"} <= found.get_deferred_fields()
    page = client.get(article.get_absolute_url("en")).content.decode()
    assert article.get_absolute_url("fi") in page
    assert article.get_absolute_url("de") not in page


def loaded(article) -> dict:
    """What an instance holds: its loaded fields, annotations and joined rows."""
    found = {name: value for name, value in vars(article).items() if name != "_state"}
    for name in ("section", "photo"):
        related = getattr(article, name)
        found[name] = related and {k: v for k, v in vars(related).items() if k != "_state"}
    return found


@pytest.mark.parametrize("language", ["fi", "zh-hans", "en"])
def test_the_base_kept_per_process_gives_exactly_what_one_built_afresh_gives(language):
    photo = PhotoFactory(captions=("en", "fi", "zh-hans"))
    article = ArticleFactory(languages=("en", "fi", "zh-hans"), photo=photo)
    article.authors.add(AuthorFactory(), AuthorFactory())
    article.tags.add(TagFactory())
    article.corrections.create(language=language, note="Fixed")
    slug = getattr(article, "slug_" + language.replace("-", "_"))
    page_article(language, slug)  # the kept base, used before
    now = timezone.now()
    once = page_queryset(cached_page_base(language), language, slug, now)
    afresh = page_queryset(page_base(language), language, slug, now)
    assert str(once.query) == str(afresh.query)
    assert loaded(once.get()) == loaded(afresh.get())


def test_the_page_costs_one_query(django_assert_num_queries):
    photo = PhotoFactory(captions=("en",))
    article = ArticleFactory(languages=("en", "de"), photo=photo)
    article.authors.add(AuthorFactory())
    article.tags.add(TagFactory())
    article.corrections.create(language="en", note="Fixed")
    with django_assert_num_queries(1):
        page = page_article("en", article.slug_en)
        assert page.article.photo.credit == photo.credit
        assert page.article.section.name_en == article.section.name_en
        assert len(page.authors) == len(page.tags) == len(page.corrections) == 1
        assert page.lead_renditions is not None
