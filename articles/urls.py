from django.urls import path, register_converter

from . import views
from .converters import AnySlugConverter

register_converter(AnySlugConverter, "uslug")

app_name = "articles"
urlpatterns = [
    path("", views.front_page, name="front"),
    path("sections/<uslug:slug>/", views.section_page, name="section"),
    path("articles/<uslug:slug>/", views.article_page, name="article"),
]
