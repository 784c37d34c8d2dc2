"""Public pages. Thin: reads go through the querysets, rules through availability."""

from __future__ import annotations

from datetime import datetime
from itertools import groupby
from pathlib import Path

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.views.static import serve

from articles.cache.middleware import tag_article
from articles.domain.languages import (
    DEFAULT_LANGUAGE,
    ENDONYMS,
    LANGUAGE_CODES,
    column_name,
    value_in,
)
from articles.domain.status import Origin
from articles.models import Article, Author, RetiredSlug, Section, Tag
from articles.photos.pictures import picture_for
from articles.querysets import published_during
from articles.selectors import page_rows
from articles.selectors.page_query import page_article
from articles.selectors.page_rows import ArticlePage
from articles.selectors.search import (
    Found,
    clean_query,
    needs_more,
    planned_with_indexes,
    query_was_cut,
    search_articles,
    unindexable,
    with_snippets,
)
from articles.services.redirects import retired_slug_owner
from articles.web.navigation import nav_sections
from articles.web.pagination import CountedPaginator
from articles.web.seo import article_previews, news_article
from articles.web.site import absolute_url
from articles.web.versions import (
    Versions,
    article_versions,
    front_versions,
    named_versions,
    page_modified_at,
    section_versions,
)

PAGE_SIZE = 20
MAX_NAME_BYTES = 255  # the longest file name ext4, XFS and APFS take


def root_redirect(request: HttpRequest) -> HttpResponse:
    """`/` → the visitor's preferred site language (cookie, then Accept-Language)."""
    language = translation.get_language_from_request(request)
    if language not in ENDONYMS:
        language = DEFAULT_LANGUAGE
    with translation.override(language):
        response = HttpResponseRedirect(reverse("articles:front"))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def rendition_file(request: HttpRequest, path: str) -> HttpResponse:
    """Serve a rendition from MEDIA_ROOT/renditions (never an original).

    Production puts a CDN or object storage in front of these paths; this
    keeps `make run` and a single-machine deployment working.
    """
    # A name longer than the file system allows is no rendition (and an OSError in serve()).
    if any(len(part.encode()) > MAX_NAME_BYTES for part in path.split("/")):
        raise Http404
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "renditions")


def _link(code: str, url: str) -> dict[str, str]:
    return {"code": code, "label": ENDONYMS[code], "url": url}


def _absolute(request: HttpRequest, links: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**link, "absolute_url": absolute_url(link["url"], request)} for link in links]


def _render(
    request: HttpRequest, template: str, context: dict, versions: Versions | None = None
) -> HttpResponse:
    """Render a public page with its language versions (the front page's by default).

    `versions` feeds the switcher, hreflang and x-default; a view may instead
    put its own `_link()` list in context["languages"].
    """
    language = translation.get_language()
    if context.get("languages"):
        context["languages"] = _absolute(request, context["languages"])
    else:
        versions = versions or front_versions()
        links = [_link(version.language, version.path) for version in versions]
        context["languages"] = _absolute(request, links)
        context["x_default_url"] = absolute_url(versions.x_default_path, request)
    context["sections"] = nav_sections(language)
    return render(request, template, context)


