from django.urls import path, register_converter

from articles.web import feeds, views
from articles.web.converters import AnySlugConverter, TwoDigitConverter, YearConverter

register_converter(AnySlugConverter, "uslug")
register_converter(YearConverter, "yyyy")
register_converter(TwoDigitConverter, "nn")

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front"),
    path("feeds/rss/", feeds.LatestFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestAtomFeed(), name="feed_atom"),
    path("sections/<uslug:slug>/feeds/rss/", feeds.SectionFeed(), name="section_feed_rss"),
    path("sections/<uslug:slug>/feeds/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("sections/<uslug:slug>/", views.section_page, name="section"),
    path("articles/<uslug:slug>/", views.article_page, name="article"),
    path("tags/<uslug:slug>/", views.tag_page, name="tag"),
    path("authors/<uslug:slug>/", views.author_page, name="author"),
    path("archive/", views.archive_index, name="archive"),
    path("archive/<yyyy:year>/", views.archive_page, name="archive_year"),
    path("archive/<yyyy:year>/<nn:month>/", views.archive_page, name="archive_month"),
    path("archive/<yyyy:year>/<nn:month>/<nn:day>/", views.archive_page, name="archive_day"),
    path("search/", views.search_page, name="search"),
]
