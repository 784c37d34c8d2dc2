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
from datetime import UTC, datetime
from functools import cache

from django.db import connections, router
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.utils import timezone

from .availability import public_q
from .languages import column_suffix
from .models import Article, Photo, Rendition, Section
from .page_rows import (
    AUTHOR_ROWS,
    CORRECTION_ROWS,
    TAG_ROWS,
    json_rows,
    json_timestamp,
    page_row_annotations,
)
from .querysets import PAGE_PHOTO_FIELDS, page_columns

# Stand-ins compiled into the SQL where each request's own values go.
_NOW_MARK = datetime(1999, 12, 31, 23, 59, 58, 123457, tzinfo=UTC)
_SLUG_MARK = "\ufdd0page-query-slug\ufdd0"

SECTION_ROW = "section_row"
PHOTO_ROW = "photo_row"
RENDITION_ROWS = "rendition_rows"
_JSON_COLUMNS = (SECTION_ROW, PHOTO_ROW, RENDITION_ROWS)
_RENDITION_FIELDS = ("id", "photo_id", "spec", "format", "file", "width", "height")


def _queryset(language: str):
    suffix = column_suffix(language)
    section_fields = ["id", f"name_{suffix}", f"slug_{suffix}"]
    photo_fields = ["id", f"caption_{suffix}", f"alt_text_{suffix}", *PAGE_PHOTO_FIELDS]
    own_columns = [c for c in page_columns(language) if "__" not in c]
    return (
        Article.objects.filter(public_q(language, now=_NOW_MARK))
        .by_slug(language, _SLUG_MARK)
        .only(*own_columns)
        .annotate(
            **page_row_annotations(language),
            **{
                SECTION_ROW: JSONObject(**{f: f"section__{f}" for f in section_fields}),
                PHOTO_ROW: JSONObject(**{f: f"photo__{f}" for f in photo_fields}),
                RENDITION_ROWS: json_rows(
                    Rendition.objects.ready().filter(photo=OuterRef("photo")),
                    "photo",
                    {f: f for f in _RENDITION_FIELDS},
                ),
            },
        )
        .order_by()[:1]
    )


@cache
def _compiled(alias: str, language: str) -> tuple[str, tuple]:
    sql, params = _queryset(language).query.get_compiler(using=alias).as_sql()
    return sql, tuple(params)


def page_article(language: str, slug: str) -> Article | None:
    """The article whose `language` version is public at `slug`, with everything
    its page shows (as `ArticleQuerySet.for_page` gives it), in one query."""
    alias = router.db_for_read(Article)
    connection = connections[alias]
    sql, marked = _compiled(alias, language)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    now_mark = connection.ops.adapt_datetimefield_value(_NOW_MARK)
    params = [now if p == now_mark else slug if p == _SLUG_MARK else p for p in marked]
    article = next(iter(Article.objects.raw(sql, params, using=alias)), None)
    if article is not None:
        _attach(article, connection)
    return article


def _loaded(value):
    # PostgreSQL hands jsonb over as text (Django's loader), SQLite JSON is text.
    return json.loads(value) if isinstance(value, str) else value


def _attach(article: Article, connection) -> None:
    """Turn the JSON columns into the section, the photo and its renditions."""
    for name in (*_JSON_COLUMNS, AUTHOR_ROWS, TAG_ROWS, CORRECTION_ROWS):
        setattr(article, name, _loaded(getattr(article, name)))
    article.section = _instance(Section, getattr(article, SECTION_ROW))
    photo_row = getattr(article, PHOTO_ROW)
    if article.photo_id is None or not photo_row or photo_row.get("id") is None:
        article.photo = None
        return
    photo = _instance(Photo, photo_row)
    if photo.rights_expire_at is not None:
        photo.rights_expire_at = json_timestamp(photo.rights_expire_at)
    photo.page_renditions = [
        _instance(Rendition, row) for row in getattr(article, RENDITION_ROWS) or ()
    ]
    article.photo = photo


def _instance(model, row: dict):
    names = [f.attname for f in model._meta.concrete_fields if f.attname in row]
    return model.from_db(None, names, [row[name] for name in names])
