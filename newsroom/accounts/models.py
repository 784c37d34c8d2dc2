"""Account data: failed logins per password (throttle.py), each editor's admin language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PasswordFailure(models.Model):
    """One failed login: which password (as a keyed hash), for which username, when.

    The password itself is never stored: `password_key` is an HMAC of it with the
    secret key, so rows are worthless without the key and are deleted once they
    are older than the window plus the cool-off.
    """

    password_key = models.CharField(_("password key"), max_length=64)
    username = models.CharField(_("username"), max_length=255)
    attempt_time = models.DateTimeField(_("attempt time"), db_index=True)
    # Set on the failure that reached the limit: logins with this password are
    # refused until then.
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("failed login by password")
        verbose_name_plural = _("failed logins by password")
        indexes = [
            models.Index(fields=["password_key", "attempt_time"], name="password_failure_key_time"),
        ]

    def __str__(self) -> str:
        return f"{self.username} at {self.attempt_time:%Y-%m-%d %H:%M}"


class AdminPreference(models.Model):
    """The language one person reads the admin in (newsroom/accounts/admin_language.py).

    No row, or an empty language, means "my browser's language". The public
    site ignores it: there the language is the address's.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="admin_preference",
        verbose_name=_("user"),
    )
    # No choices here: the offered languages follow the installed Django's
    # catalogs, and the service validates against them.
    language = models.CharField(_("admin language"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("admin preference")
        verbose_name_plural = _("admin preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language or '-'}"
