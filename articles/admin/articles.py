"""The article admin: tabbed per-language fields, availability at a glance, corrections."""

from __future__ import annotations

import functools

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from articles.admin.filters import AvailableInLanguageFilter, HasTextInLanguageFilter
from articles.admin.forms import PHOTO_TEXT_FIELDS, ArticleAdminForm, photo_field_name
from articles.admin.photos import tell_the_desk
from articles.admin.refusals import ShowsRefusedSaves
from articles.admin.translate import TranslateViewMixin
from articles.admin.views import ArticleExtraViewsMixin
from articles.admin.widgets import BodyEditorWidget
from articles.domain.availability import (
    first_translation,
    has_text_in,
    is_public,
)
from articles.domain.languages import LANGUAGE_CODES, column_name, value_in
from articles.domain.provenance import outdated_fields
from articles.models import (
    Article,
    Correction,
)
from articles.photos.services import photo_texts_save
from articles.selectors.corrections import missing_corrections
from articles.services.articles import EditConflict, article_save
from articles.services.corrections import correction_delete, correction_save


class CorrectionInline(admin.TabularInline):
    model = Correction
    fk_name = "article"
    extra = 0
    fields = ("language", "note", "matches", "created_at")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "matches":
            # Only this article's corrections can be matched.
            article_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Correction.objects.filter(article_id=article_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Every row offers the same choices: read them once, not once per row.
        field = formset.form.base_fields.get("matches")
        if field is not None:
            field.choices = list(field.choices)
        return formset


# What a row of the article list needs (headline, section, dates, what the
# availability rule reads); the rest of an article, 14 bodies, stays in the database.
LIST_COLUMNS = (
    "pk",
    "section",
    "source_language",
    "embargo_until",
    "updated_at",
    *(
        column_name(field, code)
        for field in ("title", "status", "published_at", "expires_at")
        for code in LANGUAGE_CODES
    ),
)


class ArticleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        # The photo (joined for the change form) is not shown here.
        return (
            queryset.select_related(None)
            .select_related(*self.list_select_related)
            .only(*LIST_COLUMNS)
        )

    def get_results(self, request):
        super().get_results(request)
        # Whether each language has its texts is asked of the database, for
        # the page's rows only: asked in the paged query itself, PostgreSQL
        # would read the bodies of every row an OFFSET skips.
        page = self.result_list
        self.result_list = (
            page.model._default_manager.filter(pk__in=page.values("pk"))
            .select_related(*self.list_select_related)
            .only(*LIST_COLUMNS)
            .with_text_flags()
            .order_by(*page.query.order_by)
        )


@functools.cache
def _availability_cells(language: str) -> dict[tuple[str, str], str]:
    """Each language code's cell in each state, in the admin's `language`."""
    labels = {
        "public": ("lang-public", _("public")),
        "written": ("lang-written", _("written, not public")),
        "missing": ("lang-missing", _("missing")),
    }
    cells = {}
    with translation.override(language):
        for code in LANGUAGE_CODES:
            for state, (css, label) in labels.items():
                text = "·" if state == "missing" else code
                cells[code, state] = format_html(
                    '<abbr class="{}" title="{}">{}</abbr>', css, label, text
                )
    return cells


@admin.register(Article)
class ArticleAdmin(
    TranslateViewMixin, ArticleExtraViewsMixin, ShowsRefusedSaves, TabbedTranslationAdmin
):
    inlines = [CorrectionInline]
    # The version check is the service's (article_save): a save based on an
    # old version is refused there and shown as a form error.
    refused_saves = (EditConflict,)
    readonly_fields = ("corrections_missing", "translations_outdated")
    form = ArticleAdminForm
    list_display = ("headline", "section", "embargo_until", "updated_at", "availability")
    list_filter = ("section", AvailableInLanguageFilter, HasTextInLanguageFilter)
    list_select_related = ("section",)
    search_fields = [column_name("title", code) for code in LANGUAGE_CODES]
    date_hierarchy = "updated_at"
    autocomplete_fields = ("photo", "authors", "tags")
    list_per_page = 50
    # A filtered list is counted once, not twice (the "N total" would need
    # a second COUNT over every article).
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ("title", "slug", "summary", "body", "byline", "base_version")}),
        (
            _("Publication"),
            {
                "fields": (
                    *("status", "published_at", "expires_at", "embargo_until"),
                    *("section", "authors", "tags", "source_language"),
                )
            },
        ),
        (_("Translation"), {"fields": ("origin", "translated_from", "translations_outdated")}),
        (_("Corrections"), {"fields": ("corrections_missing",)}),
        (_("Agency copy"), {"fields": ("uri", "copyright_holder", "copyright_notice")}),
        (
            _("Photo"),
            {
                "fields": (
                    "photo",
                    *(photo_field_name(f, c) for f in PHOTO_TEXT_FIELDS for c in LANGUAGE_CODES),
                )
            },
        ),
    ]

    @admin.display(description=_("headline"))
    def headline(self, obj: Article) -> str:
        return first_translation(obj, "title", prefer=(obj.source_language,)) or f"#{obj.pk}"

    @admin.display(description=_("outdated translations"))
    def translations_outdated(self, obj: Article):
        rows = []
        for code in LANGUAGE_CODES if obj.pk else ():
            fields = outdated_fields(obj, code)
            if fields == []:
                continue
            source = value_in(obj, "translated_from", code)
            changed = ", ".join(fields) if fields else _("changes not known")
            rows.append((code, source, changed))
        if not rows:
            return _("none")
        return format_html_join("", "<p><strong>{}</strong> ← {}: {}</p>", rows)

    @admin.display(description=_("corrections missing in"))
    def corrections_missing(self, obj: Article):
        missing = missing_corrections(obj) if obj.pk else []
        if not missing:
            return _("none")
        return format_html_join(
            "",
            "<p>{}: <strong>{}</strong></p>",
            ((root.note[:80], ", ".join(codes)) for root, codes in missing),
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # modeltranslation copies the widget of "body" to body_pt, body_en, …:
        # one rich-text editor per language tab.
        if db_field.name == "body":
            kwargs["widget"] = BodyEditorWidget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        # Corrections are the only inline; their service dates the language version.
        for correction in formset.save(commit=False):
            correction_save(correction=correction, by=request.user)
        for correction in formset.deleted_objects:
            correction_delete(correction=correction)
        formset.save_m2m()

    @admin.display(description=_("languages"))
    def availability(self, obj: Article):
        """The 14 codes: bold when public, plain when written but not public."""
        cells = _availability_cells(translation.get_language())
        now = timezone.now()
        states = []
        for code in LANGUAGE_CODES:
            # The list's rows carry their text flags (with_text_flags), not the texts.
            if is_public(obj, code, now, texts=obj.text_flags):
                states.append(cells[code, "public"])
            else:
                written = has_text_in(obj, code, obj.text_flags)
                states.append(cells[code, "written" if written else "missing"])
        # Each cell went through format_html (_availability_cells).
        return mark_safe(f'<span class="availability">{" ".join(states)}</span>')  # noqa: S308

    def refusal_error(self, error):
        return None, forms.ValidationError(error.message, code="edit_conflict")

    def get_changelist(self, request, **kwargs):
        return ArticleChangeList

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        photo = obj.photo if obj else None
        for field in PHOTO_TEXT_FIELDS:
            for code in LANGUAGE_CODES:
                name = photo_field_name(field, code)
                if name in form.base_fields:
                    form.base_fields[name].initial = (
                        value_in(photo, field, code) or "" if photo else ""
                    )
        return form

    def get_queryset(self, request):
        # The change form shows the photo's captions: loaded with the article.
        return super().get_queryset(request).select_related("photo")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here rather than in change_view: the article is already loaded.
        if obj is not None and obj.photo is not None and request.method == "GET":
            written = [code for code in LANGUAGE_CODES if has_text_in(obj, code)]
            tell_the_desk(request, obj.photo, languages=written)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        article_save(article=obj, user=request.user, base_version=form.cleaned_data["base_version"])
        if obj.photo is None:
            return
        # Only the texts the editor changed (the form's permission rule checked
        # those): a photo chosen in this save keeps its own texts.
        texts = {
            field: {
                code: form.cleaned_data.get(photo_field_name(field, code), "")
                for code in LANGUAGE_CODES
                if photo_field_name(field, code) in form.changed_data
            }
            for field in PHOTO_TEXT_FIELDS
        }
        photo_texts_save(photo=obj.photo, captions=texts["caption"], alt_texts=texts["alt_text"])

    class Media:
        css = {"all": ("css/admin.css",)}
