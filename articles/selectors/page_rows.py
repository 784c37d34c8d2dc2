"""The small lists an article page shows, read inside the article's own query.

An article page shows its authors, its tags named in the page's language and
its corrections in that language. With `prefetch_related` each of those costs
a query (and the ORM's prefetch bookkeeping); here each is a correlated
subquery that returns its rows as one JSON array (`json_group_array` on
SQLite, `jsonb_agg` on PostgreSQL), so the article, its section, its photo and
the three lists arrive in one query (`ArticleQuerySet.for_page`). The rows are
turned back into model instances (`instance_from_row`) in the models' own order
and handed to the page as one `ArticlePage`.

The related models are reached from the article's model (`_meta.get_field`),
so that the querysets can build these annotations without importing the models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Aggregate, JSONField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import JSONObject

from articles.domain.availability import TEXT_FLAGS, TextFlags
from articles.domain.languages import column_name

AUTHOR_ROWS = "author_rows"
TAG_ROWS = "tag_rows"
CORRECTION_ROWS = "correction_rows"


@dataclass(frozen=True)
class ArticlePage:
    """What an article page shows besides the article's own columns.

    `texts`: which languages have their required texts (the page's article
    holds one language's texts only); hand it to `availability.is_public`.
    `lead_renditions`: the lead photo's renditions when the page's query brought
    them along; None to ask the photo.
    """

    article: Model
    authors: list
    tags: list
    corrections: list
    texts: TextFlags | None = None
    lead_renditions: list | None = None


def related_model(model: type[Model], *path: str) -> type[Model]:
    """The model at the end of `path`, a chain of relation names from `model`.

    For reads the querysets make of related models without importing models.py,
    which imports them.
    """
    for name in path:
        model = model._meta.get_field(name).related_model
    return model


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


def page_row_annotations(article_model: type[Model], language: str) -> dict[str, Subquery]:
    """Annotations for an article queryset: its authors, its tags named in
    `language` and its corrections in `language`."""
    by_article = {"article": OuterRef("pk")}
    fields = article_model._meta
    tag = related_model(article_model, "tags")
    return {
        AUTHOR_ROWS: json_rows(
            fields.get_field("authors").remote_field.through._default_manager.filter(**by_article),
            "article",
            {name: f"author__{name}" for name in ("id", "name", "slug")},
        ),
        TAG_ROWS: json_rows(
            fields.get_field("tags").remote_field.through._default_manager.filter(
                **by_article, tag__in=tag._default_manager.named_in(language)
            ),
            "article",
            {
                name: f"tag__{name}"
                for name in ("id", *(column_name(f, language) for f in ("name", "slug")))
            },
        ),
        CORRECTION_ROWS: json_rows(
            related_model(article_model, "corrections")._default_manager.filter(
                **by_article, language=language
            ),
            "article",
            {name: name for name in ("id", "article_id", "language", "note", "created_at")},
        ),
    }


def instance_from_row(model: type[Model], row: dict) -> Model:
    """An instance holding just the fields in `row` (a JSON object keyed by attname),
    as the ORM loads one (`Model.from_db`; the others are deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in row]
    return model.from_db(None, names, [row[name] for name in names])


def _instances(model: type[Model], rows: list[dict] | None) -> list:
    return [instance_from_row(model, row) for row in rows or ()]


def json_timestamp(value: str | datetime) -> datetime:
    """A timestamp from JSON: SQLite writes naive UTC text, PostgreSQL ISO with offset."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def authors(article: Model, rows: list[dict] | None) -> list:
    found = _instances(related_model(type(article), "authors"), rows)
    return sorted(found, key=lambda author: (author.name, author.pk))


def tags(article: Model, rows: list[dict] | None) -> list:
    return sorted(_instances(related_model(type(article), "tags"), rows), key=lambda tag: tag.pk)


def corrections(article: Model, rows: list[dict] | None) -> list:
    found = _instances(related_model(type(article), "corrections"), rows)
    for correction in found:
        correction.created_at = json_timestamp(correction.created_at)
    return sorted(found, key=lambda correction: (correction.created_at, correction.pk))


def article_page(article: Model) -> ArticlePage:
    """The page of an article loaded with `ArticleQuerySet.for_page` (its annotations)."""
    return ArticlePage(
        article=article,
        authors=authors(article, getattr(article, AUTHOR_ROWS)),
        tags=tags(article, getattr(article, TAG_ROWS)),
        corrections=corrections(article, getattr(article, CORRECTION_ROWS)),
        texts=getattr(article, TEXT_FLAGS),
    )


def related_page(article: Model, language: str) -> ArticlePage:
    """The page of an article loaded any other way: a query for each list."""
    named = related_model(type(article), "tags")._default_manager.named_in(language)
    return ArticlePage(
        article=article,
        authors=list(article.authors.all()),
        tags=list(article.tags.filter(pk__in=named)),
        corrections=list(article.corrections.filter(language=language)),
    )
