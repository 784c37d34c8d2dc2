"""The article's admin form: photo texts per language, and the version the editor started from."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_css_class

from articles.domain.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    SITE_LANGUAGES,
    column_name,
)
from articles.models import Photo
from articles.services.permissions import PHOTO_TEXT_PREFIX, article_change_errors

# The photo's per-language texts, edited next to the article (the photo is a
# foreign key, so Django has no inline for it). Each field carries the CSS
# classes modeltranslation's tab script groups by, so they get language tabs too.
PHOTO_TEXT_FIELDS = {
    "caption": (_("Photo caption"), lambda: forms.Textarea(attrs={"rows": 2})),
    "alt_text": (_("Photo alt text"), lambda: forms.TextInput(attrs={"size": 80})),
}


def photo_field_name(field: str, code: str) -> str:
    return PHOTO_TEXT_PREFIX + column_name(field, code)


def _photo_text_form_fields() -> dict[str, forms.Field]:
    fields = {}
    for field, (label, widget) in PHOTO_TEXT_FIELDS.items():
        max_length = Photo._meta.get_field(field).max_length
        for code in LANGUAGE_CODES:
            name = photo_field_name(field, code)
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


_PhotoTextForm = type(
    "_PhotoTextForm", (forms.Form,), {**_photo_text_form_fields(), "__module__": __name__}
)


class ArticleAdminForm(_PhotoTextForm, forms.ModelForm):
    """The article form: the photo's texts, and the version the editor started from."""

    base_version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={
            "required": _("The form does not say which version it was opened at: reload it.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The service compares it with the stored version (article_save's
            # check): an edit must say which version it started from.
            self.fields["base_version"].initial = self.instance.version
            self.fields["base_version"].required = True

    # Set by ArticleAdmin.get_form: whose save this is.
    user = None

    def clean(self):
        cleaned = super().clean()
        if self.user is not None:
            # self.instance still holds the stored article here; the form's
            # values are copied onto it only after clean().
            errors = article_change_errors(
                user=self.user, before=self.instance, changed=self.changed_data, cleaned=cleaned
            )
            if errors:
                raise forms.ValidationError(errors, code="permission")
        return cleaned


class RestoreForm(forms.Form):
    """The languages a restore puts back; none named: every one the user may restore."""

    language = forms.MultipleChoiceField(choices=SITE_LANGUAGES, required=False)
