"""A photo's rights expiry cuts cache lifetimes as a go-live or an embargo does:
no cached page, and no CDN copy, shows the photo past `rights_expire_at`
(articles/cache/invalidation.py: `next_clock_event`, `article_clock_event`)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from articles.models import Rendition
from tests.support.factories import ArticleFactory, PhotoFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]

EXPIRES_IN = 60


@pytest.fixture(autouse=True)
def no_background_reads(settings):
    settings.PAGE_CACHE_CHECK_SECONDS = 3600
    settings.CDN_PURGE_URL = "http://127.0.0.1:9/purge"  # the longest CDN lifetimes


@pytest.fixture
def article(db):
    photo = PhotoFactory(captions=("en",))
    photo.rights_expire_at = timezone.now() + timedelta(seconds=EXPIRES_IN)
    photo.save()
    return ArticleFactory(languages=("en",), photo=photo)


def urls(article) -> dict[str, str]:
    with translation.override("en"):
        section = article.section.get_absolute_url()
    return {
        "article": article.get_absolute_url("en"),
        "front": "/en/",
        "section": section,
        "rss": "/en/feeds/rss/",
        "atom": "/en/feeds/atom/",
        "api": f"/api/ninjs/en/{article.pk}/",
        "api_list": "/api/ninjs/en/",
    }


def shows_photo(content: bytes, photo) -> bool:
    names = [r.file.name.rsplit("/", 1)[-1] for r in Rendition.objects.filter(photo=photo)]
    text = content.decode()
    return any(name in text for name in names)


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


def test_expired_photo_rights_end_every_cached_page_that_shows_it(client, article, monkeypatch):
    pages = urls(article)
    for name, url in pages.items():
        response, _ = get(client, url)
        assert shows_photo(response.content, article.photo), name
        control = response["Cache-Control"]
        s_maxage = int(control.split("s-maxage=")[1].split(",")[0])
        assert s_maxage <= EXPIRES_IN, (name, control)
        assert int(control.split("stale-while-revalidate=")[1]) <= EXPIRES_IN, (name, control)
        _, queries = get(client, url)
        assert queries == 0, f"{name} is not cached before the expiry"

    later = time.time() + EXPIRES_IN + 1
    moved = timezone.now() + timedelta(seconds=EXPIRES_IN + 1)
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(timezone, "now", lambda: moved)
    for name, url in pages.items():
        response, queries = get(client, url)
        assert queries > 0, f"{name} was served from the cache past the photo's rights"
        assert not shows_photo(response.content, article.photo), name


def test_the_article_page_json_ld_and_previews_drop_the_photo_at_expiry(
    client, article, monkeypatch
):
    url = article.get_absolute_url("en")
    before = client.get(url).content.decode()
    assert "og:image" in before and '"ImageObject"' in before and "<picture" in before
    moved = timezone.now() + timedelta(seconds=EXPIRES_IN + 1)
    later = time.time() + EXPIRES_IN + 1
    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(timezone, "now", lambda: moved)
    after = client.get(url).content.decode()
    assert "og:image" not in after and '"ImageObject"' not in after and "<picture" not in after
