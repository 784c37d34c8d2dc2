"""Named reads: what each audience may see is written once, here."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.db.models import Count, Prefetch

from .availability import public_q
from .languages import LANGUAGE_CODES, column_suffix


def published_at_field(language: str) -> str:
    """The column that dates the `language` version of an article.

    Archives and search read the publication date only through this, so that
    per-language publication times need one change here.
    """
    return "published_at"


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

    def published_during(self, language: str, start: datetime, end: datetime) -> ArticleQuerySet:
        """Articles whose `language` version was published in [start, end)."""
        field = published_at_field(language)
        return self.filter(**{f"{field}__gte": start, f"{field}__lt": end})

    def public_counts(self) -> dict[str, int]:
        """How many of these articles are public in each language, in one query."""
        counts = self.order_by().aggregate(
            **{column_suffix(code): Count("pk", filter=public_q(code)) for code in LANGUAGE_CODES}
        )
        return {code: counts[column_suffix(code)] for code in LANGUAGE_CODES}


class SectionQuerySet(models.QuerySet):
    def named_in(self, language: str) -> SectionQuerySet:
        """Sections that have a name and slug in `language` (for navigation)."""
        suffix = column_suffix(language)
        return self.filter(**{f"name_{suffix}__gt": "", f"slug_{suffix}__gt": ""})


class TagQuerySet(SectionQuerySet):
    """Tags are named per language like sections, and shown only where named."""
