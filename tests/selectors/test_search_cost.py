"""The cost of a search is bounded: a query no index can narrow is not run (the page asks
for a longer one), and what reaches PostgreSQL is narrowed by an index or folded away
when planning (articles/selectors/search.py). On SQLite, which has no index, by behaviour: the
same queries ask for more and run no search."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.domain.languages import value_in
from articles.models import Article
from articles.selectors.search import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    planned_with_indexes,
    search_articles,
)
from tests.selectors.test_search import with_texts
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL query plans: run with DATABASE_URL=postgres://…",
)
# SQL that would read the articles' text to match a query.
SEARCH_SQL = ("newsroom_fold", "@@", "to_tsvector", "LIKE")


def search(client, code: str, query: str):
    """(response, the SQL statements that searched articles' text)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/{code}/search/", {"q": query})
    searched = [
        q["sql"]
        for q in captured
        if "articles_article" in q["sql"] and any(mark in q["sql"] for mark in SEARCH_SQL)
    ]
    return response, searched


def asks_for_more(response) -> bool:
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return page.select_one(".search-too-broad") is not None


@pytest.fixture
def articles():
    article = ArticleFactory(languages=("en", "zh-hans", "ja", "la", "sa"))
    return with_texts(
        article,
        {
            "en": ("New bridge opens over the river", "x"),
            "zh-hans": ("河港的新桥今天开通", "x"),
            "ja": ("川港に新しい橋が開通した", "x"),
            "la": ("Pons novus super flumen aperitur", "x"),
            "sa": ("नदीतटे नूतनः सेतुः उद्घाटितः", "x"),
        },
    )


@pytest.mark.parametrize(
    "code,query",
    [
        ("zh-hans", "桥"),  # one character: no bigram
        ("zh-hans", "桥 河"),  # two one-character terms: still none
        ("ja", "橋"),
        ("la", "p"),  # a one-letter prefix would match nearly every row
        ("sa", "स"),
        ("en", "x"),
        ("en", "?!… — ((("),  # punctuation only
    ],
)
def test_a_query_no_index_can_narrow_asks_for_more_and_searches_nothing(
    client, articles, code, query
):
    response, searched = search(client, code, query)
    assert asks_for_more(response)
    assert searched == []


@on_postgresql
@pytest.mark.parametrize(
    "code,query",
    [
        ("en", "the"),  # only stop words
        ("en", "the of and"),
        ("ru", "и не"),
        ("en", "-island"),  # only an excluded word: every other row qualifies
        ("en", "the or -bridge"),
    ],
)
def test_postgresql_stop_words_and_exclusions_alone_ask_for_more(client, articles, code, query):
    """The search is sent, but PostgreSQL folds it away: its plan reads no row."""
    response, searched = search(client, code, query)
    assert asks_for_more(response)
    with connection.cursor() as cursor:
        for sql in searched:
            cursor.execute(f"EXPLAIN {sql}")
            text = "\n".join(row[0] for row in cursor.fetchall())
            assert "One-Time Filter: false" in text and "Scan" not in text, text


@pytest.mark.parametrize(
    "code,query,title",
    [
        ("en", "bridge", "New bridge opens over the river"),
        ("zh-hans", "新桥", "河港的新桥今天开通"),
        ("ja", "橋 開通", "川港に新しい橋が開通した"),  # a one-character term beside a longer one
        ("la", "pons", "Pons novus super flumen aperitur"),
        ("sa", "सेतुः", "नदीतटे नूतनः सेतुः उद्घाटितः"),
    ],
)
def test_queries_an_index_can_narrow_still_find(client, articles, code, query, title):
    response, _ = search(client, code, query)
    assert not asks_for_more(response)
    assert title in response.text


def test_a_very_long_query_is_cut(client, articles):
    response, _ = search(client, "en", "open " * 2000)  # cut after a whole word
    assert response.status_code == 200 and "New bridge opens" in response.text
    heading = BeautifulSoup(response.content, "html.parser").h1.get_text()
    assert len(heading) < MAX_QUERY_LENGTH + 30


@pytest.mark.parametrize(
    "query,cut",
    [
        ("bridge", False),
        ("x" * 10_000, True),  # ten thousand characters
        (" ".join(f"w{n}" for n in range(MAX_TERMS)) + " bridge", True),  # one term too many
        (" ".join(f"w{n}" for n in range(MAX_TERMS)), False),
        ("bridge " * 20, False),  # the same word again adds no term, and fits
    ],
)
def test_a_query_beyond_the_limits_is_cut_and_the_page_says_so(client, articles, query, cut):
    response, _ = search(client, "en", query)
    page = BeautifulSoup(response.content, "html.parser")
    assert (page.select_one(".search-cut") is not None) == cut


# --- PostgreSQL: what the planner makes of it ----------------------------------------


def plan(queryset, **options) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain(**options)


@on_postgresql
@pytest.mark.parametrize(
    "code,query",
    [("en", "the"), ("en", "-island"), ("ru", "и не")],
)
def test_postgresql_folds_an_unindexable_query_away_when_planning(code, query):
    """Past the Python check, the SQL's own guard makes the plan scan nothing."""
    text = plan(search_articles(Article.objects.all(), code, query))
    assert "One-Time Filter: false" in text
    assert "Scan" not in text


def index_rows(plan_json: str, index: str) -> int:
    """Rows the named index returned, from EXPLAIN (ANALYZE, FORMAT JSON)."""
    nodes = [json.loads(plan_json)[0]["Plan"]]
    rows = []
    while nodes:
        node = nodes.pop()
        if node.get("Index Name") == index:
            rows.append(node["Actual Rows"])
        nodes += node.get("Plans", [])
    assert rows, f"{index} is not in the plan"
    return max(rows)


@on_postgresql
@pytest.mark.parametrize(
    "code,crowd,one,short,longer",
    [
        ("la", "ager agri agnus agmen", "pons ag", "ag", "agr"),
        ("sa", "सेतुः सेना सेवा", "नदी से", "से", "सेतु"),
    ],
)
def test_postgresql_short_prefixes_are_whole_words(code, crowd, one, short, longer):
    """Two letters match the word itself, not every word they begin (which a longer
    prefix, rightly, does). Index rows include the rows' earlier versions."""
    for _ in range(30):
        with_texts(ArticleFactory(languages=(code,)), {code: (crowd, crowd)})
    with_texts(ArticleFactory(languages=(code,)), {code: (one, one)})
    index = f"article_search_{code}"

    def rows(query: str) -> int:
        found = search_articles(Article.objects.all(), code, query)
        return index_rows(plan(found, analyze=True, format="json"), index)

    assert rows(short) <= 2
    assert rows(longer) >= 30


# A word few rows hold, per kind of index: stemmed, accent-folded, prefix, bigrams.
FEW_ROWS = {
    "en": ("Zeppelin lands at the harbour", "zeppelin"),
    "de": ("Die Brücke über den Fluss", "brucke"),
    "la": ("Pons novus super flumen", "pons"),
    "zh-hans": ("河港的新桥今天开通", "新桥"),
}


@on_postgresql
def test_postgresql_planner_chooses_the_index_among_many_rows():
    """Sequential scans allowed: with 100 articles and fresh statistics the planner itself
    reads the language's index for a word few rows hold. (On a nearly empty table it
    rightly reads the table instead; the tests above turn sequential scans off to ask
    only whether the index can serve the query's expression.)"""
    for _ in range(100):
        ArticleFactory(languages=tuple(FEW_ROWS))
    with_texts(
        ArticleFactory(languages=tuple(FEW_ROWS)),
        {code: (title, title) for code, (title, _) in FEW_ROWS.items()},
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    for code, (title, query) in FEW_ROWS.items():
        found = search_articles(Article.objects.public_in(code), code, query)
        if code not in ("zh-hans", "ja"):
            # The bigram indexes' statistics leave the planner's choice to chance at
            # 100 rows; the search page turns sequential scans off for them (above).
            text = found.explain()
            assert "Bitmap Index Scan on article_search_" in text, text
            assert "Seq Scan on articles_article" not in text, text
        assert [value_in(article, "title", code) for article in found] == [title]


@on_postgresql
@pytest.mark.parametrize(
    "code,text,query,column",
    [
        ("en", "The bridge opens", "bridge", "search_document_en"),
        ("la", "Pons novus aperitur", "pons", "search_document_la"),
        ("zh-hans", "河港的新桥今天开通", "新桥", "search_bigrams_zh_hans"),
    ],
)
def test_postgresql_a_word_every_article_holds_parses_no_text(code, text, query, column):
    """With fresh statistics that say every row matches, the planner may read the rows
    through the search index or through another; either way a row is tested against
    its stored document or bigrams (migrations 0019, 0020), never by parsing its texts."""
    for _ in range(60):
        with_texts(ArticleFactory(languages=(code,)), {code: (text, text)})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    found = search_articles(Article.objects.public_in(code), code, query)
    with planned_with_indexes():
        text_plan = found.explain()
        assert found.count() == 60
    tests = [line for line in text_plan.splitlines() if "Filter:" in line or "Cond:" in line]
    assert any(f"{column} @@" in line for line in tests), text_plan
    assert not any("to_tsvector" in line for line in tests), text_plan
