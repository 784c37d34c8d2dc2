"""The article page's query (articles/selectors/page_query.py) finds what the ORM's
`for_page` finds, with the same section, photo, renditions and lists, at each
moment, in one query; its parts made once per process give what parts made
afresh give."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.domain.availability import available_languages
from articles.domain.languages import value_in
from articles.models import Article
from articles.photos.pictures import picture_for
from articles.querysets import page_columns
from articles.selectors.page_query import (
    cached_page_base,
    page_annotations,
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


def executed(queryset) -> tuple[list[tuple[str, tuple]], dict]:
    """The statements `queryset.get()` runs, with their parameters, and what it loads."""
    with CaptureQueriesContext(connection) as captured:
        found = loaded(queryset.get())
    return [(query["sql"], query.get("params")) for query in captured.captured_queries], found


@pytest.mark.parametrize("language", ["fi", "zh-hans", "en"])
def test_the_base_kept_per_process_runs_exactly_what_the_orm_builds_afresh(language):
    """The kept base's annotations are compiled once (`CompiledOnce`): the SQL and
    parameters of later requests, at other times and slugs, are still the ORM's own."""
    photo = PhotoFactory(captions=("en", "fi", "zh-hans"))
    articles = [ArticleFactory(languages=("en", "fi", "zh-hans"), photo=photo) for _ in range(2)]
    for article in articles:
        article.authors.add(AuthorFactory(), AuthorFactory())
        article.tags.add(TagFactory())
        article.corrections.create(language=language, note="Fixed")
    the_orm = (
        Article.objects.select_related("section", "photo")
        .only(*page_columns(language))
        .annotate(**page_annotations(language))
        .order_by()
    )
    for article in (*articles, articles[0]):  # the kept base used before, then reused
        slug = value_in(article, "slug", language)
        now = timezone.now()
        once = executed(page_queryset(cached_page_base(language), language, slug, now))
        afresh = executed(page_queryset(the_orm, language, slug, now))
        assert once == afresh
        assert once[1]["id"] == article.pk
        assert executed(page_queryset(page_base(language), language, slug, now)) == afresh


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
