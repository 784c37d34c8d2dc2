"""`manage.py check_i18n_seo`: silent on a consistent site, loud on each kind of disagreement."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.domain.languages import column_name
from articles.management.commands import load_demo
from articles.models import Article
from articles.web import api, consistency, feeds, seo, sitemaps, versions, views
from tests.support.factories import ArticleFactory, PhotoFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, bool]:
    """The command's output and whether it found the site consistent."""
    out = StringIO()
    try:
        call_command("check_i18n_seo", *args, stdout=out)
    except CommandError as error:
        return out.getvalue() + str(error), False
    return out.getvalue(), True


@pytest.fixture
def site():
    """A small site: translations, a draft, a version missing its body, a photo."""
    ArticleFactory(languages=("pt", "en"), source_language="pt", photo=PhotoFactory())
    ArticleFactory(languages=("zh-hans", "sa", "la"), source_language="la")
    ArticleFactory(languages=("en",), is_published=False)
    incomplete = ArticleFactory(languages=("fr", "de"), source_language="de")
    incomplete.body_de = ""
    incomplete.save()


def test_the_demo_site_is_consistent(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # The pictures do not matter here and drawing them is most of the command's time.
    monkeypatch.setattr(load_demo, "demo_picture", lambda *args, **kwargs: jpeg_bytes())
    call_command("load_demo", stdout=StringIO())
    output, consistent = run("--all")
    assert consistent, output
    assert "No disagreements" in output
    assert "article pages, sitemaps, news sitemap, feeds" in output


def test_a_small_site_is_consistent_without_all(site):
    output, consistent = run()
    assert consistent, output
    assert "6 public language versions" in output


def test_sitemap_missing_an_alternate_is_reported(site, monkeypatch):
    real = versions.article_versions

    def drop_last(article):
        found = real(article)
        return versions.Versions(found.versions[:-1] or found.versions, found.x_default_path)

    monkeypatch.setattr(sitemaps, "article_versions", drop_last)
    output, consistent = run()
    assert not consistent
    assert "/sitemaps/articles-zh-hans.xml: article #" in output
    assert "is public in ['zh-hans', 'sa', 'la']; missing ['la']" in output


def test_feed_leaking_a_draft_is_reported(site, monkeypatch):
    monkeypatch.setattr(
        feeds.LatestFeed, "_articles", lambda self, scope: Article.objects.for_page()
    )
    output, consistent = run()
    assert not consistent
    assert "/en/feeds/rss/: links to" in output
    assert "which is not a public version" in output


def test_json_ld_without_translation_links_is_reported(site, monkeypatch):
    monkeypatch.setattr(seo, "article_source_version", lambda article, found: None)
    output, consistent = run()
    assert not consistent
    assert "(JSON-LD)" in output
    assert "translationOfWork is None" in output


def test_wrong_og_locale_is_reported(site, monkeypatch):
    monkeypatch.setitem(seo.OG_LOCALES, "en", "pt_PT")
    output, consistent = run()
    assert not consistent
    assert "(OpenGraph): says" in output and "is in 'pt'" in output


def test_page_switcher_offering_a_hidden_language_is_reported(site, monkeypatch):
    real = views.article_versions

    def with_german(article, **kwargs):
        found = real(article, **kwargs)
        extra = versions.Version("de", "/de/articles/not-public/")
        return versions.Versions((*found.versions, extra), found.x_default_path)

    monkeypatch.setattr(views, "article_versions", with_german)
    output, consistent = run()
    assert not consistent
    assert "(switcher): links to http://testserver/de/articles/not-public/" not in output
    assert "(switcher): article #" in output and "not public ['de']" in output
    assert "(hreflang): article #" in output


def test_hidden_language_answering_is_reported(site, monkeypatch):
    """A page view that skipped the rule would serve the unfinished German version."""

    def any_article(language, slug):
        return Article.objects.for_page(language).by_slug(language, slug).first()

    monkeypatch.setattr(views, "page_article", any_article)
    output, consistent = run()
    assert not consistent
    assert "but article #" in output and "is not public in de" in output


def test_a_new_surface_is_one_function(site, monkeypatch):
    monkeypatch.setattr(consistency, "SURFACES", list(consistency.SURFACES))

    @consistency.surface("fake api", covers=consistency.every_public_version)
    def fake_api(crawl):
        first = next(iter(crawl.truth.urls.values()))
        yield consistency.Seen("/api/fake/", first, language="ru")

    output, consistent = run()
    assert not consistent
    assert "/api/fake/: says" in output and "is in 'ru'" in output
    assert "fake api: does not list" in output


def test_negative_limit_is_refused():
    with pytest.raises(CommandError, match="--limit"):
        call_command("check_i18n_seo", "--limit", "-1", stdout=StringIO())


def test_a_host_the_site_does_not_serve_is_one_clear_error(settings, site):
    settings.NEWSROOM_BASE_URL = "https://elsewhere.example"
    with pytest.raises(CommandError, match="DJANGO_ALLOWED_HOSTS"):
        call_command("check_i18n_seo", stdout=StringIO())


def test_the_api_is_a_checked_surface(site, monkeypatch):
    output, consistent = run()
    assert consistent, output
    assert "ninjs API" in output

    real = api._document

    def mislabelled(request, article, language):
        document = real(request, article, language)
        document["language"] = "fi"
        return document

    monkeypatch.setattr(api, "_document", mislabelled)
    output, consistent = run()
    assert not consistent
    assert "/api/ninjs/" in output


def test_a_site_at_an_https_address_with_slugs_in_other_scripts_is_consistent(settings, site):
    """The crawl asks for each page as a reader's browser would: over https at the
    site's own address, with non-Latin slugs percent-encoded in the path."""
    settings.NEWSROOM_BASE_URL = "https://news.example"
    settings.ALLOWED_HOSTS = ["news.example"]
    article = ArticleFactory(languages=("ru", "el"), source_language="ru")
    setattr(article, column_name("slug", "ru"), "новости-дня")
    setattr(article, column_name("slug", "el"), "ειδήσεις")
    article.save()
    output, consistent = run()
    assert consistent, output
    assert "8 public language versions" in output
