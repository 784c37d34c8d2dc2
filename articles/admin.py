"""The editors' admin: tabbed per-language fields, availability at a glance."""

from __future__ import annotations

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .admin_forms import PHOTO_TEXT_FIELDS, ArticleAdminForm, photo_field_name
from .admin_user_forms import RoleUserChangeForm, RoleUserCreationForm
from .admin_views import ArticleExtraViewsMixin
from .availability import first_translation, has_language, has_text_in, is_public, public_q
from .corrections import missing_corrections
from .editor import BodyEditorWidget
from .languages import ENDONYMS, LANGUAGE_CODES, column_suffix
from .models import (
    Article,
    Author,
    Correction,
    Photo,
    Rendition,
    Section,
    Tag,
    TranslatorLanguage,
)
from .permissions import photo_change_errors
from .photos.checks import missing_alt_text, rights_warning, warning_window
from .photos.pictures import picture_for
from .photos.services import PhotoStorageError, photo_save
from .photos.upload import FORMATS as UPLOAD_FORMATS
from .photos.upload import validate_image_upload
from .provenance import outdated_fields
from .roles import SUPERUSER_FIELDS, may_grant_privileges, may_manage_account, role_groups
from .services import article_save

FORMAT_MIME_TYPES = [f.mime_type for f in UPLOAD_FORMATS.values()]


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
        f"{field}_{column_suffix(code)}"
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
class ArticleAdmin(ArticleExtraViewsMixin, TabbedTranslationAdmin):
    inlines = [CorrectionInline]
    readonly_fields = ("corrections_missing", "translations_outdated")
    form = ArticleAdminForm
    list_display = ("headline", "section", "embargo_until", "updated_at", "availability")
    list_filter = ("section", AvailableInLanguageFilter, HasTextInLanguageFilter)
    list_select_related = ("section",)
    search_fields = [f"title_{column_suffix(code)}" for code in LANGUAGE_CODES]
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
            source = getattr(obj, f"translated_from_{column_suffix(code)}")
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
        for instance in formset.save(commit=False):
            if isinstance(instance, Correction) and instance.created_by_id is None:
                instance.created_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()

    @admin.display(description=_("languages"))
    def availability(self, obj: Article):
        """The 14 codes: bold when public, plain when written but not public."""
        cells = _availability_cells(translation.get_language())
        now = timezone.now()
        states = []
        for code in LANGUAGE_CODES:
            # The list's rows carry has_text_<suffix> (with_text_flags), not the
            # texts; has_text_in and is_public read that.
            if is_public(obj, code, now):
                states.append(cells[code, "public"])
            else:
                states.append(cells[code, "written" if has_text_in(obj, code) else "missing"])
        # Each cell went through format_html (_availability_cells).
        return mark_safe(f'<span class="availability">{" ".join(states)}</span>')  # noqa: S308

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
                        getattr(photo, f"{field}_{column_suffix(code)}") or "" if photo else ""
                    )
        return form

    def get_queryset(self, request):
        # The change form shows the photo's captions: loaded with the article.
        return super().get_queryset(request).select_related("photo")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here rather than in change_view: the article is already loaded.
        if obj is not None and obj.photo is not None and request.method == "GET":
            written = [code for code in LANGUAGE_CODES if has_text_in(obj, code)]
            _tell_the_desk(request, obj.photo, languages=written)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        article_save(article=obj, user=request.user, base_version=form.cleaned_data["base_version"])
        if obj.photo is None:
            return
        changed = []
        for field in PHOTO_TEXT_FIELDS:
            for code in LANGUAGE_CODES:
                name = photo_field_name(field, code)
                # Only the texts the editor changed (the form's rule checked
                # those): a photo chosen in this save keeps its own texts.
                if name not in form.changed_data:
                    continue
                column = f"{field}_{column_suffix(code)}"
                value = form.cleaned_data.get(name, "")
                if (getattr(obj.photo, column) or "") != value:
                    setattr(obj.photo, column, value)
                    changed.append(column)
        if changed:
            obj.photo.save(update_fields=changed)

    class Media:
        css = {"all": ("css/admin.css",)}


class PhotoAdminForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Image file"),
        help_text=_("JPEG, PNG, WebP or AVIF. Uploading a new file replaces the photo everywhere."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(FORMAT_MIME_TYPES)}),
    )

    class Meta:
        model = Photo
        # Not "image": the upload goes through the validator and photo_save.
        fields = (
            "credit",
            "copyright_holder",
            "rights_expire_at",
            "caption",
            "alt_text",
            "focal_x",
            "focal_y",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].required = self.instance.pk is None

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        return validate_image_upload(upload) if upload else None

    # Set by PhotoAdmin.get_form: whose save this is.
    user = None

    def clean(self):
        cleaned = super().clean()
        if self.user is not None:
            changed = ["image" if name == "upload" else name for name in self.changed_data]
            errors = photo_change_errors(user=self.user, photo=self.instance, changed=changed)
            if errors:
                raise forms.ValidationError(errors, code="permission")
        return cleaned


