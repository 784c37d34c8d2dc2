"""The article page's one query, compiled once per process, database and language.

Building and compiling it with the ORM costs several milliseconds per request
(an article has about 250 columns to consider, the availability rule a dozen
conditions, the page's lists three JSON subqueries), while the database runs it
in well under one: it was most of an uncached page's time. Yet it is the same
SQL for every request in a language; only the current time and the slug
differ. So the ORM builds it once with marker values in those places
(`_compiled`), and each request runs that SQL with the real values
(`page_article`). What the query selects and filters is still written with the
ORM, from `public_q` (the one availability rule), `page_columns` and
`page_row_annotations`; tests/test_page_query.py checks that it finds exactly
what the ORM finds.

The section, the photo and its renditions come as JSON too (no joins to map
back), so the result is one row of article columns plus JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from weakref import WeakKeyDictionary

from django.db import connections, router
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.utils import timezone

from articles.domain.availability import TEXT_FLAGS, public_q
from articles.domain.languages import column_name
from articles.models import Article, Photo, Rendition, Section
from articles.photos.specs import FAMILIES
from articles.querysets import PAGE_PHOTO_FIELDS, page_columns, text_flags
from articles.selectors.page_rows import (
    AUTHOR_ROWS,
    CORRECTION_ROWS,
    TAG_ROWS,
    ArticlePage,
    authors,
    corrections,
    instance_from_row,
    json_rows,
    json_timestamp,
    page_row_annotations,
    partial_instance,
    tags,
)

# Stand-ins compiled into the SQL where each request's own values go.
_NOW_MARK = datetime(1999, 12, 31, 23, 59, 58, 123457, tzinfo=UTC)
_SLUG_MARK = "\ufdd0page-query-slug\ufdd0"

SECTION_ROW = "section_row"
PHOTO_ROW = "photo_row"
RENDITION_ROWS = "rendition_rows"
_JSON_COLUMNS = (SECTION_ROW, PHOTO_ROW, RENDITION_ROWS)
_RENDITION_FIELDS = ("id", "photo_id", "spec", "format", "file", "width", "height")


def _queryset(language: str):
    section_fields = ["id", column_name("name", language), column_name("slug", language)]
    photo_fields = [
        "id",
        column_name("caption", language),
        column_name("alt_text", language),
        *PAGE_PHOTO_FIELDS,
    ]
    own_columns = [c for c in page_columns(language) if "__" not in c]
    return (
        Article.objects.filter(public_q(language, now=_NOW_MARK))
        .by_slug(language, _SLUG_MARK)
        .only(*own_columns)
        .annotate(
            **text_flags(),
            **page_row_annotations(Article, language),
            **{
                SECTION_ROW: JSONObject(**{f: f"section__{f}" for f in section_fields}),
                PHOTO_ROW: JSONObject(**{f: f"photo__{f}" for f in photo_fields}),
                RENDITION_ROWS: json_rows(
                    # The page shows the lead photo only (its <picture>, and the
                    # fallback JPEG of its link previews and structured data).
                    Rendition.objects.ready().filter(
                        photo=OuterRef("photo"), spec__in=[s.name for s in FAMILIES["lead"]]
                    ),
                    "photo",
                    {f: f for f in _RENDITION_FIELDS},
                ),
            },
        )
        .order_by()[:1]
    )


@dataclass(frozen=True)
class _Prepared:
    """The page query of one language as compiled for one database."""

    sql: str
    params: tuple  # with the marks; each request puts its own values in at:
    now_at: tuple[int, ...]
    slug_at: tuple[int, ...]
    select: tuple  # the compiler's selected expressions, for their converters
    article_columns: tuple[str, ...]  # attnames of the article's own columns, first in the row
    annotations: tuple[tuple[str, int], ...]  # (name, position in the row)


@cache
def _prepared(alias: str, language: str) -> _Prepared:
    compiler = _queryset(language).query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    now_mark = compiler.connection.ops.adapt_datetimefield_value(_NOW_MARK)
    select_fields = compiler.klass_info["select_fields"]
    start, end = select_fields[0], select_fields[-1] + 1
    if start != 0:  # as the ORM compiles it today; the row slicing below relies on it
        raise RuntimeError("the page query no longer selects the article's columns first")
    return _Prepared(
        sql=sql,
        params=tuple(params),
        now_at=tuple(i for i, p in enumerate(params) if p == now_mark),
        slug_at=tuple(i for i, p in enumerate(params) if p == _SLUG_MARK),
        select=tuple(column for column, _sql, _alias in compiler.select),
        article_columns=tuple(column.target.attname for column, *_ in compiler.select[:end]),
        annotations=tuple(compiler.annotation_col_map.items()),
    )


# Each connection's converters for the selected columns (datetimes from text
# on SQLite, JSON, …), looked up once: asking every column's field and the
# backend on every request would cost more than the page's one query.
_converters: WeakKeyDictionary = WeakKeyDictionary()


def _converters_for(connection, language: str, prepared: _Prepared) -> list[tuple[int, list]]:
    by_language = _converters.setdefault(connection, {})
    if language not in by_language:
        found = []
        for position, expression in enumerate(prepared.select):
            functions = connection.ops.get_db_converters(expression) + expression.get_db_converters(
                connection
            )
            if functions:
                found.append((position, expression, functions))
        by_language[language] = found
    return by_language[language]


def page_article(language: str, slug: str) -> ArticlePage | None:
    """The page of the article whose `language` version is public at `slug`,
    with everything it shows (as `ArticleQuerySet.for_page` gives it), in one query.

    The row is read with a plain cursor and turned into instances here, not
    through a RawQuerySet: that matches the row's columns to the model's 250
    fields on every request, which cost more than running the query.
    """
    alias = router.db_for_read(Article)
    connection = connections[alias]
    prepared = _prepared(alias, language)
    params = list(prepared.params)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for position in prepared.now_at:
        params[position] = now
    for position in prepared.slug_at:
        params[position] = slug
    with connection.cursor() as cursor:
        cursor.execute(prepared.sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    for position, expression, functions in _converters_for(connection, language, prepared):
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    columns = prepared.article_columns
    article = partial_instance(Article, alias, columns, row[: len(columns)])
    found = {name: row[position] for name, position in prepared.annotations}
    loaded = {name: _loaded(found[name]) for name in (*_JSON_COLUMNS, *_LIST_COLUMNS)}
    lead_renditions = _attach(article, loaded)
    return ArticlePage(
        article=article,
        authors=authors(article, loaded[AUTHOR_ROWS]),
        tags=tags(article, loaded[TAG_ROWS]),
        corrections=corrections(article, loaded[CORRECTION_ROWS]),
        texts=found[TEXT_FLAGS],
        lead_renditions=lead_renditions,
    )


_LIST_COLUMNS = (AUTHOR_ROWS, TAG_ROWS, CORRECTION_ROWS)


def _loaded(value):
    # PostgreSQL hands jsonb over as text (Django's loader), SQLite JSON is text.
    return json.loads(value) if isinstance(value, str) else value


def _attach(article: Article, loaded: dict) -> list[Rendition] | None:
    """Turn the JSON columns into the section and the photo; return its lead renditions."""
    article.section = instance_from_row(Section, loaded[SECTION_ROW])
    photo_row = loaded[PHOTO_ROW]
    if article.photo_id is None or not photo_row or photo_row.get("id") is None:
        article.photo = None
        return None
    photo = instance_from_row(Photo, photo_row)
    if photo.rights_expire_at is not None:
        photo.rights_expire_at = json_timestamp(photo.rights_expire_at)
    article.photo = photo
    return [instance_from_row(Rendition, row) for row in loaded[RENDITION_ROWS] or ()]
