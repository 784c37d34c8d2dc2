"""The editor's own page for the admin's language."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.accounts.admin_language import ADMIN_LANGUAGES, chosen_admin_language
from newsroom.accounts.services import admin_language_set


class AdminLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Admin language"),
        choices=[("", gettext_lazy("My browser’s language")), *ADMIN_LANGUAGES],
        required=False,
        help_text=gettext_lazy(
            "The language of the admin’s pages for you alone. The public site "
            "is read in the language of its address."
        ),
    )


def admin_language_view(request):
    """GET shows the editor's choice; POST stores a new one through the service."""
    form = AdminLanguageForm(
        request.POST or None, initial={"language": chosen_admin_language(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        try:
            admin_language_set(user=request.user, language=language)
        except ValidationError as error:
            form.add_error("language", error)
        else:
            # Confirmed in the language the next page will speak.
            with translation.override(language or None):
                messages.success(request, _("The admin language was saved."))
            return redirect("admin_language")
    context = {
        **admin.site.each_context(request),
        "title": _("Admin language"),
        "form": form,
    }
    return TemplateResponse(request, "admin/accounts/admin_language.html", context)
