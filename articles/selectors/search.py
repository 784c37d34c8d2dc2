"""Search, per language: public versions in that language only, ranked, with snippets.

Three ways to match, by database and by writing system:

- PostgreSQL, languages that separate words with spaces: full-text search with
  the project's text search configuration for that language, ``newsroom_<code>``
  (migration ``0017_search_folds_accents``): the language's stemming and stop
  words, accents and case folded by ``unaccent`` (``ciencia`` finds
  ``ciência``). The weighted document of title, summary and body is a column
  PostgreSQL generates with the row (``search_document_<suffix>``, migration
  ``0020_search_documents_stored``), GIN-indexed: a row is tested against
  its stored document, never by parsing its texts, whichever index the
  planner walks. Ranked by ``ts_rank`` of the title above the summary,
  snippets from ``ts_headline``. Latin and Sanskrit have no stemmer in
  PostgreSQL: theirs copy ``simple`` and match words by prefix, which catches
  most inflected endings (``cometa`` finds ``cometam``).
- PostgreSQL, Chinese and Japanese: no spaces between words, so no parser can
  find the words. Each language keeps the distinct character pairs (bigrams)
  of its texts in a column, made by ``Article.save()``
  (articles/domain/search_text.py; a tsvector of the pairs as written on
  PostgreSQL, GIN-indexed); a query's pairs come from the same function. The
  index finds the rows holding every pair of every term. A two-character term
  is its pair; a longer one, or one character beside it, must then appear
  whole, tested on the index's rows only. Ranked by the title above the
  summary. Bigrams, not pg_trgm's trigrams: most Chinese words are two
  characters long, and a two-character term has no trigram.
- SQLite (development): every term must appear as a substring, compared
  accent- and case-folded in Python (SQLite's own LIKE folds ASCII only).

Every index named here is created by a migration (PostgreSQL only); the test
suite checks that the planner uses them, so the expressions cannot drift.

The cost of a query is bounded: it is cut to MAX_QUERY_LENGTH characters and
MAX_TERMS terms (`query_was_cut()` tells the page to say so), and a query no
index can narrow is not run at all (the page asks for a longer one).
`needs_more()`: a query without a term of two characters (letters, marks or
digits); one Chinese character has no bigram, and the substring test alone
would read every text. `unindexable()`, on PostgreSQL: a query of only stop
words or only excluded words (``-island``), which the full-text index cannot
narrow either. As a second guard a full-text search's SQL carries the
condition ("the tsquery has an indexable part") on constants only, so
PostgreSQL folds it when planning and a query that slipped past answers
nothing without a scan; a bigram search without pairs is not sent at all.
In Latin and Sanskrit a term is a prefix (``'pont':*``) only from three
letters or marks on: a one-letter prefix uses the index but matches nearly
every row.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import reduce
from operator import add, and_, or_
from typing import TYPE_CHECKING

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Expression,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Left

from articles.domain.html import plain_text
from articles.domain.languages import column_name, value_in
from articles.domain.search_text import BIGRAM_LANGUAGES, bigram_column, bigrams, words
from articles.querysets import published_at_field
from articles.selectors.search_highlight import (
    START,
    STOP,
    SnippetPart,
    fold,
    headline_parts,
    highlighted_snippet,
)

if TYPE_CHECKING:
    from articles.models import Article

# Without a stemmer in PostgreSQL: words match by prefix instead.
PREFIX_LANGUAGES: frozenset[str] = frozenset({"la", "sa"})
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
_TAGS = r"<[^>]*>"
# The index holds no text: ranking parses each row's title and summary again.
# Only the RANKED newest matches are ranked; older ones follow, newest first, so
# a word in every article costs RANKED parses, not one per article.
RANKED = 200
# ts_headline parses all it is given; the snippet comes from this many first
# characters of summary and body (a match further on gets the opening instead).
HEADLINE_SOURCE = 3000
_DAWN = datetime(1, 1, 1, tzinfo=UTC)


def text_search_config(language: str) -> str:
    """The PostgreSQL text search configuration of a language (migration 0017)."""
    return f"newsroom_{language}"


class _RemoveTags(Func):
    """SQL: the text of an HTML fragment, tags replaced by spaces."""

    function = "regexp_replace"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(_TAGS), Value(" "), Value("g"))


def bigram_query(pairs: list[str]) -> Cast:
    """SQL: a tsquery asking for every one of `pairs`, read as written (no parser).

    Pairs are letters, marks and digits only, so quoting them cannot break the syntax.
    """
    text = " & ".join(f"'{pair}'" for pair in pairs)
    return Cast(Value(text), output_field=SearchQueryField())


class _Matches(Func):
    """SQL: `tsvector @@ tsquery`, as a condition."""

    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


class Fold(Func):
    """SQLite: text without tags, entities decoded, accents and case folded."""

    function = "newsroom_fold"
    output_field = TextField()


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the `newsroom_fold` function search needs."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("newsroom_fold", 1, _fold, deterministic=True)


def _fold(value: str | None) -> str | None:
    return None if value is None else fold(plain_text(value))


# --- The query as typed -------------------------------------------------------------


def _printable(raw: str | None) -> str:
    # Enough to know whether the query was cut, and no more work than that.
    text = unicodedata.normalize("NFC", (raw or "")[: MAX_QUERY_LENGTH * 4])
    # Control and unassigned characters, lone surrogates, U+FFFD from undecodable
    # bytes and our own highlight markers mean nothing to search for.
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ch == "\ufffd" else ch
        for ch in text
    )
    return " ".join(text.split())


def clean_query(raw: str | None) -> str:
    """What is worth searching for: normalized, printable, bounded, single-spaced."""
    return _printable(raw)[:MAX_QUERY_LENGTH].strip()


def query_was_cut(raw: str | None) -> bool:
    """Whether `clean_query(raw)` dropped characters or terms beyond the limits."""
    text = _printable(raw)
    return len(text) > MAX_QUERY_LENGTH or len(_all_terms(text)) > MAX_TERMS


def query_terms(query: str) -> list[str]:
    """Runs of letters, marks and digits, in any script (as in slugs); the first MAX_TERMS."""
    return _all_terms(query)[:MAX_TERMS]


def _all_terms(query: str) -> list[str]:
    return list(dict.fromkeys(words(query)))


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
    if language in BIGRAM_LANGUAGES:
        return not bigrams(terms)
    with connection.cursor() as cursor:
        function, text = _tsquery_source(language, query, terms)
        cursor.execute(
            f"SELECT querytree({function}(%s::regconfig, %s)) = ANY(%s)",  # noqa: S608 - our name
            [text_search_config(language), text, list(_UNINDEXABLE_TREES)],
        )
        return cursor.fetchone()[0]


# --- Searching ----------------------------------------------------------------------


def search_articles(articles: QuerySet, language: str, query: str) -> QuerySet:
    """`articles` (already limited to what readers may see) matching `query`, best first.

    Each result carries `search_rank`, and on PostgreSQL full-text search a
    `search_headline`; `with_snippets()` turns either into a highlighted snippet.
    """
    terms = query_terms(query)
    if not _narrowable(terms):
        return articles.none()
    if connection.vendor == "postgresql":
        if language in BIGRAM_LANGUAGES:
            return _bigram_search(articles, language, terms)
        return _full_text_search(articles, language, query, terms)
    return _substring_search(articles, language, terms)


@contextmanager
def planned_with_indexes() -> Iterator[None]:
    """Around the statements that read a search's results: on PostgreSQL, no sequential scan.

    The planner costs the search expressions (to_tsvector, the bigrams) at a
    fraction of a millisecond per row; they take milliseconds. For a word most
    articles hold it then reads the whole table and parses every text, many
    times slower than the index, whose matches it need not parse again. Off
    only for these statements (SET LOCAL, in their own transaction).
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def stored_document(language: str) -> Func:
    """SQL: the weighted tsvector of a language version, as stored (migration 0020).

    A column PostgreSQL generates from the title, summary and body under the
    language's configuration, GIN-indexed. Not a model field: no query but a
    search's needs it, and loading it with every article would double a row.
    Named without its table, which stays right inside the subqueries that
    rename the table: no table a search joins has a column of that name.
    """
    name = connection.ops.quote_name(document_column(language))
    return Func(template=name, output_field=SearchVectorField())