class RightsFilter(admin.SimpleListFilter):
    title = _("rights")
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [
            ("expired", _("expired")),
            ("expiring", _("expiring soon")),
            ("unlimited", _("no expiry date")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "expired":
            return queryset.rights_expired()
        if self.value() == "expiring":
            return queryset.rights_expiring(warning_window())
        if self.value() == "unlimited":
            return queryset.filter(rights_expire_at__isnull=True)
        return queryset


class MissingAltTextFilter(AvailableInLanguageFilter):
    title = _("alt text missing in language")
    parameter_name = "alt_missing"

    def queryset(self, request, queryset):
        if self.value() in ENDONYMS:
            return queryset.missing_alt_text_in(self.value())
        return queryset


@admin.register(Photo)
class PhotoAdmin(TabbedTranslationAdmin):
    form = PhotoAdminForm
    list_display = (
        "preview",
        "credit",
        "copyright_holder",
        "rights",
        "alt_text_missing",
        "created_at",
    )
    list_filter = (RightsFilter, MissingAltTextFilter)
    search_fields = [
        "credit",
        "copyright_holder",
        "original_filename",
        *(f"caption_{column_suffix(c)}" for c in LANGUAGE_CODES),
    ]
    readonly_fields = ("preview", "original", "alt_text_missing")
    fieldsets = [
        (None, {"fields": ("upload", "preview", "original")}),
        (_("Credit and rights"), {"fields": ("credit", "copyright_holder", "rights_expire_at")}),
        (_("Texts"), {"fields": ("caption", "alt_text", "alt_text_missing")}),
        (_("Cropping"), {"fields": ("focal_x", "focal_y")}),
    ]

    @admin.display(description=_("preview"))
    def preview(self, obj: Photo):
        thumb = picture_for(obj, "square", now=timezone.now()) if obj.pk else None
        if thumb is None:
            return "—"
        return format_html('<img src="{}" alt="" width="100" height="100">', thumb.src)

    @admin.display(description=_("original"))
    def original(self, obj: Photo) -> str:
        if not obj.pk:
            return "—"
        return f"{obj.original_filename} · {obj.width} × {obj.height} px"

    @admin.display(description=_("rights"))
    def rights(self, obj: Photo):
        if obj.rights_expire_at is None:
            return "—"
        expired = not obj.rights_current()
        return format_html(
            '<span class="{}">{}</span>',
            "rights-expired" if expired else "rights-ok",
            _("expired %(when)s") % {"when": obj.rights_expire_at.date()}
            if expired
            else _("until %(when)s") % {"when": obj.rights_expire_at.date()},
        )

    @admin.display(description=_("alt text missing"))
    def alt_text_missing(self, obj: Photo):
        if not obj.pk:
            return "—"
        missing = missing_alt_text(obj)
        if not missing:
            return "—"
        cells = [(ENDONYMS[code], code) for code in missing]
        return format_html(
            '<span class="alt-missing">{}</span>',
            format_html_join(" ", '<abbr title="{}">{}</abbr>', cells),
        )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("renditions", queryset=Rendition.objects.ready()), "articles"
            )
        )

    def save_model(self, request, obj, form, change):
        photo_save(photo=obj, image=form.cleaned_data.get("upload"))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A storage that refuses the original (full, read-only) is a form error, not a 500.

        The admin's transaction has rolled back and the staged file is gone; the
        form is shown again with the editor's texts and what failed.
        """
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PhotoStorageError as error:
            request._photo_storage_error = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        error = getattr(request, "_photo_storage_error", None)
        if error is None:
            return form

        class StorageRefused(form):
            def clean(self):
                self.add_error("upload", _("%(error)s Nothing was saved.") % {"error": error})
                return super().clean()

        return StorageRefused

    def change_view(self, request, object_id, form_url="", extra_context=None):
        photo = self.get_object(request, object_id)
        if photo is not None and request.method == "GET":
            _tell_the_desk(request, photo)
        return super().change_view(request, object_id, form_url, extra_context)


def _tell_the_desk(request, photo: Photo, languages: list[str] | None = None) -> None:
    """Warnings on a change page: rights running out, alt text missing."""
    warning = rights_warning(photo)
    if warning:
        messages.warning(request, warning)
    missing = missing_alt_text(photo)
    if languages is not None:
        missing = [code for code in missing if code in languages]
    if missing:
        messages.warning(
            request,
            _("The photo has no alt text in: %(languages)s.")
            % {"languages": ", ".join(f"{ENDONYMS[c]} ({c})" for c in missing)},
        )


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


class TranslatorLanguageInline(admin.TabularInline):
    model = TranslatorLanguage
    extra = 0
    verbose_name_plural = _("languages this translator may edit")


class DeskUserAdmin(UserAdmin):
    """Superusers manage every account; a chief editor, the four roles (articles/roles.py).

    The rules hold on every path: the change form and its POST, the add form,
    the password page and deletion all ask has_change_permission or
    has_delete_permission with the account.
    """

    inlines = [*UserAdmin.inlines, TranslatorLanguageInline]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage_account(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_manage_account(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if may_grant_privileges(request.user):
            return fields
        return (*fields, *SUPERUSER_FIELDS)

    def get_form(self, request, obj=None, **kwargs):
        if not may_grant_privileges(request.user):
            kwargs["form"] = RoleUserCreationForm if obj is None else RoleUserChangeForm
        return super().get_form(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not may_grant_privileges(request.user):
            kwargs["queryset"] = role_groups()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.register(User, DeskUserAdmin)
