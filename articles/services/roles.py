"""The desk's four roles, and which accounts someone who is not a superuser may manage.

A chief editor (auth.change_user) puts people into the four roles, assigns the
translators' languages, lets staff log in and deactivates leavers. Anything
beyond a role (superuser status, single permissions, other groups) is granted
by superusers only, and so is any change to an account that holds more than a
role: setting its password would hand its powers to whoever set it.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import QuerySet

# The groups made by migration 0007_roles.
ROLE_GROUPS = ("Reporter", "Translator", "Editor", "Chief editor")
# User fields only a superuser may set, on the add and the change form alike.
SUPERUSER_FIELDS = ("is_superuser", "user_permissions")


def role_groups() -> QuerySet[Group]:
    return Group.objects.filter(name__in=ROLE_GROUPS)


def may_grant_privileges(user) -> bool:
    """Whether `user` may grant superuser status, permissions and groups beyond the roles."""
    return user.is_active and user.is_superuser


def may_manage_account(user, account) -> bool:
    """Whether `user` may change, set the password of, or delete `account`."""
    if may_grant_privileges(user):
        return True
    if account.is_superuser or account.user_permissions.exists():
        return False
    return not account.groups.exclude(name__in=ROLE_GROUPS).exists()
