"""The admin in each editor's own language (newsroom/accounts/admin_language.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation

from newsroom.accounts.admin_language import admin_language


class AdminLanguageMiddleware:
    """Under the admin's address, speak the editor's chosen or browser language.

    It comes after AuthenticationMiddleware (it needs the user) and after
    LocaleMiddleware, whose choice it replaces for the admin only: public pages
    keep the language of their URL prefix. LocaleMiddleware's response half
    then sets Content-Language from the language active here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(reverse("admin:index")):
            language = admin_language(request.user, request.headers.get("Accept-Language", ""))
            translation.activate(language)
            # Django's own contract (LocaleMiddleware sets it too); admin code reads it.
            request.LANGUAGE_CODE = language
        return self.get_response(request)
