"""A WSGI layer in front of Django that answers page-cache hits itself.

On a hit the page cache middleware (articles/cache/middleware.py) costs a
cache read, but Django's handler around it costs several times that: the
request signals, the whole middleware chain wrapped for exceptions, the URL
configuration, the response's close signal. `PageCacheFront` answers a hit
before all of that, with the middleware's own rules and keys
(`may_be_served`, `cache_key`, `stored_entry`, `hit_response`), so there is one
definition of what is cacheable and what a hit looks like.

The response still passes through the middleware that sits in front of the page
cache in settings.MIDDLEWARE (security headers, the CSP, request hygiene), the
same classes Django runs: the headers are Django's by construction, not a copy.
WhiteNoise is left out: it answers only under STATIC_URL, which never reaches
a lookup (PRIVATE_PREFIXES), and a second instance would index every static
file again.

Everything else goes to Django untouched, and so does a request whenever this
layer is not sure:
- not an anonymous GET or HEAD of a possibly public address (POST, a session
  cookie, /admin/, /preview/…: `may_be_served`), or no key (`cache_key`:
  query strings the cache never stores);
- this process's picture of the invalidation log is due for a read
  (`state.is_current`): the request goes through Django, whose middleware reads
  the log with the database connection handled as in any request. So a hit here
  is never staler than one there, and this layer never touches the database;
- no stored entry that may still be served, or anything raising on the way
  (a Host header Django refuses, say): Django gives its own answer.

A HEAD gets the headers of the GET and no body, as a WSGI server would make of
Django's answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

from articles.cache.invalidation import state
from articles.cache.middleware import cache_key, hit_response, may_be_served, stored_entry

PAGE_CACHE_MIDDLEWARE = "articles.cache.middleware.PageCacheMiddleware"
# Answers only under STATIC_URL, which the front layer never looks up.
STATIC_FILES_MIDDLEWARE = "whitenoise.middleware.WhiteNoiseMiddleware"

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class _NoHit(Exception):
    """The page cache has nothing to serve for this request: Django answers it."""


def _outer_chain(answer: Callable[[HttpRequest], HttpResponse]):
    """The middleware before the page cache in settings.MIDDLEWARE, around `answer`."""
    names = list(settings.MIDDLEWARE)
    if PAGE_CACHE_MIDDLEWARE not in names:
        return None
    handler = answer
    for name in reversed(names[: names.index(PAGE_CACHE_MIDDLEWARE)]):
        if name == STATIC_FILES_MIDDLEWARE:
            continue
        try:
            handler = import_string(name)(handler)
        except MiddlewareNotUsed:
            continue
    return handler


def _answer_from_cache(request: HttpRequest) -> HttpResponse:
    key = cache_key(request)
    entry = stored_entry(key) if key else None
    if entry is None:
        raise _NoHit
    return hit_response(request, entry)


class PageCacheFront:
    """Wraps Django's WSGI application; see the module docstring."""

    def __init__(self, django_application: WSGIApp) -> None:
        self.django_application = django_application
        self._chain = _outer_chain(_answer_from_cache)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self._chain is None or not state.is_current() or not _may_look(environ):
            return self.django_application(environ, start_response)
        try:
            request = WSGIRequest(environ)
            if not may_be_served(request):
                return self.django_application(environ, start_response)
            response = self._chain(request)
        except _NoHit:
            return self.django_application(environ, start_response)
        except Exception:  # noqa: BLE001 (Django answers it and reports it as it always does)
            return self.django_application(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        headers = [
            *response.items(),
            *(("Set-Cookie", c.OutputString()) for c in response.cookies.values()),
        ]
        start_response(status, headers)
        return [] if request.method == "HEAD" else [response.content]


def _may_look(environ: dict) -> bool:
    """A cheap first sieve before building a request: GET or HEAD only."""
    return environ.get("REQUEST_METHOD") in ("GET", "HEAD")
