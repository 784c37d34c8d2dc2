"""The newsroom's content: sections, authors, photos and articles.

Models hold data and invariants only. What a write does beyond storing the
row (text versions, change times, retired slugs, revisions, scheduling) is
the work of the services (articles/services/), which every write path calls.

Translated fields (title, slug, summary, body, caption, alt text, section
name and slug) are registered in ``articles/translation.py``; modeltranslation
adds one column per language (``title_pt``, ``title_zh_hans``, ``title_ind``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from articles.domain.addresses import article_path
from articles.domain.availability import available_languages, first_translation
from articles.domain.html import sanitize_html
from articles.domain.languages import (
    LANGUAGE_CODES,
    SITE_LANGUAGES,
    column_name,
    value_in,
)
from articles.domain.plain_text import clean_text_fields
from articles.domain.provenance import mark_translation
from articles.domain.search_text import (
    BIGRAM_LANGUAGES,
    BIGRAM_SOURCES,
    BigramsField,
    bigram_column,
    stored_bigrams,
)
from articles.domain.slugs import AnyScriptSlugField, fill_missing_slugs, unique_slug
from articles.domain.status import Origin, Status
from articles.photos.storage import originals_storage
from articles.querysets import (
    ArticleQuerySet,
    PhotoQuerySet,
    RenditionQuerySet,
    SectionQuerySet,
    TagQuerySet,
)


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
            fields=[column_name("slug", code)],
            condition=Q(**{column_name("slug", code) + "__gt": ""}),
            name=f"{model_name}_unique_{column_name('slug', code)}",
            violation_error_code="unique",
            violation_error_message=_("This slug is already used in this language."),
        )
        for code in LANGUAGE_CODES
    ]


class RetiredSlug(models.Model):
    """A slug an article, section or tag had in one language, and no longer has.

    Kept so that links and search results pointing at the old address answer
    301 to the new one instead of 404. Written by articles/services/redirects.py,
    which the services that save articles, sections and tags call.
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


