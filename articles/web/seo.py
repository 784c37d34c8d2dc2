"""What an article page tells machines: NewsArticle JSON-LD, OpenGraph and Twitter cards.

Languages and addresses come from `versions` (the same object that drives the
switcher and hreflang); texts are read in the page's language only, never in
another language's columns.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from articles.domain.languages import OG_LOCALES, column_name
from articles.models import Article, Rendition
from articles.photos.pictures import fallback_rendition, rendition_url
from articles.selectors.page_rows import ArticlePage
from articles.web.site import absolute_url, publisher_name
from articles.web.versions import Versions, article_source_version, modified_at, published_at

LEAD_FAMILY = "lead"


def iso(moment: datetime) -> str:
    """A timestamp as machines want it: ISO 8601, seconds, in the site's time zone."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _text(obj: object, field: str, language: str) -> str:
    return getattr(obj, column_name(field, language), "") or ""


def lead_rendition(article: Article, renditions: list[Rendition] | None = None) -> Rendition | None:
    """The lead photo's rendition, from `renditions` or the prefetched set (no query)."""
    return fallback_rendition(article.photo, LEAD_FAMILY, renditions=renditions)


def _image(
    article: Article, language: str, request: HttpRequest | None, renditions: list | None
) -> dict | None:
    lead = lead_rendition(article, renditions)
    if lead is None:
        return None
    photo = article.photo
    image: dict[str, Any] = {
        "@type": "ImageObject",
        "url": absolute_url(rendition_url(lead), request),
        "width": lead.width,
        "height": lead.height,
        "creditText": photo.credit,
    }
    caption = _text(photo, "caption", language)
    if caption:
        image["caption"] = caption
    if photo.copyright_holder:
        image["copyrightHolder"] = {"@type": "Organization", "name": photo.copyright_holder}
    return image


def _version_ref(url: str, language: str) -> dict[str, str]:
    return {"@type": "NewsArticle", "@id": f"{url}#article", "url": url, "inLanguage": language}


def news_article(
    page: ArticlePage, language: str, versions: Versions, request: HttpRequest | None = None
) -> dict[str, Any]:
    """schema.org NewsArticle for the `language` version of the page's article.

    The version in the source language lists the others as `workTranslation`;
    each other version names it as `translationOfWork`. When the source
    language is not public, nothing links to it.
    """
    article = page.article
    url = absolute_url(versions.path(language), request)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": _text(article, "title", language),
        "inLanguage": language,
        "datePublished": iso(published_at(article, language)),
        "dateModified": iso(modified_at(article, language)),
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": publisher_name(),
            "url": absolute_url("/", request),
        },
    }
    summary = _text(article, "summary", language)
    if summary:
        data["description"] = summary
    section_name = _text(article.section, "name", language)
    if section_name:
        data["articleSection"] = section_name
    authors = [{"@type": "Person", "name": author.name} for author in page.authors]
    if authors:
        data["author"] = authors
    image = _image(article, language, request, page.lead_renditions)
    if image:
        data["image"] = [image]

    corrections = [
        {"@type": "CorrectionComment", "text": c.note, "datePublished": iso(c.created_at)}
        for c in page.corrections
    ]
    if corrections:
        data["correction"] = corrections

    source = article_source_version(article, versions)
    if source == language:
        translations = [
            _version_ref(absolute_url(v.path, request), v.language)
            for v in versions
            if v.language != language
        ]
        if translations:
            data["workTranslation"] = translations
    elif source is not None:
        data["translationOfWork"] = _version_ref(
            absolute_url(versions.path(source), request), source
        )
    return data


def article_previews(
    page: ArticlePage, language: str, versions: Versions, request: HttpRequest | None = None
) -> dict[str, list[tuple[str, str]]]:
    """OpenGraph (`og`) and Twitter card (`twitter`) tags as (name, content) pairs."""
    article = page.article
    title = _text(article, "title", language)
    summary = _text(article, "summary", language)
    og = [
        ("og:type", "article"),
        ("og:site_name", publisher_name()),
        ("og:title", title),
        ("og:url", absolute_url(versions.path(language), request)),
        ("og:locale", OG_LOCALES[language]),
    ]
    og += [
        ("og:locale:alternate", OG_LOCALES[code]) for code in versions.languages if code != language
    ]
    if summary:
        og.append(("og:description", summary))
    twitter = [("twitter:title", title)]
    if summary:
        twitter.append(("twitter:description", summary))

    lead = lead_rendition(article, page.lead_renditions)
    if lead is not None:
        image_url = absolute_url(rendition_url(lead), request)
        alt = _text(article.photo, "alt_text", language)
        og += [
            ("og:image", image_url),
            ("og:image:width", str(lead.width)),
            ("og:image:height", str(lead.height)),
        ]
        twitter += [("twitter:image", image_url)]
        if alt:
            og.append(("og:image:alt", alt))
            twitter.append(("twitter:image:alt", alt))
    twitter.insert(0, ("twitter:card", "summary_large_image" if lead else "summary"))

    og += [
        ("article:published_time", iso(published_at(article, language))),
        ("article:modified_time", iso(modified_at(article, language))),
    ]
    section_name = _text(article.section, "name", language)
    if section_name:
        og.append(("article:section", section_name))
    return {"og": og, "twitter": twitter}
