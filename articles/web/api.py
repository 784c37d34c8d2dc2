"""Read-only ninjs for partners: `/api/ninjs/<lang>/` and `/api/ninjs/<lang>/<id-or-slug>/`.

What is listed is what readers may see (`Article.objects.public_in`); nothing
unpublished, scheduled or embargoed appears. Each view runs a small, fixed
number of queries whatever the page holds.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from django.core.paginator import InvalidPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.cache.middleware import tag_article
from articles.domain.languages import ENDONYMS, column_name
from articles.models import Article, Section
from articles.ninjs.export import bcp47, to_ninjs
from articles.web.pagination import page_number
from articles.web.versions import modified_at

PAGE_SIZE = 20
# An id as the site writes it: one address per article ("05" would be another,
# and another page-cache entry). Up to 18 digits: a bigint has 19.
ARTICLE_ID = re.compile(r"[1-9][0-9]{0,17}")


def _json(data: dict, status: int = 200, language: str | None = None) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Cache-Control comes from articles/cache/middleware.py, as for every public page.
    if language:
        response["Content-Language"] = bcp47(language)
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


def _document(request: HttpRequest, article: Article, language: str) -> dict:
    return to_ninjs(article, language, absolute=request.build_absolute_uri, site=request.get_host())


def _since(value: str) -> datetime | None:
    """`value` as an aware moment in UTC, or None if it is not one (or not representable)."""
    try:
        # A "+" in a query string arrives as a space.
        moment = parse_datetime(value.replace(" ", "+"))
        if moment is None:
            return None
        return (make_aware(moment) if is_naive(moment) else moment).astimezone(UTC)
    except (ValueError, OverflowError):  # 30 February, offset +99:00, year 10000 in UTC
        return None


@require_safe
def article_list(request: HttpRequest, language: str) -> JsonResponse:
    """Public language versions in `language`, newest first; ?since=, ?section=, ?page=."""
    if language not in ENDONYMS:
        return _error(_("No such language."), 404)
    articles = Article.objects.public_in(language).for_export(language)
    if since := request.GET.get("since"):
        moment = _since(since)
        if moment is None:
            message = _(
                "since: expected an ISO 8601 date and time that exists, such as "
                "2026-11-26T08:00:00Z or 2026-11-26T09:00:00+01:00 (offsets up to ±23:59; "
                "without one, the site's time zone)."
            )
            return _error(message, 400)
        articles = articles.changed_since(moment, language)
    if section := request.GET.get("section"):
        named = Section.objects.named_in(language)
        if not named.filter(**{column_name("slug", language): section}).exists():
            return _error(_("section: no such section in this language."), 404)
        articles = articles.in_section(language, section)
    number = page_number(request.GET.get("page") or "1")
    if number is None:
        return _error(_("page: a whole number from 1, in ASCII digits (such as 2)."), 400)
    paginator = Paginator(articles, PAGE_SIZE)
    try:
        page = paginator.page(number)
    except InvalidPage:
        return _error(_("No such page."), 404)

    def link(number: int) -> str:
        query = request.GET.copy()
        # Page 1 is the list's own address (articles/cache/middleware.py stores one spelling).
        query.setlist("page", [str(number)] if number > 1 else [])
        encoded = query.urlencode()
        return request.build_absolute_uri(f"{request.path}?{encoded}" if encoded else request.path)

    items = list(page.object_list)
    response = _json(
        {
            "language": bcp47(language),
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "items": [_document(request, article, language) for article in items],
        },
        language=language,
    )
    if items:
        latest = max(modified_at(a, language) for a in items)
        response["Last-Modified"] = http_date(latest.timestamp())
    return response


@require_safe
def article_detail(request: HttpRequest, language: str, ref: str) -> JsonResponse:
    """One public language version, by the article's id or its slug in `language`."""
    if language not in ENDONYMS:
        return _error(_("No such language."), 404)
    articles = Article.objects.public_in(language).for_export(language)
    article = None
    if ARTICLE_ID.fullmatch(ref):
        article = articles.filter(pk=int(ref)).first()
    if article is None:
        article = articles.by_slug(language, ref).first()
    if article is None:
        return _error(_("No such article in this language."), 404)
    response = _json(_document(request, article, language), language=language)
    response["Last-Modified"] = http_date(modified_at(article, language).timestamp())
    tag_article(article)
    return response