def document_column(language: str) -> str:
    return column_name("search_document", language)


def _ordered(articles: QuerySet, language: str) -> QuerySet:
    return articles.order_by("-search_rank", f"-{published_at_field(language)}", "-id")


def _prefix(term: str) -> bool:
    # Letters and marks only: PostgreSQL's parser drops "²" from "x²", leaving "x":*.
    return len(term) >= MIN_PREFIX_LENGTH and all(
        unicodedata.category(ch)[0] in "LM" for ch in term
    )


def _tsquery_source(language: str, query: str, terms: list[str]) -> tuple[str, str]:
    """(PostgreSQL function, its text) that make the tsquery of `query` in `language`."""
    if language in PREFIX_LANGUAGES:
        # Terms are letters and digits only, so quoting them cannot break the syntax.
        text = " & ".join(f"'{term}':*" if _prefix(term) else f"'{term}'" for term in terms)
        return "to_tsquery", text
    # websearch syntax ("quoted phrase", or, -word) never raises on odd input.
    return "websearch_to_tsquery", query


def _full_text_search(articles: QuerySet, language: str, query: str, terms: list[str]):
    config = text_search_config(language)
    function, text = _tsquery_source(language, query, terms)
    search_type = "raw" if function == "to_tsquery" else "websearch"
    tsquery = SearchQuery(text, config=config, search_type=search_type)
    # On constants only: folded when planning, so an unindexable query scans nothing.
    articles = articles.alias(
        search_tree=Func(tsquery, function="querytree", output_field=TextField())
    ).exclude(search_tree__in=_UNINDEXABLE_TREES)
    text = Concat(
        F(column_name("summary", language)),
        Value(" "),
        _RemoveTags(F(column_name("body", language))),
        output_field=TextField(),
    )
    matches = articles.filter(_Matches(stored_document(language), tsquery))
    published = published_at_field(language)
    newest = matches.order_by(f"-{published}").values(published)[RANKED - 1 : RANKED]
    ranked_since = Coalesce(Subquery(newest), Value(_DAWN))
    heading = reduce(
        add,
        (
            SearchVector(column_name(field, language), config=config, weight=weight)
            for field, weight in FIELD_WEIGHTS[:2]
        ),
    )
    return _ordered(
        matches.annotate(
            search_rank=Case(
                When(**{f"{published}__gte": ranked_since}, then=SearchRank(heading, tsquery)),
                default=Value(0.0),
                output_field=FloatField(),
            ),
            search_headline=SearchHeadline(
                Left(text, HEADLINE_SOURCE),
                tsquery,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter="…",
            ),
        ),
        language,
    )


