from django.http import HttpRequest

from articles.web.site import publisher_name


def site(request: HttpRequest) -> dict[str, str]:
    """`site_name` for titles and feed links: the publisher's name from settings."""
    return {"site_name": publisher_name()}
