"""The small lists an article page shows, read inside the article's own query.

An article page shows its authors, its tags named in the page's language and
its corrections in that language. With `prefetch_related` each of those costs
a query (and the ORM's prefetch bookkeeping); here each is a correlated
subquery that returns its rows as one JSON array (`json_group_array` on
SQLite, `jsonb_agg` on PostgreSQL), so the article, its section, its photo and
the three lists arrive in one query (`ArticleQuerySet.for_page`). The rows are
turned back into model instances (`instance_from_row`) in the models' own order,
so templates use them as before.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db.models import Aggregate, JSONField, Model, OuterRef, QuerySet, Subquery
from django.db.models.base import ModelState
from django.db.models.functions import JSONObject

from articles.domain.languages import column_name

if TYPE_CHECKING:
    from articles.models import Article, Author, Correction, Tag

AUTHOR_ROWS = "author_rows"
TAG_ROWS = "tag_rows"
CORRECTION_ROWS = "correction_rows"


class JSONArrayAgg(Aggregate):
    """The aggregated values as one JSON array (no order: callers sort)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def json_rows(queryset: QuerySet, group_by: str, fields: dict[str, str]) -> Subquery:
    """`queryset`'s rows as a JSON array of {key: value of lookup} objects; NULL when none.

    `queryset` is correlated to the outer query by an OuterRef on `group_by`,
    which also groups it, so the subquery yields at most one row.
    """
    rows = JSONArrayAgg(JSONObject(**fields))
    return Subquery(
        queryset.order_by().values(group_by).annotate(rows=rows).values("rows"),
        output_field=JSONField(),
    )


def page_row_annotations(language: str) -> dict[str, Subquery]:
    """Annotations for an `Article` queryset: its authors, its tags named in
    `language` and its corrections in `language`."""
    from articles.models import Article, Correction, Tag

    by_article = {"article": OuterRef("pk")}
    return {
        AUTHOR_ROWS: json_rows(
            Article.authors.through.objects.filter(**by_article),
            "article",
            {name: f"author__{name}" for name in ("id", "name", "slug")},
        ),
        TAG_ROWS: json_rows(
            Article.tags.through.objects.filter(
                **by_article, tag__in=Tag.objects.named_in(language)
            ),
            "article",
            {
                name: f"tag__{name}"
                for name in ("id", *(column_name(f, language) for f in ("name", "slug")))
            },
        ),
        CORRECTION_ROWS: json_rows(
            Correction.objects.filter(**by_article, language=language),
            "article",
            {name: name for name in ("id", "article_id", "language", "note", "created_at")},
        ),
    }


def partial_instance(model: type[Model], alias: str | None, names, values) -> Model:
    """An instance holding just `names` (attnames), as `Model.from_db` makes one.

    `from_db` passes every one of the model's fields to `__init__`, most of
    them as deferred; for an article that is 250 fields to read one language's
    dozen. Nothing listens to the init signals of the models built here
    (tests/test_page_query.py compares the result with the ORM's).
    """
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    instance._state = ModelState()
    instance._state.adding = False
    instance._state.db = alias
    return instance


def instance_from_row(model: type[Model], row: dict) -> Model:
    """An instance holding just the fields in `row` (a JSON object keyed by attname)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in row]
    return partial_instance(model, None, names, [row[name] for name in names])


def _instances(model: type[Model], rows: list[dict] | None) -> list:
    return [instance_from_row(model, row) for row in rows or ()]


def json_timestamp(value: str | datetime) -> datetime:
    """A timestamp from JSON: SQLite writes naive UTC text, PostgreSQL ISO with offset."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def authors(article: Article) -> list[Author]:
    from articles.models import Author

    found = _instances(Author, getattr(article, AUTHOR_ROWS))
    return sorted(found, key=lambda author: (author.name, author.pk))


def tags(article: Article) -> list[Tag]:
    from articles.models import Tag

    return sorted(_instances(Tag, getattr(article, TAG_ROWS)), key=lambda tag: tag.pk)


def corrections(article: Article) -> list[Correction]:
    from articles.models import Correction

    found = _instances(Correction, getattr(article, CORRECTION_ROWS))
    for correction in found:
        correction.created_at = json_timestamp(correction.created_at)
    return sorted(found, key=lambda correction: (correction.created_at, correction.pk))
