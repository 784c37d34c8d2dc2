"""The desk sees at a glance what is missing, scheduled, outdated or machine-made."""

from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.domain.status import Origin, Status
from articles.models import Article
from articles.selectors.translation_status import status_flags, status_rows
from articles.services.articles import article_save
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    """pt original; en translated then outdated; ja machine; de scheduled; fr draft."""
    article = ArticleFactory(languages=("pt", "en", "ja", "de"), source_language="pt")
    article.origin_en, article.translated_from_en = Origin.HUMAN, "pt"
    article.origin_ja, article.translated_from_ja = Origin.MACHINE, "pt"
    article.status_de = Status.SCHEDULED
    article.published_at_de = timezone.now() + timedelta(days=1)
    article.title_fr, article.body_fr = "Brouillon", "<p>x</p>"
    article.full_clean()
    article_save(article=article)
    article = Article.objects.get(pk=article.pk)
    article.body_pt = "<p>Texto revisto</p>"
    article_save(article=article)
    return article


def board(client, **params):
    response = client.get(reverse("admin:article_translation_status"), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def cells(page, article):
    row = page.find("a", href=reverse("admin:articles_article_change", args=[article.pk]))
    return [td.get_text() for td in row.find_parent("tr").find_all("td")]


def test_board_shows_every_state(admin_client, desk):
    row = dict(
        zip(
            [
                "zh-hans",
                "ru",
                "en",
                "fr",
                "id",
                "sa",
                "ja",
                "de",
                "pt",
                "el",
                "es",
                "it",
                "fi",
                "la",
            ],
            cells(board(admin_client), desk),
            strict=True,
        )
    )
    assert row["pt"] == "P"
    assert row["en"] == "P!"  # published but outdated
    assert row["ja"] == "P!m"  # a machine translation, outdated too
    assert row["de"] == "s"
    assert row["fr"] == "d"
    assert row["la"] == "·"


@pytest.mark.parametrize(
    "state,expected",
    [("missing", False), ("scheduled", True), ("machine", True), ("published", False)],
)
def test_board_filters_by_language_and_state(admin_client, desk, state, expected):
    language = {"missing": "de", "scheduled": "de", "machine": "ja", "published": "fr"}[state]
    page = board(admin_client, language=language, state=state)
    found = page.find("a", href=reverse("admin:articles_article_change", args=[desk.pk]))
    assert (found is not None) is expected


def test_board_outdated_filter(admin_client, desk):
    other = ArticleFactory(languages=("pt",))
    page = board(admin_client, state="outdated")
    assert page.find("a", href=reverse("admin:articles_article_change", args=[desk.pk]))
    assert not page.find("a", href=reverse("admin:articles_article_change", args=[other.pk]))


def test_board_query_count_does_not_grow(admin_client, desk):
    def count():
        with CaptureQueriesContext(connection) as queries:
            board(admin_client)
        return len(queries)

    few = count()
    for _ in range(10):
        ArticleFactory(languages=("pt", "en", "fr"))
    assert count() == few


def test_command_prints_the_board(desk):
    out = StringIO()
    call_command("translation_status", stdout=out)
    text = out.getvalue()
    assert "P!" in text and "P!m" in text
    assert "outdated" in text.splitlines()[-1]


def test_command_outdated_and_language(desk):
    fresh = ArticleFactory(languages=("pt",))
    out = StringIO()
    call_command("translation_status", "--outdated", "--language", "en", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:2] == ["article", "en"]
    assert any(line.startswith(str(desk.pk)) and "P!" in line for line in lines)
    assert not any(line.startswith(f"{fresh.pk} ") for line in lines)


def test_command_refuses_an_unknown_language():
    with pytest.raises(CommandError, match="Unknown language 'sv'"):
        call_command("translation_status", "--language", "sv", stdout=StringIO())


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def test_board_query_count_does_not_grow_with_languages_or_filters(admin_client, desk):
    few = queries_of(lambda: board(admin_client))
    ArticleFactory(languages=LANGUAGE_CODES)  # every language written
    assert queries_of(lambda: board(admin_client)) == few
    assert queries_of(lambda: board(admin_client, language="en")) == few
    assert queries_of(lambda: board(admin_client, language="ja", state="machine")) == few
    assert queries_of(lambda: board(admin_client, state="outdated")) == few


def test_command_reads_one_query_however_many_articles_and_languages(desk):
    def count(*args):
        return queries_of(lambda: call_command("translation_status", *args, stdout=StringIO()))

    assert count() == 1
    ArticleFactory.create_batch(5, languages=("pt", "en", "fr"))
    ArticleFactory(languages=LANGUAGE_CODES)
    assert count() == 1
    assert count("--language", "en") == 1
    assert count("--outdated") == 1


def test_status_rows_never_load_a_text(desk):
    """The cells come from small columns and the text flags: no body or summary is read."""
    (article,) = status_flags(Article.objects.filter(pk=desk.pk))
    texts = {column_name(f, code) for f in ("body", "summary", "slug") for code in LANGUAGE_CODES}
    assert not texts & set(vars(article))
    with CaptureQueriesContext(connection) as queries:
        (row,) = status_rows([article])
    assert len(queries) == 0
    assert row.article.pk == desk.pk
    assert [c.letters for c in row.cells if c.state != "missing"] == ["P!", "d", "P!m", "s", "P"]
