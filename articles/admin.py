"""The editors' admin: tabbed per-language fields, availability at a glance."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_css_class

from .availability import first_translation, has_language, has_text_in, is_public, public_q
from .languages import DEFAULT_LANGUAGE, ENDONYMS, LANGUAGE_CODES, column_suffix
from .models import Article, Author, Photo, Section, Tag
from .photos import ensure_renditions

# The photo's per-language texts, edited next to the article (the photo is a
# foreign key, so Django has no inline for it). Each field carries the CSS
# classes modeltranslation's tab script groups by, so they get language tabs too.
PHOTO_TEXT_FIELDS = {
    "caption": (_("Photo caption"), lambda: forms.Textarea(attrs={"rows": 2})),
    "alt_text": (_("Photo alt text"), lambda: forms.TextInput(attrs={"size": 80})),
}


def _photo_field_name(field: str, code: str) -> str:
    return f"photo_{field}_{column_suffix(code)}"


def _photo_text_form_fields() -> dict[str, forms.Field]:
    fields = {}
    for field, (label, widget) in PHOTO_TEXT_FIELDS.items():
        max_length = Photo._meta.get_field(field).max_length
        for code in LANGUAGE_CODES:
            name = _photo_field_name(field, code)
            classes = ["mt", build_css_class(name, "mt-field")]
            if code == DEFAULT_LANGUAGE:
                classes.append("mt-default")
            form_field = forms.CharField(
                label=f"{label} [{code}]",
                required=False,
                max_length=max_length,
                widget=widget(),
            )
            form_field.widget.attrs["class"] = " ".join(classes)
            fields[name] = form_field
    return fields


ArticleAdminForm = type(
    "ArticleAdminForm",
    (forms.ModelForm,),
    {**_photo_text_form_fields(), "__module__": __name__},
)


class AvailableInLanguageFilter(admin.SimpleListFilter):
    title = _("available in language")
    parameter_name = "available_in"

    def lookups(self, request, model_admin):
        return [(code, f"{code} · {ENDONYMS[code]}") for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        if self.value() in ENDONYMS:
            return queryset.filter(public_q(self.value()))
        return queryset


class HasTextInLanguageFilter(AvailableInLanguageFilter):
    title = _("written in language")
    parameter_name = "written_in"

    def queryset(self, request, queryset):
        if self.value() in ENDONYMS:
            return queryset.filter(has_language(self.value()))
        return queryset


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    form = ArticleAdminForm
    list_display = ("headline", "section", "is_published", "published_at", "availability")
    list_filter = ("section", "is_published", AvailableInLanguageFilter, HasTextInLanguageFilter)
    list_select_related = ("section",)
    search_fields = [f"title_{column_suffix(code)}" for code in LANGUAGE_CODES]
    date_hierarchy = "published_at"
    autocomplete_fields = ("photo", "authors", "tags")
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (
            _("Publication"),
            {
                "fields": (
                    "section",
                    "authors",
                    "tags",
                    "source_language",
                    "is_published",
                    "published_at",
                )
            },
        ),
        (
            _("Photo"),
            {
                "fields": (
                    "photo",
                    *(_photo_field_name(f, c) for f in PHOTO_TEXT_FIELDS for c in LANGUAGE_CODES),
                )
            },
        ),
    ]

    @admin.display(description=_("headline"))
    def headline(self, obj: Article) -> str:
        return first_translation(obj, "title", prefer=(obj.source_language,)) or f"#{obj.pk}"

    @admin.display(description=_("languages"))
    def availability(self, obj: Article):
        """The 14 codes: bold when public, plain when written but not public."""
        cells = []
        for code in LANGUAGE_CODES:
            if is_public(obj, code):
                cells.append(("lang-public", _("public"), code))
            elif has_text_in(obj, code):
                cells.append(("lang-written", _("written, not public"), code))
            else:
                cells.append(("lang-missing", _("missing"), "·"))
        return format_html(
            '<span class="availability">{}</span>',
            format_html_join(" ", '<abbr class="{}" title="{}">{}</abbr>', cells),
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        photo = obj.photo if obj else None
        for field in PHOTO_TEXT_FIELDS:
            for code in LANGUAGE_CODES:
                name = _photo_field_name(field, code)
                if name in form.base_fields:
                    form.base_fields[name].initial = (
                        getattr(photo, f"{field}_{column_suffix(code)}") or "" if photo else ""
                    )
        return form

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.photo is None:
            return
        changed = []
        for field in PHOTO_TEXT_FIELDS:
            for code in LANGUAGE_CODES:
                column = f"{field}_{column_suffix(code)}"
                value = form.cleaned_data.get(_photo_field_name(field, code), "")
                if (getattr(obj.photo, column) or "") != value:
                    setattr(obj.photo, column, value)
                    changed.append(column)
        if changed:
            obj.photo.save(update_fields=changed)

    class Media:
        css = {"all": ("css/admin.css",)}


@admin.register(Photo)
class PhotoAdmin(TabbedTranslationAdmin):
    list_display = ("preview", "credit", "copyright_holder", "created_at")
    search_fields = [
        "credit",
        "copyright_holder",
        "image",
        *(f"caption_{column_suffix(c)}" for c in LANGUAGE_CODES),
    ]
    fields = ("image", "credit", "copyright_holder", "caption", "alt_text")

    @admin.display(description=_("preview"))
    def preview(self, obj: Photo):
        thumb = next((r for r in obj.renditions.all() if r.spec == "thumb"), None)
        if thumb is None:
            return "—"
        return format_html('<img src="{}" alt="" width="120">', thumb.file.url)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def save_model(self, request, obj, form, change):
        if change and "image" in form.changed_data:
            for rendition in obj.renditions.all():
                rendition.file.delete(save=False)
            obj.renditions.all().delete()
        super().save_model(request, obj, form, change)
        ensure_renditions(obj)


@admin.register(Section)
class SectionAdmin(TabbedTranslationAdmin):
    list_display = ("label", "position")
    list_editable = ("position",)
    search_fields = [f"name_{column_suffix(c)}" for c in LANGUAGE_CODES]

    @admin.display(description=_("name"))
    def label(self, obj: Section) -> str:
        return first_translation(obj, "name")


@admin.register(Tag)
class TagAdmin(TabbedTranslationAdmin):
    list_display = ("label",)
    search_fields = [f"name_{column_suffix(c)}" for c in LANGUAGE_CODES]

    @admin.display(description=_("name"))
    def label(self, obj: Tag) -> str:
        return first_translation(obj, "name")


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ["name"]
