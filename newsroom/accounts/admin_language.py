"""Which language the admin speaks to an editor: their choice, else their browser's.

The public site keeps its language in the URL prefix (LocaleMiddleware); the
admin has no prefix, so it follows the person instead. Only languages Django's
admin has a catalog for are offered: in Sanskrit or Latin half of every admin
page would be English anyway, so those readers' languages fall back to English.
"""

from __future__ import annotations

import re
from pathlib import Path

import django.contrib.admin
from django.utils.translation import get_supported_language_variant, to_locale

from articles.domain.languages import DEFAULT_LANGUAGE, SITE_LANGUAGES
from newsroom.accounts.models import AdminPreference

_ADMIN_CATALOGS = Path(django.contrib.admin.__file__).parent / "locale"

# The site's languages (in the site's order, with their endonyms) that
# Django's admin is translated into.
ADMIN_LANGUAGES: tuple[tuple[str, str], ...] = tuple(
    (code, endonym)
    for code, endonym in SITE_LANGUAGES
    if (_ADMIN_CATALOGS / to_locale(code) / "LC_MESSAGES" / "django.mo").exists()
)
ADMIN_LANGUAGE_CODES: frozenset[str] = frozenset(code for code, _ in ADMIN_LANGUAGES)

# Django's Accept-Language parser lives in trans_real, which is not public API;
# this is the same grammar (RFC 9110 section 12.5.4), kept as small as that.
_LANGUAGE_RANGE = re.compile(
    r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q=([0-9.]{1,5}))?\s*$"
)
# Longer headers are not a browser's: read none of it rather than part.
_MAX_HEADER = 500


def browser_languages(header: str) -> list[str]:
    """The language tags of an Accept-Language header, most wanted first."""
    if len(header) > _MAX_HEADER:
        return []
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        match = _LANGUAGE_RANGE.match(item)
        if not match or match[1] == "*":
            continue
        try:
            quality = float(match[2]) if match[2] else 1.0
        except ValueError:
            continue
        if 0 < quality <= 1:
            ranked.append((-quality, position, match[1].lower()))
    return [tag for _, _, tag in sorted(ranked)]


def browser_admin_language(header: str) -> str:
    """The first admin language the browser asks for, else the site's default."""
    for tag in browser_languages(header):
        try:
            code = get_supported_language_variant(tag)
        except LookupError:
            continue
        if code in ADMIN_LANGUAGE_CODES:
            return code
    return DEFAULT_LANGUAGE


def chosen_admin_language(user) -> str:
    """The admin language ``user`` chose on their page; "" when they follow their browser."""
    if not user.is_authenticated:
        return ""
    chosen = AdminPreference.objects.filter(user=user).values_list("language", flat=True).first()
    # A choice stored before a Django upgrade dropped its catalog falls back quietly.
    return chosen if chosen in ADMIN_LANGUAGE_CODES else ""


def admin_language(user, accept_language: str) -> str:
    return chosen_admin_language(user) or browser_admin_language(accept_language)
