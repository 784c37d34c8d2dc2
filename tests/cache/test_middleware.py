"""The page cache: anonymous readers get cached pages, every change makes exactly
the pages that show it stale, editors never see or seed cached pages, and
public pages carry ETags, 304s and CDN headers (articles/cache/middleware.py)."""

from __future__ import annotations

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.cache import middleware as page_cache
from articles.cache.invalidation import InvalidationState
from articles.domain.status import Status
from articles.models import Article, Correction, Invalidation
from articles.photos.services import photo_save
from articles.services.articles import article_save
from articles.services.previews import preview_link_create, preview_url
from articles.services.scheduling import publish_due
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


@pytest.fixture(autouse=True)
def no_background_reads(settings):
    """Each process reads the log every PAGE_CACHE_CHECK_SECONDS; here never by
    itself, so that a hit is visibly free. A change made in this process is
    seen at once (tests/cache/test_processes.py covers other processes)."""
    settings.PAGE_CACHE_CHECK_SECONDS = 3600


def get(client, url, **headers):
    """(response, number of queries it cost)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def cached(client, url) -> bool:
    """Whether `url` is answered from the cache (no query at all)."""
    response, queries = get(client, url)
    assert response.status_code == 200, url
    return queries == 0


def edit(article, **changes):
    article = Article.objects.get(pk=article.pk)
    for name, value in changes.items():
        setattr(article, name, value)
    return article_save(article=article, actor="test")


@pytest.fixture
def two_articles(db):
    """A in pt and en (with photo, tag, author), B in en only, unrelated."""
    a = ArticleFactory(languages=("pt", "en"), photo=PhotoFactory(captions=("pt", "en")))
    a.tags.add(TagFactory())
    a.authors.add(AuthorFactory())
    b = ArticleFactory(languages=("en",))
    return a, b


def urls_of(a, b):
    return {
        "a_pt": a.get_absolute_url("pt"),
        "a_en": a.get_absolute_url("en"),
        "b_en": b.get_absolute_url("en"),
        "front_en": "/en/",
        "front_pt": "/pt/",
        "feed_en": "/en/feeds/rss/",
        "sitemap": "/sitemaps/articles-en.xml",
        "api_a": f"/api/ninjs/en/{a.pk}/",
        "api_b": f"/api/ninjs/en/{b.pk}/",
        "api_list": "/api/ninjs/en/",
    }


def warm(client, urls):
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    assert all(cached(client, url) for url in urls.values())


# --- what is cached ------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/feeds/rss/",
        "/en/feeds/atom/",
        "/sitemap.xml",
        "/sitemaps/articles-en.xml",
        "/sitemaps/pages.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/api/ninjs/en/",
        "/en/archive/",
    ],
)
def test_second_anonymous_request_costs_no_query(client, two_articles, url):
    first = client.get(url)
    second, queries = get(client, url)
    assert queries == 0
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_article_pages_in_every_language_and_lists_are_cached(client, two_articles):
    a, b = two_articles
    section = a.section
    urls = {
        **urls_of(a, b),
        "section": section.get_absolute_url(),
        "tag": a.tags.first().get_absolute_url(),
        "author": a.authors.first().get_absolute_url(),
    }
    warm(client, urls)


def test_search_and_unknown_parameters_are_not_stored(client, two_articles):
    for url in (
        "/en/search/?q=article",
        "/en/?utm_source=x",
        "/en/?page=1&page=2",
        "/en/?" + "page=1&" * 60,
    ):
        client.get(url)
        _, queries = get(client, url)
        assert queries > 0, url


def test_page_cache_setting_off_serves_everything_fresh(client, settings, two_articles):
    settings.PAGE_CACHE = False
    client.get("/en/")
    _, queries = get(client, "/en/")
    assert queries > 0


# --- who gets cached pages -------------------------------------------------------


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("ed", "ed@example.org", "pw")


def test_logged_in_editor_neither_gets_nor_seeds_cached_pages(client, two_articles, editor):
    a, b = two_articles
    url = a.get_absolute_url("en")
    client.force_login(editor)
    response, queries = get(client, url)
    assert queries > 0
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    _, queries = get(client, url)
    assert queries > 0  # the editor's visit stored nothing
    assert cached(client, url)
    client.force_login(editor)
    response, queries = get(client, url)
    assert queries > 0 and "no-store" in response["Cache-Control"]


def test_previews_and_admin_get_no_public_headers(client, two_articles, editor):
    a, _ = two_articles
    client.force_login(editor)
    preview = client.get(f"/admin/articles/article/{a.pk}/preview/en/")
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"] and "public" not in preview["Cache-Control"]
    client.logout()
    for _ in range(2):  # and nothing cached made it public the second time
        login = client.get("/admin/login/")
        assert login.status_code == 200 and "public" not in login.get("Cache-Control", "")


def test_a_shared_preview_link_is_never_cached(client, two_articles, editor):
    a, _ = two_articles
    edit(a, title_en="Not yet for readers", status_en=Status.DRAFT)
    url = preview_url(preview_link_create(article=a, language="en", user=editor))
    first = client.get(url)
    assert first.status_code == 200 and "no-store" in first["Cache-Control"]
    _, queries = get(client, url)
    assert queries > 0


# --- exact invalidation -------------------------------------------------------------


def stale(client, urls, names):
    """The names among `urls` whose page is no longer served from the cache."""
    return {name for name in names if not cached(client, urls[name])}


ALL = (
    "a_pt",
    "a_en",
    "b_en",
    "front_en",
    "front_pt",
    "feed_en",
    "sitemap",
    "api_a",
    "api_b",
    "api_list",
)
LISTS = {"front_en", "front_pt", "feed_en", "sitemap", "api_list"}
A_PAGES = {"a_pt", "a_en", "api_a"}


def test_editing_one_language_purges_that_article_everywhere_and_lists_only(
    client, two_articles, commit
):
    a, b = two_articles
    urls = urls_of(a, b)
    warm(client, urls)
    commit(edit, a, title_pt="Título novo")
    assert "Título novo" in client.get(urls["a_pt"]).content.decode()
    assert stale(client, urls, ALL) == (A_PAGES | LISTS) - {"a_pt"}  # a_pt was just re-cached


def test_publishing_a_language_shows_in_the_other_languages_switcher(client, two_articles, commit):
    a, b = two_articles
    urls = urls_of(a, b)
    warm(client, urls)
    commit(
        edit,
        a,
        title_fr="Nouveau",
        slug_fr="nouveau",
        body_fr="<p>Texte.</p>",
        status_fr=Status.PUBLISHED,
        published_at_fr=timezone.now() - timedelta(minutes=1),
    )
    assert "/fr/articles/nouveau/" in client.get(urls["a_en"]).content.decode()
    assert "/fr/articles/nouveau/" in client.get(urls["a_pt"]).content.decode()
    assert cached(client, urls["b_en"])


def test_taking_down_removes_the_page_and_its_listing(client, two_articles, commit):
    a, b = two_articles
    urls = urls_of(a, b)
    warm(client, urls)
    commit(edit, a, status_en=Status.UNPUBLISHED)
    assert client.get(urls["a_en"]).status_code == 404
    assert a.get_absolute_url("en") not in client.get("/en/").content.decode()
    assert a.get_absolute_url("en") not in client.get(urls["sitemap"]).content.decode()
    assert client.get(urls["api_a"]).status_code == 404
    assert a.get_absolute_url("en") not in client.get(urls["a_pt"]).content.decode()
    assert cached(client, urls["b_en"]) and cached(client, urls["api_b"])


def test_the_scheduler_going_live_purges(client, two_articles, commit):
    a, b = two_articles
    urls = urls_of(a, b)
    edit(a, status_en=Status.SCHEDULED, published_at_en=timezone.now() - timedelta(seconds=1))
    warm(client, urls)
    run = commit(publish_due)
    assert run.published == [(a.pk, "en")]
    assert stale(client, urls, ALL) == A_PAGES | LISTS
    assert Article.objects.get(pk=a.pk).status_en == Status.PUBLISHED


def test_cached_pages_are_not_served_past_a_scheduled_go_live(client, two_articles, monkeypatch):
    """No write happens when a scheduled version's time comes: the clock decides."""
    a, b = two_articles
    urls = urls_of(a, b)
    edit(
        a,
        status_fr=Status.SCHEDULED,
        title_fr="Bientôt",
        slug_fr="bientot",
        body_fr="<p>x</p>",
        published_at_fr=timezone.now() + timedelta(seconds=60),
    )
    warm(client, urls)
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert stale(client, urls, ALL) >= A_PAGES | LISTS
    assert "b_en" not in stale(client, urls, {"b_en"})


