from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.photos.pictures import Picture, picture_for

register = template.Library()


@register.filter
def picture(photo, family: str) -> Picture | None:
    """The photo's renditions of `family` ("lead", "square") for includes/picture.html.

    None when nothing may be shown (rights expired, renditions not made yet).
    Reads the prefetched renditions: no query.
    """
    return picture_for(photo, family)


@register.filter
def html_datetime(value: datetime | None) -> str:
    """A `datetime` attribute value HTML accepts: whole seconds, in the site's time zone.

    Django's "c" format writes microseconds, and HTML allows at most three digits.
    """
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def slug_in(article, language: str) -> bool:
    """Whether the article has a slug (so a page) in `language`."""
    return bool(article.get_absolute_url_or_none(language))


@register.filter
def next_of(items, index: int):
    """The item after `index` in a list (the previous revision, in a newest-first list)."""
    try:
        return items[index + 1]
    except (IndexError, TypeError):
        return None


# Every public page lists its language versions two or three times (switcher,
# hreflang, og:locale), and an article page some 30 meta tags: built here
# rather than in template loops, which cost a visible share of an uncached page.


@register.filter
def hreflang_links(links: list[dict[str, str]]) -> SafeString:
    """<link rel="alternate" hreflang> for each of the page's language versions."""
    return format_html_join(
        "",
        '<link rel="alternate" hreflang="{}" href="{}">\n  ',
        ((link["code"], link["absolute_url"]) for link in links),
    )


@register.filter
def switcher_items(links: list[dict[str, str]], current: str) -> SafeString:
    """The language switcher's <li> items; the page's own language is aria-current."""
    return SafeString(
        "".join(
            format_html(
                '\n    <li><a href="{}" hreflang="{}" lang="{}"{}>{}</a></li>\n    ',
                link["url"],
                link["code"],
                link["code"],
                SafeString(' aria-current="page"') if link["code"] == current else "",
                link["label"],
            )
            for link in links
        )
    )


@register.filter
def meta_tags(pairs: list[tuple[str, str]], attribute: str) -> SafeString:
    """<meta {attribute}="…" content="…"> for each (name, content) pair."""
    return format_html_join(
        "", f'<meta {attribute}="{{}}" content="{{}}">\n  ', ((n, c) for n, c in pairs)
    )
