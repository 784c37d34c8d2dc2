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

from .languages import DEFAULT_LANGUAGE, ENDONYMS, column_suffix
from .models import Article, Section
from .navigation import nav_sections
from .seo import article_previews, ld_json_script, news_article
from .site import absolute_url
from .status import Origin
from .versions import Versions, article_versions, front_versions, section_versions

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


def section_page(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language()
    suffix = column_suffix(language)
    section = Section.objects.named_in(language).filter(**{f"slug_{suffix}": slug}).first()
    if section is None:
        raise Http404
    articles = Article.objects.public_in(language).filter(section=section).for_listing()
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "articles/section.html",
        {"section": section, "page": page, "articles": page.object_list},
        section_versions(section),
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
    versions = article_versions(article, including=language if preview else None)
    canonical_url = absolute_url(versions.path(language), request)
    response = _render(
        request,
        "articles/article.html",
        {
            "article": article,
            "canonical_url": canonical_url,
            "preview": preview,
            "machine_translated": (
                getattr(article, f"origin_{column_suffix(language)}") == Origin.MACHINE
            ),
            "previews": article_previews(article, language, versions, request),
            "structured_data": ld_json_script(news_article(article, language, versions, request)),
        },
        versions,
    )
    if preview:
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