@pytest.mark.parametrize(
    "change",
    ["photo_caption", "rendition", "tag_rename", "tag_link", "author_rename", "correction"],
)
def test_changes_around_an_article_purge_its_pages_not_others(client, two_articles, commit, change):
    a, b = two_articles
    urls = urls_of(a, b)
    warm(client, urls)

    def write():
        if change == "photo_caption":
            a.photo.caption_en = "A new caption"
            a.photo.save()
        elif change == "rendition":
            a.photo.renditions.first().delete()
        elif change == "tag_rename":
            tag = a.tags.first()
            tag.name_en = "Renamed tag"
            tag.save()
        elif change == "tag_link":
            TagFactory().articles.add(a)
        elif change == "author_rename":
            author = a.authors.first()
            author.name = "Renamed Reporter"
            author.save()
        else:
            Correction.objects.create(article=a, language="en", note="We misspelled a name.")

    commit(write)
    assert stale(client, urls, ALL) == A_PAGES | LISTS


def test_renaming_a_section_purges_every_page(client, two_articles, commit):
    a, b = two_articles
    urls = urls_of(a, b)
    warm(client, urls)
    section = commit(SectionFactory)
    assert stale(client, urls, ALL) == set(ALL)  # the navigation is on every page
    warm(client, urls)
    section.name_en = "Renamed section"
    commit(section.save)
    page = client.get(urls["b_en"]).content.decode()
    assert "Renamed section" in page


