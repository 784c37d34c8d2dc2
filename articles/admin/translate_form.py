"""The translate view's form: one language version's fields, and what the translator asks for.

Fields are named by their columns (`title_fi`, `photo_caption_fi`), as in the
change form, so the permission rule (articles/services/permissions.py) reads
them the same way and the body editor knows its language.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.admin.forms import photo_field_name
from articles.admin.widgets import BodyEditorWidget
from articles.domain.languages import column_name, value_in
from articles.domain.slugs import validate_slug
from articles.domain.status import Status
from articles.models import Article
from articles.services.machine_drafts import ARTICLE_FIELDS, PHOTO_FIELDS, MachineDraft
from articles.services.permissions import Rights, change_errors_by_language

# What the translator pressed, and the state it puts the version in
# (None keeps the state; a new version starts as a draft).
ACTIONS: dict[str, str | None] = {
    "save": None,
    "review": Status.REVIEW,
    "publish": Status.PUBLISHED,
    "schedule": Status.SCHEDULED,
}
PUBLISHING_ACTIONS = ("publish", "schedule")
# The machine draft travels in the form, signed, until the translator saves:
# the save records it as the version's machine translation and measures the
# translator's changes against it. Signed so a form cannot claim a draft no
# engine made.
_DRAFT_SALT = "articles.translate.machine-draft"


def draft_token(draft: MachineDraft) -> str:
    return signing.dumps(
        {
            "engine": draft.engine,
            "source": draft.source,
            "target": draft.target,
            "made_at": draft.made_at.isoformat(),
            "texts": draft.texts,
        },
        salt=_DRAFT_SALT,
        compress=True,
    )


def draft_from_token(token: str) -> MachineDraft:
    """The draft a token carries; signing.BadSignature if it was not made here."""
    data = signing.loads(token, salt=_DRAFT_SALT)
    return MachineDraft(
        engine=data["engine"],
        source=data["source"],
        target=data["target"],
        made_at=datetime.fromisoformat(data["made_at"]),
        texts=data["texts"],
    )


def _model_field(model, name: str, **kwargs) -> forms.Field:
    field = model._meta.get_field(name)
    return forms.CharField(
        label=field.verbose_name, max_length=field.max_length, required=False, **kwargs
    )


class TranslationForm(forms.Form):
    """The target language's fields, the version it was opened at, and a machine draft if any."""

    base_version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form does not say which version it was opened at: reload it.")
        },
    )
    machine_draft = forms.CharField(widget=forms.HiddenInput, required=False)
    published_at = forms.DateTimeField(
        label=_("publication time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"],
        help_text=_("For Schedule: when this version goes live."),
    )

    def __init__(
        self, *args, article: Article, language: str, rights: Rights, action: str = "save", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.article, self.language, self.rights, self.action = article, language, rights, action
        self.fields["base_version"].initial = article.version
        photo = article.photo if article.photo_id else None
        fields = {
            "title": _model_field(Article, "title"),
            "slug": _model_field(Article, "slug", validators=[validate_slug]),
            "summary": _model_field(Article, "summary", widget=forms.Textarea(attrs={"rows": 3})),
            "body": _model_field(Article, "body", widget=BodyEditorWidget()),
            "byline": _model_field(Article, "byline"),
        }
        fields["title"].required = True
        for name, field in fields.items():
            column = column_name(name, language)
            field.initial = value_in(article, name, language) or ""
            field.widget.attrs["lang"] = language
            self.fields[column] = field
        if photo is not None:
            photo_fields = {
                "caption": _model_field(
                    type(photo), "caption", widget=forms.Textarea(attrs={"rows": 2})
                ),
                "alt_text": _model_field(type(photo), "alt_text"),
            }
            for name, field in photo_fields.items():
                field.label = _("Photo caption") if name == "caption" else _("Photo alt text")
                field.initial = value_in(photo, name, language) or ""
                field.widget.attrs["lang"] = language
                self.fields[photo_field_name(name, language)] = field
        if not rights.publish:
            del self.fields["published_at"]
        else:
            self.fields["published_at"].initial = value_in(article, "published_at", language)

    def field_name(self, name: str) -> str:
        """The form field of a version field ("caption" → "photo_caption_fi")."""
        if name in PHOTO_FIELDS:
            return photo_field_name(name, self.language)
        return column_name(name, self.language)

    def version_fields(self) -> list[tuple[str, forms.BoundField]]:
        """(field name, bound field) of the version's fields, in the form's order."""
        return [
            (name, self[self.field_name(name)])
            for name in (*ARTICLE_FIELDS, *PHOTO_FIELDS)
            if self.field_name(name) in self.fields
        ]

    def texts(self) -> dict[str, str]:
        """The cleaned texts by version field name."""
        return {
            name: self.cleaned_data.get(bound.name, "") for name, bound in self.version_fields()
        }

    def clean_machine_draft(self) -> MachineDraft | None:
        token = self.cleaned_data.get("machine_draft")
        if not token:
            return None
        try:
            draft = draft_from_token(token)
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise forms.ValidationError(
                _("The machine draft in this form is not one this site made: make it again.")
            ) from None
        if draft.target != self.language:
            raise forms.ValidationError(_("The machine draft is for another language."))
        return draft

    def clean(self):
        cleaned = super().clean()
        state = ACTIONS.get(self.action)
        if self.action in PUBLISHING_ACTIONS and not self.rights.publish:
            raise forms.ValidationError(_("Only editors may publish, schedule or take down."))
        if self.action == "schedule":
            when = cleaned.get("published_at")
            if when is None:
                self.add_error("published_at", _("A scheduled version needs a publication time."))
            elif when <= timezone.now():
                self.add_error("published_at", _("Pick a time in the future to schedule."))
        # The permission rule, as the change form asks it: the fields changed
        # and the state asked for.
        changed = [
            name for name in self.changed_data if name not in ("base_version", "machine_draft")
        ]
        values = {name: cleaned.get(name) for name in changed}
        status = column_name("status", self.language)
        if state is not None and state != value_in(self.article, "status", self.language):
            changed.append(status)
            values[status] = state
        if "published_at" in changed:
            changed.remove("published_at")
            changed.append(column_name("published_at", self.language))
        errors = change_errors_by_language(
            rights=self.rights, before=self.article, changed=changed, cleaned=values
        )
        for messages in errors.values():
            for message in messages:
                self.add_error(None, forms.ValidationError(message, code="permission"))
        return cleaned
