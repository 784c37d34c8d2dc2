"""The Jinja2 environment of the public pages (articles/web/jinja2.py) and the
markup its templates build: whatever editors, agencies or a hostile import put
into titles, captions, alt text, credits, section names and slugs reaches the
page as the same text, never as markup, in every attribute and text node.

Each output is read back with an HTML parser: an attribute or text that comes
back exactly as written was escaped (once, not twice), and no element the
hostile text spells (<script>, <b>) exists.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from markupsafe import escape

from articles.domain.languages import ENDONYMS, column_name
from articles.models import Article
from articles.photos.pictures import Picture, Source
from articles.selectors.page_rows import related_page
from articles.web.seo import news_article
from articles.web.site import absolute_url
from articles.web.versions import article_versions
from tests.support.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

HOSTILE = "Tom & \"Jerry's\" <script>alert('x')</script> <b>bold</b> &amp; done"
HOSTILE_SLUG = 'tom-&-jerry\'s-"<b>"-x'


ELEMENTS = '{% from "includes/elements.html" import alternate_links, meta_tags, picture_element %}'


def render(source: str, **context) -> str:
    """`source` rendered by the public pages' Jinja2 engine, with their macros imported."""
    return engines["jinja2"].from_string(ELEMENTS + source).render(context)


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def no_injected_elements(page: BeautifulSoup) -> None:
    assert page.find("script") is None
    assert page.find("b") is None


@pytest.fixture(autouse=True)
def base_url(settings):
    """Absolute addresses outside a request come from the site's own address."""
    settings.NEWSROOM_BASE_URL = "https://news.example"


@pytest.fixture
def hostile_article():
    """An article whose every editor-written text, and its English slug, is hostile."""
    section = SectionFactory()
    setattr(section, column_name("name", "en"), HOSTILE)
    section.save()
    photo = PhotoFactory(captions=("en",), credit=HOSTILE)
    setattr(photo, column_name("caption", "en"), HOSTILE)
    setattr(photo, column_name("alt_text", "en"), HOSTILE)
    photo.save()
    article = ArticleFactory(languages=("en", "fr"), section=section, photo=photo)
    setattr(article, column_name("title", "en"), HOSTILE)
    setattr(article, column_name("summary", "en"), HOSTILE)
    setattr(article, column_name("slug", "en"), HOSTILE_SLUG)
    article.save()
    return article


def language_links(article) -> list[dict[str, str]]:
    """The article's language versions, as the views hand them to the templates."""
    return [
        {
            "code": version.language,
            "label": ENDONYMS[version.language],
            "url": version.path,
            "absolute_url": absolute_url(version.path),
        }
        for version in article_versions(article)
    ]


def test_hostile_slugs_reach_hreflang_links_as_the_same_address(hostile_article):
    links = language_links(hostile_article)
    versions = article_versions(hostile_article)
    output = render(
        "{{ alternate_links(links, x_default) }}",
        links=links,
        x_default=absolute_url(versions.x_default_path) + '?a=1&b="2"',
    )
    page = parse(output)
    no_injected_elements(page)
    found = {link["hreflang"]: link["href"] for link in page.find_all("link")}
    assert found == {
        **{link["code"]: link["absolute_url"] for link in links},
        "x-default": absolute_url(versions.x_default_path) + '?a=1&b="2"',
    }
    english = hostile_article.get_absolute_url("en")
    assert "&" in english and "'" in english  # reverse() keeps them; only escaping helps
    assert "&amp;" in output and "&#39;" in output


def test_without_x_default_only_the_versions_are_linked(hostile_article):
    page = parse(render("{{ alternate_links(links) }}", links=language_links(hostile_article)))
    assert [link["hreflang"] for link in page.find_all("link")] == ["en", "fr"]


def test_meta_tags_carry_hostile_titles_alt_text_and_section_names_as_text(hostile_article):
    pairs = [
        ("og:title", hostile_article.title_en),
        ("og:image:alt", hostile_article.photo.alt_text_en),
        ("article:section", hostile_article.section.name_en),
        ('bad" name', "x"),
    ]
    output = render("{{ meta_tags(pairs, 'property') }}{{ meta_tags(pairs, 'name') }}", pairs=pairs)
    page = parse(output)
    no_injected_elements(page)
    metas = page.find_all("meta")
    assert [(m["property"], m["content"]) for m in metas[:4]] == pairs
    assert [(m["name"], m["content"]) for m in metas[4:]] == pairs


