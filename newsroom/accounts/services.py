"""Writes to account data that a person makes about themselves."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from newsroom.accounts.admin_language import ADMIN_LANGUAGE_CODES
from newsroom.accounts.models import AdminPreference


def admin_language_set(*, user: AbstractBaseUser, language: str) -> None:
    """Make the admin speak ``language`` to ``user``; "" returns them to their browser's.

    A language the admin has no catalog for (Sanskrit, Latin, anything else)
    is refused with a ValidationError and nothing is stored.
    """
    if not user.is_authenticated:
        raise ValidationError(_("Only a logged-in user has an admin language."))
    if language and language not in ADMIN_LANGUAGE_CODES:
        raise ValidationError(
            _("The admin is not available in “%(language)s”."),
            code="invalid_language",
            params={"language": language},
        )
    if language:
        AdminPreference.objects.update_or_create(user=user, defaults={"language": language})
    else:
        AdminPreference.objects.filter(user=user).delete()
