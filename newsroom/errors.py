"""The server-error handler: a database outage is a 503, anything else the 500 page.

Django calls handler500 for any exception a request raises, from a middleware,
a view or a template, with the exception still being handled; that is the one
place that sees all of them. A middleware's process_exception would miss the
errors raised in other middleware (a session loaded for the admin, say).

When the database cannot be reached the site is not broken, only waiting: the
answer is 503 with Retry-After, so that browsers, crawlers and load balancers
come back instead of recording a failure. The page is rendered from a template
alone, with no request context (no session, no context processors, no
navigation from the database), in the language of the address. Nothing else
is needed to recover: Django opens a fresh connection for the next request
(see the README on CONN_MAX_AGE and CONN_HEALTH_CHECKS).
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation
from django.views import defaults

# Seconds a client is asked to wait; a restarted database or a failover
# usually takes well under a minute.
RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    if _database_unreachable(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The short 503 page, in the language of the address (else of the browser)."""
    language = translation.get_language_from_path(
        request.path_info
    ) or translation.get_language_from_request(request)
    with translation.override(language):
        html = loader.get_template("503.html").render({})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # No cache or CDN may keep serving the outage once the database is back.
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def _database_unreachable(error: BaseException | None) -> bool:
    """Whether `error` (or what caused it) is the database failing to answer.

    Django turns every driver's "cannot connect", "connection lost" and, on
    SQLite, "unable to open database file" or "database is locked" into
    OperationalError or InterfaceError. Its cause chain is followed because
    a library may wrap it.
    """
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False
