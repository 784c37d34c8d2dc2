"""Named reads: what each audience may see is written once, here."""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch

from .availability import public_q
from .languages import column_suffix


class ArticleQuerySet(models.QuerySet):
    def public_in(self, language: str) -> ArticleQuerySet:
        """Articles whose `language` version readers may see, newest first."""
        return self.filter(public_q(language)).order_by(
            f"-published_at_{column_suffix(language)}", "-id"
        )

    def for_listing(self) -> ArticleQuerySet:
        """What a list of articles shows: section, photo and its renditions."""
        from .models import Rendition

        return self.select_related("section", "photo").prefetch_related(
            Prefetch("photo__renditions", queryset=Rendition.objects.order_by("spec"))
        )

    def for_page(self) -> ArticleQuerySet:
        """What an article page shows: a listing plus the byline."""
        return self.for_listing().prefetch_related("authors")

    def with_corrections_in(self, language: str) -> ArticleQuerySet:
        """Prefetch `article.page_corrections`: the corrections shown in `language`."""
        from .models import Correction

        return self.prefetch_related(
            Prefetch(
                "corrections",
                queryset=Correction.objects.filter(language=language),
                to_attr="page_corrections",
            )
        )

    def by_slug(self, language: str, slug: str) -> ArticleQuerySet:
        return self.filter(**{f"slug_{column_suffix(language)}": slug})


class SectionQuerySet(models.QuerySet):
    def named_in(self, language: str) -> SectionQuerySet:
        """Sections that have a name and slug in `language` (for navigation)."""
        suffix = column_suffix(language)
        return self.filter(**{f"name_{suffix}__gt": "", f"slug_{suffix}__gt": ""})
