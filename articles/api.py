"""Read-only ninjs for partners: `/api/ninjs/<lang>/` and `/api/ninjs/<lang>/<id-or-slug>/`.

What is listed is what readers may see (`Article.objects.public_in`); nothing
unpublished, scheduled or embargoed appears. Each view runs a small, fixed
number of queries whatever the page holds.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .languages import ENDONYMS
from .models import Article
from .ninjs import bcp47, to_ninjs
from .page_cache import tag_article
from .versions import modified_at

PAGE_SIZE = 20


def _json(data: dict, status: int = 200, language: str | None = None) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Cache-Control comes from articles/page_cache.py, as for every public page.
    if language:
        response["Content-Language"] = bcp47(language)
    return response


def _error(message: str, status: int) -> JsonResponse:
    return _json({"error": message}, status=status)


def _document(request: HttpRequest, article: Article, language: str) -> dict:
    return to_ninjs(article, language, absolute=request.build_absolute_uri, site=request.get_host())


@require_safe
def article_list(request: HttpRequest, language: str) -> JsonResponse:
    """Public language versions in `language`, newest first; ?since=, ?section=, ?page=."""
    if language not in ENDONYMS:
        return _error(_("No such language."), 404)
    articles = Article.objects.public_in(language).for_export(language)
    since = request.GET.get("since")
    if since:
        moment = parse_datetime(since.replace(" ", "+"))
        if moment is None:
            return _error(_("since: not a date and time (such as 2026-11-26T08:00:00Z)."), 400)
        articles = articles.changed_since(
            make_aware(moment) if is_naive(moment) else moment, language
        )
    if request.GET.get("section"):
        articles = articles.in_section(language, request.GET["section"])
    paginator = Paginator(articles, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return _error(_("No such page."), 404)

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")

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
    if ref.isdigit():
        article = articles.filter(pk=int(ref)).first()
    if article is None:
        article = articles.by_slug(language, ref).first()
    if article is None:
        return _error(_("No such article in this language."), 404)
    response = _json(_document(request, article, language), language=language)
    response["Last-Modified"] = http_date(modified_at(article, language).timestamp())
    return tag_article(response, article)
