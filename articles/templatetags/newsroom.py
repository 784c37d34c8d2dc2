from datetime import datetime

from django import template
from django.utils import timezone

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
