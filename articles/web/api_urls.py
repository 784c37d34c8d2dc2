"""URLs of the read-only ninjs API, included under /api/ninjs/ (names: ninjs:list, ninjs:detail)."""

from django.urls import path, re_path

from articles.web import api
from articles.web.converters import AnySlugConverter

app_name = "ninjs"
urlpatterns = [
    path("<str:language>/", api.article_list, name="list"),
    # A plain pattern, not the `uslug` converter: that one is registered by
    # articles/urls.py, and registering a converter twice is an error.
    re_path(
        rf"^(?P<language>[^/]+)/(?P<ref>{AnySlugConverter.regex})/$",
        api.article_detail,
        name="detail",
    ),
]
