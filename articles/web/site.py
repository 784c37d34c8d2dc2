"""The site as the outside world sees it: its base URL and its publisher.

Canonical links, hreflang, feeds, sitemaps, JSON-LD and previews all make
absolute URLs here, so every surface names a page by the same address.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest


def base_url(request: HttpRequest | None = None) -> str:
    """Scheme and host without a trailing slash: the setting, else the request's."""
    if settings.NEWSROOM_BASE_URL:
        return settings.NEWSROOM_BASE_URL
    if request is None:
        raise ImproperlyConfigured("Set NEWSROOM_BASE_URL to make absolute URLs outside a request.")
    # get_host() checks the Host header against ALLOWED_HOSTS on every call: a
    # few microseconds, so nothing is kept on the request between calls.
    return f"{request.scheme}://{request.get_host()}"


def absolute_url(path_or_url: str, request: HttpRequest | None = None) -> str:
    """`path_or_url` made absolute; a URL that already is one (a CDN's) is kept."""
    if path_or_url.startswith("/") and not path_or_url.startswith("//"):
        base = base_url(request)
        if base.count("/") == 2:  # scheme://host: what urljoin gives, at a fraction of its cost
            return base + path_or_url
    if urlsplit(path_or_url).scheme:
        return path_or_url
    return urljoin(base_url(request) + "/", path_or_url)


def publisher_name() -> str:
    return settings.NEWSROOM_PUBLISHER_NAME
