"""robots.txt, the sitemap index, per-language sitemaps with alternates, the news sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.domain.languages import LANGUAGE_CODES
from articles.web import sitemaps
from tests.support.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ROOT = "http://testserver"


def parse(response) -> ET.Element:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def index_locations(client) -> list[str]:
    return [loc.text for loc in parse(client.get("/sitemap.xml")).iterfind(f"{SM}sitemap/{SM}loc")]


def urlset(client, path: str) -> dict[str, dict]:
    """loc → {"alternates": {hreflang: href}, "lastmod": datetime or None}."""
    entries = {}
    for url in parse(client.get(path)).iterfind(f"{SM}url"):
        lastmod = url.findtext(f"{SM}lastmod")
        entries[url.findtext(f"{SM}loc")] = {
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.iterfind(f"{XHTML}link")
            },
            "lastmod": parse_datetime(lastmod) if lastmod else None,
        }
    return entries


def url(article, code: str) -> str:
    return ROOT + article.get_absolute_url(code)


def test_robots_txt_names_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_index_lists_the_pages_sitemap_and_one_per_language_with_articles(client, article_pt_en):
    ArticleFactory(languages=("la",), is_published=False)
    assert index_locations(client) == [
        f"{ROOT}/sitemaps/pages.xml",
        f"{ROOT}/sitemaps/articles-en.xml",
        f"{ROOT}/sitemaps/articles-pt.xml",
    ]
    for location in index_locations(client):
        parse(client.get(location.removeprefix(ROOT)))


def test_language_sitemap_lists_each_version_with_exactly_its_public_alternates(
    client, article_pt_en
):
    fr_en_de = ArticleFactory(languages=("fr", "en", "de"), source_language="fr")
    fr_en_de.body_de = ""  # written but incomplete in German: not public there
    fr_en_de.save()
    ArticleFactory(languages=("en",), is_published=False)
    ArticleFactory(languages=("en",), published_at=timezone.now() + timedelta(days=1))

    english = urlset(client, "/sitemaps/articles-en.xml")
    assert set(english) == {url(article_pt_en, "en"), url(fr_en_de, "en")}
    assert english[url(article_pt_en, "en")]["alternates"] == {
        "pt": url(article_pt_en, "pt"),
        "en": url(article_pt_en, "en"),
        "x-default": url(article_pt_en, "pt"),  # the source language
    }
    assert english[url(fr_en_de, "en")]["alternates"] == {
        "fr": url(fr_en_de, "fr"),
        "en": url(fr_en_de, "en"),
        "x-default": url(fr_en_de, "fr"),
    }
    assert set(urlset(client, "/sitemaps/articles-pt.xml")) == {url(article_pt_en, "pt")}
    assert set(urlset(client, "/sitemaps/articles-fr.xml")) == {url(fr_en_de, "fr")}
    assert urlset(client, "/sitemaps/articles-de.xml") == {}


def test_every_public_version_is_in_its_languages_sitemap_once(client):
    articles = [
        ArticleFactory(languages=("zh-hans", "sa")),
        ArticleFactory(languages=LANGUAGE_CODES),
        ArticleFactory(languages=("la",)),
    ]
    listed = []
    for location in index_locations(client):
        if "/articles-" in location:
            listed += list(urlset(client, location.removeprefix(ROOT)))
    expected = [url(a, code) for a in articles for code in a.languages]
    assert sorted(listed) == sorted(expected)


def test_lastmod_is_the_versions_last_change(client, article_pt_en):
    entry = urlset(client, "/sitemaps/articles-pt.xml")[url(article_pt_en, "pt")]
    article_pt_en.refresh_from_db()
    assert entry["lastmod"] == article_pt_en.updated_at.replace(microsecond=0)


def test_x_default_falls_back_when_the_source_language_is_not_public(client):
    article = ArticleFactory(languages=("de", "en", "it"), source_language="de")
    article.body_de = ""
    article.save()
    entry = urlset(client, "/sitemaps/articles-it.xml")[url(article, "it")]
    assert entry["alternates"]["x-default"] == url(article, "en")


def test_pages_sitemap_has_front_pages_and_sections_in_their_languages(client):
    section = SectionFactory()
    section.name_sa = ""
    section.save()
    pages = urlset(client, "/sitemaps/pages.xml")
    for code in LANGUAGE_CODES:
        front = pages[f"{ROOT}/{code}/"]
        assert set(front["alternates"]) == {*LANGUAGE_CODES, "x-default"}
        assert front["alternates"]["x-default"] == f"{ROOT}/"
    section_urls = [loc for loc in pages if "/sections/" in loc]
    assert len(section_urls) == len(LANGUAGE_CODES) - 1
    assert f"{ROOT}/sa/sections/{section.slug_sa}/" not in pages
    english = pages[f"{ROOT}/en/sections/{section.slug_en}/"]
    assert "sa" not in english["alternates"]
    assert english["alternates"]["x-default"] == f"{ROOT}/en/sections/{section.slug_en}/"


def test_big_language_sitemaps_are_split_into_pages(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "URLS_PER_SITEMAP", 2)
    monkeypatch.setattr(sitemaps.SiteSitemap, "limit", 2)
    articles = [ArticleFactory(languages=("fi",)) for _ in range(5)]
    locations = [loc for loc in index_locations(client) if "articles-fi" in loc]
    assert locations == [
        f"{ROOT}/sitemaps/articles-fi.xml",
        f"{ROOT}/sitemaps/articles-fi.xml?p=2",
        f"{ROOT}/sitemaps/articles-fi.xml?p=3",
    ]
    listed = []
    for location in locations:
        listed += list(urlset(client, location.removeprefix(ROOT)))
    assert sorted(listed) == sorted(url(a, "fi") for a in articles)


@pytest.mark.parametrize(
    "path",
    [
        "/sitemaps/articles-fi.xml?p=9",
        "/sitemaps/articles-fi.xml?p=0",
        "/sitemaps/articles-fi.xml?p=abc",
        "/sitemaps/articles-xx.xml",
        "/sitemaps/nothing.xml",
        "/sitemaps/articles-fi.txt",
        "/news-sitemap.xml?p=2",
        "/en/sitemap.xml",
    ],
)
def test_odd_sitemap_requests_are_404(client, path):
    ArticleFactory(languages=("fi",))
    assert client.get(path).status_code == 404


def test_sitemaps_refuse_writes(client):
    assert client.post("/sitemap.xml").status_code == 405
    assert client.post("/robots.txt").status_code == 405


# --- News sitemap --------------------------------------------------------------------


def news_entries(client) -> dict[str, dict]:
    entries = {}
    for entry in parse(client.get("/news-sitemap.xml")).iterfind(f"{SM}url"):
        news = entry.find(f"{NEWS}news")
        entries[entry.findtext(f"{SM}loc")] = {
            "name": news.findtext(f"{NEWS}publication/{NEWS}name"),
            "language": news.findtext(f"{NEWS}publication/{NEWS}language"),
            "date": parse_datetime(news.findtext(f"{NEWS}publication_date")),
            "title": news.findtext(f"{NEWS}title"),
        }
    return entries


def test_news_sitemap_has_the_last_two_days_in_googles_language_codes(client, settings):
    settings.NEWSROOM_PUBLISHER_NAME = "Gazeta Orsanto"
    now = timezone.now()
    recent = ArticleFactory(
        languages=("zh-hans", "en", "id"), published_at=now - timedelta(hours=30)
    )
    old = ArticleFactory(languages=("en",), published_at=now - timedelta(days=3))
    draft = ArticleFactory(languages=("en",), is_published=False, published_at=now)
    future = ArticleFactory(languages=("en",), published_at=now + timedelta(hours=1))

    entries = news_entries(client)
    assert set(entries) == {url(recent, code) for code in ("zh-hans", "en", "id")}
    chinese = entries[url(recent, "zh-hans")]
    assert chinese["language"] == "zh-cn"
    assert chinese["title"] == recent.title_zh_hans
    assert chinese["name"] == "Gazeta Orsanto"
    assert chinese["date"] == recent.published_at.replace(microsecond=0)
    assert entries[url(recent, "id")]["language"] == "id"
    assert entries[url(recent, "en")]["title"] == recent.title_en
    for article in (old, draft, future):
        assert url(article, "en") not in entries


def test_news_sitemap_is_newest_first_and_escapes_titles(client):
    now = timezone.now()
    older = ArticleFactory(languages=("en",), published_at=now - timedelta(hours=5))
    newer = ArticleFactory(languages=("en",), published_at=now - timedelta(hours=1))
    newer.title_en = 'Q&A: <why> "now"'
    newer.save()
    entries = news_entries(client)
    assert list(entries) == [url(newer, "en"), url(older, "en")]
    assert entries[url(newer, "en")]["title"] == 'Q&A: <why> "now"'


# --- Absolute URLs and query counts -------------------------------------------------------


def test_base_url_setting_names_the_site_everywhere(client, settings, article_pt_en):
    settings.NEWSROOM_BASE_URL = "https://news.example.org"
    assert (
        "Sitemap: https://news.example.org/sitemap.xml"
        in client.get("/robots.txt").content.decode()
    )
    assert all(loc.startswith("https://news.example.org/") for loc in index_locations(client))
    entry = urlset(client, "/sitemaps/articles-pt.xml")
    assert list(entry) == ["https://news.example.org" + article_pt_en.get_absolute_url("pt")]
    assert all(
        href.startswith("https://news.example.org/")
        for href in entry[next(iter(entry))]["alternates"].values()
    )
    assert all(loc.startswith("https://news.example.org/") for loc in news_entries(client))


@pytest.mark.parametrize(
    "path",
    ["/sitemap.xml", "/sitemaps/articles-en.xml", "/sitemaps/pages.xml", "/news-sitemap.xml"],
)
def test_sitemap_query_count_is_small_and_does_not_grow(client, path):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    ArticleFactory(languages=("en",))
    few = queries()
    for _ in range(5):
        ArticleFactory(languages=LANGUAGE_CODES)
        SectionFactory()
    assert queries() == few <= 5