def test_a_change_that_rolls_back_purges_nothing_it_did_not_change(client, two_articles, commit):
    a, b = two_articles
    urls = urls_of(a, b)
    warm(client, urls)

    def failing():
        try:
            with transaction.atomic():
                edit(a, title_en="Never")
                raise RuntimeError
        except RuntimeError:
            pass

    commit(failing)
    assert "Never" not in client.get(urls["a_en"]).content.decode()
    assert cached(client, urls["b_en"])


# --- conditional GET -----------------------------------------------------------------


@pytest.mark.parametrize("cache_on", [True, False])
def test_conditional_get_answers_304(client, settings, two_articles, cache_on):
    settings.PAGE_CACHE = cache_on
    a, _ = two_articles
    url = a.get_absolute_url("en")
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and modified
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert "public" in again["Cache-Control"]
    assert client.get(url, headers={"if-none-match": f'"other", {etag}'}).status_code == 304
    assert client.head(url, headers={"if-none-match": etag}).status_code == 304
    # Only the ETag says "unchanged": If-Modified-Since alone gets the page.
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 200
    old = "Thu, 01 Jan 2026 00:00:00 GMT"
    assert client.get(url, headers={"if-modified-since": old}).status_code == 200


def test_a_caption_edit_is_never_answered_304(client, two_articles, commit):
    """Last-Modified dates the public versions; a photo's caption changes the page
    without moving it, so a revalidation by date alone must not get a 304."""
    a, _ = two_articles
    url = a.get_absolute_url("en")
    first = client.get(url)
    photo = a.photo
    photo.caption_en = "A corrected caption"
    commit(photo_save, photo=photo)
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert by_date.status_code == 200
    assert "A corrected caption" in by_date.content.decode()
    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    assert by_etag.status_code == 200 and by_etag["ETag"] != first["ETag"]


@pytest.mark.parametrize(
    "value",
    [
        '"' + "x" * 20_000 + '"',
        "not-an-etag",
        "W/",
        '"a", W/"b", "' + ",".join(["c"] * 2000),
        "*x*",
        "\u00e9\u00e9",
    ],
)
def test_odd_if_none_match_is_an_ordinary_request(client, two_articles, value):
    a, _ = two_articles
    url = a.get_absolute_url("en")
    full = client.get(url)
    for _ in range(2):  # uncached, then cached
        response = client.get(url, headers={"if-none-match": value})
        assert response.status_code == 200 and response.content == full.content


def test_star_if_none_match_is_304_for_an_existing_page(client, two_articles):
    a, _ = two_articles
    assert client.get(a.get_absolute_url("en"), headers={"if-none-match": "*"}).status_code == 304


def test_head_is_cached_and_a_later_get_has_the_body(client, two_articles):
    a, _ = two_articles
    url = a.get_absolute_url("en")
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    response, queries = get(client, url)
    assert queries == 0 and b"</html>" in response.content
    assert response["ETag"] == head["ETag"]


