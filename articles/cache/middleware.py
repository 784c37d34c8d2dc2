"""The page cache for anonymous readers, conditional GET and the CDN headers.

Sits before the session, locale, CSRF and auth middleware, so a hit costs a
cache read and no query, no session lookup and no template. Most hits do not
even reach Django: the WSGI layer in front of it (articles/cache/front.py)
answers them with the functions here (`may_be_served`, `cache_key`,
`stored_entry`, `hit_response`), so what is cacheable is defined once. What it will
store is decided after the view ran, from what the response turned out to be:

- only the public views in CACHED_VIEWS, answering 200 to a GET or HEAD
  without a session cookie, that set no cookie, used no CSRF token and no CSP
  nonce (a cached nonce would never match the next response's header), and
  did not ask for private or no-store (previews do);
- search results are not stored: every query is another key, rarely asked
  twice, and storing them would let anyone fill the cache;
- redirects (old slugs) and 404s are not stored: rare, and a 404 becomes a
  page the moment something is published under its address;
- a query string is stored only when it holds parameters the view reads
  (QUERY_PARAMETERS), once each, each spelled the one way the site writes it;
  anything else is answered uncached, so junk parameters and other spellings
  of a page (`page=1`, `page=02`, `page=٣`) cannot fill the cache. Entries are
  keyed by the decoded parameters, so `page=%32` finds the entry of `page=2`.

An entry carries the tags of what it shows and the invalidation log position
read before the render (articles/cache/invalidation.py); it is served only while no
tag moved past that position and no scheduled moment has come.

Every public page, cached or not, gets an ETag (a hash of the body), a
Last-Modified, answers If-None-Match with 304 (If-Modified-Since alone gets the
page: see `_finish`), and a public Cache-Control for a CDN. Anything served
to a request with a session (a logged-in editor) gets `private, no-store`
instead.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from articles.cache.invalidation import article_clock_event, state
from articles.cache.local import local_copies
from articles.cache.purge import PURGED_VIEWS
from articles.cache.tags import LISTS, SITE, article_tag
from articles.web.converters import AnySlugConverter
from articles.web.pagination import page_number


def _later_page(value: str) -> bool:
    """Page 2 onwards as the site writes it; page 1 is the address without `page`."""
    number = page_number(value)
    return number is not None and number > 1


def _section_slug(value: str) -> bool:
    # The API answers 404 for a section it does not have, so only real ones are stored.
    return re.fullmatch(AnySlugConverter.regex, value) is not None


_PAGED = {"page": _later_page}
# Each view whose answers are stored, with the query parameters it reads and the
# test for the one spelling of each value that is stored. With any parameter not
# listed (the API's `since`: every partner polls with another moment) the answer
# is served but not stored. Pages past the end are not stored either: the list
# views redirect them, the API and the sitemaps answer 404.
QUERY_PARAMETERS: dict[str, dict[str, Callable[[str], bool]]] = {
    "articles:article": {},
    "articles:front": {},
    "articles:feed_rss": {},
    "articles:feed_atom": {},
    "articles:section_feed_rss": {},
    "articles:section_feed_atom": {},
    "articles:section": _PAGED,
    "articles:tag": _PAGED,
    "articles:author": _PAGED,
    "articles:archive": {},
    "articles:archive_year": _PAGED,
    "articles:archive_month": _PAGED,
    "articles:archive_day": _PAGED,
    "robots_txt": {},
    "sitemap_index": {},
    "sitemap": {"p": _later_page},
    "news_sitemap": {},
    "ninjs:list": {**_PAGED, "section": _section_slug},
    "ninjs:detail": {},
}
CACHED_VIEWS = frozenset(QUERY_PARAMETERS)
# Public, with CDN headers and conditional GET, but never stored here.
PUBLIC_VIEWS = CACHED_VIEWS | {"articles:search"}
# Outside the language prefixes and in no one language: LocaleMiddleware's
# Content-Language there names the visitor's Accept-Language, which a cached
# copy would then repeat to everyone.
LANGUAGE_NEUTRAL_VIEWS = frozenset({"robots_txt", "sitemap_index", "sitemap", "news_sitemap"})
MAX_QUERY_LENGTH = 200
# Paths that are never public pages: skip even the cache lookup.
PRIVATE_PREFIXES = ("/admin/", "/preview/", "/static/", "/media/")
ENTRY_FORMAT = 1


@dataclass(slots=True)
class Shown:
    """What the page being rendered shows, as a view tells the page cache.

    `tags`: None until a view names what its page shows; the page then counts
    as a list (LISTS and SITE; robots.txt SITE only) and is good until the next
    scheduled moment anywhere (`state.next_event`). Set, `valid_until` goes with
    it: the next moment that changes what those tags name (None: none known).
    """

    tags: tuple[str, ...] | None = None
    valid_until: float | None = None


# The `Shown` of the render under way: made by the middleware before the view
# runs, filled in by the view (`tag_article`), read by the middleware after.
# A context variable rather than an attribute on the response: the view writes
# to a typed object made for that one render, nothing rides on the response
# that would have to be stripped before it leaves, and each thread (each task
# under ASGI) has its own, a render nested in another (the consistency
# crawler's) too. Where nothing may be stored (previews, an editor's session,
# a test calling a view directly) there is none and `tag_article` does
# nothing. Made only for a render: a hit does no more work.
_shown: ContextVar[Shown | None] = ContextVar("page_cache_shown", default=None)


def tag_article(article) -> None:
    """Say that the page being rendered shows `article` only (its page, its API document)."""
    shown = _shown.get()
    if shown is not None:
        shown.tags = (article_tag(article.pk), SITE)
        shown.valid_until = article_clock_event(article)


def _key(request: HttpRequest) -> str | None:
    """The entry's key: the address with its parameters decoded and sorted; None to bypass."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH:
        return None
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    if len({name for name, _ in pairs}) != len(pairs):
        return None
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{urlencode(pairs)}"
    digest = hashlib.md5(raw.encode("utf-8", "backslashreplace"), usedforsecurity=False)
    return f"page:{digest.hexdigest()}"


