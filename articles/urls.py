from django.urls import path, register_converter

from . import feeds, views
from .converters import AnySlugConverter

register_converter(AnySlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front"),
    path("feeds/rss/", feeds.LatestFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestAtomFeed(), name="feed_atom"),
    path("sections/<uslug:slug>/feeds/rss/", feeds.SectionFeed(), name="section_feed_rss"),
    path("sections/<uslug:slug>/feeds/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("sections/<uslug:slug>/", views.section_page, name="section"),
    path("articles/<uslug:slug>/", views.article_page, name="article"),
]
