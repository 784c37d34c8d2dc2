from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value: datetime | None) -> str:
    """A `datetime` attribute value HTML accepts: whole seconds, in the site's time zone.

    Django's "c" format writes microseconds, and HTML allows at most three digits.
    """
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def rendition(photo, spec: str):
    """The photo's rendition for `spec`, from the prefetched set (no query)."""
    if photo is None:
        return None
    for candidate in photo.renditions.all():
        if candidate.spec == spec:
            return candidate
    return None