class StoresCleanText(models.Model):
    """Saves every text column without control characters (articles/domain/plain_text.py).

    In `save()`, as the body's sanitizing is: every path that writes a row
    (admin, import, services, shell) passes here.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        clean_text_fields(self)
        super().save(*args, **kwargs)


class Section(StoresCleanText):
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


class Author(StoresCleanText):
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


class Tag(StoresCleanText):
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


class Photo(StoresCleanText):
    # The upload as received, in the private storage; named by its content
    # hash. Only renditions are ever served (articles/photos/).
    image = models.FileField(
        _("image"), storage=originals_storage, upload_to="originals/", max_length=255
    )
    original_filename = models.CharField(
        _("uploaded file name"), max_length=255, blank=True, editable=False
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    # Upright (EXIF orientation applied): the shape readers see.
    width = models.PositiveIntegerField(_("width"), editable=False, default=0)
    height = models.PositiveIntegerField(_("height"), editable=False, default=0)
    placeholder_colour = models.CharField(
        _("placeholder colour"), max_length=7, blank=True, editable=False
    )
    focal_x = models.FloatField(
        _("focal point, across"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right; square thumbnails are centred on it."),
    )
    focal_y = models.FloatField(
        _("focal point, down"),
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    # Translated (see translation.py): a caption and alt text per language.
    caption = models.TextField(_("caption"), blank=True)
    alt_text = models.CharField(_("alt text"), max_length=300, blank=True)
    # Never translated: a credit reads the same in every language.
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("Photographer or agency, shown with the photo.")
    )
    copyright_holder = models.CharField(_("copyright holder"), max_length=200, blank=True)
    rights_expire_at = models.DateTimeField(
        _("rights expire at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("From this moment the photo is no longer shown in any language."),
    )
    # The picture's identifier on the wire (ninjs association uri), so that a
    # picture sent with several language versions is stored once.
    uri = models.CharField(_("wire URI"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [unique_when_set("photo", "uri")]

    def __str__(self) -> str:
        return f"{self.original_filename or self.image.name.rsplit('/', 1)[-1]} ({self.credit})"

    def rights_current(self, now: datetime | None = None) -> bool:
        """May readers see this photo now? False once its rights have expired."""
        return self.rights_expire_at is None or self.rights_expire_at > (now or timezone.now())

    def missing_alt_text(self, languages: Iterable[str]) -> list[str]:
        """Those of `languages` in which this photo has no alt text."""
        return [c for c in languages if not value_in(self, "alt_text", c)]


class Rendition(models.Model):
    """A resized copy of a photo in one format: what readers get instead of the original.

    One row per (photo, spec, format). A row with no file yet is a claim: the
    process that inserted it is rendering it, so no other process does.
    """

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    photo = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    format = models.CharField(max_length=4, choices=Format, default=Format.JPEG)
    file = models.FileField(upload_to="renditions/", max_length=255, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(default=timezone.now)

    objects = RenditionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "spec", "format"], name="rendition_unique_photo_spec_format"
            )
        ]

    def __str__(self) -> str:
        return f"{self.photo_id}:{self.spec}.{self.format}"


class Article(models.Model):
    """One story, with a version per language (translated fields: translation.py).

    `save()` keeps three invariants on every path that writes a row (admin,
    import, services, the shell): no control characters in any text column
    (articles/domain/plain_text.py), every language's body passed through
    the one HTML sanitizer (articles/domain/html.py), so unsanitized HTML is
    never stored, and the search bigrams of Chinese and Japanese made from the
    texts being stored (articles/domain/search_text.py). Everything else a
    save of an article means (the edit lock, text versions, per-language
    change times, retired slugs, revisions, the go-live task) is
    articles/services/articles.py `article_save`.
    """

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
    # (articles/domain/provenance.py tells from these whether a translation is outdated).
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
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_("When this language version is taken down again; empty for never."),
    )
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
    # same or an older version changes nothing (articles/ninjs/importer.py).
    wire_version = models.CharField(_("wire version"), max_length=50, blank=True, editable=False)
    wire_version_created = models.DateTimeField(
        _("wire version time"), null=True, blank=True, editable=False
    )
    # Set by article_save: the moment of the save, or of the change it records.
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    # Per language: when readers last had something new to see in this
    # version (articles/domain/changes.py `changed_versions`); the public dates
    # (dateModified, lastmod, versionCreated) read it, never `updated_at`.
    changed_at = models.DateTimeField(_("version changed at"), null=True, editable=False)
    # Optimistic locking: every write moves it on; a write based on an older
    # value is refused (articles/services/articles.py), so no one overwrites unseen work.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # What search matches in the languages written without spaces: the distinct
    # character pairs of the title, summary and body (articles/domain/search_text.py),
    # kept by save() so that searching never computes them from the texts.
    search_bigrams_zh_hans = BigramsField(default="", blank=True, editable=False)
    search_bigrams_ja = BigramsField(default="", blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [*unique_slug_per_language("article"), unique_when_set("article", "uri")]
        # The admin list's date hierarchy asks for the first and last update
        # and the dates in between: without it, a scan of every article's row.
        indexes = [models.Index(fields=["updated_at"], name="article_updated_at")]
        permissions = [
            ("publish_article", _("Can publish, schedule and take down language versions")),
            ("edit_all_languages", _("Can edit every language version and shared fields")),
        ]

    def __str__(self) -> str:
        return first_translation(self, "title", prefer=(self.source_language,)) or f"#{self.pk}"

    def save(self, *args, update_fields=None, **kwargs) -> None:
        self.clean_stored_text()
        written = self._store_search_bigrams(update_fields)
        if update_fields is not None:
            update_fields = {*update_fields, *written}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self, language: str | None = None) -> str:
        language = language or translation.get_language()
        return article_path(language, value_in(self, "slug", language))

    def get_absolute_url_or_none(self, language: str) -> str | None:
        """The URL the `language` version has or will have; None without a slug."""
        if not value_in(self, "slug", language):
            return None
        return self.get_absolute_url(language)

    def clean_stored_text(self) -> None:
        """The texts as `save()` stores them (see the class docstring).

        `article_save` calls it before comparing texts and `save()` again: the
        sanitizer may still change a text it has already cleaned once (real
        agency copy does this), and what is stored is what the last pass gave.
        """
        clean_text_fields(self)
        # After the control characters: the sanitizer sees the text as stored.
        for code in LANGUAGE_CODES:
            column = column_name("body", code)
            value = self.__dict__.get(column)
            if value:
                setattr(self, column, sanitize_html(value))

    def _store_search_bigrams(self, update_fields) -> list[str]:
        """Make each bigram language's search column from its texts as they will be
        stored; the columns made. A language none of whose texts is being written
        (not loaded, or left out of `update_fields`) keeps its column as it is."""
        made = []
        for code in BIGRAM_LANGUAGES:
            sources = [column_name(field, code) for field in BIGRAM_SOURCES]
            if update_fields is not None:
                written = any(name in update_fields for name in sources)
            else:
                written = any(name in self.__dict__ for name in sources)
            if written:
                # A text not loaded is read now: the column is made from all three.
                texts = [getattr(self, name) for name in sources]
                setattr(self, bigram_column(code), stored_bigrams(*texts))
                made.append(bigram_column(code))
        return made

    def clean(self) -> None:
        if not first_translation(self, "title"):
            raise ValidationError(_("Give the article a title in at least one language."))
        fill_missing_slugs(self, "title")
        now = timezone.now()
        for code in LANGUAGE_CODES:
            status = value_in(self, "status", code)
            if status == Status.PUBLISHED and not value_in(self, "published_at", code):
                setattr(self, column_name("published_at", code), now)
            if status == Status.SCHEDULED and not value_in(self, "published_at", code):
                raise ValidationError(
                    {
                        column_name("published_at", code): _(
                            "A scheduled version needs a publication time."
                        )
                    }
                )
            # A language newly marked as a translation is taken to match its
            # source as it stands now.
            source = value_in(self, "translated_from", code)
            if source and value_in(self, "based_on", code) is None:
                origin = value_in(self, "origin", code)
                if origin != Origin.ORIGINAL:
                    mark_translation(self, code, source=source, origin=origin)

    @property
    def languages(self) -> list[str]:
        """The languages in which readers may see this article, in site order.

        Reads the texts of every language: for an article loaded without them,
        ask `availability.available_languages` with the row's `TextFlags`.
        """
        return available_languages(self)


class Revision(models.Model):
    """One saved state of an article: who, when, which language versions changed.

    Our own small model rather than django-simple-history: a revision here is
    a JSON snapshot of the per-language texts and states (articles/services/revisions.py),
    which keeps per-language diffs and restores simple, instead of a history
    table mirroring every one of the article's ~200 translated columns.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who else can write: "scheduler", "import", "restore of revision 3"…
    actor = models.CharField(_("by (process)"), max_length=100, blank=True)
    languages = models.JSONField(_("language versions changed"), default=list)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-version", "-id"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        indexes = [models.Index(fields=["article", "version"])]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.version}"

    @property
    def author_label(self) -> str:
        if self.user_id:
            return self.user.get_username()
        return self.actor or str(_("unknown"))


