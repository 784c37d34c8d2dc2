"""django-axes' database handler, extended with the password-spraying limit.

Axes' documented extension point (AXES_HANDLER): a locked password counts as a
full set of failures for any login that uses it, so axes itself refuses the
login and shows its lockout page, exactly as for a locked username.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from django.conf import settings
from django.http import HttpRequest

from newsroom.accounts.throttle import password_failure_record, password_is_locked


def _submitted_password(request: HttpRequest) -> str:
    # Django cleanses the password out of the credentials it sends with
    # user_login_failed; the login form's own field is the one source both
    # checks below can read.
    if request.method != "POST":
        return ""
    return request.POST.get(settings.AXES_PASSWORD_FORM_FIELD, "")


class NewsroomAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        password = _submitted_password(request)
        if password and password_is_locked(password=password):
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None and (password := _submitted_password(request)):
            password_failure_record(
                password=password, username=get_client_username(request, credentials) or ""
            )
        super().user_login_failed(sender, credentials, request, **kwargs)
