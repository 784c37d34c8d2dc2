"""The user forms a chief editor gets: the roles and nothing more (articles/services/roles.py)."""

from __future__ import annotations

from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from articles.services.roles import SUPERUSER_FIELDS


class RefusesPrivileges:
    """Refuses a POST naming a field only superusers may set.

    Those fields are not in the form, so Django would drop them quietly and
    save the rest; a request that carries one was crafted, and is refused whole.
    """

    def clean(self):
        cleaned = super().clean()
        if any(name in self.data for name in SUPERUSER_FIELDS):
            self.add_error(None, _("Only superusers may grant superuser status or permissions."))
        return cleaned


class RoleUserChangeForm(RefusesPrivileges, UserChangeForm):
    pass


class RoleUserCreationForm(RefusesPrivileges, AdminUserCreationForm):
    pass