def _canonical_host(request: HttpRequest) -> bool:
    """Whether the Host header is spelled the one way: lower case, no port but the server's.

    ALLOWED_HOSTS compares hosts case-insensitively and without the port, so
    `EXAMPLE.org` and `example.org:1` reach the view too; each would be another
    key, and its page (with absolute URLs built from that host) another entry.
    """
    host = request.get_host()
    port = host.rpartition(":")[2]  # "[::1]" ends in "1]": no port
    return host == host.lower() and (not port.isdigit() or port == str(request.get_port()))


def _stored_query(request: HttpRequest, view: str) -> bool:
    """Whether the query string is one `view` is stored under (see QUERY_PARAMETERS)."""
    parameters = QUERY_PARAMETERS.get(view, {})
    return all(
        name in parameters and len(values) == 1 and parameters[name](values[0])
        for name, values in request.GET.lists()
    )


def _view_name(request: HttpRequest) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_csp_nonce", None)  # a LazyNonce is true once used
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def _cdn_cache_control(response: HttpResponse, view: str, query: str, valid_until) -> None:
    """`public` with lifetimes for browsers and CDNs (see settings, "Page cache")."""
    purged = settings.CDN_PURGE_URL and view in PURGED_VIEWS and not query
    s_maxage = settings.CDN_PURGED_S_MAXAGE if purged else settings.CDN_S_MAXAGE
    stale = settings.CDN_STALE_WHILE_REVALIDATE if purged else 0
    max_age = settings.CDN_MAX_AGE
    if valid_until is not None:  # never past the next scheduled go-live or expiry
        left = max(0, int(valid_until - time.time()))
        s_maxage, max_age, stale = min(s_maxage, left), min(max_age, left), min(stale, left)
    # Set whole (replacing any view's own guess); cheaper than patch_cache_control on a hit.
    response["Cache-Control"] = (
        f"public, max-age={max_age}, s-maxage={s_maxage}, stale-while-revalidate={stale}"
    )


def _finish(request: HttpRequest, response: HttpResponse, view: str, valid_until) -> HttpResponse:
    _cdn_cache_control(response, view, request.META.get("QUERY_STRING", ""), valid_until)
    if "HTTP_IF_NONE_MATCH" not in request.META:
        return response
    # Only the ETag (a hash of the body) can say that nothing changed: an
    # article's Last-Modified dates its public versions, and does not move when
    # a photo's caption or a section's name on the page does. If-Modified-Since
    # alone therefore gets the whole page.
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def _servable(entry: tuple) -> bool:
    """Whether a stored entry may be served: nothing it shows changed, no clock event passed."""
    if entry[0] != ENTRY_FORMAT:
        return False
    _, watermark, tags, valid_until, *_ = entry
    return (valid_until is None or time.time() < valid_until) and state.is_fresh(watermark, tags)


