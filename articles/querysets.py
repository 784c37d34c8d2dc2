"""Named reads: what each audience may see is written once, here."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.db.models import Count, ExpressionWrapper, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation

from articles.domain.availability import (
    REQUIRED_FIELDS,
    TEXT_FLAGS,
    TextFlags,
    has_language,
    public_q,
    text_flags_mask,
)
from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.selectors.page_rows import page_row_annotations, related_model


def published_at_field(language: str) -> str:
    """The column that dates the `language` version of an article: its own
    publication time. Archives and search read the date only through this."""
    return column_name("published_at", language)


def published_during(language: str, start: datetime, end: datetime) -> Q:
    """SQL: the `language` version was published in [start, end)."""
    field = published_at_field(language)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def page_columns(language: str) -> list[str]:
    """The columns an article page in `language` reads (see `for_page`)."""
    every_language = [
        column_name(field, code)
        for code in LANGUAGE_CODES
        # What the availability rule reads, and the slug that makes the address.
        # Whether the other languages have their texts comes as flags
        # (`with_text_flags`): reading 14 bodies to test them was most of the row.
        # The change time dates the page (articles/web/versions.py `page_modified_at`).
        for field in ("status", "published_at", "expires_at", "slug", "changed_at")
    ]
    return [
        *("section", "photo", "source_language", "embargo_until"),
        "copyright_notice",
        *every_language,
        *(
            column_name(field, language)
            for field in (*REQUIRED_FIELDS, "summary", "byline", "origin")
        ),
        *("section__" + column_name(field, language) for field in ("name", "slug")),
        *("photo__" + column_name(field, language) for field in ("caption", "alt_text")),
        *(f"photo__{field}" for field in PAGE_PHOTO_FIELDS),
    ]


# What a page shows of a photo besides its caption and alt text.
PAGE_PHOTO_FIELDS = ("credit", "copyright_holder", "rights_expire_at", "placeholder_colour")


class TextFlagsField(models.IntegerField):
    """Reads the `text_flags_mask` number as a `TextFlags`."""

    def from_db_value(self, value, expression, connection) -> TextFlags:
        return TextFlags.from_mask(value)


def text_flags() -> dict[str, ExpressionWrapper]:
    """The `text_flags` annotation: which languages have their required texts."""
    return {TEXT_FLAGS: ExpressionWrapper(text_flags_mask(), output_field=TextFlagsField())}


class ArticleQuerySet(models.QuerySet):
    def public_in(self, language: str) -> ArticleQuerySet:
        """Articles whose `language` version readers may see, newest first."""
        return self.filter(public_q(language)).order_by(
            "-" + column_name("published_at", language), "-id"
        )

    def for_listing(self) -> ArticleQuerySet:
        """What a list of articles shows: section, photo and its finished renditions."""
        renditions = related_model(self.model, "photo", "renditions")._default_manager.ready()
        return self.select_related("section", "photo").prefetch_related(
            Prefetch("photo__renditions", queryset=renditions)
        )

    def for_page(self, language: str | None = None) -> ArticleQuerySet:
        """What an article page (and a feed entry) shows in `language` (the active
        language if not given), in one query plus the photo's renditions.

        Only the columns the page reads are loaded: the `language` version's
        text and the few columns per language that decide which versions are
        public and where they live (the switcher). The authors, the tags named
        in `language` and its corrections come as JSON inside the same query;
        articles/selectors/page_rows.py `article_page` reads them, with the
        text flags, into the page's `ArticlePage`.
        """
        language = language or translation.get_language()
        return (
            self.for_listing()
            .only(*page_columns(language))
            .with_text_flags()
            .annotate(**page_row_annotations(self.model, language))
        )

    def for_export(self, language: str) -> ArticleQuerySet:
        """What a ninjs document carries: a listing, the byline, the corrections."""
        return self.for_listing().prefetch_related("authors").with_corrections_in(language)

    def with_corrections_in(self, language: str) -> ArticleQuerySet:
        """Prefetch `article.page_corrections`: the corrections shown in `language`."""
        corrections = related_model(self.model, "corrections")._default_manager
        return self.prefetch_related(
            Prefetch(
                "corrections",
                queryset=corrections.filter(language=language),
                to_attr="page_corrections",
            )
        )

    def by_slug(self, language: str, slug: str) -> ArticleQuerySet:
        return self.filter(**{column_name("slug", language): slug})

    def with_text_flags(self) -> ArticleQuerySet:
        """`article.text_flags`, a `TextFlags`: which languages have their required texts.

        For lists that show all 14 languages' availability without loading
        the texts: hand it to `availability.is_public(..., texts=...)`.
        """
        return self.annotate(**text_flags())

    def changed_since(self, moment: datetime, language: str) -> ArticleQuerySet:
        """Articles whose `language` version changed or went live at or after
        `moment` (for partners who poll); an edit of another language does not count."""
        return self.filter(
            Q(**{column_name("changed_at", language) + "__gte": moment})
            | Q(**{column_name("published_at", language) + "__gte": moment})
        )

    def in_section(self, language: str, slug: str) -> ArticleQuerySet:
        """Articles in the section whose slug in `language` is `slug`."""
        return self.filter(**{column_name("section__slug", language): slug})

    def public_counts(self, during: tuple[datetime, datetime] | None = None) -> dict[str, int]:
        """How many of these articles are public in each language (published
        `during` [start, end) if given), all languages in one query."""

        def condition(code: str) -> Q:
            return public_q(code) & (published_during(code, *during) if during else Q())

        counts = self.order_by().aggregate(
            **{
                column_name("public", code): Count("pk", filter=condition(code))
                for code in LANGUAGE_CODES
            }
        )
        return {code: counts[column_name("public", code)] for code in LANGUAGE_CODES}

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
        return self.filter(
            **{
                column_name("name", language) + "__gt": "",
                column_name("slug", language) + "__gt": "",
            }
        )


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
        articles = related_model(self.model, "articles")._default_manager
        used_there = articles.filter(has_language(language), photo=models.OuterRef("pk"))
        return self.exclude(**{column_name("alt_text", language) + "__gt": ""}).filter(
            models.Q(**{column_name("caption", language) + "__gt": ""}) | models.Exists(used_there)
        )


class RenditionQuerySet(models.QuerySet):
    def ready(self) -> RenditionQuerySet:
        """Renditions whose file exists (not a claim still being rendered)."""
        return self.exclude(file="")


class TagQuerySet(SectionQuerySet):
    """Tags are named per language like sections, and shown only where named."""
