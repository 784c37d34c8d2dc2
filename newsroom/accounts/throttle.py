"""The password-spraying limit: one password tried against many usernames.

django-axes counts failures per username and address; an attacker who tries
one common password against every username, from many addresses, stays under
that. This counts, per password, the distinct usernames it failed for within
LOGIN_PASSWORD_WINDOW; at LOGIN_PASSWORD_USERNAME_LIMIT the password is locked
for the cool-off time (AXES_COOLOFF_TIME), whatever the username and address.
Failures during the lock extend it, as axes does. A successful login resets
nothing here, so an attacker who guesses one account does not clear the count.

Rows live in the database, like axes' own records, so a cache outage does not
lift the limit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from newsroom.accounts.models import PasswordFailure

_HMAC_SALT = "newsroom.accounts.throttle.password"


def password_key(password: str) -> str:
    """A keyed hash of the password: equal passwords match, and without the
    secret key a row tells nothing about the password."""
    return salted_hmac(_HMAC_SALT, password, algorithm="sha256").hexdigest()


def password_is_locked(*, password: str) -> bool:
    return PasswordFailure.objects.filter(
        password_key=password_key(password), locked_until__gt=timezone.now()
    ).exists()


def password_failure_record(*, password: str, username: str) -> bool:
    """Record a failed login with this password; True if the password is now locked."""
    now = timezone.now()
    key = password_key(password)
    window = settings.LOGIN_PASSWORD_WINDOW
    with transaction.atomic():
        # Nothing older than the window plus the cool-off can count or lock any more.
        PasswordFailure.objects.filter(
            attempt_time__lt=now - window - settings.AXES_COOLOFF_TIME
        ).delete()
        others = (
            PasswordFailure.objects.filter(password_key=key, attempt_time__gte=now - window)
            .exclude(username=username)
            .values("username")
            .distinct()
            .count()
        )
        locked = others + 1 >= settings.LOGIN_PASSWORD_USERNAME_LIMIT
        PasswordFailure.objects.create(
            password_key=key,
            username=username[:255],
            attempt_time=now,
            locked_until=now + settings.AXES_COOLOFF_TIME if locked else None,
        )
    return locked
