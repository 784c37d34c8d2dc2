"""Search, per language: public versions in that language only, ranked, with snippets.

Three ways to match, by database and by writing system:

- PostgreSQL, languages that separate words with spaces: full-text search with
  that language's text search configuration (stemming, stop words), ranked by
  ``ts_rank`` with the title above the summary above the body, snippets from
  ``ts_headline``. Latin and Sanskrit have no stemmer in PostgreSQL: they use
  the ``simple`` configuration and match words by prefix, which catches most
  inflected endings (``cometa`` finds ``cometam``).
- PostgreSQL, Chinese and Japanese: no spaces between words, so no parser can
  find the words. Each search term must appear as a substring; a GIN index on
  the character bigrams of the text narrows the candidates first. Bigrams, not
  pg_trgm's trigrams: most Chinese words are two characters long, and a
  two-character term has no trigram, so a trigram index cannot narrow it.
- SQLite (development): every term must appear as a substring, compared
  case-folded in Python (SQLite's own LIKE folds ASCII only).

Every index named here is created by a migration (PostgreSQL only); the test
suite checks that the planner uses them, so the expressions cannot drift.

The cost of a query is bounded: it is cut to MAX_QUERY_LENGTH characters and
MAX_TERMS terms, and a query no index can narrow is not run at all (the page
asks for a longer one). `needs_more()`: a query without a term of two
characters (letters, marks or digits); one Chinese character has no bigram,
so ``@> '{}'`` would match every row and the substring test would read every
text. `unindexable()`, on PostgreSQL: a query of only stop words or only
excluded words (``-island``), which the full-text index cannot narrow either.
As a second guard the SQL itself carries the condition ("the query has
bigrams", "the tsquery has an indexable part") on constants only, so
PostgreSQL folds it when planning and a query that slipped past answers
nothing without a scan. In Latin and Sanskrit a term is a prefix
(``'pont':*``) only from three letters or marks on: a one-letter prefix uses
the index but matches nearly every row.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.domain.languages import column_name, value_in
from articles.querysets import published_at_field

# PostgreSQL's text search configuration for each language that separates words.
TEXT_SEARCH_CONFIGS: dict[str, str] = {
    "ru": "russian",
    "en": "english",
    "fr": "french",
    "id": "indonesian",
    "de": "german",
    "pt": "portuguese",
    "el": "greek",
    "es": "spanish",
    "it": "italian",
    "fi": "finnish",
    "la": "simple",
    "sa": "simple",
}
# Languages written without spaces between words.
BIGRAM_LANGUAGES: frozenset[str] = frozenset({"zh-hans", "ja"})
# What the reader typed beyond this is dropped: no headline needs more, and it
# bounds the work a single request can ask of the database.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# The shortest term an index can narrow by (one bigram), and the shortest
# matched as a prefix in the `simple` configurations (Latin, Sanskrit).
MIN_TERM_LENGTH = 2
MIN_PREFIX_LENGTH = 3
# What PostgreSQL's querytree() says of a tsquery the index cannot narrow:
# nothing left (stop words only) or "T" (only negations: every row qualifies).
_UNINDEXABLE_TREES = ("", "T")
# Title over summary over body, in ranking (letters are PostgreSQL's weights).
FIELD_WEIGHTS: tuple[tuple[str, str], ...] = (("title", "A"), ("summary", "B"), ("body", "C"))
SNIPPET_LENGTH = 220
# Private-use characters mark matches inside ts_headline's output; the text is
# escaped first and the marks become <mark> afterwards, so no stored HTML is trusted.
_START, _STOP = "\ue000", "\ue001"
_TAGS = r"<[^>]*>"


class _RemoveTags(Func):
    """SQL: the text of an HTML fragment, tags replaced by spaces."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(_TAGS), Value(" "), Value("g"))


class Bigrams(Func):
    """SQL: the set of two-character sequences of a text's words (migration 0003)."""

    function = "newsroom_bigrams"
    output_field = ArrayField(TextField())


class Fold(Func):
    """SQLite: text without tags, entities decoded, case-folded (`add_sqlite_functions`)."""

    function = "newsroom_fold"
    output_field = TextField()


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the `newsroom_fold` function search needs."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("newsroom_fold", 1, _fold, deterministic=True)


def _fold(value: str | None) -> str | None:
    return None if value is None else plain_text(value).casefold()


# --- The query as typed -------------------------------------------------------------


