"""The one rule of what readers see, per language version, in SQL and Python alike."""

from datetime import timedelta
from itertools import product

import pytest
from django.utils import timezone

from articles.domain.availability import is_public
from articles.domain.languages import column_name, value_in
from articles.domain.status import Status
from articles.models import Article
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_each_language_version_has_its_own_state(client):
    article = ArticleFactory(languages=("pt", "en"))
    article.status_en = Status.REVIEW
    article.save()
    assert article.languages == ["pt"]
    assert client.get(article.get_absolute_url("pt")).status_code == 200
    assert client.get(f"/en/articles/{article.slug_en}/").status_code == 404
    page = client.get(article.get_absolute_url("pt")).content.decode()
    assert 'hreflang="en"' not in page


def test_a_scheduled_version_goes_live_at_its_own_time(client):
    article = ArticleFactory(languages=("pt", "en"))
    article.published_at_en = timezone.now() + timedelta(hours=2)
    article.save()
    assert article.languages == ["pt"]
    assert client.get(f"/en/articles/{article.slug_en}/").status_code == 404
    later = timezone.now() + timedelta(hours=3)
    assert is_public(article, "en", now=later)
    assert not Article.objects.public_in("en").filter(pk=article.pk).exists()


def test_the_embargo_holds_back_every_language(client):
    article = ArticleFactory(languages=("pt", "en", "la"))
    article.embargo_until = timezone.now() + timedelta(hours=1)
    article.save()
    assert article.languages == []
    for code in ("pt", "en", "la"):
        assert (
            client.get(f"/{code}/articles/{getattr(article, f'slug_{code}')}/").status_code == 404
        )
        assert value_in(article, "title", code) not in client.get(f"/{code}/").content.decode()


def test_unpublished_versions_disappear(client):
    article = ArticleFactory(languages=("fi",))
    article.status_fi = Status.UNPUBLISHED
    article.save()
    assert client.get(f"/fi/articles/{article.slug_fi}/").status_code == 404


def test_publishing_without_a_time_means_now():
    article = ArticleFactory(languages=("de",), is_published=False)
    article.status_de = Status.PUBLISHED
    article.full_clean()
    article.save()
    assert article.published_at_de is not None
    assert article.languages == ["de"]


NOW = timezone.now()
STATES = list(Status)
TIMES = [None, NOW - timedelta(minutes=1), NOW + timedelta(minutes=1)]
EMBARGOES = [None, NOW - timedelta(minutes=1), NOW + timedelta(minutes=1)]


def test_sql_and_python_forms_of_the_rule_agree():
    """Every combination of state, time, embargo and missing text, both ways."""
    articles = []
    for status, when, embargo, missing in product(STATES, TIMES, EMBARGOES, ["", "body"]):
        article = ArticleFactory(languages=("it",))
        article.status_it = status
        article.published_at_it = when
        article.embargo_until = embargo
        if missing:
            setattr(article, column_name(missing, "it"), "")
        article.save()
        articles.append(article)
    in_sql = set(Article.objects.public_in("it").values_list("pk", flat=True))
    in_python = {a.pk for a in articles if is_public(a, "it")}
    assert in_sql == in_python
    assert 0 < len(in_sql) < len(articles)
