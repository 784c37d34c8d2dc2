"""The newsroom's content: sections, authors, photos and articles.

Translated fields (title, slug, summary, body, caption, alt text, section
name and slug) are registered in ``articles/translation.py``; modeltranslation
adds one column per language (``title_pt``, ``title_zh_hans``, ``title_ind``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .availability import available_languages, first_translation
from .html import sanitize_html
from .languages import LANGUAGE_CODES, SITE_LANGUAGES, column_suffix
from .querysets import ArticleQuerySet, SectionQuerySet, TagQuerySet
from .slugs import AnyScriptSlugField, fill_missing_slugs, unique_slug


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


class RetiredSlug(models.Model):
    """A slug an article, section or tag had in one language, and no longer has.

    Kept so that links and search results pointing at the old address answer
    301 to the new one instead of 404. Written by `RedirectsRetiredSlugs.save`.
    """

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        SECTION = "section", _("section")
        TAG = "tag", _("tag")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=7, choices=SITE_LANGUAGES)
    slug = models.CharField(_("slug"), max_length=200)
    object_id = models.PositiveBigIntegerField(_("object id"))
    retired_at = models.DateTimeField(_("retired at"), auto_now=True)

    class Meta:
        verbose_name = _("retired slug")
        verbose_name_plural = _("retired slugs")
        constraints = [
            # One owner per old address: the object that gave it up most recently.
            models.UniqueConstraint(
                fields=["kind", "language", "slug"], name="retiredslug_unique_address"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.language}/{self.slug} → #{self.object_id}"


class RedirectsRetiredSlugs(models.Model):
    """Remembers every per-language slug a row gives up, so its old URL can redirect.

    In `save()` rather than in one service: the admin, `load_demo`, imports and
    the shell all change slugs, and a redirect missed once is a dead link for good.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        from .redirects import remember_retired_slugs, stored_slugs

        update_fields = kwargs.get("update_fields")
        touches_slugs = update_fields is None or any(f.startswith("slug") for f in update_fields)
        with transaction.atomic():
            before = stored_slugs(self) if self.pk and touches_slugs else {}
            super().save(*args, **kwargs)
            if before:
                remember_retired_slugs(self, before)


class Section(RedirectsRetiredSlugs):
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
    # One slug for every language: a byline reads the same in all of them.
    slug = AnyScriptSlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        blank=True,
        help_text=_("Filled in from the name when left empty."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(slug__gt=""),
                name="author_unique_slug",
                violation_error_code="unique",
                violation_error_message=_("This slug is already used by another author."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Every author has a page, however the row was written (admin, import, shell).
        if not self.slug:
            self.slug = unique_slug(Author, "slug", self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(RedirectsRetiredSlugs):
    """A subject label, named per language (translation.py); shown where it has a name."""

    name = models.CharField(_("name"), max_length=100, blank=True)
    slug = AnyScriptSlugField(_("slug"), max_length=100, allow_unicode=True, blank=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = unique_slug_per_language("tag")

    def __str__(self) -> str:
        return first_translation(self, "name") or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        """This tag's page in the active language, or "" if it has no slug there."""
        return reverse("articles:tag", kwargs={"slug": self.slug}) if self.slug else ""

    def clean(self) -> None:
        if not first_translation(self, "name"):
            raise ValidationError(_("Give the tag a name in at least one language."))
        fill_missing_slugs(self, "name")


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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

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


class Article(RedirectsRetiredSlugs):
    # Translated (see translation.py).
    # Blank at the field level: which languages exist is the article's choice;
    # clean() asks for at least one, availability asks for title, slug and body.
    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = AnyScriptSlugField(_("slug"), max_length=200, allow_unicode=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("HTML; sanitized on save."))
    # Shared by every language version.
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="articles")
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
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = unique_slug_per_language("article")

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
        super().save(*args, **kwargs)

    def get_absolute_url(self, language: str | None = None) -> str:
        language = language or translation.get_language()
        slug = getattr(self, f"slug_{column_suffix(language)}")
        with translation.override(language):
            return reverse("articles:article", kwargs={"slug": slug})

    def clean(self) -> None:
        if not first_translation(self, "title"):
            raise ValidationError(_("Give the article a title in at least one language."))
        fill_missing_slugs(self, "title")
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def languages(self) -> list[str]:
        """The languages in which readers may see this article, in site order."""
        return available_languages(self)