def clean_query(raw: str | None) -> str:
    """What is worth searching for: normalized, printable, bounded, single-spaced."""
    text = unicodedata.normalize("NFC", raw or "")
    # Control and unassigned characters, lone surrogates, U+FFFD from undecodable
    # bytes and our own highlight markers mean nothing to search for.
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ch == "\ufffd" else ch
        for ch in text[: MAX_QUERY_LENGTH * 2]
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query: str) -> list[str]:
    """Runs of letters, marks and digits, in any script (as in slugs)."""
    terms, current = [], []
    for ch in query:
        if unicodedata.category(ch)[0] in "LMN":
            current.append(ch)
        elif current:
            terms.append("".join(current))
            current = []
    if current:
        terms.append("".join(current))
    return list(dict.fromkeys(terms))[:MAX_TERMS]


# --- What an index can narrow ------------------------------------------------------


def _narrowable(terms: list[str]) -> bool:
    # Terms are runs of letters, marks and digits: two make a bigram and a lexeme.
    return any(len(term) >= MIN_TERM_LENGTH for term in terms)


def needs_more(query: str) -> bool:
    """Whether `query` is too short to search: no term an index could narrow by."""
    return not _narrowable(query_terms(query))


def unindexable(language: str, query: str) -> bool:
    """PostgreSQL: whether `query` has no part an index can use (the search found nothing).

    Only stop words, only excluded words, or no bigram in PostgreSQL's reading
    of the characters. Asked of the database on constants, no table; worth
    asking only when the search found nothing, since otherwise it had a part.
    """
    if connection.vendor != "postgresql":
        return False
    terms = query_terms(query)
    with connection.cursor() as cursor:
        if language in BIGRAM_LANGUAGES:
            cursor.execute("SELECT cardinality(newsroom_bigrams(%s)) = 0", [" ".join(terms)])
        else:
            function, text = _tsquery_source(language, query, terms)
            cursor.execute(
                f"SELECT querytree({function}(%s::regconfig, %s)) = ANY(%s)",  # noqa: S608 - our name
                [TEXT_SEARCH_CONFIGS[language], text, list(_UNINDEXABLE_TREES)],
            )
        return cursor.fetchone()[0]


# --- Searching ----------------------------------------------------------------------


def search_articles(articles: QuerySet, language: str, query: str) -> QuerySet:
    """`articles` (already limited to what readers may see) matching `query`, best first.

    Each result carries `search_rank`, and on PostgreSQL full-text search a
    `search_headline`; `add_snippets()` turns either into a highlighted snippet.
    """
    terms = query_terms(query)
    if not _narrowable(terms):
        return articles.none()
    if connection.vendor == "postgresql":
        if language in BIGRAM_LANGUAGES:
            return _bigram_search(articles, language, terms)
        return _full_text_search(articles, language, query, terms)
    return _substring_search(articles, language, terms, fold=True)


def document_vector(language: str) -> SearchVector:
    """The weighted tsvector of a language version: the expression its GIN index holds."""
    config = TEXT_SEARCH_CONFIGS[language]
    return reduce(
        add,
        (
            SearchVector(column_name(field, language), config=config, weight=weight)
            for field, weight in FIELD_WEIGHTS
        ),
    )


def document_text(language: str) -> Concat:
    """Title, summary and body of a language version as one text (CJK bigram index)."""
    title, summary, body = (F(column_name(field, language)) for field, _ in FIELD_WEIGHTS)
    # Concat treats a missing (NULL) part as empty.
    return Concat(title, Value(" "), summary, Value(" "), body, output_field=TextField())


def _ordered(articles: QuerySet, language: str) -> QuerySet:
    return articles.order_by("-search_rank", f"-{published_at_field(language)}", "-id")


def _prefix(term: str) -> bool:
    # Letters and marks only: PostgreSQL's parser drops "²" from "x²", leaving "x":*.
    return len(term) >= MIN_PREFIX_LENGTH and all(
        unicodedata.category(ch)[0] in "LM" for ch in term
    )


def _tsquery_source(language: str, query: str, terms: list[str]) -> tuple[str, str]:
    """(PostgreSQL function, its text) that make the tsquery of `query` in `language`."""
    if TEXT_SEARCH_CONFIGS[language] == "simple":
        # Terms are letters and digits only, so quoting them cannot break the syntax.
        text = " & ".join(f"'{term}':*" if _prefix(term) else f"'{term}'" for term in terms)
        return "to_tsquery", text
    # websearch syntax ("quoted phrase", or, -word) never raises on odd input.
    return "websearch_to_tsquery", query


