from django import template

from articles.photos.pictures import Picture, picture_for

register = template.Library()


@register.filter
def picture(photo, family: str) -> Picture | None:
    """The photo's renditions of `family` ("lead", "square") for includes/picture.html.

    None when nothing may be shown (rights expired, renditions not made yet).
    Reads the prefetched renditions: no query.
    """
    return picture_for(photo, family)
