"""Chinese and Japanese search matches stored bigrams (articles/domain/search_text.py).

Every save makes them from the texts being stored, so a search sees an article
as it is now; on PostgreSQL the index answers from them, and no text's bigrams
are computed while searching. On SQLite, which searches the texts themselves,
the columns are still kept (a database moved to PostgreSQL keeps them).
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection

from articles.domain.languages import column_name
from articles.domain.search_text import BIGRAM_SOURCES, bigram_column, bigrams, stored_bigrams
from articles.models import Article
from articles.selectors.search import search_articles
from articles.services.articles import article_save
from tests.selectors.test_search import found_titles, with_texts
from tests.support.factories import ArticleFactory
from tests.support.ninjs_support import run, wire_folder

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL query plans: run with DATABASE_URL=postgres://…",
)
BIGRAM_CODES = ("zh-hans", "ja")


def stored(article: Article, code: str) -> set[str]:
    """The pairs stored (PostgreSQL gives them back in its own order)."""
    value = Article.objects.values_list(bigram_column(code), flat=True).get(pk=article.pk)
    return set(value.split())


def expected(article: Article, code: str) -> set[str]:
    row = Article.objects.get(pk=article.pk)
    texts = (getattr(row, column_name(f, code)) for f in BIGRAM_SOURCES)
    return set(stored_bigrams(*texts).split())


def titles(code: str, query: str) -> list[str]:
    found = search_articles(Article.objects.public_in(code), code, query)
    return [getattr(article, column_name("title", code)) for article in found]


# --- What is stored ------------------------------------------------------------------


def test_bigrams_are_the_pairs_within_each_word_lower_cased():
    assert bigrams(["大桥 河流"]) == ["大桥", "河流"]
    assert bigrams(["新桥。开通"]) == ["开通", "新桥"]  # punctuation ends a word
    assert bigrams(["GDP增长"]) == ["dp", "gd", "p增", "增长"]
    assert bigrams(["桥", "", "桥 河"]) == []  # one character has no pair


def test_the_body_is_read_as_text():
    # Tags and their attributes are no text; an entity is its character.
    assert stored_bigrams("标题", None, '<p class="桥梁">河&amp;流</p>') == "标题"


@pytest.mark.parametrize("code", BIGRAM_CODES)
def test_a_save_keeps_the_stored_bigrams_with_the_text(code):
    """The stored data must not drift: after a save the old words are gone, the new found."""
    article = with_texts(ArticleFactory(languages=(code,)), {code: ("港口新闻", "旧桥关闭")})
    assert titles(code, "旧桥") == ["港口新闻"]
    article = Article.objects.get(pk=article.pk)
    setattr(article, column_name("body", code), "<p>新桥开通</p>")
    article_save(article=article)
    assert stored(article, code) == expected(article, code)
    assert "新桥" in stored(article, code)
    assert titles(code, "新桥") == ["港口新闻"]
    assert titles(code, "旧桥") == []
    assert titles(code, "关闭") == []


def test_a_partly_loaded_article_stores_the_bigrams_of_all_its_texts():
    article = with_texts(ArticleFactory(languages=("zh-hans",)), {"zh-hans": ("港口新闻", "旧桥")})
    partial = Article.objects.only("pk", "title_zh_hans").get(pk=article.pk)
    partial.title_zh_hans = "河流新闻"
    partial.save()
    assert stored(article, "zh-hans") == expected(article, "zh-hans")
    assert {"河流", "旧桥"} <= set(stored(article, "zh-hans"))

    row = Article.objects.get(pk=article.pk)
    row.body_zh_hans = "<p>新桥</p>"
    row.save(update_fields=["body_zh_hans"])
    assert stored(article, "zh-hans") == expected(article, "zh-hans")
    assert "旧桥" not in stored(article, "zh-hans")


def test_a_save_of_other_languages_leaves_the_column_alone():
    article = with_texts(ArticleFactory(languages=("ja", "en")), {"ja": ("港の話", "橋")})
    before = stored(article, "ja")
    row = Article.objects.only("pk", "title_en").get(pk=article.pk)
    row.title_en = "Harbour"
    row.save()
    assert stored(article, "ja") == before != set()


def test_the_migration_fills_existing_rows():
    article = with_texts(ArticleFactory(languages=("zh-hans", "ja")), {"zh-hans": ("港口", "桥")})
    Article.objects.update(search_bigrams_zh_hans="", search_bigrams_ja="")
    migration = importlib.import_module("articles.migrations.0019_search_bigrams_stored")
    migration.fill(apps, None)
    for code in BIGRAM_CODES:
        assert stored(article, code) == expected(article, code)
    assert "港口" in stored(article, "zh-hans")


# --- What is found -------------------------------------------------------------------


def test_a_longer_term_must_appear_whole_not_its_pairs_apart(client):
    with_texts(ArticleFactory(languages=("ja",)), {"ja": ("博物の話", "物館の話")})
    assert found_titles(client, "ja", "博物館") == []
    with_texts(ArticleFactory(languages=("ja",)), {"ja": ("博物館の話", "x")})
    assert found_titles(client, "ja", "博物館") == ["博物館の話"]


def test_digits_and_letters_of_other_scripts_pair_too(client):
    with_texts(ArticleFactory(languages=("zh-hans",)), {"zh-hans": ("公式 x² 的解", "x")})
    assert found_titles(client, "zh-hans", "x²") == ["公式 x² 的解"]
    assert found_titles(client, "zh-hans", "y²") == []


# --- PostgreSQL: what the plan reads ---------------------------------------------------


def planned(queryset) -> tuple[str, str]:
    """The plan with sequential scans off, as the search page runs it; its conditions."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.explain()
    conds = [line for line in plan.splitlines() if "Cond:" in line or "Filter:" in line]
    return plan, "\n".join(conds)


