"""The Jinja2 environment of the public pages (templates/jinja2/).

Django's Jinja2 backend calls `environment()` with the loader and the options
from settings.TEMPLATES. Autoescaping is always on. Messages go through
Django's own catalogs (gettext, ngettext, pgettext) with Jinja2's i18n
extension, so `{{ _("Search") }}` and `{% trans %}…{% endtrans %}` read the
same msgids as the Django templates of the admin. Addresses come from
Django's `reverse()`; `url("articles:article", slug)` reverses in the active
language, as `{% url %}` does.
"""

from __future__ import annotations

from datetime import datetime

from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from jinja2 import Environment
from markupsafe import Markup, escape

from articles.photos.pictures import picture_for
from articles.web.seo import iso


def environment(**options) -> Environment:
    options["extensions"] = [*options.get("extensions", ()), "jinja2.ext.i18n"]
    options.pop("autoescape", None)
    env = Environment(autoescape=True, **options)
    env.install_gettext_callables(
        gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext, newstyle=True
    )
    env.globals.update(
        url=url,
        static=static,
        get_language=translation.get_language,
        get_language_bidi=translation.get_language_bidi,
    )
    env.filters.update(
        date=date,
        html_datetime=html_datetime,
        iso=iso,
        localtime=timezone.template_localtime,
        picture=picture_for,
    )
    # Non-ASCII characters, U+2028 and U+2029 included, are written as \u escapes
    # (json's default), so the JSON-LD means the same to every script parser.
    env.policies["json.dumps_kwargs"] = {}
    return env


# Jinja2's i18n extension marks what the catalog returns as markup, trusting
# the translator. Django's templates escape translations like any other text:
# the same here, so a quote in a translated label cannot end its attribute.


def gettext(message: str) -> Markup:
    return escape(translation.gettext(message))


def ngettext(singular: str, plural: str, number: int) -> Markup:
    return escape(translation.ngettext(singular, plural, number))


def pgettext(context: str, message: str) -> Markup:
    return escape(translation.pgettext(context, message))


def npgettext(context: str, singular: str, plural: str, number: int) -> Markup:
    return escape(translation.npgettext(context, singular, plural, number))


def url(name: str, *args, **kwargs) -> str:
    """The path of the URL pattern `name`, in the active language (Django's `reverse`)."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value: datetime | None, format_name: str = "DATE_FORMAT") -> str:
    """Django's `date` filter: a named format ("DATE_FORMAT") or a format string, localized.

    Aware datetimes are shown in the site's time zone, as Django's templates show them.
    """
    if value is None:
        return ""
    return formats.date_format(timezone.template_localtime(value), format_name)


def html_datetime(value: datetime | None) -> str:
    """A `datetime` attribute value HTML accepts: whole seconds, in the site's time zone.

    Django's "c" format writes microseconds, and HTML allows at most three digits.
    """
    if value is None:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
