"""Search per language: its own language only, every language findable, odd input safe.

Runs on SQLite (substring fallback) and on PostgreSQL (full-text search per
language, bigrams for Chinese and Japanese); the PostgreSQL-only tests skip on
SQLite and say so.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.management.commands import load_demo
from articles.models import Article
from articles.selectors.search import (
    MAX_QUERY_LENGTH,
    clean_query,
    query_terms,
    search_articles,
)
from tests.support.factories import ArticleFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search: run with DATABASE_URL=postgres://…",
)

# A headline per language and a word from it, as a reader would type it.
SAMPLES: dict[str, tuple[str, str]] = {
    "zh-hans": ("河港的新桥今天开通", "新桥"),
    "ru": ("Новый мост через реку открыт", "мост"),
    "en": ("New bridge opens over the river", "bridge"),
    "fr": ("Un nouveau pont ouvre sur le fleuve", "pont"),
    "id": ("Jembatan baru dibuka di atas sungai", "jembatan"),
    "sa": ("नदीतटे नूतनः सेतुः उद्घाटितः", "सेतुः"),
    "ja": ("川港に新しい橋が開通した", "新しい橋"),
    "de": ("Neue Brücke über den Fluss eröffnet", "Brücke"),
    "pt": ("Nova ponte abre sobre o rio", "ponte"),
    "el": ("Νέα γέφυρα ανοίγει στο ποτάμι", "γέφυρα"),
    "es": ("Nuevo puente abre sobre el río", "puente"),
    "it": ("Nuovo ponte aperto sul fiume", "ponte"),
    "fi": ("Uusi silta avataan joen yli", "silta"),
    "la": ("Pons novus super flumen aperitur", "pons"),
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def with_texts(article: Article, texts: dict[str, tuple[str, str]]) -> Article:
    """Give `article` a title and body per language: {code: (title, body)}."""
    for code, (title, body) in texts.items():
        setattr(article, column_name("title", code), title)
        setattr(article, column_name("body", code), f"<p>{body}</p>")
    article.save()
    return article


def found_titles(client, code: str, query: str, **params) -> list[str]:
    response = client.get(f"/{code}/search/", {"q": query, **params})
    assert response.status_code == 200
    return [h2.get_text(strip=True) for h2 in soup(response).select(".results h2")]


@pytest.fixture
def bridge_article():
    article = ArticleFactory(languages=LANGUAGE_CODES)
    return with_texts(article, {code: (title, title) for code, (title, _) in SAMPLES.items()})


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_finds_its_own_version(client, bridge_article, code):
    title, query = SAMPLES[code]
    ArticleFactory(languages=LANGUAGE_CODES)  # another article, which must not match
    response = client.get(f"/{code}/search/", {"q": query})
    page = soup(response)
    results = page.select(".results .result")
    assert [r.h2.get_text(strip=True) for r in results] == [title]
    assert results[0].h2.a["href"] == bridge_article.get_absolute_url(code)
    assert page.html["lang"] == code
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_search_sees_only_the_current_language(client):
    ArticleFactory(languages=("pt",))
    with_texts(Article.objects.get(), {"pt": ("O ornitorrinco chegou", "Texto")})
    assert found_titles(client, "pt", "ornitorrinco") == ["O ornitorrinco chegou"]
    for code in ("es", "en", "la", "zh-hans"):
        assert found_titles(client, code, "ornitorrinco") == []


def test_drafts_future_and_unwritten_versions_are_not_found(client):
    draft = with_texts(
        ArticleFactory(languages=("en",), is_published=False), {"en": ("Platypus draft", "x")}
    )
    future = with_texts(
        ArticleFactory(languages=("en",), published_at=timezone.now() + timedelta(days=1)),
        {"en": ("Platypus tomorrow", "x")},
    )
    no_body = ArticleFactory(languages=("en", "fr"))
    with_texts(no_body, {"fr": ("Ornithorynque", "x")})
    no_body.body_fr = ""
    no_body.save()
    assert draft.pk and future.pk
    assert found_titles(client, "en", "platypus") == []
    assert found_titles(client, "fr", "ornithorynque") == []


def test_title_matches_rank_above_body_matches(client):
    older_title = ArticleFactory(languages=("en",), published_at=timezone.now() - timedelta(days=3))
    with_texts(older_title, {"en": ("Lighthouse keeper retires", "After forty years.")})
    newer_body = ArticleFactory(languages=("en",))
    with_texts(newer_body, {"en": ("Harbour news", "The old lighthouse gets a new lamp.")})
    assert found_titles(client, "en", "lighthouse") == [
        "Lighthouse keeper retires",
        "Harbour news",
    ]


def test_snippet_marks_the_match_and_escapes_the_text(client):
    article = ArticleFactory(languages=("en",))
    with_texts(article, {"en": ("Harbour", "")})
    article.body_en = "<p>Tom &amp; Jerry say &lt;b&gt; the <em>ferry</em> runs late.</p>"
    article.save()
    page = soup(client.get("/en/search/", {"q": "ferry"}))
    snippet = page.select_one(".results .snippet")
    assert [m.get_text() for m in snippet.find_all("mark")] == ["ferry"]
    assert "Tom & Jerry say <b> the ferry runs late" in snippet.get_text()
    assert snippet.find("b") is None and snippet.find("em") is None


def test_results_are_paginated_and_pages_keep_the_query(client):
    for n in range(23):
        with_texts(ArticleFactory(languages=("en",)), {"en": (f"Regatta day {n}", "Boats.")})
    first = soup(client.get("/en/search/", {"q": "regatta"}))
    assert len(first.select(".results .result")) == 20
    assert "23" in first.select_one(".result-count").get_text()
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?q=regatta&page=2"
    second = soup(client.get("/en/search/" + next_link))
    assert len(second.select(".results .result")) == 3
    assert second.select_one(".results")["start"] == "21"


@pytest.mark.parametrize("languages", [("en",), LANGUAGE_CODES])
def test_search_query_count_is_small_and_flat(client, django_assert_max_num_queries, languages):
    for n in range(25):
        with_texts(
            ArticleFactory(languages=languages),
            {code: (f"Regatta {n} {code}", "Boats.") for code in languages},
        )
    # Count, page, section navigation; on PostgreSQL the search's own transaction
    # in the test's (savepoint, release) and its SET LOCAL (planned_with_indexes).
    budget = 3 + (3 if connection.vendor == "postgresql" else 0)
    with django_assert_max_num_queries(budget):
        response = client.get("/en/search/", {"q": "regatta", "page": "2"})
    assert len(soup(response).select(".results .result")) == 5


def test_empty_query_shows_the_form_without_searching(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # section navigation only
        response = client.get("/de/search/")
    page = soup(response)
    assert page.h1.get_text() == "Suche"
    assert page.select(".results") == []


def test_search_form_is_on_every_page_and_keeps_the_query(client, bridge_article):
    for url in ("/pt/", bridge_article.get_absolute_url("pt"), "/pt/archive/"):
        form = soup(client.get(url)).find("form", role="search")
        assert form["action"] == "/pt/search/"
        assert form.find("input", type="search")["name"] == "q"
    form = soup(client.get("/pt/search/", {"q": "  ponte   nova "})).find("form", role="search")
    assert form.find("input", type="search")["value"] == "ponte nova"


@pytest.mark.parametrize(
    "query_string",
    [
        "q=",
        "q=%20%20%20",
        "q=" + "a" * 10240,
        "q=" + "ponte%20" * 1500,
        "q=%27%3B%20DROP%20TABLE%20articles_article%3B%20--",
        "q=%25_%5C%25",
        "q=%22unclosed",
        "q=a%20%26%20%7C%20!%20%3A*%20%3C-%3E%20(",
        "q=%D0%BA%D0%BE%D0%BC%D0%B5%D1%82%D0%B0%20comet%20%E5%BD%97%E6%98%9F%20%E0%A4%B8",
        "q=%ED%A0%80",  # a lone surrogate, as UTF-8 would encode it
        "q=%ED%A0%80abc%ED%B0%80",
        "q=%FF%FE",
        "q=%EE%80%80ponte%EE%80%81",  # the highlight markers themselves
        "q=-",
        "q=the",
        "q=%E6%A1%A5",  # one Chinese character: no bigram to use
        "q=ponte&page=abc",
        "q=ponte&page=99999",
        "q=ponte&page=-1",
        "q=a&q=b",
        "q=" + "%C3%A9" * 5000,  # 5,000 letters é: one long term
        "q=" + "%E6%A1%A5" * 3400,  # 10,000 Chinese characters
        "q=" + "x%20" * 5000,  # 5,000 one-letter terms
        "q=foo%26bar%7Cbaz%21qux%3A*%20(a%3CN%3Eb)",  # tsquery operators inside words
        "q=%27a%27%3A*%20%26%20%21%27b%27",  # a tsquery as to_tsquery reads it
        "q=.*%2B%3F%5B%5D%7B%7D%5E%24%5C%5C(%7C)",  # regular-expression syntax
        "q=%24%24%3B%20SELECT%20pg_sleep(10)%3B%20%24%24",
        "q=%CC%81%CC%81%CC%81",  # combining accents with no letter
        "q=%E2%80%8B%E2%80%8F%E2%80%AE",  # zero-width space, RTL marks
        "q=ponte%20%EF%BF%BD%20ci%C3%AAncia",  # U+FFFD beside real words
    ],
)
@pytest.mark.parametrize("code", ["en", "pt", "zh-hans", "ja", "la", "sa", "ru"])
def test_odd_input_is_never_a_server_error(client, bridge_article, code, query_string):
    response = client.get(f"/{code}/search/?{query_string}")
    assert response.status_code == 200
    assert soup(response).html["lang"] == code


def test_nul_byte_in_the_query_is_refused(client):
    assert client.get("/en/search/?q=a%00b").status_code == 400


def test_single_chinese_character_asks_for_a_longer_query(client, bridge_article):
    # No bigram to narrow by: it would read every text (tests/selectors/test_search_cost.py).
    assert found_titles(client, "zh-hans", "桥") == []
    assert soup(client.get("/zh-hans/search/", {"q": "桥"})).select_one(".search-too-broad")


def test_mixed_script_terms_must_all_match(client, bridge_article):
    assert found_titles(client, "ja", "新しい橋 開通") == [SAMPLES["ja"][0]]
    assert found_titles(client, "ja", "新しい橋 彗星") == []


# --- Every public version of the demo content ------------------------------------


def test_every_public_demo_version_is_found_by_its_title(monkeypatch):
    # Search reads text only: skip drawing the demo pictures and their renditions.
    monkeypatch.setattr(load_demo, "demo_picture", lambda *args: jpeg_bytes())
    monkeypatch.setattr(load_demo, "ensure_renditions", lambda photo: {})
    call_command("load_demo", stdout=io.StringIO())
    missing = []
    for article in Article.objects.all():
        for code in article.languages:
            title = value_in(article, "title", code)
            found = search_articles(Article.objects.public_in(code), code, clean_query(title))
            if article.pk not in {a.pk for a in found}:
                missing.append((code, title))
    assert missing == []


# --- PostgreSQL: language-aware matching and its indexes -------------------------------


@on_postgresql
@pytest.mark.parametrize(
    "code,text,query",
    [
        ("en", "Two bridges were opened", "bridge opening"),
        ("ru", "Открыты два новых моста", "мост"),
        ("pt", "As pontes foram abertas", "ponte"),
        ("de", "Die Brücken wurden eröffnet", "Brücke"),
        ("fr", "Les ponts ont été ouverts", "pont"),
        ("es", "Los puentes fueron abiertos", "puente"),
        ("el", "Οι γέφυρες άνοιξαν", "γέφυρα"),
        ("la", "Pontem novum aperuerunt", "pont"),
    ],
)
def test_postgresql_matches_other_forms_of_a_word(client, code, text, query):
    with_texts(ArticleFactory(languages=(code,)), {code: (text, text)})
    assert found_titles(client, code, query) == [text]


@on_postgresql
def test_postgresql_web_search_syntax(client):
    with_texts(ArticleFactory(languages=("en",)), {"en": ("Ferry to the island", "x")})
    with_texts(ArticleFactory(languages=("en",)), {"en": ("Ferry strike", "x")})
    assert found_titles(client, "en", "ferry -island") == ["Ferry strike"]
    assert set(found_titles(client, "en", '"ferry strike" or island')) == {
        "Ferry strike",
        "Ferry to the island",
    }


@on_postgresql
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_postgresql_uses_the_languages_search_index(code):
    """The query's expression is the index's: with sequential scans off, the index is used."""
    index = "article_" + column_name("bigrams" if code in ("zh-hans", "ja") else "search", code)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search_articles(Article.objects.all(), code, SAMPLES[code][1]).explain()
    assert index in plan


# --- The query as typed ------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,cleaned",
    [
        (None, ""),
        ("  ponte \t nova\n", "ponte nova"),
        ("a\x00b\x07c", "a b c"),
        ("\ud800abc", "abc"),
        ("\ufffd", ""),
        ("Cafe\u0301", "Café"),  # NFC
        ("x" * 5000, "x" * MAX_QUERY_LENGTH),
    ],
)
def test_clean_query(raw, cleaned):
    assert clean_query(raw) == cleaned


def test_query_terms_are_words_in_any_script():
    assert query_terms("'; DROP -- table! संस्कृतम् 河港 x:*") == [
        "DROP",
        "table",
        "संस्कृतम्",
        "河港",
        "x",
    ]
