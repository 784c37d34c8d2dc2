"""The article page's one query, written with the ORM's public API only.

`page_article(language, slug)` is an ordinary queryset: the one availability
rule (`public_q`) at the request's own time, the slug, the columns the page
reads (`page_columns`), the section and the photo joined (`select_related`),
the text flags, and the page's lists as JSON subqueries: authors, tags and
corrections (`page_row_annotations`) and the lead photo's renditions
(`LEAD_RENDITIONS`). One query, whatever the number of languages or rows.

What does not depend on the request (the columns, joins and annotations of a
language: `page_base`) is built once per process and language
(`cached_page_base`); each request only filters it. tests/selectors/
test_page_query.py checks that the query from the kept base is the query from
a base built afresh, finding the same, and that the page holds what
`ArticleQuerySet.for_page` finds.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from django.db.models import Expression, OuterRef, QuerySet
from django.utils import timezone

from articles.domain.availability import TEXT_FLAGS, public_q
from articles.models import Article, Rendition
from articles.photos.specs import FAMILIES
from articles.querysets import page_columns, text_flags
from articles.selectors.compiled_once import CompiledOnce
from articles.selectors.page_rows import (
    AUTHOR_ROWS,
    CORRECTION_ROWS,
    TAG_ROWS,
    ArticlePage,
    authors,
    corrections,
    instance_from_row,
    json_rows,
    page_row_annotations,
    tags,
)

LEAD_RENDITIONS = "lead_rendition_rows"
_RENDITION_FIELDS = ("id", "photo_id", "spec", "format", "file", "width", "height")


def page_annotations(language: str) -> dict[str, Expression]:
    """The page's text flags and lists (authors, tags, corrections, lead renditions)."""
    lead_specs = [spec.name for spec in FAMILIES["lead"]]
    return {
        **text_flags(),
        **page_row_annotations(Article, language),
        # The page shows the lead photo only (its <picture>, and the fallback
        # JPEG of its link previews and structured data).
        LEAD_RENDITIONS: json_rows(
            Rendition.objects.ready().filter(photo=OuterRef("photo"), spec__in=lead_specs),
            "photo",
            {field: field for field in _RENDITION_FIELDS},
        ),
    }


def page_base(language: str) -> QuerySet:
    """Everything of the page query in `language` that does not depend on the
    request: the columns, the joins and the annotations, resolved. The
    annotations, the same SQL on every request, are compiled once
    (`CompiledOnce`)."""
    annotations = page_annotations(language)
    return (
        # Every name here is a column's own (`title_fi`, not `title`): nothing for
        # modeltranslation to rewrite into the active language's, so it does not look.
        Article.objects.rewrite(False)
        .select_related("section", "photo")
        .only(*page_columns(language))
        .annotate(**{name: CompiledOnce(expression) for name, expression in annotations.items()})
        .order_by()
    )


# Made once per process and language, never evaluated itself: each request
# filters it (`page_queryset`), which makes a new queryset and leaves this one
# as it was, its annotations (and what they keep compiled) included.
cached_page_base = cache(page_base)


def page_queryset(base: QuerySet, language: str, slug: str, now: datetime) -> QuerySet:
    """The articles of `base` whose `language` version is public at `now` at `slug`."""
    return base.filter(public_q(language, now=now)).by_slug(language, slug)


def page_article(language: str, slug: str) -> ArticlePage | None:
    """The page of the article whose `language` version is public at `slug`,
    with everything it shows, in one query; None when there is none."""
    base = cached_page_base(language)
    article = page_queryset(base, language, slug, timezone.now()).first()
    if article is None:
        return None
    lead_renditions = None
    if article.photo is not None:
        lead_renditions = [
            instance_from_row(Rendition, row) for row in getattr(article, LEAD_RENDITIONS) or ()
        ]
    return ArticlePage(
        article=article,
        authors=authors(article, getattr(article, AUTHOR_ROWS)),
        tags=tags(article, getattr(article, TAG_ROWS)),
        corrections=corrections(article, getattr(article, CORRECTION_ROWS)),
        texts=getattr(article, TEXT_FLAGS),
        lead_renditions=lead_renditions,
    )
