"""Failed logins per password, for the password-spraying limit (throttle.py)."""

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
