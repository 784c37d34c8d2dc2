"""Named reads: what each audience may see is written once, here."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from .availability import has_language, public_q
from .languages import column_suffix


class ArticleQuerySet(models.QuerySet):
    def public_in(self, language: str) -> ArticleQuerySet:
        """Articles whose `language` version readers may see, newest first."""
        return self.filter(public_q(language)).order_by(
            f"-published_at_{column_suffix(language)}", "-id"
        )

    def for_listing(self) -> ArticleQuerySet:
        """What a list of articles shows: section, photo and its finished renditions."""
        from .models import Rendition

        return self.select_related("section", "photo").prefetch_related(
            Prefetch("photo__renditions", queryset=Rendition.objects.ready())
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

    def changed_since(self, moment: datetime) -> ArticleQuerySet:
        """Articles created or changed at or after `moment` (for partners who poll)."""
        return self.filter(updated_at__gte=moment)

    def in_section(self, language: str, slug: str) -> ArticleQuerySet:
        """Articles in the section whose slug in `language` is `slug`."""
        return self.filter(**{f"section__slug_{column_suffix(language)}": slug})


class SectionQuerySet(models.QuerySet):
    def named_in(self, language: str) -> SectionQuerySet:
        """Sections that have a name and slug in `language` (for navigation)."""
        suffix = column_suffix(language)
        return self.filter(**{f"name_{suffix}__gt": "", f"slug_{suffix}__gt": ""})


class PhotoQuerySet(models.QuerySet):
    def rights_expired(self, now: datetime | None = None) -> PhotoQuerySet:
        """Photos readers may no longer see: their rights have run out."""
        return self.filter(rights_expire_at__lte=now or timezone.now())

    def rights_expiring(self, within: timedelta, now: datetime | None = None) -> PhotoQuerySet:
        """Photos still shown whose rights run out within `within`."""
        now = now or timezone.now()
        return self.filter(rights_expire_at__gt=now, rights_expire_at__lte=now + within)

    def missing_alt_text_in(self, language: str) -> PhotoQuerySet:
        """Photos readers may meet in `language` (a caption there, or an article
        written there uses them) that have no alt text in it."""
        from .models import Article

        suffix = column_suffix(language)
        used_there = Article.objects.filter(has_language(language), photo=models.OuterRef("pk"))
        return self.exclude(**{f"alt_text_{suffix}__gt": ""}).filter(
            models.Q(**{f"caption_{suffix}__gt": ""}) | models.Exists(used_there)
        )


class RenditionQuerySet(models.QuerySet):
    def ready(self) -> RenditionQuerySet:
        """Renditions whose file exists (not a claim still being rendered)."""
        return self.exclude(file="")
