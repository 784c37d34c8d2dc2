"""The floor for bench/throughput.py: the cheapest page Django can serve.

Settings module, URLconf and WSGI application in one file, outside the app:

    FLOOR_BYTES=40000 DJANGO_SETTINGS_MODULE=bench.floor \
        .venv/bin/gunicorn bench.floor:application -b 127.0.0.1:8001 -w 2

One view returns a fixed HTML page of FLOOR_BYTES bytes (throughput.py sets it
to the average size of the article pages it measured). No database, no
templates, no middleware, no installed apps: what is left is gunicorn, WSGI and
Django's request/response cycle and URL resolution. The article pages cannot be
faster than this on the same server settings.
"""

from __future__ import annotations

import os

from django.http import HttpResponse
from django.urls import re_path

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "floor-bench-only"
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.floor"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
LOGGING_CONFIG = None

_SIZE = int(os.environ.get("FLOOR_BYTES", "40000"))
_HEAD = (
    b"<!doctype html><html lang=en><head><meta charset=utf-8><title>floor</title></head><body><p>"
)
_TAIL = b"</p></body></html>\n"
PAGE = _HEAD + b"x" * max(0, _SIZE - len(_HEAD) - len(_TAIL)) + _TAIL


def floor_page(request, path=""):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"^(?P<path>.*)$", floor_page)]

_application = None


def application(environ, start_response):
    """Built on the first request, once this module (the settings) is fully imported."""
    global _application
    if _application is None:
        from django.core.wsgi import get_wsgi_application

        _application = get_wsgi_application()
    return _application(environ, start_response)