def test_picture_element_escapes_the_alt_text_of_a_real_photo(hostile_article):
    output = render(
        "{{ picture_element(photo|picture('lead'), photo.alt_text, lead=True) }}",
        photo=hostile_article.photo,
    )
    page = parse(output)
    no_injected_elements(page)
    image = page.find("img")
    assert image["alt"] == HOSTILE
    assert image["fetchpriority"] == "high"
    assert not image.has_attr("loading")
    assert image["src"].startswith("/media/")


def test_picture_element_escapes_every_address_and_the_placeholder():
    """Addresses come from storage settings (a CDN, signed URLs with & in them)."""
    hostile_url = '/media/a.jpg?x=1&y="2"><script>alert(1)</script>'
    picture = Picture(
        sources=[Source(mime_type='image/avif"', srcset=f"{hostile_url} 400w")],
        src=hostile_url,
        srcset=f"{hostile_url} 400w",
        sizes='8rem" onload="alert(1)',
        width=400,
        height=300,
        placeholder='#fff" onerror="alert(1)',
    )
    page = parse(render("{{ picture_element(picture, alt) }}", picture=picture, alt=HOSTILE))
    no_injected_elements(page)
    source, image = page.find("source"), page.find("img")
    assert source["type"] == 'image/avif"'
    assert source["srcset"] == image["srcset"] == f"{hostile_url} 400w"
    assert source["sizes"] == image["sizes"] == '8rem" onload="alert(1)'
    assert image["src"] == hostile_url
    assert image["data-placeholder"] == '#fff" onerror="alert(1)'
    assert not image.has_attr("onload") and not image.has_attr("onerror")
    assert image["loading"] == "lazy"
    assert (image["width"], image["height"], image["alt"]) == ("400", "300", HOSTILE)


def test_picture_filter_gives_nothing_for_a_photo_without_renditions():
    assert render("{{ photo|picture('lead') or 'none' }}", photo=None) == "none"


def test_url_escapes_the_address_it_reverses(hostile_article):
    output = render('<a href="{{ url("articles:article", slug) }}">x</a>', slug=HOSTILE_SLUG)
    page = parse(output)
    no_injected_elements(page)
    assert page.find("a")["href"] == reverse("articles:article", kwargs={"slug": HOSTILE_SLUG})
    assert "&amp;" in output


def test_html_datetime_is_whole_seconds_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    moment = datetime(2026, 7, 1, 12, 30, 15, 123456, tzinfo=UTC)
    assert render("{{ moment|html_datetime }}", moment=moment) == "2026-07-01T13:30:15+01:00"
    assert render("{{ moment|html_datetime }}", moment=None) == ""


def test_the_article_page_shows_hostile_text_as_text(client, hostile_article):
    """The whole page, as the tags and templates build it together."""
    response = client.get(hostile_article.get_absolute_url("en"))
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert page.find("b") is None
    scripts = page.find_all("script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    assert page.find("h1").get_text() == HOSTILE
    assert page.find("span", class_="caption").get_text() == HOSTILE
    assert HOSTILE in page.find("span", class_="credit").get_text()
    assert page.find("img")["alt"] == HOSTILE
    assert page.find("meta", property="og:title")["content"] == HOSTILE
    assert page.find("meta", property="og:image:alt")["content"] == HOSTILE
    assert page.find("meta", property="article:section")["content"] == HOSTILE
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.endswith(hostile_article.get_absolute_url("en"))


# The environment


def test_autoescape_is_on_for_every_template():
    assert render("{{ text }}", text=HOSTILE) == escape(HOSTILE)
    assert render("{{ text|safe }}", text="<b>kept</b>") == "<b>kept</b>"


def test_django_safe_strings_are_not_escaped_twice():
    """A search snippet comes as Django's SafeString: Jinja2 reads its __html__."""
    assert render("{{ text }}", text=mark_safe("<mark>x</mark> &amp; y")) == (
        "<mark>x</mark> &amp; y"
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("pt", "Ler em"), ("fr", "Lire en"), ("en", "Read in"), ("la", "Lingua legendi")],
)
def test_messages_come_from_django_catalogs_in_the_active_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Read in") == expected  # the catalog itself
        assert render("{{ _('Read in') }}|{{ gettext('Read in') }}") == f"{expected}|{expected}"


