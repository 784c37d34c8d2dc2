"""The `newsroom` filters of the admin's Django templates."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load newsroom %}" + source).render(Context(context))


def test_slug_in_says_which_languages_have_a_page():
    article = ArticleFactory(languages=("en", "fr"))
    output = render(
        "{% for code in codes %}{% if article|slug_in:code %}{{ code }} {% endif %}{% endfor %}",
        article=article,
        codes=["en", "fr", "de"],
    )
    assert output.split() == ["en", "fr"]


def test_next_of_gives_the_following_item_or_nothing():
    items = ["newest", "older", "oldest"]
    assert render("{{ items|next_of:0 }}", items=items) == "older"
    assert render("{{ items|next_of:2|default:'none' }}", items=items) == "none"
    assert render("{{ items|next_of:0|default:'none' }}", items=None) == "none"
