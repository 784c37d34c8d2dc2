"""What readers get: pages per language, switcher, hreflang, photo, 404s."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.domain.languages import LANGUAGE_CODES
from articles.models import Article
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_language_front_page_renders_with_its_lang(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = soup(response).html
    assert html["lang"] == code
    assert html["dir"] == "ltr"


@pytest.mark.parametrize(
    "accept,expected",
    [
        ("pt-BR,pt;q=0.9,en;q=0.5", "/pt/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("la", "/la/"),
        ("sa", "/sa/"),
        ("sv-SE", "/en/"),
        ("", "/en/"),
        ("x" * 5000, "/en/"),
    ],
)
def test_root_redirects_to_preferred_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_article_page_shows_headline_date_byline_body_and_photo(client, article_pt_en):
    article = article_pt_en
    article.published_at_pt = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    article.save()
    article.authors.create(name="Marta Quental")
    page = soup(client.get(article.get_absolute_url("pt")))
    assert page.h1.get_text() == article.title_pt
    time = page.find("time")
    assert time["datetime"] == "2026-11-26T08:00:00+00:00"
    assert "novembro" in time.get_text().lower()
    assert "Marta Quental" in page.find(class_="byline").get_text()
    figure = page.find("figure")
    img = figure.find("picture").find("img")
    assert img["alt"] == "Alt text in pt"
    # The factory's photo is 800 × 500; the fallback JPEG is the largest there is.
    assert int(img["width"]) == 800 and int(img["height"]) == 500
    caption = figure.find("figcaption").get_text(" ", strip=True)
    assert "Caption in pt" in caption
    assert "Foto: IC" in caption
    assert "Body" in page.find(class_="body").get_text()


def test_caption_and_credit_follow_the_language(client, article_pt_en):
    page = soup(client.get(article_pt_en.get_absolute_url("en")))
    caption = page.find("figcaption").get_text(" ", strip=True)
    assert "Caption in en" in caption
    assert "Photo: IC" in caption
    assert "Caption in pt" not in page.decode()


def test_credit_shown_even_without_caption_in_that_language(client):
    article = ArticleFactory(languages=("en", "fr"), photo=PhotoFactory(captions=("en",)))
    page = soup(client.get(article.get_absolute_url("fr")))
    assert "IC" in page.find("figcaption").get_text()
    assert "Caption in en" not in page.decode()


def test_switcher_and_hreflang_list_exactly_the_available_languages(client, article_pt_en):
    article = article_pt_en
    page = soup(client.get(article.get_absolute_url("pt")))
    switcher = page.find("nav", class_="language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == {
        "en": article.get_absolute_url("en"),
        "pt": article.get_absolute_url("pt"),
    }
    assert links["pt"].startswith("/pt/") and links["en"].startswith("/en/")
    assert article.slug_pt in links["pt"] and article.slug_en in links["en"]
    for a in switcher.find_all("a"):
        assert a["lang"] == a["hreflang"]
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate", hreflang=True)
    }
    assert set(alternates) == {"pt", "en", "x-default"}
    assert alternates["x-default"] == alternates["pt"]  # the source language
    assert alternates["pt"] == "http://testserver" + article.get_absolute_url("pt")
    assert page.find("link", rel="canonical")["href"] == alternates["pt"]


def test_only_switcher_links_carry_hreflang_and_lang(client, article_pt_en):
    page = soup(client.get(article_pt_en.get_absolute_url("pt")))
    for a in page.find_all("a"):
        inside_switcher = a.find_parent("nav", class_="language-switcher") is not None
        assert inside_switcher == a.has_attr("hreflang") == a.has_attr("lang"), a


@pytest.mark.parametrize("code", ["fr", "de", "zh-hans", "sa", "la"])
def test_article_is_404_in_a_language_it_lacks(client, article_pt_en, code):
    for slug in (article_pt_en.slug_pt, article_pt_en.slug_en):
        assert client.get(f"/{code}/articles/{slug}/").status_code == 404


def test_another_languages_slug_is_404(client, article_pt_en):
    assert client.get(f"/en/articles/{article_pt_en.slug_pt}/").status_code == 404


def test_drafts_and_future_articles_are_404_and_unlisted(client):
    draft = ArticleFactory(languages=("en",), is_published=False)
    future = ArticleFactory(languages=("en",), published_at=timezone.now() + timedelta(days=1))
    for article in (draft, future):
        assert client.get(f"/en/articles/{article.slug_en}/").status_code == 404
    front = client.get("/en/").content.decode()
    assert draft.title_en not in front and future.title_en not in front


def test_a_language_missing_its_body_is_not_available(client):
    article = ArticleFactory(languages=("en", "pt"))
    article.body_pt = ""
    article.save()
    assert client.get(f"/pt/articles/{article.slug_pt}/").status_code == 404
    page = soup(client.get(article.get_absolute_url("en")))
    assert [a["hreflang"] for a in page.select("nav.language-switcher a")] == ["en"]


def test_front_page_lists_only_articles_available_in_that_language(client, article_pt_en):
    english_only = ArticleFactory(languages=("en",))
    pt_front = client.get("/pt/").content.decode()
    assert article_pt_en.title_pt in pt_front
    assert english_only.title_en not in pt_front
    assert article_pt_en.title_en not in pt_front
    en_front = client.get("/en/").content.decode()
    assert english_only.title_en in en_front and article_pt_en.title_en in en_front


def test_front_page_teaser_has_title_summary_thumbnail_and_date(client, article_pt_en):
    teaser = soup(client.get("/pt/")).find("article", class_="teaser")
    assert teaser.h2.a["href"] == article_pt_en.get_absolute_url("pt")
    assert "Summary" in teaser.find(class_="summary").get_text()
    assert teaser.img["width"] and teaser.img["height"] and teaser.img["loading"] == "lazy"
    assert teaser.find("time")["datetime"]


def test_section_page_lists_its_articles_in_that_language(client):
    section = SectionFactory()
    other = SectionFactory()
    inside = ArticleFactory(languages=("pt",), section=section)
    outside = ArticleFactory(languages=("pt",), section=other)
    response = client.get(f"/pt/sections/{section.slug_pt}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert inside.title_pt in text and outside.title_pt not in text
    assert client.get("/pt/sections/no-such-section/").status_code == 404


def test_unicode_slug_in_chinese_works(client):
    article = ArticleFactory(languages=("zh-hans",))
    article.title_zh_hans = "河港的新桥开通"
    article.slug_zh_hans = ""
    article.full_clean()
    article.save()
    assert article.slug_zh_hans == "河港的新桥开通"
    response = client.get(article.get_absolute_url("zh-hans"))
    assert response.status_code == 200
    assert soup(response).h1.get_text() == "河港的新桥开通"


@pytest.mark.parametrize(
    "path",
    [
        "/xx/",
        "/xx/articles/a/",
        "/pt-br/",
        "/en/articles/",
        "/en/articles/a%00b/",
        "/en/articles/" + "a" * 3000 + "/",
        "/en/articles/%ff%fe/",
        "/en/sections/%2e%2e/",
        "/en/nothing-here/",
        "/media/originals/x.jpg",
    ],
)
def test_unknown_or_malformed_urls_are_404(client, path):
    """404, or 400 for bytes no client sends (NUL): never a 500."""
    response = client.get(path)
    assert response.status_code == (400 if "%00" in path else 404)


def test_404_page_is_in_the_requested_language(client):
    response = client.get("/pt/articles/nao-existe/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "pt"
    assert "Página não encontrada" in page.get_text()


def test_body_html_is_sanitized_on_save(client):
    article = ArticleFactory(languages=("en",))
    article.body_en = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:x">l</a></p>'
    article.save()
    article.refresh_from_db()
    assert "script" not in article.body_en
    assert "onclick" not in article.body_en
    assert "javascript:" not in article.body_en
    assert "Hi" in client.get(article.get_absolute_url("en")).content.decode()


def test_originals_are_never_linked_from_public_pages(client, article_pt_en):
    html = client.get(article_pt_en.get_absolute_url("pt")).content.decode()
    assert "originals/" not in html
    html = client.get("/pt/").content.decode()
    assert "originals/" not in html


@pytest.mark.parametrize("fmt,content_type", [("jpeg", "image/jpeg"), ("avif", "image/avif")])
def test_rendition_files_are_served(client, article_pt_en, fmt, content_type):
    lead = article_pt_en.photo.renditions.get(spec="lead-800", format=fmt)
    response = client.get(lead.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type


def test_path_traversal_out_of_renditions_is_refused(client):
    response = client.get("/media/renditions/../../etc/passwd")
    assert response.status_code in (400, 404)
    response = client.get("/media/renditions/..%2f..%2fsettings.py")
    assert response.status_code in (400, 404)


def test_article_whose_section_lacks_the_language_still_renders(client):
    article = ArticleFactory(languages=("fi",))
    article.section.name_fi = ""
    article.section.slug_fi = None
    article.section.save()
    response = client.get(article.get_absolute_url("fi"))
    assert response.status_code == 200
    assert soup(response).find(class_="section") is None


# --- Query budgets ------------------------------------------------------


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def rich_article(languages, photo) -> Article:
    """Public in `languages`, with a photo, two authors, two tags and two corrections
    in every one of them: everything an article page lists."""
    article = ArticleFactory(languages=languages, photo=photo)
    article.authors.add(AuthorFactory(), AuthorFactory())
    article.tags.add(TagFactory(), TagFactory())
    for code in languages:
        article.corrections.create(language=code, note=f"Fixed in {code}")
        article.corrections.create(language=code, note=f"Fixed again in {code}")
    return article


def test_article_page_costs_one_query_however_many_languages_and_articles(client):
    """The article with its section, photo, renditions, authors, tags and
    corrections in one query, plus the section navigation once per process and
    language (a cold cache): at most 4, the same for 1 language and
    14, for 2 articles and 30."""
    photo = PhotoFactory(captions=LANGUAGE_CODES)
    few = [rich_article(("en",), photo), ArticleFactory(languages=("en",))]
    url = few[0].get_absolute_url("en")
    client.get(url)  # warm: the navigation is cached per process and language
    small = queries_for(client, url)
    cache.clear()
    cold = queries_for(client, url)

    many = [rich_article(LANGUAGE_CODES, photo) for _ in range(3)]
    many += [ArticleFactory(languages=LANGUAGE_CODES, photo=photo) for _ in range(25)]
    for code in ("en", "zh-hans", "la"):
        url = many[0].get_absolute_url(code)
        client.get(url)
        assert queries_for(client, url) == small == 1, code
    assert cold == small + 1 <= 4


def test_list_pages_feeds_and_sitemaps_do_not_grow(client):
    """Front, section, tag, author and date pages, feeds and sitemaps: at most 5
    queries each, the same with 2 articles in 1 language as with 30 in 14."""
    photo = PhotoFactory(captions=LANGUAGE_CODES)
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    published = timezone.now() - timedelta(days=1)

    def add(count: int, languages) -> None:
        for _ in range(count):
            article = ArticleFactory(
                languages=languages, section=section, photo=photo, published_at=published
            )
            article.tags.add(tag)
            article.authors.add(author)

    day = timezone.localtime(published)
    urls = [
        "/en/",
        section.get_absolute_url(),
        f"/en/tags/{tag.slug_en}/",
        f"/en/authors/{author.slug}/",
        "/en/archive/",
        f"/en/archive/{day:%Y}/{day:%m}/{day:%d}/",
        "/en/feeds/rss/",
        f"/en/sections/{section.slug_en}/feeds/atom/",
        "/sitemap.xml",
        "/sitemaps/articles-en.xml",
        "/news-sitemap.xml",
    ]

    def measure() -> dict[str, int]:
        for url in urls:
            client.get(url)  # warm the section navigation
        return {url: queries_for(client, url) for url in urls}

    add(2, ("en",))
    small = measure()
    add(28, LANGUAGE_CODES)
    assert measure() == small
    assert max(small.values()) <= 5, small
