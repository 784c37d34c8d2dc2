"""RSS and Atom feeds: per language, site-wide and per section, with the photo."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.domain.languages import LANGUAGE_CODES, value_in
from articles.photos.pictures import fallback_rendition
from articles.web import feeds
from tests.support.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(response) -> ET.Element:
    assert response.status_code == 200, response.status_code
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def rss_links(client, path: str) -> list[str]:
    return [item.findtext("link") for item in parse(client.get(path)).iterfind("channel/item")]


def absolute(path: str) -> str:
    return "http://testserver" + path


@pytest.fixture
def mixed_articles(article_pt_en):
    """One article in pt+en, and others readers must not find in the pt feed."""
    no_body_pt = ArticleFactory(languages=("pt", "en"))
    no_body_pt.body_pt = ""
    no_body_pt.save()
    return {
        "pt_en": article_pt_en,
        "en_only": ArticleFactory(languages=("en",)),
        "draft": ArticleFactory(languages=("pt",), is_published=False),
        "future": ArticleFactory(
            languages=("pt",), published_at=timezone.now() + timedelta(hours=2)
        ),
        "no_body_pt": no_body_pt,
    }


def test_language_feed_lists_only_public_versions_in_that_language(client, mixed_articles):
    for path in ("/pt/feeds/rss/", "/pt/feeds/atom/"):
        response = client.get(path)
        text = response.content.decode()
        assert mixed_articles["pt_en"].title_pt in text
        assert mixed_articles["pt_en"].title_en not in text
        for key in ("en_only", "draft", "future", "no_body_pt"):
            for code in LANGUAGE_CODES:
                title = value_in(mixed_articles[key], "title", code)
                assert not title or title not in text, (path, key, code)

    assert rss_links(client, "/pt/feeds/rss/") == [
        absolute(mixed_articles["pt_en"].get_absolute_url("pt"))
    ]
    en_links = set(rss_links(client, "/en/feeds/rss/"))
    assert en_links == {
        absolute(mixed_articles[key].get_absolute_url("en"))
        for key in ("pt_en", "en_only", "no_body_pt")
    }
    assert rss_links(client, "/fr/feeds/rss/") == []


def test_rss_item_carries_title_summary_author_dates_and_the_photo(client, article_pt_en):
    article_pt_en.authors.add(AuthorFactory(name="Marta Quental"), AuthorFactory(name="Rui Sá"))
    channel = parse(client.get("/pt/feeds/rss/")).find("channel")
    assert channel.findtext("language") == "pt"
    assert channel.findtext("link") == "http://testserver/pt/"
    assert "Newsroom" in channel.findtext("title")

    item = channel.find("item")
    assert item.findtext("title") == article_pt_en.title_pt
    assert item.findtext("link") == absolute(article_pt_en.get_absolute_url("pt"))
    assert html.unescape(item.findtext("description")) == article_pt_en.summary_pt
    assert item.findtext(f"{DC}creator") == "Marta Quental, Rui Sá"
    assert parsedate_to_datetime(item.findtext("pubDate")) == article_pt_en.published_at.replace(
        microsecond=0
    )
    assert item.findtext("category") == article_pt_en.section.name_pt

    lead = fallback_rendition(article_pt_en.photo, "lead")
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == absolute(lead.file.url)
    assert enclosure.get("type") == "image/jpeg"
    assert int(enclosure.get("length")) == lead.file.size > 0

    media = item.find(f"{MEDIA}content")
    assert media.get("url") == absolute(lead.file.url)
    assert (media.get("width"), media.get("height")) == (str(lead.width), str(lead.height))
    assert media.findtext(f"{MEDIA}description") == "Caption in pt"
    assert media.findtext(f"{MEDIA}credit") == "IC"
    assert media.findtext(f"{MEDIA}copyright") == "Newsroom"


def test_atom_entry_in_its_language_with_published_updated_and_enclosure(client, article_pt_en):
    article_pt_en.authors.add(AuthorFactory(name="Marta Quental"))
    feed = parse(client.get("/en/feeds/atom/"))
    assert feed.get(XML_LANG) == "en"
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == article_pt_en.title_en
    links = {link.get("rel"): link for link in entry.iterfind(f"{ATOM}link")}
    assert links["alternate"].get("href") == absolute(article_pt_en.get_absolute_url("en"))
    lead = fallback_rendition(article_pt_en.photo, "lead")
    assert links["enclosure"].get("href") == absolute(lead.file.url)
    published = parse_datetime(entry.findtext(f"{ATOM}published"))
    updated = parse_datetime(entry.findtext(f"{ATOM}updated"))
    assert published == article_pt_en.published_at
    assert updated >= published
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Marta Quental"
    assert entry.findtext(f"{ATOM}summary") == article_pt_en.summary_en
    media = entry.find(f"{MEDIA}content")
    assert media.findtext(f"{MEDIA}description") == "Caption in en"
    assert media.findtext(f"{MEDIA}credit") == "IC"


def test_caption_of_another_language_never_appears_but_credit_does(client):
    article = ArticleFactory(languages=("en", "fr"), photo=PhotoFactory(captions=("en",)))
    item = parse(client.get("/fr/feeds/rss/")).find("channel/item")
    media = item.find(f"{MEDIA}content")
    assert media.find(f"{MEDIA}description") is None
    assert media.findtext(f"{MEDIA}credit") == "IC"
    assert "Caption in en" not in client.get("/fr/feeds/atom/").content.decode()
    assert article.title_fr == item.findtext("title")


def test_article_without_photo_has_no_enclosure(client):
    ArticleFactory(languages=("de",))
    item = parse(client.get("/de/feeds/rss/")).find("channel/item")
    assert item.find("enclosure") is None
    assert item.find(f"{MEDIA}content") is None


def test_markup_and_ampersands_in_texts_survive_as_text(client):
    article = ArticleFactory(languages=("en",))
    article.title_en = 'Tom & Jerry <b>"live"</b>'
    article.summary_en = "Fish & chips <script>alert(1)</script>"
    article.save()
    rss_item = parse(client.get("/en/feeds/rss/")).find("channel/item")
    assert rss_item.findtext("title") == article.title_en
    # RSS descriptions are HTML: the plain summary arrives escaped, never as markup.
    assert html.unescape(rss_item.findtext("description")) == article.summary_en
    assert "<script>" not in rss_item.findtext("description")
    atom_entry = parse(client.get("/en/feeds/atom/")).find(f"{ATOM}entry")
    assert atom_entry.findtext(f"{ATOM}title") == article.title_en
    assert html.unescape(atom_entry.findtext(f"{ATOM}summary")) == article.summary_en


def test_feed_holds_the_newest_versions_only(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)
    now = timezone.now()
    articles = [
        ArticleFactory(languages=("it",), published_at=now - timedelta(hours=hours))
        for hours in (5, 1, 3)
    ]
    assert rss_links(client, "/it/feeds/rss/") == [
        absolute(articles[1].get_absolute_url("it")),
        absolute(articles[2].get_absolute_url("it")),
    ]


def test_section_feed_lists_only_that_section(client):
    section, other = SectionFactory(), SectionFactory()
    inside = ArticleFactory(languages=("es",), section=section)
    ArticleFactory(languages=("es",), section=other)
    path = f"/es/sections/{section.slug_es}/feeds/rss/"
    channel = parse(client.get(path)).find("channel")
    assert [item.findtext("link") for item in channel.iterfind("item")] == [
        absolute(inside.get_absolute_url("es"))
    ]
    assert section.name_es in channel.findtext("title")
    assert channel.findtext("link") == absolute(f"/es/sections/{section.slug_es}/")
    atom = parse(client.get(f"/es/sections/{section.slug_es}/feeds/atom/"))
    assert len(atom.findall(f"{ATOM}entry")) == 1


def test_section_feed_in_unicode_slug(client):
    section = SectionFactory()
    section.slug_ja = "国際"
    section.save()
    ArticleFactory(languages=("ja",), section=section)
    assert len(rss_links(client, "/ja/sections/国際/feeds/rss/")) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/pt/sections/no-such-section/feeds/rss/",
        "/pt/sections/no-such-section/feeds/atom/",
        "/xx/feeds/rss/",
        "/pt/feeds/",
        "/pt/feeds/json/",
    ],
)
def test_unknown_feeds_are_404(client, path):
    assert client.get(path).status_code == 404


def test_section_without_that_language_has_no_feed(client):
    section = SectionFactory()
    section.name_fi = ""
    section.save()
    assert client.get(f"/fi/sections/{section.slug_fi}/feeds/rss/").status_code == 404


@pytest.mark.parametrize("path", ["/en/feeds/rss/", "/en/feeds/atom/"])
def test_feed_query_count_is_small_and_does_not_grow(client, path):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    ArticleFactory(languages=("en",), photo=PhotoFactory(captions=("en",)))
    few = queries()
    for _ in range(6):
        article = ArticleFactory(languages=LANGUAGE_CODES, photo=PhotoFactory(captions=("en",)))
        article.authors.add(AuthorFactory(), AuthorFactory())
    assert queries() == few <= 5


def test_section_feed_query_count(client, django_assert_max_num_queries):
    section = SectionFactory()
    for _ in range(5):
        ArticleFactory(languages=LANGUAGE_CODES, section=section, photo=PhotoFactory())
    with django_assert_max_num_queries(5):
        assert client.get(f"/en/sections/{section.slug_en}/feeds/atom/").status_code == 200


# --- Autodiscovery ------------------------------------------------------------------


def feed_links(response) -> dict[str, str]:
    page = BeautifulSoup(response.content, "html.parser")
    return {
        link["href"]: link["type"]
        for link in page.head.find_all("link", rel="alternate")
        if link.get("type") in ("application/rss+xml", "application/atom+xml")
    }


def test_every_page_head_announces_the_feeds_of_its_language(client, article_pt_en):
    expected = {"/pt/feeds/rss/": "application/rss+xml", "/pt/feeds/atom/": "application/atom+xml"}
    section = article_pt_en.section
    for path in ("/pt/", article_pt_en.get_absolute_url("pt"), "/pt/articles/nao-existe/"):
        assert feed_links(client.get(path)) == expected, path
    section_links = feed_links(client.get(f"/pt/sections/{section.slug_pt}/"))
    assert section_links == {
        **expected,
        f"/pt/sections/{section.slug_pt}/feeds/rss/": "application/rss+xml",
        f"/pt/sections/{section.slug_pt}/feeds/atom/": "application/atom+xml",
    }
    for href, content_type in section_links.items():
        response = client.get(href)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
