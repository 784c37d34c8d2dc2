"""Rights expiry and missing alt text: what readers stop seeing and what the desk is told."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.domain.languages import value_in
from articles.models import Photo
from tests.support.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-editor-1")
    client.force_login(user)
    return client


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def expire(photo: Photo, delta: timedelta) -> None:
    photo.rights_expire_at = timezone.now() + delta
    photo.save(update_fields=["rights_expire_at"])


def test_expired_photo_disappears_from_every_language_and_list(client):
    photo = PhotoFactory(captions=("pt", "en"), credit="IC")
    article = ArticleFactory(languages=("pt", "en"), photo=photo)
    expire(photo, -timedelta(minutes=1))
    for code in ("pt", "en"):
        response = client.get(article.get_absolute_url(code))
        assert response.status_code == 200
        page = soup(response)
        assert page.h1.get_text() == value_in(article, "title", code)  # the article stays
        assert page.find("figure") is None and page.find("img") is None
        assert "IC" not in page.get_text() and "Caption in" not in page.get_text()
        front = soup(client.get(f"/{code}/"))
        assert article.get_absolute_url(code) in str(front)
        assert front.find("img") is None


def test_photo_is_shown_until_its_rights_expire(client):
    photo = PhotoFactory()
    article = ArticleFactory(languages=("en",), photo=photo)
    expire(photo, timedelta(hours=1))
    assert soup(client.get(article.get_absolute_url("en"))).find("figure") is not None


def test_photo_rights_command_lists_expired_and_expiring_with_their_articles():
    gone = PhotoFactory(credit="Gone Agency")
    soon = PhotoFactory(credit="Soon Agency")
    later = PhotoFactory(credit="Later Agency")
    ArticleFactory(languages=("en",), photo=gone)
    expire(gone, -timedelta(days=1))
    expire(soon, timedelta(days=3))
    expire(later, timedelta(days=60))
    out = StringIO()
    call_command("photo_rights", "--days", "7", stdout=out)
    text = out.getvalue()
    expired_part, expiring_part = text.split("Expiring within 7 days")
    assert "Expired: 1" in expired_part and "Gone Agency" in expired_part
    assert "Headline" in expired_part  # the article that used it
    assert "Soon Agency" in expiring_part
    assert "Later Agency" not in text


def test_purge_deletes_the_renditions_of_expired_photos_only():
    gone, kept = PhotoFactory(), PhotoFactory()
    expire(gone, -timedelta(days=1))
    call_command("photo_rights", "--purge-expired", stdout=StringIO())
    assert not gone.renditions.exists()
    assert kept.renditions.exists()
    assert gone.image.storage.exists(gone.image.name)  # the original stays


def test_admin_warns_on_the_photo_and_article_pages_and_filters_expired(editor_client):
    photo = PhotoFactory(credit="Gone Agency")
    article = ArticleFactory(languages=("en",), photo=photo)
    expire(photo, -timedelta(days=1))
    for url in (
        reverse("admin:articles_photo_change", args=[photo.pk]),
        reverse("admin:articles_article_change", args=[article.pk]),
    ):
        warnings = soup(editor_client.get(url)).select(".messagelist .warning")
        assert any("expired" in w.get_text() for w in warnings), url
    listing = editor_client.get(reverse("admin:articles_photo_changelist"), {"rights": "expired"})
    assert "Gone Agency" in listing.content.decode()
    listing = editor_client.get(reverse("admin:articles_photo_changelist"), {"rights": "expiring"})
    assert "Gone Agency" not in listing.content.decode()


def test_missing_alt_text_is_flagged_per_language(editor_client):
    photo = PhotoFactory(captions=("en",), credit="Alt Agency")  # alt text in en only
    article = ArticleFactory(languages=("en", "pt"), photo=photo)
    listing = soup(editor_client.get(reverse("admin:articles_photo_changelist")))
    flagged = [a.get_text() for a in listing.select(".alt-missing abbr")]
    assert flagged == ["pt"]
    url = reverse("admin:articles_photo_changelist")
    assert "Alt Agency" in editor_client.get(url, {"alt_missing": "pt"}).content.decode()
    assert "Alt Agency" not in editor_client.get(url, {"alt_missing": "en"}).content.decode()
    page = soup(editor_client.get(reverse("admin:articles_article_change", args=[article.pk])))
    warnings = " ".join(w.get_text() for w in page.select(".messagelist .warning"))
    assert "no alt text in: Português (pt)" in warnings
