"""Named reads: what each audience may see is written once, here."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth

from .availability import public_q
from .languages import LANGUAGE_CODES, column_suffix


def published_at_field(language: str) -> str:
    """The column that dates the `language` version of an article.

    Archives and search read the publication date only through this, so that
    per-language publication times need one change here.
    """
    return "published_at"


def published_during(language: str, start: datetime, end: datetime) -> Q:
    """SQL: the `language` version was published in [start, end)."""
    field = published_at_field(language)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


class ArticleQuerySet(models.QuerySet):
    def public_in(self, language: str) -> ArticleQuerySet:
        """Articles whose `language` version readers may see, newest first."""
        return self.filter(public_q(language)).order_by("-published_at", "-id")

    def for_listing(self) -> ArticleQuerySet:
        """What a list of articles shows: section, photo and its renditions."""
        from .models import Rendition

        return self.select_related("section", "photo").prefetch_related(
            Prefetch("photo__renditions", queryset=Rendition.objects.order_by("spec"))
        )

    def for_page(self, language: str) -> ArticleQuerySet:
        """What an article page shows: a listing, the byline, the tags named in `language`."""
        from .models import Tag

        return self.for_listing().prefetch_related(
            "authors", Prefetch("tags", queryset=Tag.objects.named_in(language))
        )

    def by_slug(self, language: str, slug: str) -> ArticleQuerySet:
        return self.filter(**{f"slug_{column_suffix(language)}": slug})

    def public_counts(self, during: tuple[datetime, datetime] | None = None) -> dict[str, int]:
        """How many of these articles are public in each language (published
        `during` [start, end) if given), all languages in one query."""

        def condition(code: str) -> Q:
            return public_q(code) & (published_during(code, *during) if during else Q())

        counts = self.order_by().aggregate(
            **{column_suffix(code): Count("pk", filter=condition(code)) for code in LANGUAGE_CODES}
        )
        return {code: counts[column_suffix(code)] for code in LANGUAGE_CODES}

    def months_in(self, language: str) -> list[tuple[datetime, int]]:
        """(first moment of the month, number of articles) for each month, newest first."""
        return list(
            self.annotate(month=TruncMonth(published_at_field(language)))
            .order_by("-month")
            .values("month")
            .annotate(count=Count("pk"))
            .values_list("month", "count")
        )


class SectionQuerySet(models.QuerySet):
    def named_in(self, language: str) -> SectionQuerySet:
        """Sections that have a name and slug in `language` (for navigation)."""
        suffix = column_suffix(language)
        return self.filter(**{f"name_{suffix}__gt": "", f"slug_{suffix}__gt": ""})


class TagQuerySet(SectionQuerySet):
    """Tags are named per language like sections, and shown only where named."""
