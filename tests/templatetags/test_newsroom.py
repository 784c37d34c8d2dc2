"""The `newsroom` template tags: whatever editors, agencies or a hostile import
put into titles, captions, alt text, credits, section names and slugs reaches
the page as the same text, never as markup, in every attribute and text node
the tags build.

Each output is read back with an HTML parser: an attribute or text that comes
back exactly as written was escaped (once, not twice), and no element the
hostile text spells (<script>, <b>) exists.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.urls import reverse

from articles.domain.languages import ENDONYMS, column_name
from articles.photos.pictures import Picture, Source
from articles.web.site import absolute_url
from articles.web.versions import article_versions
from tests.support.factories import ArticleFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

HOSTILE = "Tom & \"Jerry's\" <script>alert('x')</script> <b>bold</b> &amp; done"
HOSTILE_SLUG = 'tom-&-jerry\'s-"<b>"-x'


def render(source: str, **context) -> str:
    return Template("{% load newsroom %}" + source).render(Context(context))


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
        "{% alternate_links links x_default %}",
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
    assert "&amp;" in output and "&#x27;" in output


def test_without_x_default_only_the_versions_are_linked(hostile_article):
    page = parse(render("{% alternate_links links %}", links=language_links(hostile_article)))
    assert [link["hreflang"] for link in page.find_all("link")] == ["en", "fr"]


def test_switcher_items_escape_their_addresses_and_mark_the_current_language(hostile_article):
    links = language_links(hostile_article)
    links[1]["label"] = HOSTILE  # labels are endonyms today; the tag must not trust them
    page = parse("<ul>" + render("{{ links|switcher_items:'en' }}", links=links) + "</ul>")
    no_injected_elements(page)
    anchors = page.find_all("a")
    assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in anchors] == [
        (links[0]["url"], "en", "en", ENDONYMS["en"]),
        (links[1]["url"], "fr", "fr", HOSTILE),
    ]
    assert anchors[0]["aria-current"] == "page"
    assert not anchors[1].has_attr("aria-current")


def test_meta_tags_carry_hostile_titles_alt_text_and_section_names_as_text(hostile_article):
    pairs = [
        ("og:title", hostile_article.title_en),
        ("og:image:alt", hostile_article.photo.alt_text_en),
        ("article:section", hostile_article.section.name_en),
        ('bad" name', "x"),
    ]
    output = render("{{ pairs|meta_tags:'property' }}{{ pairs|meta_tags:'name' }}", pairs=pairs)
    page = parse(output)
    no_injected_elements(page)
    metas = page.find_all("meta")
    assert [(m["property"], m["content"]) for m in metas[:4]] == pairs
    assert [(m["name"], m["content"]) for m in metas[4:]] == pairs


def test_picture_tag_escapes_the_alt_text_of_a_real_photo(hostile_article):
    output = render(
        "{% with picture=photo|picture:'lead' %}{% picture_tag picture photo.alt_text lead=True %}"
        "{% endwith %}",
        photo=hostile_article.photo,
    )
    page = parse(output)
    no_injected_elements(page)
    image = page.find("img")
    assert image["alt"] == HOSTILE
    assert image["fetchpriority"] == "high"
    assert not image.has_attr("loading")
    assert image["src"].startswith("/media/")


def test_picture_tag_escapes_every_address_and_the_placeholder():
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
    page = parse(render("{% picture_tag picture alt %}", picture=picture, alt=HOSTILE))
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
    assert render("{{ photo|picture:'lead'|default:'none' }}", photo=None) == "none"


def test_url_path_escapes_the_address_it_reverses(hostile_article):
    output = render('<a href="{% url_path "articles:article" slug %}">x</a>', slug=HOSTILE_SLUG)
    page = parse(output)
    no_injected_elements(page)
    assert page.find("a")["href"] == reverse("articles:article", kwargs={"slug": HOSTILE_SLUG})
    assert "&amp;" in output


def test_url_path_follows_the_active_language():
    output = render(
        "{% url_path 'articles:front' %} {% language 'fr' %}{% url_path 'articles:front' %}"
        "{% endlanguage %}".replace("{% language", "{% load i18n %}{% language")
    )
    assert output.split() == ["/en/", "/fr/"]


def test_html_datetime_is_whole_seconds_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    moment = datetime(2026, 7, 1, 12, 30, 15, 123456, tzinfo=UTC)
    assert render("{{ moment|html_datetime }}", moment=moment) == "2026-07-01T13:30:15+01:00"
    assert render("{{ moment|html_datetime }}", moment=None) == ""


def test_slug_in_says_which_languages_have_a_page(hostile_article):
    output = render(
        "{% for code in codes %}{% if article|slug_in:code %}{{ code }} {% endif %}{% endfor %}",
        article=hostile_article,
        codes=["en", "fr", "de"],
    )
    assert output.split() == ["en", "fr"]


def test_next_of_gives_the_following_item_or_nothing():
    items = ["newest", "older", "oldest"]
    assert render("{{ items|next_of:0 }}", items=items) == "older"
    assert render("{{ items|next_of:2|default:'none' }}", items=items) == "none"
    assert render("{{ items|next_of:0|default:'none' }}", items=None) == "none"


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
