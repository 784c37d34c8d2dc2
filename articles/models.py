"""The newsroom's content: sections, authors, photos and articles.

Translated fields (title, slug, summary, body, caption, alt text, section
name and slug) are registered in ``articles/translation.py``; modeltranslation
adds one column per language (``title_pt``, ``title_zh_hans``, ``title_ind``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .availability import available_languages, first_translation
from .html import sanitize_html
from .languages import LANGUAGE_CODES, SITE_LANGUAGES, column_suffix
from .provenance import changed_text, mark_translation, text_snapshot
from .querysets import ArticleQuerySet, SectionQuerySet
from .slugs import AnyScriptSlugField, fill_missing_slugs
from .status import Origin, Status


def unique_when_set(model_name: str, field: str) -> models.UniqueConstraint:
    """Unique among rows that have a value; rows without one (made by hand) are exempt."""
    return models.UniqueConstraint(
        fields=[field],
        condition=Q(**{f"{field}__gt": ""}),
        name=f"{model_name}_unique_{field}",
        violation_error_code="unique",
    )


def unique_slug_per_language(model_name: str) -> list[models.UniqueConstraint]:
    """One unique constraint per language's slug column.

    Empty slugs (a language the row does not have) are exempt. Validation of a
    single-field constraint with code "unique" is reported on that field, so a
    collision is a form error, not an IntegrityError.
    """
    return [
        models.UniqueConstraint(
            fields=[f"slug_{column_suffix(code)}"],
            condition=Q(**{f"slug_{column_suffix(code)}__gt": ""}),
            name=f"{model_name}_unique_slug_{column_suffix(code)}",
            violation_error_code="unique",
            violation_error_message=_("This slug is already used in this language."),
        )
        for code in LANGUAGE_CODES
    ]


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100, blank=True)
    slug = AnyScriptSlugField(_("slug"), max_length=100, allow_unicode=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = unique_slug_per_language("section")

    def __str__(self) -> str:
        return first_translation(self, "name") or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        """This section's page in the active language, or "" if it has no slug there."""
        return reverse("articles:section", kwargs={"slug": self.slug}) if self.slug else ""

    def clean(self) -> None:
        if not first_translation(self, "name"):
            raise ValidationError(_("Give the section a name in at least one language."))
        fill_missing_slugs(self, "name")


class Author(models.Model):
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.name


