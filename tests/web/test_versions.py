"""Article addresses built without reverse() (articles/web/versions.py) are reverse()'s."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from articles.domain.addresses import article_path
from articles.domain.languages import LANGUAGE_CODES

SLUGS = [
    "plain-slug",
    "трамвай-снова-идёт-по-мосту",
    "河港灯会今晚开幕",
    "संस्कृतम्-वार्ता",
    "odd%25 ?#&+=;,:@~!$'()*",
    "a.b_c",
]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_article_path_equals_reverse(code):
    for slug in SLUGS:
        with translation.override(code):
            assert article_path(code, slug) == reverse("articles:article", kwargs={"slug": slug})


def test_article_path_follows_the_script_prefix():
    try:
        set_script_prefix("/news/")
        assert article_path("en", "x") == reverse("articles:article", kwargs={"slug": "x"})
        assert article_path("en", "x").startswith("/news/en/")
    finally:
        set_script_prefix("/")


def test_what_reverse_refuses_is_refused():
    with pytest.raises(NoReverseMatch):
        article_path("en", "")
    with pytest.raises(NoReverseMatch):
        article_path("en", "a/b")
