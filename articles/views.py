"""Public pages. Thin: reads go through the querysets, rules through availability."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.static import serve

from .languages import DEFAULT_LANGUAGE, ENDONYMS, LANGUAGE_CODES, column_suffix
from .models import Article, Section
from .navigation import nav_sections
from .status import Origin

PAGE_SIZE = 20


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
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / "renditions")


def _link(code: str, url: str) -> dict[str, str]:
    return {"code": code, "label": ENDONYMS[code], "url": url}


def _absolute(request: HttpRequest, links: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{**link, "absolute_url": request.build_absolute_uri(link["url"])} for link in links]


def _front_links() -> list[dict[str, str]]:
    links = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            links.append(_link(code, reverse("articles:front")))
    return links


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    language = translation.get_language()
    context["languages"] = _absolute(request, context.get("languages") or _front_links())
    context["sections"] = nav_sections(language)
    return render(request, template, context)


def front_page(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    articles = Article.objects.public_in(language).for_listing()[:PAGE_SIZE]
    return _render(request, "articles/front.html", {"articles": articles})


def section_page(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language()
    suffix = column_suffix(language)
    section = Section.objects.named_in(language).filter(**{f"slug_{suffix}": slug}).first()
    if section is None:
        raise Http404
    articles = Article.objects.public_in(language).filter(section=section).for_listing()
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    links = []
    for code in LANGUAGE_CODES:
        section_slug = getattr(section, f"slug_{column_suffix(code)}")
        if section_slug and getattr(section, f"name_{column_suffix(code)}"):
            with translation.override(code):
                links.append(_link(code, reverse("articles:section", args=[section_slug])))
    return _render(
        request,
        "articles/section.html",
        {"section": section, "page": page, "articles": page.object_list, "languages": links},
    )


def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language()
    article = (
        Article.objects.public_in(language)
        .for_page()
        .with_corrections_in(language)
        .by_slug(language, slug)
        .first()
    )
    if article is None:
        raise Http404
    return render_article(request, article, language)


def render_article(
    request: HttpRequest, article: Article, language: str, *, preview: bool = False
) -> HttpResponse:
    """The article page in `language`; a preview also shows a version not yet public."""
    if not hasattr(article, "page_corrections"):  # not prefetched (previews)
        article.page_corrections = list(article.corrections.filter(language=language))
    available = article.languages
    if preview and language not in available:
        available = [code for code in LANGUAGE_CODES if code in (*available, language)]
    links = [_link(code, article.get_absolute_url(code)) for code in available]
    default = (
        article.source_language
        if article.source_language in available
        else (DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in available else available[0])
    )
    suffix = column_suffix(language)
    response = _render(
        request,
        "articles/article.html",
        {
            "article": article,
            "languages": links,
            "preview": preview,
            "machine_translated": getattr(article, f"origin_{suffix}") == Origin.MACHINE,
            "x_default_url": request.build_absolute_uri(article.get_absolute_url(default)),
            "canonical_url": request.build_absolute_uri(article.get_absolute_url(language)),
        },
    )
    if preview:
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