def front_page(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    articles = Article.objects.public_in(language).for_listing()[:PAGE_SIZE]
    return _render(request, "articles/front.html", {"articles": articles}, front_versions())


def _links_everywhere(url_name: str, codes=LANGUAGE_CODES, **kwargs) -> list[dict[str, str]]:
    """The same page (`url_name` with `kwargs`) in each of `codes`."""
    links = []
    for code in codes:
        with translation.override(code):
            links.append(_link(code, reverse(url_name, kwargs=kwargs)))
    return links


def _moved(request: HttpRequest, kind: str, slug: str, found: QuerySet) -> HttpResponse:
    """301 to the current page of whatever had `slug` in this language, or 404.

    `found` is what may be shown in this language (public articles, named
    sections or tags); an old slug of anything else stays a 404.
    """
    owner = retired_slug_owner(kind, translation.get_language(), slug)
    target: Model | None = found.filter(pk=owner).first() if owner else None
    if target is None:
        raise Http404
    url = target.get_absolute_url()
    if request.GET:
        url += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(url)


def _list_page(request: HttpRequest, paginator: Paginator) -> tuple[Page, HttpResponse | None]:
    """The page `?page=` names, and a redirect if the address does not spell it the one way.

    Each page of a list has one address: page 1 has no `page`, the others
    `page=<n>` as the site writes it (articles/web/pagination.py). Anything else
    (`page=1`, `page=03`, `page=٣`, `page=7x`, a page past the end, `page` twice)
    is a 302 to the page it lands on, so no other spelling is rendered or
    stored by the page cache. Temporary, because where a number past the end
    lands depends on how long the list is today.
    """
    asked = request.GET.getlist("page")
    page = paginator.get_page(asked[-1] if asked else None)
    canonical = [] if page.number == 1 else [str(page.number)]
    if asked == canonical:
        return page, None
    query = request.GET.copy()
    query.setlist("page", canonical)
    encoded = query.urlencode()
    return page, HttpResponseRedirect(f"{request.path}?{encoded}" if encoded else request.path)


def section_page(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language()
    sections = Section.objects.named_in(language)
    section = sections.filter(**{column_name("slug", language): slug}).first()
    if section is None:
        return _moved(request, RetiredSlug.Kind.SECTION, slug, sections)
    articles = Article.objects.public_in(language).filter(section=section).for_listing()
    page, moved = _list_page(request, Paginator(articles, PAGE_SIZE))
    if moved:
        return moved
    return _render(
        request,
        "articles/section.html",
        {"section": section, "page": page, "articles": page.object_list},
        section_versions(section),
    )


def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language()
    tags = Tag.objects.named_in(language)
    tag = tags.filter(**{column_name("slug", language): slug}).first()
    if tag is None:
        return _moved(request, RetiredSlug.Kind.TAG, slug, tags)
    articles = Article.objects.public_in(language).filter(tags=tag).for_listing()
    page, moved = _list_page(request, Paginator(articles, PAGE_SIZE))
    if moved:
        return moved
    return _render(
        request,
        "articles/tag.html",
        {"tag": tag, "page": page, "articles": page.object_list},
        named_versions(tag, "articles:tag"),
    )


def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    """An author's articles in this language; a 404 where they have none."""
    language = translation.get_language()
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        raise Http404
    bylined = Article.objects.filter(authors=author)
    counts = bylined.public_counts()
    if not counts[language]:
        raise Http404
    articles = bylined.public_in(language).for_listing()
    page, moved = _list_page(request, CountedPaginator(articles, PAGE_SIZE, counts[language]))
    if moved:
        return moved
    languages = [code for code in LANGUAGE_CODES if counts[code]]
    return _render(
        request,
        "articles/author.html",
        {
            "author": author,
            "page": page,
            "articles": page.object_list,
            "languages": _links_everywhere("articles:author", languages, slug=author.slug),
        },
    )


def archive_index(request: HttpRequest) -> HttpResponse:
    """Every month with articles in this language, grouped by year."""
    language = translation.get_language()
    months = Article.objects.public_in(language).months_in(language)
    years = [
        {"year": year, "months": list(group)}
        for year, group in groupby(months, key=lambda item: item[0].year)
    ]
    return _render(
        request,
        "articles/archive_index.html",
        {"years": years, "languages": _links_everywhere("articles:archive")},
    )


def _period(year: int, month: int | None, day: int | None) -> tuple[datetime, datetime]:
    """[start, end) of a year, month or day in the site's time zone; ValueError if none."""
    zone = timezone.get_current_timezone()
    if day is not None:
        start = datetime(year, month, day, tzinfo=zone)
        end = datetime.fromordinal(start.toordinal() + 1).replace(tzinfo=zone)
    elif month is not None:
        start = datetime(year, month, 1, tzinfo=zone)
        end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    else:
        start = datetime(year, 1, 1, tzinfo=zone)
        end = datetime(year + 1, 1, 1, tzinfo=zone)
    return start, end


def archive_page(
    request: HttpRequest, year: int, month: int | None = None, day: int | None = None
) -> HttpResponse:
    """Articles published in a year, month or day; a 404 where this language has none."""
    language = translation.get_language()
    try:
        start, end = _period(year, month, day)
    except (ValueError, OverflowError):
        raise Http404 from None
    counts = Article.objects.public_counts(during=(start, end))
    if not counts[language]:
        raise Http404
    articles = (
        Article.objects.public_in(language)
        .filter(published_during(language, start, end))
        .for_listing()
    )
    page, moved = _list_page(request, CountedPaginator(articles, PAGE_SIZE, counts[language]))
    if moved:
        return moved
    parts = {"year": year, "month": month, "day": day}
    parts = {key: value for key, value in parts.items() if value is not None}
    url_name = {1: "articles:archive_year", 2: "articles:archive_month"}.get(
        len(parts), "articles:archive_day"
    )
    languages = [code for code in LANGUAGE_CODES if counts[code]]
    return _render(
        request,
        "articles/archive.html",
        {
            "period_start": start,
            "precision": ("year", "month", "day")[len(parts) - 1],
            "page": page,
            "articles": page.object_list,
            "languages": _links_everywhere(url_name, languages, **parts),
        },
    )


def search_page(request: HttpRequest) -> HttpResponse:
    """Public versions in this language matching `q`, best first."""
    language = translation.get_language()
    query = clean_query(request.GET.get("q"))
    page = None
    results: list[Found] = []
    too_broad = bool(query) and needs_more(query)
    if query and not too_broad:
        found = search_articles(
            Article.objects.public_in(language).select_related("section"), language, query
        )
        with planned_with_indexes():
            page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
            results = with_snippets(page.object_list, language, query)
        too_broad = not page.paginator.count and unindexable(language, query)
    return _render(
        request,
        "articles/search.html",
        {
            "query": query,
            "query_cut": query_was_cut(request.GET.get("q")),
            "too_broad": too_broad,
            "page": page,
            "results": results,
            # The query is in this language's words: other languages get an empty form.
            "languages": _links_everywhere("articles:search"),
        },
    )


def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language()
    page = page_article(language, slug)
    if page is None:
        return _moved(request, RetiredSlug.Kind.ARTICLE, slug, Article.objects.public_in(language))
    return render_page(request, page, language)


def render_article(
    request: HttpRequest, article: Article, language: str, *, preview: bool = False
) -> HttpResponse:
    """The page of an article loaded with `ArticleQuerySet.for_page(language)`."""
    return render_page(request, page_rows.article_page(article), language, preview=preview)


def render_page(
    request: HttpRequest, page: ArticlePage, language: str, *, preview: bool = False
) -> HttpResponse:
    """The article page in `language`; a preview also shows a version not yet public."""
    article = page.article
    versions = article_versions(article, texts=page.texts, including=language if preview else None)
    canonical_url = absolute_url(versions.path(language), request)
    response = _render(
        request,
        "articles/article.html",
        {
            "article": article,
            "page": page,
            "lead_picture": picture_for(article.photo, "lead", renditions=page.lead_renditions),
            "canonical_url": canonical_url,
            "preview": preview,
            "machine_translated": value_in(article, "origin", language)
            in (Origin.MACHINE, Origin.MACHINE_REVIEWED),
            "machine_reviewed": value_in(article, "origin", language) == Origin.MACHINE_REVIEWED,
            "previews": article_previews(page, language, versions, request),
            # JSON-LD: the template writes it with `tojson`, which no text can break out of.
            "structured_data": news_article(page, language, versions, request),
        },
        versions,
    )
    if preview:
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    else:
        # Dated by what readers can see, so an edit of an unpublished version
        # tells them nothing (the page cache would otherwise date it by the render).
        response["Last-Modified"] = http_date(page_modified_at(article, page.texts).timestamp())
        tag_article(article)
    return response
