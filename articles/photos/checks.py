"""What the desk must be told about a photo: missing alt text, rights running out."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.domain.availability import has_text_in
from articles.domain.languages import LANGUAGE_CODES, value_in
from articles.models import Photo


def alt_text_needed_in(photo: Photo) -> list[str]:
    """Languages in which readers may meet the photo: it has a caption there, or an
    article using it is written there. Needs `photo.articles` (prefetch it in lists)."""
    articles = list(photo.articles.all())
    return [
        code
        for code in LANGUAGE_CODES
        if value_in(photo, "caption", code)
        or any(has_text_in(article, code) for article in articles)
    ]


def missing_alt_text(photo: Photo) -> list[str]:
    """Languages readers may meet the photo in without alt text for screen readers."""
    return photo.missing_alt_text(alt_text_needed_in(photo))


def warning_window() -> timedelta:
    return timedelta(days=settings.PHOTO_RIGHTS_WARNING_DAYS)


def rights_warning(photo: Photo, now: datetime | None = None) -> str:
    """A sentence for the desk when the photo's rights have expired or soon will; else ""."""
    now = now or timezone.now()
    expires = photo.rights_expire_at
    if expires is None or expires > now + warning_window():
        return ""
    when = timezone.localtime(expires).strftime("%Y-%m-%d %H:%M")
    if expires <= now:
        return _("The rights to this photo expired on %(when)s: readers no longer see it.") % {
            "when": when
        }
    return _("The rights to this photo expire on %(when)s; after that readers will not see it.") % {
        "when": when
    }
