"""The `seo_tags` filters, and what the article page's head tells machines.

`iso` dates sitemaps and feeds. The NewsArticle JSON-LD is built in
articles/web/seo.py and placed by the template as `{{ structured_data }}`:
here it is rendered the same way, with titles written to break out of it,
and read back with an HTML parser and a JSON parser.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from articles.domain.languages import column_name
from articles.models import Article
from articles.selectors.page_rows import related_page
from articles.web.seo import ld_json_script, news_article
from articles.web.versions import article_versions
from tests.support.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

BREAKOUT = "</script><script>alert(1)</script><!-- & \"quoted\" 'single' \u2028 end"


def render(source: str, **context) -> str:
    return Template("{% load seo_tags %}" + source).render(Context(context))


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.NEWSROOM_BASE_URL = "https://news.example"


def test_iso_is_whole_seconds_with_the_offset_of_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    moment = datetime(2026, 1, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert render("{{ moment|iso }}", moment=moment) == "2026-02-01T08:59:59+09:00"


def test_iso_of_nothing_is_empty():
    assert render("{{ moment|iso }}", moment=None) == ""
    assert render("{{ moment|iso }}") == ""


@pytest.fixture
def breakout_article():
    """An article whose title, summary, section and author try to end the <script>."""
    section = SectionFactory()
    setattr(section, column_name("name", "en"), BREAKOUT)
    section.save()
    article = ArticleFactory(languages=("en", "fr"), section=section)
    setattr(article, column_name("title", "en"), BREAKOUT)
    setattr(article, column_name("summary", "en"), BREAKOUT)
    article.save()
    article.authors.add(AuthorFactory(name=BREAKOUT))
    return Article.objects.for_page("en").get(pk=article.pk)  # as the page loads it


def test_json_ld_cannot_be_broken_out_of(breakout_article):
    data = news_article(
        related_page(breakout_article, "en"), "en", article_versions(breakout_article)
    )
    output = Template("<head>{{ structured_data }}</head>").render(
        Context({"structured_data": ld_json_script(data)})
    )
    page = BeautifulSoup(output, "html.parser")
    scripts = page.find_all("script")
    assert len(scripts) == 1  # the title did not end it and start another
    assert scripts[0]["type"] == "application/ld+json"
    assert "</script" not in output.split(">", 1)[1].rsplit("</script>", 1)[0]
    assert "<!--" not in output and "\u2028" not in output
    parsed = json.loads(scripts[0].string)
    assert parsed == data  # every text comes back exactly as written
    assert parsed["headline"] == BREAKOUT
    assert parsed["description"] == BREAKOUT
    assert parsed["articleSection"] == BREAKOUT
    assert parsed["author"] == [{"@type": "Person", "name": BREAKOUT}]


def test_the_article_page_has_one_json_ld_block_with_the_title_as_written(client, breakout_article):
    response = client.get(breakout_article.get_absolute_url("en"))
    page = BeautifulSoup(response.content.decode(), "html.parser")
    scripts = page.find_all("script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].string)["headline"] == BREAKOUT