def _substring_search(articles: QuerySet, language: str, terms: list[str]):
    """SQLite: every term in the title, summary or body, compared folded; ranked by
    where the terms are."""
    articles = articles.alias(
        **{f"search_{field}": Fold(F(column_name(field, language))) for field, _ in FIELD_WEIGHTS}
    )
    terms = [fold(term) for term in terms]

    def contains(field: str, term: str) -> Q:
        return Q(**{f"search_{field}__contains": term})

    for term in terms:
        articles = articles.filter(reduce(or_, (contains(f, term) for f, _ in FIELD_WEIGHTS)))
    rank = _where_found(contains, terms, (("title", 4), ("summary", 2), ("body", 1)))
    return _ordered(articles.annotate(search_rank=rank), language)


def _where_found(contains, terms: list[str], weights: tuple[tuple[str, int], ...]) -> Expression:
    """The weights of the fields that hold every term, added up."""
    return reduce(
        add,
        (
            Case(
                When(reduce(and_, (contains(field, t) for t in terms)), then=weight),
                default=0,
                output_field=IntegerField(),
            )
            for field, weight in weights
        ),
    )


def _bigram_search(articles: QuerySet, language: str, terms: list[str]):
    """PostgreSQL, Chinese and Japanese: the index finds the rows holding every
    bigram of every term; a term of any other length than two is then looked for
    whole, since its bigrams may lie apart (a two-character term is its bigram)."""
    pairs = bigrams(terms)
    if not pairs:
        return articles.none()  # nothing an index could narrow: not sent at all
    found = articles.filter(_Matches(F(bigram_column(language)), bigram_query(pairs)))

    def contains(field: str, term: str) -> Q:
        return Q(**{column_name(field, language) + "__icontains": term})

    for term in terms:
        if len(term.lower()) != 2:
            found = found.filter(reduce(or_, (contains(f, term) for f, _ in FIELD_WEIGHTS)))
    # Ranked by the title and summary only: every match is ranked, and reading each
    # one's body again to rank it would cost as much as the test above, per row.
    rank = _where_found(contains, terms, (("title", 4), ("summary", 2)))
    return _ordered(found.annotate(search_rank=rank), language)


# --- Snippets -----------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """One search result as the page shows it: the article and its snippet."""

    article: Article
    snippet: tuple[SnippetPart, ...]


def with_snippets(articles, language: str, query: str) -> list[Found]:
    """Each of the found `articles` with the text around its matches."""
    terms = query_terms(query)
    return [Found(article, snippet(article, language, terms)) for article in articles]


def snippet(article, language: str, terms: list[str]) -> tuple[SnippetPart, ...]:
    """The text of `article` around the matches of `terms`, matches marked."""
    headline = getattr(article, "search_headline", None)
    if headline is not None:
        return headline_parts(headline)
    text = " ".join(
        (
            value_in(article, "summary", language) or "",
            plain_text(value_in(article, "body", language) or ""),
        )
    )
    return highlighted_snippet(text, terms)