def _from_entry(entry: tuple) -> HttpResponse:
    _, _, _, _, _, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _public_read(request: HttpRequest) -> bool:
    """A GET or HEAD of an address that may be a public page."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(PRIVATE_PREFIXES)


def _with_session_cookie(request: HttpRequest) -> bool:
    """Possibly a logged-in editor (any session, valid or not)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def may_be_served(request: HttpRequest) -> bool:
    """Whether the page cache may answer `request` at all: an anonymous GET or HEAD
    of a possibly public address, with the cache on. The one rule the middleware
    and the front layer (articles/cache/front.py) both ask."""
    return settings.PAGE_CACHE and _public_read(request) and not _with_session_cookie(request)


def stored_entry(key: str) -> tuple | None:
    """The entry stored under `key` that may still be served (see `_servable`), or None.

    Looks in this process's copies first, then in the cache; an entry that went
    stale is dropped from the copies. Does not read the invalidation log: the
    caller makes sure this process's picture of it is current.
    """
    entry = local_copies.get(key)
    if entry is not None and not _servable(entry):
        local_copies.drop(key)
        entry = None
    if entry is None:
        entry = cache.get(key)
        entry = entry if entry and _servable(entry) else None
        if entry is not None:
            local_copies.put(key, entry)
    return entry


def forget_stored_pages() -> None:
    """Empty the page cache (the shared one and this process's copies, and its
    picture of the invalidation log).

    For when the database is replaced under the cache (a restore): the new
    database's log starts again at low positions and cannot tell that pages
    rendered from the old one are stale. Other processes' copies go when they
    restart, as they must to use the new database.
    """
    cache.clear()
    local_copies.clear()
    state.reset()


def hit_response(request: HttpRequest, entry: tuple) -> HttpResponse:
    """The answer to `request` from a stored entry: the page (or a 304) with its CDN headers."""
    _, _, _, valid_until, view, *_ = entry
    return _finish(request, _from_entry(entry), view, valid_until)


def cache_key(request: HttpRequest) -> str | None:
    """The key `request`'s page is stored under; None when it is never stored."""
    return _key(request) if settings.PAGE_CACHE else None


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _public_read(request):
            return self.get_response(request)
        if _with_session_cookie(request):
            return self._with_session(request)

        key = cache_key(request)
        if key:
            state.refresh()
            entry = stored_entry(key)
            if entry is not None:
                return hit_response(request, entry)
            watermark = state.watermark()  # before the render: see invalidation.py

        shown = Shown()
        token = _shown.set(shown)
        try:
            response = self.get_response(request)
        finally:
            _shown.reset(token)
        view = _view_name(request)
        if view not in PUBLIC_VIEWS or response.status_code != 200 or response.streaming:
            return response
        if response.cookies:  # this answer belongs to one visitor
            patch_cache_control(response, private=True)
            return response
        if view in LANGUAGE_NEUTRAL_VIEWS and response.has_header("Content-Language"):
            del response["Content-Language"]
        if not response.has_header("ETag"):
            set_response_etag(response)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        if shown.tags is None:
            tags = (SITE,) if view == "robots_txt" else (LISTS, SITE)
            valid_until = state.next_event
        else:
            tags, valid_until = shown.tags, shown.valid_until
        if (
            key
            and view in CACHED_VIEWS
            and _stored_query(request, view)
            and _canonical_host(request)
            and _storable(request, response)
        ):
            timeout = settings.PAGE_CACHE_SECONDS
            if valid_until is not None:
                timeout = max(1, min(timeout, int(valid_until - time.time())))
            entry = (
                ENTRY_FORMAT,
                watermark,
                tags,
                valid_until,
                view,
                response.status_code,
                [(name, value) for name, value in response.items() if name != "Cache-Control"],
                response.content,
            )
            cache.set(key, entry, timeout)
            local_copies.put(key, entry)
        return _finish(request, response, view, valid_until)

    def _with_session(self, request: HttpRequest) -> HttpResponse:
        """Possibly a logged-in editor: nothing public, nothing stored, nothing served."""
        response = self.get_response(request)
        if _view_name(request) in PUBLIC_VIEWS:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response
