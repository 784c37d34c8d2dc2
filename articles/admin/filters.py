"""List filters shared by the article and photo lists: per language, rights, alt text."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.domain.availability import (
    has_language,
    public_q,
)
from articles.domain.languages import ENDONYMS, LANGUAGE_CODES
from articles.photos.checks import warning_window


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
