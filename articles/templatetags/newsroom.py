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