# --- headers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/feeds/atom/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/api/ninjs/en/",
        "/en/search/?q=x",
    ],
)
def test_public_pages_carry_cdn_headers(client, two_articles, url):
    response = client.get(url)
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert control.startswith("public") or "public" in control.split(", ")
    assert (
        "s-maxage=1" in control and "max-age=0" in control and "stale-while-revalidate=0" in control
    )
    assert response["ETag"] and response["Last-Modified"]


@pytest.mark.parametrize("url", ["/robots.txt", "/sitemap.xml", "/news-sitemap.xml"])
def test_language_neutral_pages_claim_no_language(client, two_articles, url):
    for language in ("de", "ja"):  # uncached, then cached
        response = client.get(url, headers={"accept-language": language})
        assert response.status_code == 200 and "Content-Language" not in response


def test_with_a_purge_hook_purged_pages_may_be_kept_longer(client, settings, two_articles):
    settings.CDN_PURGE_URL = "http://127.0.0.1:9/purge"
    a, _ = two_articles
    article = client.get(a.get_absolute_url("en"))["Cache-Control"]
    assert "s-maxage=300" in article and "stale-while-revalidate=60" in article
    # Page 2 of a list is not named by the hook: short lifetime, no stale serving.
    assert "s-maxage=1," in client.get("/en/?page=2")["Cache-Control"]


def test_cdn_lifetime_ends_at_the_next_scheduled_go_live(client, settings, two_articles):
    settings.CDN_PURGE_URL = "http://127.0.0.1:9/purge"
    a, _ = two_articles
    edit(
        a,
        status_fr=Status.SCHEDULED,
        title_fr="Bientôt",
        slug_fr="bientot",
        body_fr="<p>x</p>",
        published_at_fr=timezone.now() + timedelta(seconds=100),
    )
    control = client.get(a.get_absolute_url("en"))["Cache-Control"]
    s_maxage = int(control.split("s-maxage=")[1].split(",")[0])
    assert 90 <= s_maxage <= 100


def test_cached_pages_carry_no_csp_nonce_and_the_same_policy(client, two_articles):
    """A cached body with an old nonce would either break scripts or need the old
    nonce in a new header (weakening it); public pages use none."""
    a, _ = two_articles
    url = a.get_absolute_url("en")
    miss = client.get(url)
    hit, queries = get(client, url)
    assert queries == 0
    assert miss["Content-Security-Policy"] == hit["Content-Security-Policy"]
    assert "nonce-" not in hit["Content-Security-Policy"]
    assert b"nonce=" not in hit.content
    assert "script-src 'self'" in hit["Content-Security-Policy"]


def test_a_page_that_used_a_nonce_is_not_stored(client, two_articles, monkeypatch):
    a, _ = two_articles
    url = a.get_absolute_url("en")
    real = page_cache._storable

    def used_nonce(request, response):
        str(request._csp_nonce)  # as {{ csp_nonce }} in a template would
        return real(request, response)

    monkeypatch.setattr(page_cache, "_storable", used_nonce)
    client.get(url)
    _, queries = get(client, url)
    assert queries > 0


def test_photo_rights_expiry_purges_the_pages_showing_the_photo(client, two_articles, commit):
    a, b = two_articles
    urls = urls_of(a, b)
    a.photo.rights_expire_at = timezone.now() - timedelta(days=1)
    a.photo.save()
    warm(client, urls)
    commit(call_command, "photo_rights", "--purge-expired", stdout=StringIO())
    assert stale(client, urls, ALL) == A_PAGES | LISTS


def test_an_entry_committed_late_with_a_lower_id_is_not_missed():
    """On PostgreSQL ids are handed out before commit: id n+2 may be seen before
    id n+1. Pages rendered meanwhile must still go stale when n+1 shows up."""
    view = InvalidationState()
    base = Invalidation.objects.create(tag="warm-up").pk
    view.refresh(force=True)
    Invalidation.objects.create(pk=base + 2, tag="article:2")
    view.refresh(force=True)
    watermark = view.watermark()  # what a render now would record
    assert watermark == base
    Invalidation.objects.create(pk=base + 1, tag="article:1")  # commits late
    view.refresh(force=True)
    assert not view.is_fresh(watermark, ["article:1"])
    assert view.is_fresh(view.watermark(), ["article:1"]) and view.watermark() == base + 2
