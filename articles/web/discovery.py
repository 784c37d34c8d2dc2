"""What crawlers read first: robots.txt, the sitemap index, the sitemaps, the news sitemap.

These live outside the language prefixes (one robots.txt, one index for all
languages); `newsroom/urls.py` includes `urlpatterns` from here.
"""

from __future__ import annotations

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from articles.web.site import absolute_url
from articles.web.sitemaps import NewsSitemap, article_stats, sitemap_pages, sitemap_sections

XML = "application/xml; charset=utf-8"


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap_index'), request)}",
        f"Sitemap: {absolute_url(reverse('news_sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The pages sitemap and, per language with public articles, its article sitemap(s)."""
    entries = [{"location": absolute_url(reverse("sitemap", kwargs={"section": "pages"}), request)}]
    for code, stats in article_stats().items():
        if not stats.count:
            continue
        location = absolute_url(reverse("sitemap", kwargs={"section": f"articles-{code}"}), request)
        for page in range(1, sitemap_pages(stats) + 1):
            entries.append(
                {
                    "location": location if page == 1 else f"{location}?p={page}",
                    "lastmod": stats.latest,
                }
            )
    latest = [entry["lastmod"] for entry in entries if entry.get("lastmod")]
    headers = {"Last-Modified": http_date(max(latest).timestamp())} if latest else None
    response = TemplateResponse(
        request, "sitemaps/index.xml", {"sitemaps": entries}, content_type=XML, headers=headers
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def sitemap(request: HttpRequest, section: str) -> HttpResponse:
    sections = sitemap_sections()
    if section not in sections:
        raise Http404
    return sitemap_views.sitemap(
        request,
        sitemaps={section: sections[section]},
        section=section,
        template_name="sitemaps/urlset.xml",
        content_type=XML,
    )


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(
        request,
        sitemaps={"news": NewsSitemap()},
        template_name="sitemaps/news.xml",
        content_type=XML,
    )


urlpatterns = [
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    re_path(r"^sitemaps/(?P<section>[a-z-]+)\.xml$", sitemap, name="sitemap"),
    path("news-sitemap.xml", news_sitemap, name="news_sitemap"),
]