class MachineTranslation(models.Model):
    """How one language version was made by machine: the engine, when, and what it wrote.

    The machine's own texts are kept so that a person's later edit can be
    measured against them (articles/domain/provenance.py `origin_after_edit`);
    the version's `origin` says whether it is still the machine's, reviewed,
    or rewritten by a person.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="machine_translations"
    )
    language = models.CharField(_("language"), max_length=7, choices=SITE_LANGUAGES)
    source_language = models.CharField(_("translated from"), max_length=7, choices=SITE_LANGUAGES)
    engine = models.CharField(_("engine"), max_length=50)
    created_at = models.DateTimeField(_("translated at"), default=timezone.now)
    # {"title": …, "summary": …, "body": …, "caption": …, "alt_text": …}
    texts = models.JSONField(_("machine texts"), default=dict)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("machine translation")
        verbose_name_plural = _("machine translations")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="machinetranslation_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article_id} [{self.language}] {self.engine}"


class PreviewLink(models.Model):
    """A shareable preview of one language version, for someone without an account.

    The URL carries a signed id (articles/services/previews.py); the row makes it
    expiring and revocable.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    language = models.CharField(_("language"), max_length=7, choices=SITE_LANGUAGES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"{self.article_id} [{self.language}]"

    def is_valid(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class TranslatorLanguage(models.Model):
    """A language a translator may edit (articles/services/permissions.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_languages"
    )
    language = models.CharField(_("language"), max_length=7, choices=SITE_LANGUAGES)

    class Meta:
        verbose_name = _("translator language")
        verbose_name_plural = _("translator languages")
        constraints = [
            models.UniqueConstraint(fields=["user", "language"], name="translator_language_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


class Correction(StoresCleanText):
    """A dated correction note at the foot of one language version.

    A correction written for another language version of the same fix points
    at the first one (`matches`), so the desk can see which public versions
    still lack it (articles/selectors/corrections.py).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    language = models.CharField(_("language"), max_length=7, choices=SITE_LANGUAGES)
    note = models.TextField(_("correction"), max_length=2000)
    matches = models.ForeignKey(
        "self",
        verbose_name=_("same correction as"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        help_text=_("For a correction that translates one already made in another language."),
    )
    created_at = models.DateTimeField(_("dated"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.language}: {self.note[:60]}"

    def clean(self) -> None:
        if self.matches_id and self.matches.article_id != self.article_id:
            raise ValidationError({"matches": _("Pick a correction of this same article.")})
        if self.matches_id and self.matches.language == self.language:
            raise ValidationError({"matches": _("That correction is in the same language.")})


class Invalidation(models.Model):
    """One line of the page cache's invalidation log (articles/cache/invalidation.py).

    Held in the database because it is the one thing every web worker, command
    and node shares, whatever cache backend they use.
    """

    tag = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("page cache invalidation")
        verbose_name_plural = _("page cache invalidations")

    def __str__(self) -> str:
        return f"{self.pk} {self.tag}"