@on_postgresql
@pytest.mark.parametrize("code", BIGRAM_CODES)
def test_postgresql_a_two_character_term_reads_only_the_index(code):
    """The index matches a two-character term whole: no text is read to find the rows
    (the count's query), only the stored bigrams through their own index."""
    with_texts(ArticleFactory(languages=(code,)), {code: ("港口新闻", "新桥开通")})
    found = search_articles(Article.objects.all(), code, "新桥")
    plan, conds = planned(found.values("pk"))
    assert f"article_bigrams_{bigram_column(code).removeprefix('search_bigrams_')}" in plan
    assert f"{bigram_column(code)} @@" in conds, conds
    for field in ("title", "summary", "body"):
        assert column_name(field, code) not in conds, conds
    assert "newsroom_bigrams" not in str(found.query)


@on_postgresql
def test_postgresql_a_longer_term_reads_the_texts_of_the_index_matches_only():
    with_texts(ArticleFactory(languages=("ja",)), {"ja": ("博物館の話", "x")})
    found = search_articles(Article.objects.all(), "ja", "博物館")
    plan, conds = planned(found.values("pk"))
    assert "article_bigrams_ja" in plan, plan
    assert "body_ja" in conds  # the whole term, looked for in what the index found


def test_quotes_colons_and_backslashes_in_the_text_are_stored_and_searched_safely(client):
    """Characters the database's tsvector and tsquery syntaxes give a meaning to
    never reach the stored pairs or the query; the text is still found."""
    title = "港口's:新闻\\ & 'x' | !(大桥):*"
    article = with_texts(ArticleFactory(languages=("zh-hans",)), {"zh-hans": (title, title)})
    assert {"港口", "新闻", "大桥"} <= stored(article, "zh-hans")
    assert found_titles(client, "zh-hans", "新闻") == [title]
    assert found_titles(client, "zh-hans", "'新闻':* | 大桥") == [title]
    assert found_titles(client, "zh-hans", "\\'") == []


def test_imported_copy_is_found_by_its_bigrams(tmp_path, client):
    """Agency copy comes in through the importer, which saves as every path does."""
    run("import_ninjs", str(wire_folder(tmp_path) / "feeds"), "--publish")
    assert found_titles(client, "zh-hans", "灯会 市民") == ["河港灯会今晚开幕"]
    assert found_titles(client, "ja", "新航路") == ["フェリーの新航路が開設"]
    assert found_titles(client, "ja", "灯会") == []
