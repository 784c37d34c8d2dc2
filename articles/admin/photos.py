"""The photo admin: upload, translated captions and alt text, credit and rights."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from articles.admin.filters import MissingAltTextFilter, RightsFilter
from articles.admin.refusals import ShowsRefusedSaves
from articles.domain.languages import ENDONYMS, LANGUAGE_CODES, column_name
from articles.models import (
    Photo,
    Rendition,
)
from articles.photos.checks import missing_alt_text, rights_warning
from articles.photos.pictures import picture_for
from articles.photos.services import PhotoStorageError, photo_save
from articles.photos.upload import FORMATS as UPLOAD_FORMATS
from articles.photos.upload import validate_image_upload
from articles.services.permissions import photo_change_errors

FORMAT_MIME_TYPES = [f.mime_type for f in UPLOAD_FORMATS.values()]


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


@admin.register(Photo)
class PhotoAdmin(ShowsRefusedSaves, TabbedTranslationAdmin):
    form = PhotoAdminForm
    refused_saves = (PhotoStorageError,)
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
        *(column_name("caption", c) for c in LANGUAGE_CODES),
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

    def refusal_error(self, error):
        # The storage refused the original (full, read-only): the admin's
        # transaction has rolled back and the staged file is gone.
        message = _("%(error)s Nothing was saved.") % {"error": error}
        return "upload", forms.ValidationError(message, code="storage")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        photo = self.get_object(request, object_id)
        if photo is not None and request.method == "GET":
            tell_the_desk(request, photo)
        return super().change_view(request, object_id, form_url, extra_context)


def tell_the_desk(request, photo: Photo, languages: list[str] | None = None) -> None:
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
