"""The article page's lists read as JSON inside the article's query
(articles/selectors/page_rows.py) equal what the relations give, on SQLite and PostgreSQL alike."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Tag
from articles.selectors.page_rows import article_page, related_page
from tests.support.factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_authors_tags_and_corrections_match_the_relations():
    article = ArticleFactory(languages=("en", "fi"))
    article.authors.add(AuthorFactory(name='Zoë "Z" <Ames>'), AuthorFactory(name="Bo, & Co"))
    article.tags.add(TagFactory(), TagFactory(languages=("fi",)), TagFactory())
    earlier = timezone.now() - timedelta(days=2)
    second = article.corrections.create(language="en", note="Second \u2028 fix")
    first = article.corrections.create(language="en", note="First fix", created_at=earlier)
    article.corrections.create(language="fi", note="Korjaus")

    loaded = article_page(Article.objects.for_page("en").get(pk=article.pk))

    assert [a.name for a in loaded.authors] == ["Bo, & Co", 'Zoë "Z" <Ames>']
    named_in_en = article.tags.filter(pk__in=Tag.objects.named_in("en")).order_by("id")
    assert len(named_in_en) == 2
    assert [(t.pk, t.name_en, t.slug_en) for t in loaded.tags] == [
        (t.pk, t.name_en, t.slug_en) for t in named_in_en
    ]
    assert [(c.pk, c.note, c.created_at) for c in loaded.corrections] == [
        (first.pk, first.note, first.created_at),
        (second.pk, second.note, second.created_at),
    ]


def test_an_article_without_any_has_empty_lists():
    loaded = article_page(Article.objects.for_page("en").get(pk=ArticleFactory().pk))
    assert (loaded.authors, loaded.tags, loaded.corrections) == ([], [], [])


def test_an_article_loaded_otherwise_reads_them_from_the_relations(django_assert_num_queries):
    article = ArticleFactory(languages=("en",))
    article.authors.add(AuthorFactory())
    article.corrections.create(language="en", note="Fix")
    plain = Article.objects.get(pk=article.pk)
    with django_assert_num_queries(3):
        page = related_page(plain, "en")
        assert len(page.authors) == 1
        assert page.tags == []
        assert [c.note for c in page.corrections] == ["Fix"]
