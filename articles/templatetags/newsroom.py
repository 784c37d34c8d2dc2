from django import template

register = template.Library()


@register.filter
def rendition(photo, spec: str):
    """The photo's rendition for `spec`, from the prefetched set (no query)."""
    if photo is None:
        return None
    for candidate in photo.renditions.all():
        if candidate.spec == spec:
            return candidate
    return None


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