def _full_text_search(articles: QuerySet, language: str, query: str, terms: list[str]):
    config = TEXT_SEARCH_CONFIGS[language]
    function, text = _tsquery_source(language, query, terms)
    search_type = "raw" if function == "to_tsquery" else "websearch"
    tsquery = SearchQuery(text, config=config, search_type=search_type)
    # On constants only: folded when planning, so an unindexable query scans nothing.
    articles = articles.alias(
        search_tree=Func(tsquery, function="querytree", output_field=TextField())
    ).exclude(search_tree__in=_UNINDEXABLE_TREES)
    vector = document_vector(language)
    text = Concat(
        F(column_name("summary", language)),
        Value(" "),
        _RemoveTags(F(column_name("body", language))),
        output_field=TextField(),
    )
    matches = articles.alias(search_document=vector).filter(search_document=tsquery)
    return _ordered(
        matches.annotate(
            search_rank=SearchRank(vector, tsquery),
            search_headline=SearchHeadline(
                text,
                tsquery,
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter="…",
            ),
        ),
        language,
    )


def _substring_search(articles: QuerySet, language: str, terms: list[str], fold: bool):
    """Every term in the title, summary or body; ranked by where the terms are."""
    if fold:
        articles = articles.alias(
            **{
                f"search_{field}": Fold(F(column_name(field, language)))
                for field, _ in FIELD_WEIGHTS
            }
        )
        terms = [term.casefold() for term in terms]

        def contains(field: str, term: str) -> Q:
            return Q(**{f"search_{field}__contains": term})
    else:

        def contains(field: str, term: str) -> Q:
            return Q(**{column_name(field, language) + "__icontains": term})

    for term in terms:
        articles = articles.filter(reduce(or_, (contains(f, term) for f, _ in FIELD_WEIGHTS)))
    # Title hits count most, then summary, then body.
    rank = reduce(
        add,
        (
            Case(
                When(reduce(and_, (contains(field, t) for t in terms)), then=weight),
                default=0,
                output_field=IntegerField(),
            )
            for field, weight in (("title", 4), ("summary", 2), ("body", 1))
        ),
    )
    return _ordered(articles.annotate(search_rank=rank), language)


def _bigram_search(articles: QuerySet, language: str, terms: list[str]):
    # The index narrows to rows holding every bigram of every term; the
    # substring test then keeps only rows where the terms appear whole.
    # `@> '{}'` holds for every row: the bigram count (of a constant, folded when
    # planning) keeps a query without bigrams from scanning them all.
    needle = Bigrams(Value(" ".join(terms)))
    narrowed = articles.alias(
        search_bigrams=Bigrams(document_text(language)),
        search_needle=Func(needle, function="cardinality", output_field=IntegerField()),
    ).filter(search_bigrams__contains=needle, search_needle__gt=0)
    return _substring_search(narrowed, language, terms, fold=False)


# --- Snippets -----------------------------------------------------------------------


def add_snippets(articles, language: str, query: str) -> None:
    """Give each found article a `search_snippet`: safe HTML, matches in <mark>."""
    terms = query_terms(query)
    for article in articles:
        headline = getattr(article, "search_headline", None)
        if headline is not None:
            article.search_snippet = _marked_headline(headline)
        else:
            text = " ".join(
                (
                    value_in(article, "summary", language) or "",
                    plain_text(value_in(article, "body", language) or ""),
                )
            )
            article.search_snippet = highlighted_snippet(text, terms)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(_TAGS, " ", fragment)).split())


def _marked_headline(headline: str) -> SafeString:
    # ts_headline ran on text with the tags removed but entities still encoded.
    text = escape(html.unescape(headline).replace("…", " … "))
    text = text.replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(" ".join(text.split()))  # noqa: S308 - escaped above, only <mark> added


def highlighted_snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of `text` around the first match, every match in <mark>, the rest escaped."""
    text = " ".join(text.replace(_START, "").replace(_STOP, "").split())
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - length // 3) if first else 0
    end = min(len(text), start + length)
    window = text[start:end]
    parts, position = [], 0
    for match in pattern.finditer(window) if pattern else ():
        parts.append(escape(window[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(window[position:]))
    snippet = "".join(parts)
    if start > 0:
        snippet = "… " + snippet
    if end < len(text):
        snippet += " …"
    return mark_safe(snippet)  # noqa: S308 - every piece escaped, only <mark> added
