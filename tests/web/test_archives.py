"""Tag, author and date-archive pages: per language, paginated, few queries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup

from articles.domain.languages import LANGUAGE_CODES
from articles.models import Author
from tests.support.factories import ArticleFactory, AuthorFactory, PhotoFactory, TagFactory

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def teaser_titles(response) -> list[str]:
    return [h2.get_text(strip=True) for h2 in soup(response).select("article.teaser h2")]


def switcher(response) -> list[str]:
    return [a["hreflang"] for a in soup(response).select("nav.language-switcher a")]


# --- Tags ------------------------------------------------------------------------


def test_tag_page_lists_tagged_articles_in_that_language(client):
    tag = TagFactory(languages=("pt", "en"))
    tagged = ArticleFactory(languages=("pt", "en"))
    tagged.tags.add(tag)
    english_only = ArticleFactory(languages=("en",))
    english_only.tags.add(tag)
    untagged = ArticleFactory(languages=("pt",))
    response = client.get(f"/pt/tags/{tag.slug_pt}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == tag.name_pt
    assert teaser_titles(response) == [tagged.title_pt]
    assert untagged.title_pt not in response.content.decode()
    assert switcher(response) == ["en", "pt"]
    assert teaser_titles(client.get(f"/en/tags/{tag.slug_en}/")) == [
        english_only.title_en,
        tagged.title_en,
    ]


def test_tag_without_a_name_in_the_language_is_404_there(client):
    tag = TagFactory(languages=("pt",))
    assert client.get(f"/en/tags/{tag.slug_pt}/").status_code == 404
    assert client.get("/pt/tags/no-such-tag/").status_code == 404


def test_article_page_links_its_tags_named_in_that_language(client):
    named = TagFactory(languages=("pt", "en"))
    portuguese_only = TagFactory(languages=("pt",))
    article = ArticleFactory(languages=("pt", "en"))
    article.tags.add(named, portuguese_only)
    links = soup(client.get(article.get_absolute_url("en"))).select("nav.tags a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        (named.name_en, f"/en/tags/{named.slug_en}/")
    ]
    assert len(soup(client.get(article.get_absolute_url("pt"))).select("nav.tags a")) == 2


# --- Authors -----------------------------------------------------------------------


def test_author_page_lists_their_articles_in_that_language(client):
    author = AuthorFactory(name="Marta Quental")
    assert author.slug == "marta-quental"
    mine = ArticleFactory(languages=("pt", "en"))
    mine.authors.add(author)
    theirs = ArticleFactory(languages=("pt",))
    draft = ArticleFactory(languages=("fr",), is_published=False)
    draft.authors.add(author)
    response = client.get("/pt/authors/marta-quental/")
    assert response.status_code == 200
    assert soup(response).h1.get_text() == "Marta Quental"
    assert teaser_titles(response) == [mine.title_pt]
    assert theirs.title_pt not in response.content.decode()
    assert switcher(response) == ["en", "pt"]
    # Nothing public in French: no French author page, and no link to one.
    assert client.get("/fr/authors/marta-quental/").status_code == 404
    assert client.get("/pt/authors/nobody/").status_code == 404


def test_byline_links_to_the_author_page(client):
    article = ArticleFactory(languages=("de",))
    article.authors.add(AuthorFactory(name="Jürgen Groß"))
    link = soup(client.get(article.get_absolute_url("de"))).select_one(".byline a")
    assert link["href"] == "/de/authors/jurgen-gross/"
    assert client.get(link["href"]).status_code == 200


def test_authors_with_the_same_name_get_different_slugs():
    first, second = AuthorFactory(name="Ana Lima"), AuthorFactory(name="Ana Lima")
    assert (first.slug, second.slug) == ("ana-lima", "ana-lima-2")
    assert Author.objects.get(pk=first.pk).slug == "ana-lima"


# --- Date archives -------------------------------------------------------------------


def at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def dated():
    """Articles either side of month and year boundaries, in pt (and one in en)."""
    return {
        "dec": ArticleFactory(languages=("pt",), published_at=at(2025, 12, 31, 23, 59)),
        "jan1": ArticleFactory(languages=("pt", "en"), published_at=at(2026, 1, 1, 0, 0)),
        "jan31": ArticleFactory(languages=("pt",), published_at=at(2026, 1, 31, 12, 0)),
        "feb": ArticleFactory(languages=("pt",), published_at=at(2026, 2, 1, 0, 1)),
    }


def test_archive_index_lists_months_with_articles_in_that_language(client, dated):
    page = soup(client.get("/pt/archive/"))
    assert [h2.get_text() for h2 in page.select(".archive-year h2")] == ["2026", "2025"]
    months = [a["href"] for a in page.select(".archive-months a")]
    assert months == ["/pt/archive/2026/02/", "/pt/archive/2026/01/", "/pt/archive/2025/12/"]
    assert "(2)" in page.select(".archive-months li")[1].get_text()
    english = soup(client.get("/en/archive/"))
    assert [a["href"] for a in english.select(".archive-months a")] == ["/en/archive/2026/01/"]


def test_month_year_and_day_pages_respect_the_boundaries(client, dated):
    january = client.get("/pt/archive/2026/01/")
    assert teaser_titles(january) == [dated["jan31"].title_pt, dated["jan1"].title_pt]
    assert "janeiro de 2026" in soup(january).h1.get_text().lower()
    assert switcher(january) == ["en", "pt"]
    assert len(teaser_titles(client.get("/pt/archive/2026/"))) == 3
    assert teaser_titles(client.get("/pt/archive/2025/12/31/")) == [dated["dec"].title_pt]
    assert teaser_titles(client.get("/en/archive/2026/")) == [dated["jan1"].title_en]


def test_article_date_links_to_its_day(client, dated):
    article = dated["jan31"]
    link = soup(client.get(article.get_absolute_url("pt"))).select_one(".meta time").parent
    assert link["href"] == "/pt/archive/2026/01/31/"


@pytest.mark.parametrize(
    "path",
    [
        "/pt/archive/2026/13/",
        "/pt/archive/2026/00/",
        "/pt/archive/2026/02/30/",
        "/pt/archive/0000/",
        "/pt/archive/9999/12/31/",
        "/pt/archive/20260/",
        "/pt/archive/2026/1/",
        "/pt/archive/2024/",  # no articles then
        "/fr/archive/2026/01/",  # none in French
        "/pt/archive/abcd/",
    ],
)
def test_impossible_or_empty_periods_are_404(client, dated, path):
    assert client.get(path).status_code == 404


# --- Pagination and query budgets ----------------------------------------------------------


def test_archive_pages_paginate(client):
    tag = TagFactory()
    author = AuthorFactory()
    for day in range(1, 26):
        article = ArticleFactory(languages=("en",), published_at=at(2026, 3, day, 9, 0))
        article.tags.add(tag)
        article.authors.add(author)
    for url in (f"/en/tags/{tag.slug_en}/", f"/en/authors/{author.slug}/", "/en/archive/2026/03/"):
        first = client.get(url)
        assert len(teaser_titles(first)) == 20, url
        assert soup(first).select_one(".pagination a[rel=next]")["href"] == "?page=2"
        assert len(teaser_titles(client.get(url, {"page": 2}))) == 5, url
        assert client.get(url, {"page": "zzz"})["Location"] == url  # page 1


@pytest.mark.parametrize("languages", [("en",), LANGUAGE_CODES])
def test_list_pages_query_count_is_small_and_flat(client, django_assert_max_num_queries, languages):
    tag = TagFactory()
    author = AuthorFactory()
    for day in range(1, 13):
        article = ArticleFactory(
            languages=languages,
            published_at=at(2026, 3, day, 9, 0),
            photo=PhotoFactory(captions=languages),
        )
        article.tags.add(tag)
        article.authors.add(author)
    for url in (
        f"/en/tags/{tag.slug_en}/",
        f"/en/authors/{author.slug}/",
        "/en/archive/",
        "/en/archive/2026/",
        "/en/archive/2026/03/",
        "/en/archive/2026/03/05/",
    ):
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200, url
