"""Request hygiene that no view should have to repeat."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to a request carrying a NUL byte in its path, query or form.

    No legitimate client sends one, PostgreSQL refuses it in any text (a 500
    deep inside a view or the admin's search), and SQLite would store it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or self._in_values(request.GET):
            return HttpResponseBadRequest("NUL bytes are not allowed.")
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            if self._in_values(request.POST):
                return HttpResponseBadRequest("NUL bytes are not allowed.")
        return self.get_response(request)

    @staticmethod
    def _in_values(data) -> bool:
        return any("\x00" in key or any("\x00" in v for v in data.getlist(key)) for key in data)


class RequestBodyLimitMiddleware:
    """Answer 413 to a request announcing a body larger than settings.REQUEST_MAX_BODY_BYTES.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS)
    but not files, which it streams to disk: without this, one request could fill
    the disk before the photo validator ever sees the upload. Decided from the
    Content-Length header alone, before a byte of the body is read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Invalid Content-Length.")
        if length > settings.REQUEST_MAX_BODY_BYTES:
            return HttpResponse("Request body too large.", status=413, content_type="text/plain")
        return self.get_response(request)
