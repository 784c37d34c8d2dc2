from django import template

from articles.web.seo import iso

register = template.Library()


@register.filter(name="iso")
def iso_filter(moment):
    """A datetime as sitemaps and feeds want it: ISO 8601 with offset, whole seconds."""
    return iso(moment) if moment else ""
