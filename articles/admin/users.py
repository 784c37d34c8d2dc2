"""Desk accounts: the user admin a chief editor gets, with translators' languages."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from articles.admin.user_forms import RoleUserChangeForm, RoleUserCreationForm
from articles.models import (
    TranslatorLanguage,
)
from articles.services.roles import (
    SUPERUSER_FIELDS,
    may_grant_privileges,
    may_manage_account,
    role_groups,
)


class TranslatorLanguageInline(admin.TabularInline):
    model = TranslatorLanguage
    extra = 0
    verbose_name_plural = _("languages this translator may edit")


class DeskUserAdmin(UserAdmin):
    """Superusers manage every account; a chief editor, the four roles (articles/services/roles.py).

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
