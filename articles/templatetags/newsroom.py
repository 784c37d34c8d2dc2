"""Filters of the admin's Django templates (the public pages are Jinja2: articles/web/jinja2.py)."""

from django import template

register = template.Library()


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
