"""Article previews: NewsArticle JSON-LD, OpenGraph and Twitter tags; hreflang on lists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils.dateparse import parse_datetime

from articles.domain.languages import LANGUAGE_CODES, NEWS_SITEMAP_LANGUAGES, OG_LOCALES
from articles.photos.pictures import fallback_rendition
from tests.support.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db
ROOT = "http://testserver"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(page: BeautifulSoup) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def meta(page: BeautifulSoup, key: str) -> list[str]:
    tags = page.find_all("meta", property=key) or page.find_all("meta", attrs={"name": key})
    return [tag["content"] for tag in tags]


def url(article, code: str) -> str:
    return ROOT + article.get_absolute_url(code)


# --- JSON-LD -------------------------------------------------------------------------


def test_news_article_json_ld_describes_this_language_version(client, settings, article_pt_en):
    settings.NEWSROOM_PUBLISHER_NAME = "Gazeta Orsanto"
    article = article_pt_en
    article.authors.add(AuthorFactory(name="Marta Quental"), AuthorFactory(name="Rui Sá"))
    data = json_ld(soup(client.get(article.get_absolute_url("pt"))))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title_pt
    assert data["description"] == article.summary_pt
    assert data["inLanguage"] == "pt"
    assert data["url"] == url(article, "pt")
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url(article, "pt")}
    assert parse_datetime(data["datePublished"]) == article.published_at.replace(microsecond=0)
    assert parse_datetime(data["dateModified"]) >= parse_datetime(data["datePublished"])
    assert [a["name"] for a in data["author"]] == ["Marta Quental", "Rui Sá"]
    assert data["publisher"]["name"] == "Gazeta Orsanto"
    assert data["articleSection"] == article.section.name_pt

    lead = fallback_rendition(article.photo, "lead")
    (image,) = data["image"]
    assert image["url"] == ROOT + lead.file.url
    assert (image["width"], image["height"]) == (lead.width, lead.height)
    assert image["caption"] == "Caption in pt"
    assert image["creditText"] == "IC"
    assert image["copyrightHolder"]["name"] == "Newsroom"


def test_original_lists_translations_and_translations_point_to_it(client):
    article = ArticleFactory(languages=("fr", "en", "ja"), source_language="fr")
    original = json_ld(soup(client.get(article.get_absolute_url("fr"))))
    assert {(t["inLanguage"], t["url"]) for t in original["workTranslation"]} == {
        ("en", url(article, "en")),
        ("ja", url(article, "ja")),
    }
    assert "translationOfWork" not in original
    for code in ("en", "ja"):
        translation = json_ld(soup(client.get(article.get_absolute_url(code))))
        assert translation["translationOfWork"]["url"] == url(article, "fr")
        assert translation["translationOfWork"]["inLanguage"] == "fr"
        assert "workTranslation" not in translation


def test_no_link_to_an_original_readers_cannot_see(client):
    article = ArticleFactory(languages=("fr", "en"), source_language="fr")
    article.body_fr = ""
    article.save()
    data = json_ld(soup(client.get(article.get_absolute_url("en"))))
    assert "translationOfWork" not in data and "workTranslation" not in data
    assert article.title_fr not in json.dumps(data, ensure_ascii=False)


def test_caption_of_another_language_is_not_borrowed(client):
    article = ArticleFactory(languages=("en", "de"), photo=PhotoFactory(captions=("en",)))
    page = soup(client.get(article.get_absolute_url("de")))
    (image,) = json_ld(page)["image"]
    assert "caption" not in image
    assert image["creditText"] == "IC"
    assert meta(page, "og:image:alt") == []


HOSTILE = 'Breaking</script><script>alert(1)</script><!-- "q" & \u2028 line \u2029 para'


@pytest.mark.parametrize("field", ["title_en", "summary_en"])
def test_hostile_text_cannot_close_or_break_the_script(client, field):
    article = ArticleFactory(languages=("en",), photo=PhotoFactory(captions=("en",)))
    setattr(article, field, HOSTILE)
    article.photo.caption_en = HOSTILE
    article.photo.save()
    article.save()
    response = client.get(article.get_absolute_url("en"))
    raw = response.content.decode()
    script = raw.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in script
    page = soup(response)
    assert len(page.find_all("script")) == 1
    data = json_ld(page)
    assert data["headline" if field == "title_en" else "description"] == HOSTILE
    assert data["image"][0]["caption"] == HOSTILE
    # Attributes are escaped too: the tag holds the text, nothing more.
    assert meta(page, "og:title" if field == "title_en" else "og:description") == [HOSTILE]


# --- OpenGraph and Twitter ---------------------------------------------------------


def test_opengraph_names_this_locale_and_the_other_public_ones(client, article_pt_en):
    ArticleFactory(languages=("fr",))  # other articles' languages do not leak in
    article_pt_en.title_de = "Nur ein Titel"  # written, not public: not an alternate
    article_pt_en.save()
    page = soup(client.get(article_pt_en.get_absolute_url("pt")))
    assert meta(page, "og:locale") == ["pt_PT"]
    assert meta(page, "og:locale:alternate") == ["en_US"]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:url") == [url(article_pt_en, "pt")]
    assert meta(page, "og:title") == [article_pt_en.title_pt]
    assert meta(page, "og:description") == [article_pt_en.summary_pt]
    assert meta(page, "og:site_name") == ["Newsroom"]
    lead = fallback_rendition(article_pt_en.photo, "lead")
    assert meta(page, "og:image") == [ROOT + lead.file.url]
    assert meta(page, "og:image:width") == [str(lead.width)]
    assert meta(page, "og:image:alt") == ["Alt text in pt"]
    assert meta(page, "article:section") == [article_pt_en.section.name_pt]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "twitter:title") == [article_pt_en.title_pt]
    assert meta(page, "twitter:image") == [ROOT + lead.file.url]
    assert meta(page, "twitter:image:alt") == ["Alt text in pt"]


def test_article_in_all_languages_lists_thirteen_alternates(client):
    article = ArticleFactory(languages=LANGUAGE_CODES)
    page = soup(client.get(article.get_absolute_url("zh-hans")))
    assert meta(page, "og:locale") == ["zh_CN"]
    assert sorted(meta(page, "og:locale:alternate")) == sorted(
        OG_LOCALES[code] for code in LANGUAGE_CODES if code != "zh-hans"
    )


def test_without_a_photo_the_card_is_a_summary(client):
    article = ArticleFactory(languages=("en",))
    page = soup(client.get(article.get_absolute_url("en")))
    assert meta(page, "twitter:card") == ["summary"]
    assert meta(page, "og:image") == []
    assert "image" not in json_ld(page)


def test_language_tables_cover_every_language_once():
    assert set(OG_LOCALES) == set(NEWS_SITEMAP_LANGUAGES) == set(LANGUAGE_CODES)
    assert len(set(OG_LOCALES.values())) == len(LANGUAGE_CODES)
    assert len(set(NEWS_SITEMAP_LANGUAGES.values())) == len(LANGUAGE_CODES)
    assert NEWS_SITEMAP_LANGUAGES["zh-hans"] == "zh-cn"


# --- hreflang on front and section pages, base URL -----------------------------------


def hreflang(page: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in page.find_all("link", rel="alternate", hreflang=True)
    }


def test_front_page_has_hreflang_for_every_language_and_root_as_x_default(client):
    links = hreflang(soup(client.get("/ja/")))
    assert links == {
        **{code: f"{ROOT}/{code}/" for code in LANGUAGE_CODES},
        "x-default": f"{ROOT}/",
    }


def test_section_page_has_hreflang_where_the_section_exists(client):
    section = SectionFactory()
    section.name_la = ""
    section.save()
    links = hreflang(soup(client.get(f"/it/sections/{section.slug_it}/")))
    assert "la" not in links
    assert links["it"] == f"{ROOT}/it/sections/{section.slug_it}/"
    assert links["x-default"] == f"{ROOT}/en/sections/{section.slug_en}/"


def test_base_url_setting_is_used_for_canonical_hreflang_and_previews(
    client, settings, article_pt_en
):
    settings.NEWSROOM_BASE_URL = "https://news.example.org"
    page = soup(client.get(article_pt_en.get_absolute_url("en")))
    expected = "https://news.example.org" + article_pt_en.get_absolute_url("en")
    assert page.find("link", rel="canonical")["href"] == expected
    assert hreflang(page)["en"] == expected
    assert meta(page, "og:url") == [expected]
    assert json_ld(page)["url"] == expected
    assert meta(page, "og:image")[0].startswith("https://news.example.org/media/renditions/")


def test_a_base_url_without_scheme_is_refused_at_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    env.update(DJANGO_DEBUG="true", NEWSROOM_BASE_URL="news.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "NEWSROOM_BASE_URL must start with https://" in result.stderr


@pytest.mark.django_db
def test_json_ld_lists_the_corrections_of_that_language(client):
    import json

    from articles.models import Correction
    from tests.support.factories import ArticleFactory

    article = ArticleFactory(languages=("pt", "en"))
    Correction.objects.create(article=article, language="pt", note="Nome corrigido </script>")
    page = client.get(article.get_absolute_url("pt")).content.decode()
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["correction"][0]["text"] == "Nome corrigido </script>"
    page_en = client.get(article.get_absolute_url("en")).content.decode()
    assert "Nome corrigido" not in page_en