@pytest.mark.parametrize("language", ["pt", "la", "de", "ja"])
def test_trans_blocks_fill_placeholders_with_escaped_values(language):
    with translation.override(language):
        expected = translation.gettext("Photo: %(credit)s") % {"credit": escape(HOSTILE)}
        output = render(
            "{% trans credit=credit %}Photo: {{ credit }}{% endtrans %}", credit=HOSTILE
        )
    assert output == expected
    assert "<script>" not in output


def test_messages_with_a_context_and_plurals_are_looked_up_too(monkeypatch):
    with translation.override("de"):
        assert render("{{ pgettext('button', 'Search') }}") == translation.pgettext(
            "button", "Search"
        )
        assert render("{{ ngettext('%(num)s photo', '%(num)s photos', 2) }}") == "2 photos"


def test_translations_are_escaped_as_text(monkeypatch):
    """As in Django's templates: a quote in a translation cannot end an attribute."""
    monkeypatch.setattr(translation, "gettext", lambda message: 'Lire "en" <b>')
    output = render("<nav aria-label=\"{{ _('Read in') }}\"></nav>")
    assert parse(output).find("nav")["aria-label"] == 'Lire "en" <b>'
    assert "<b>" not in output


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans", "la"])
def test_url_reverses_in_the_active_language(language):
    with translation.override(language):
        assert render("{{ url('articles:front') }}") == f"/{language}/"
        assert render("{{ url('articles:archive_year', year=2026) }}") == (
            f"/{language}/archive/2026/"
        )
        assert render("{{ url('articles:section', 'world') }}") == reverse(
            "articles:section", args=["world"]
        )


def test_date_shows_the_site_time_zone_in_the_active_language(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    moment = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)  # 1 February in Tokyo
    with translation.override("fr"):
        assert render("{{ moment|date('Y-m-d') }}", moment=moment) == "2026-02-01"
        assert "février" in render("{{ moment|date }}", moment=moment)
        assert render("{{ moment|date }}", moment=None) == ""


def test_iso_is_whole_seconds_with_the_offset_of_the_site_time_zone(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    moment = datetime(2026, 1, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert render("{{ moment|iso }}", moment=moment) == "2026-02-01T08:59:59+09:00"


def test_the_switcher_marks_the_page_language_and_links_each_version(client, hostile_article):
    page = parse(client.get(hostile_article.get_absolute_url("fr")).content.decode())
    anchors = page.select(".language-switcher a")
    assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in anchors] == [
        (hostile_article.get_absolute_url("en"), "en", "en", ENDONYMS["en"]),
        (hostile_article.get_absolute_url("fr"), "fr", "fr", ENDONYMS["fr"]),
    ]
    assert [a.get("aria-current") for a in anchors] == [None, "page"]


# JSON-LD

BREAKOUT = "</script><script>alert(1)</script><!-- & \"quoted\" 'single' \u2028 end"


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
    output = render(
        '<head><script type="application/ld+json">{{ data|tojson }}</script></head>', data=data
    )
    page = BeautifulSoup(output, "html.parser")
    scripts = page.find_all("script")
    assert len(scripts) == 1  # the title did not end it and start another
    assert "</script" not in output.split(">", 2)[2].rsplit("</script>", 1)[0]
    assert "<!--" not in output and "\u2028" not in output
    parsed = json.loads(scripts[0].string)
    assert parsed == data  # every text comes back exactly as written
    assert parsed["headline"] == parsed["description"] == parsed["articleSection"] == BREAKOUT
    assert parsed["author"] == [{"@type": "Person", "name": BREAKOUT}]


def test_the_article_page_has_one_json_ld_block_with_the_title_as_written(client, breakout_article):
    response = client.get(breakout_article.get_absolute_url("en"))
    page = BeautifulSoup(response.content.decode(), "html.parser")
    scripts = page.find_all("script")
    assert [script.get("type") for script in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].string)["headline"] == BREAKOUT