class Photo(models.Model):
    image = models.ImageField(
        _("image"), upload_to="originals/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    # Translated (see translation.py): a caption and alt text per language.
    caption = models.TextField(_("caption"), blank=True)
    alt_text = models.CharField(_("alt text"), max_length=300, blank=True)
    # Never translated: a credit reads the same in every language.
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("Photographer or agency, shown with the photo.")
    )
    copyright_holder = models.CharField(_("copyright holder"), max_length=200, blank=True)
    # The picture's identifier on the wire (ninjs association uri), so that a
    # picture sent with several language versions is stored once.
    uri = models.CharField(_("wire URI"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [unique_when_set("photo", "uri")]

    def __str__(self) -> str:
        return f"{self.image.name.rsplit('/', 1)[-1]} ({self.credit})"


class Rendition(models.Model):
    """A resized copy of a photo: what readers get instead of the original."""

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    file = models.ImageField(upload_to="renditions/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["photo", "spec"], name="rendition_unique_photo_spec")
        ]

    def __str__(self) -> str:
        return f"{self.photo_id}:{self.spec}"


class Article(models.Model):
    # Translated (see translation.py).
    # Blank at the field level: which languages exist is the article's choice;
    # clean() asks for at least one, availability asks for title, slug and body.
    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = AnyScriptSlugField(_("slug"), max_length=200, allow_unicode=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("HTML; sanitized on save."))
    byline = models.CharField(
        _("byline"),
        max_length=300,
        blank=True,
        help_text=_("As the agency wrote it; when empty, the authors are shown."),
    )
    # Shared by every language version.
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), blank=True, related_name="articles"
    )
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    source_language = models.CharField(
        _("source language"), max_length=7, choices=SITE_LANGUAGES, default="en"
    )
    # Per language (see translation.py): each language version has its own
    # state and its own publication time; a future time means scheduled.
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("When this language version goes or went live; a future time schedules it."),
    )
    # Per language: how this version was made, and from which source text
    # (articles/provenance.py tells from these whether a translation is outdated).
    origin = models.CharField(
        _("made as"), max_length=16, choices=Origin.choices, default=Origin.ORIGINAL
    )
    translated_from = models.CharField(
        _("translated from"), max_length=7, choices=SITE_LANGUAGES, blank=True
    )
    based_on = models.PositiveIntegerField(
        _("source text version"), null=True, blank=True, editable=False
    )
    text_version = models.PositiveIntegerField(_("text version"), default=0, editable=False)
    # One embargo for all languages: nothing is public before it.
    embargo_until = models.DateTimeField(_("embargoed until"), null=True, blank=True)
    # Agency copy (ninjs): the article's identifier on the wire, shared by all
    # its language versions, and the rights statement that came with it.
    uri = models.CharField(
        _("wire URI"),
        max_length=500,
        blank=True,
        help_text=_("Identifies agency copy: imports with this URI update this article."),
    )
    copyright_holder = models.CharField(_("copyright holder"), max_length=200, blank=True)
    copyright_notice = models.TextField(_("copyright notice"), blank=True)
    # Per language: the wire version last imported, so that re-sending the
    # same or an older version changes nothing (articles/ninjs_import.py).
    wire_version = models.CharField(_("wire version"), max_length=50, blank=True, editable=False)
    wire_version_created = models.DateTimeField(
        _("wire version time"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [*unique_slug_per_language("article"), unique_when_set("article", "uri")]

    def __str__(self) -> str:
        return first_translation(self, "title", prefer=(self.source_language,)) or f"#{self.pk}"

    def save(self, *args, **kwargs) -> None:
        # Last line of defence: whatever path wrote the body (admin, import,
        # shell), what is stored has been through the one sanitizer.
        for code in LANGUAGE_CODES:
            column = f"body_{column_suffix(code)}"
            value = getattr(self, column)
            if value:
                setattr(self, column, sanitize_html(value))
        # Every change of a language's text moves its version on, so that
        # translations made from it can tell they are outdated.
        self.text_changes = changed_text(self)
        bumped = []
        for code in self.text_changes:
            column = f"text_version_{column_suffix(code)}"
            setattr(self, column, (getattr(self, column) or 0) + 1)
            bumped.append(column)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *bumped}
        super().save(*args, **kwargs)
        self._loaded_text = text_snapshot(self)

    def get_absolute_url(self, language: str | None = None) -> str:
        language = language or translation.get_language()
        slug = getattr(self, f"slug_{column_suffix(language)}")
        with translation.override(language):
            return reverse("articles:article", kwargs={"slug": slug})

    def clean(self) -> None:
        if not first_translation(self, "title"):
            raise ValidationError(_("Give the article a title in at least one language."))
        fill_missing_slugs(self, "title")
        now = timezone.now()
        for code in LANGUAGE_CODES:
            suffix = column_suffix(code)
            if getattr(self, f"status_{suffix}") == Status.PUBLISHED and not getattr(
                self, f"published_at_{suffix}"
            ):
                setattr(self, f"published_at_{suffix}", now)
            # A language newly marked as a translation is taken to match its
            # source as it stands now.
            source = getattr(self, f"translated_from_{suffix}")
            if source and getattr(self, f"based_on_{suffix}") is None:
                origin = getattr(self, f"origin_{suffix}")
                if origin != Origin.ORIGINAL:
                    mark_translation(self, code, source=source, origin=origin)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_text = text_snapshot(instance)
        return instance

    @property
    def languages(self) -> list[str]:
        """The languages in which readers may see this article, in site order."""
        return available_languages(self)
