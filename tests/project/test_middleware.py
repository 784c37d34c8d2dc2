"""Hostile bytes in requests are refused before they reach a view or the database."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw"))
    return client


@pytest.mark.parametrize(
    "path", ["/en/?x=a%00b", "/en/sections/a%00b/", "/en/articles/a%00b/", "/en/?a%00=1"]
)
def test_nul_bytes_in_urls_are_refused_not_500(client, path):
    assert client.get(path).status_code in (400, 404)


def test_nul_byte_in_admin_search_is_a_400(editor_client):
    url = reverse("admin:articles_article_changelist")
    assert editor_client.get(url, {"q": "a\x00b"}).status_code == 400
    assert editor_client.get(url, {"q": "ponte"}).status_code == 200


def test_nul_byte_in_a_posted_form_is_a_400_and_saves_nothing(editor_client):
    from articles.models import Author

    response = editor_client.post(reverse("admin:articles_author_add"), {"name": "X\x00Y"})
    assert response.status_code == 400
    assert not Author.objects.exists()


@pytest.mark.parametrize("name", [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "x"])
def test_a_nul_byte_in_a_cookie_is_a_400_not_500(client, name):
    """On PostgreSQL the session lookup of such a cookie would fail deep inside a view."""
    client.cookies[name] = "abcdefgh\x00ijklmnop"
    assert client.get("/admin/login/").status_code == 400
    assert client.post("/admin/login/", {"username": "a", "password": "b"}).status_code == 400


def test_a_nul_byte_in_an_anonymous_form_is_a_400(client):
    response = client.post("/admin/login/", {"username": "a\x00b", "password": "pw"})
    assert response.status_code == 400
