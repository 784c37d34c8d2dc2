"""Request hygiene that no view should have to repeat."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _nul_response() -> HttpResponse:
    return HttpResponseBadRequest("NUL bytes are not allowed.")


class RejectNulBytesMiddleware:
    """Answer 400 to a request carrying a NUL byte in its path, query, cookies or form.

    No legitimate client sends one, PostgreSQL refuses it in any text (a 500
    deep inside a view, the admin's search, or the session lookup of a cookie),
    and SQLite would store it. Path, query and cookies are checked at once; the
    form only in `process_view`, which runs after every middleware has let the
    request through (RequestBodyLimitMiddleware included), so a body is never
    parsed for this check before its size and sender were accepted.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            "\x00" in request.path
            or _has_nul(request.GET)
            or any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items())
        ):
            return _nul_response()
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            if _has_nul(request.POST):
                return _nul_response()
        return None


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in v for v in data.getlist(key)) for key in data)


class RequestBodyLimitMiddleware:
    """Answer 413 to a request announcing a body it may not send, before a byte is read.

    Decided from the Content-Length header alone. Django caps form fields
    (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS) but not files,
    which it streams to disk, and it parses a multipart body whole (files too)
    the first time anything, CSRF included, reads the form. So:

    - no body may exceed settings.REQUEST_MAX_BODY_BYTES (the largest photo plus
      the form around it), or one request could fill the disk;
    - only a logged-in staff user may send more than
      settings.REQUEST_ANONYMOUS_MAX_BODY_BYTES (the login form is tiny, and the
      public site takes no uploads), or anyone could make the server parse tens
      of megabytes for free. This needs the user, so the middleware comes after
      AuthenticationMiddleware; the session is looked up only for such bodies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Invalid Content-Length.")
        if length < 0:
            return HttpResponseBadRequest("Invalid Content-Length.")
        if length > settings.REQUEST_MAX_BODY_BYTES or (
            length > settings.REQUEST_ANONYMOUS_MAX_BODY_BYTES and not request.user.is_staff
        ):
            return HttpResponse("Request body too large.", status=413, content_type="text/plain")
        return self.get_response(request)
