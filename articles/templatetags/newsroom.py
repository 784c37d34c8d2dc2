import html
from datetime import datetime
from functools import lru_cache

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeData, SafeString

from articles.photos.pictures import Picture, picture_for

register = template.Library()


@register.filter
def picture(photo, family: str) -> Picture | None:
    """The photo's renditions of `family` ("lead", "square") for `picture_tag`.

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
# hreflang, og:locale), and an article page some 30 meta tags and a <picture>
# of 15 URLs: built here rather than in template loops and includes, and
# escaped with the standard library's `html.escape` rather than through
# `format_html`, whose lazy-string checks on every argument were a visible
# share of an uncached page. The output is the same: Django's `escape` is
# `html.escape` too.


def _text(value) -> str:
    """`value` escaped for HTML text or a quoted attribute (safe strings as they are)."""
    if isinstance(value, SafeData):
        return str(value)
    return html.escape(str(value), quote=True)


def hreflang_links(links: list[dict[str, str]]) -> SafeString:
    """<link rel="alternate" hreflang> for each of the page's language versions."""
    return SafeString(
        "".join(
            f'<link rel="alternate" hreflang="{_text(link["code"])}" '
            f'href="{_text(link["absolute_url"])}">\n  '
            for link in links
        )
    )


@register.simple_tag
def alternate_links(links: list[dict[str, str]], x_default_url: str | None = None) -> SafeString:
    """hreflang links to the page's language versions, and x-default if there is one."""
    x_default = (
        f'<link rel="alternate" hreflang="x-default" href="{_text(x_default_url)}">'
        if x_default_url
        else ""
    )
    return SafeString(hreflang_links(links) + x_default)


@register.filter
def switcher_items(links: list[dict[str, str]], current: str) -> SafeString:
    """The language switcher's <li> items; the page's own language is aria-current."""
    items = []
    for link in links:
        code = _text(link["code"])
        here = ' aria-current="page"' if link["code"] == current else ""
        items.append(
            f'\n    <li><a href="{_text(link["url"])}" hreflang="{code}" lang="{code}"{here}>'
            f"{_text(link['label'])}</a></li>\n    "
        )
    return SafeString("".join(items))


@register.filter
def meta_tags(pairs: list[tuple[str, str]], attribute: str) -> SafeString:
    """<meta {attribute}="…" content="…"> for each (name, content) pair."""
    return SafeString(
        "".join(
            f'<meta {attribute}="{_text(name)}" content="{_text(content)}">\n  '
            for name, content in pairs
        )
    )


@register.simple_tag
def picture_tag(picture: Picture, alt: str = "", lead: bool = False) -> SafeString:
    """The <picture> of a Picture (articles/photos/pictures.py).

    `lead`: the page's main photo, fetched first; other pictures load lazily.
    """
    sizes = _text(picture.sizes)
    sources = "".join(
        f'<source type="{_text(source.mime_type)}" srcset="{_text(source.srcset)}" sizes="{sizes}">'
        for source in picture.sources
    )
    loading = ' fetchpriority="high"' if lead else ' loading="lazy"'
    placeholder = f' data-placeholder="{_text(picture.placeholder)}"' if picture.placeholder else ""
    return SafeString(
        f'<picture>{sources}<img src="{_text(picture.src)}" srcset="{_text(picture.srcset)}" '
        f'sizes="{sizes}" width="{int(picture.width)}" height="{int(picture.height)}" '
        f'alt="{_text(alt or "")}"{loading} decoding="async"{placeholder}></picture>'
    )


@register.simple_tag
def url_path(url_name: str, *args) -> str:
    """`{% url url_name *args %}` in the active language, reversed once per process.

    Every public page links the front page, search, archive and feeds: on an
    uncached page those `reverse()` calls added up. URL patterns do not change
    while a process runs, so the answer for the same name, arguments, language,
    URLconf and script prefix is always the same.
    """
    return _reverse(url_name, args, translation.get_language(), get_urlconf(), get_script_prefix())


@lru_cache(maxsize=2048)
def _reverse(url_name: str, args: tuple, language, urlconf, prefix: str) -> str:
    # `language` and `prefix` are part of the key: reverse() reads them from
    # the active request, the language through the i18n URL patterns.
    return reverse(url_name, urlconf=urlconf, args=args)
