"""Oversized or absurd requests get a quick 400 or 413, never a 500."""

import io
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.models import Photo
from tests.support import images

URLENCODED = "application/x-www-form-urlencoded"

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw"))
    return client


def test_the_admin_article_form_fits_the_field_limit_with_room(editor_client, article_pt_en):
    page = editor_client.get(f"/admin/articles/article/{article_pt_en.pk}/change/")
    form = BeautifulSoup(page.content, "html.parser").select_one("form#article_form")
    fields = [e for e in form.select("input, select, textarea") if e.get("name")]
    assert 150 < len(fields) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS / 2


def test_too_many_form_fields_is_a_400(editor_client):
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    # Anonymous: a small urlencoded body, under the anonymous body limit.
    assert Client().post("/admin/login/", urlencode(data), URLENCODED).status_code == 400
    assert editor_client.post("/admin/login/", data).status_code == 400


def test_too_much_form_data_is_a_400(editor_client):
    data = {"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    assert editor_client.post("/admin/login/", data).status_code == 400


def test_a_body_over_the_limit_is_a_413_before_it_is_read(editor_client):
    stream = CountingInput(b"x" * 1024)
    response = editor_client.generic(
        "POST",
        "/admin/login/",
        b"",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BODY_BYTES + 1),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 413
    assert stream.bytes_read == 0


@pytest.mark.parametrize("length", ["lots", "-1"])
def test_an_invalid_content_length_is_a_400(client, length):
    response = client.generic("POST", "/admin/login/", b"", CONTENT_LENGTH=length)
    assert response.status_code == 400


def test_a_photo_sized_upload_is_not_refused_by_the_body_limit(editor_client):
    response = editor_client.generic(
        "POST",
        "/admin/login/",
        b"",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.PHOTO_MAX_UPLOAD_BYTES + 1024),
    )
    assert response.status_code not in (400, 413, 500)


def test_too_many_query_string_fields_is_a_400(client):
    """The field limit holds for query strings too (a public page, not only forms)."""
    query = "&".join(f"f{i}=x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert client.get(f"/en/search/?{query}").status_code == 400


def test_too_many_fields_in_a_multipart_upload_is_a_400(editor_client):
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    data["upload"] = SimpleUploadedFile("a.jpg", b"x", "image/jpeg")
    assert editor_client.post("/admin/login/", data).status_code == 400


def test_too_many_files_is_a_400(client):
    files = {
        f"f{i}": SimpleUploadedFile(f"{i}.jpg", b"x", "image/jpeg")
        for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    assert client.post("/admin/login/", files).status_code == 400


@pytest.mark.parametrize(
    "header,language",
    [
        # Only the first 500 characters are read: a preference behind them is ignored...
        ("x-junk;q=0.9," * 40_000 + "pt", "en"),
        # ...and one in front of them is honoured, however long the rest.
        ("pt," + "x-junk;q=0.9," * 40_000, "pt"),
    ],
    ids=["behind-the-limit", "in-front"],
)
def test_an_enormous_accept_language_is_read_only_as_far_as_the_limit(client, header, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


# --- Anonymous bodies: small, or refused before they are read --------------------

TWENTY_MB = 20 * 1024 * 1024


class CountingInput(io.BytesIO):
    """A WSGI input that counts the bytes the server read from it."""

    bytes_read = 0

    def read(self, size=-1, /):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1, /):
        data = super().readline(size)
        self.bytes_read += len(data)
        return data


def _multipart_post(client, path, *, file_bytes: int, **extra):
    """POST a login-shaped multipart form with a file of `file_bytes` bytes,
    through the test client's real request path; returns (response, input)."""
    body = encode_multipart(
        BOUNDARY,
        {
            "username": "ed",
            "password": "pw",
            "upload": SimpleUploadedFile("big.jpg", b"\xff" * file_bytes, "image/jpeg"),
        },
    )
    stream = CountingInput(body)
    response = client.generic(
        "POST", path, body, MULTIPART_CONTENT, **{"wsgi.input": stream}, **extra
    )
    return response, stream


@pytest.mark.parametrize("path", ["/admin/login/", "/en/", "/en/search/", "/api/ninjs/en/"])
def test_an_anonymous_upload_sized_body_is_a_413_before_it_is_read(client, path):
    response, stream = _multipart_post(client, path, file_bytes=TWENTY_MB)
    assert response.status_code == 413
    assert stream.bytes_read == 0


def test_a_forged_session_cookie_does_not_make_a_request_staff(client):
    client.cookies[settings.SESSION_COOKIE_NAME] = "forged-session-key-0123456789"
    response, stream = _multipart_post(client, "/admin/login/", file_bytes=TWENTY_MB)
    assert response.status_code == 413
    assert stream.bytes_read == 0


def test_a_logged_in_reader_who_is_not_staff_may_not_send_large_bodies(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw-reader-1"))
    response, stream = _multipart_post(client, "/en/", file_bytes=TWENTY_MB)
    assert response.status_code == 413
    assert stream.bytes_read == 0


def test_the_login_form_is_far_under_the_anonymous_limit(client, django_user_model):
    django_user_model.objects.create_superuser("ed", "e@example.org", "pw-editor-1")
    data = {"username": "ed", "password": "pw-editor-1", "next": "/admin/"}
    assert len(encode_multipart(BOUNDARY, data)) < settings.REQUEST_ANONYMOUS_MAX_BODY_BYTES / 20
    assert client.post("/admin/login/", data).status_code == 302


def test_an_editor_uploads_a_photo_larger_than_the_anonymous_limit(editor_client):
    photo = images.encoded(images.noisy(400, 300), "PNG")
    assert len(photo) > settings.REQUEST_ANONYMOUS_MAX_BODY_BYTES
    data = {"upload": SimpleUploadedFile("big.png", photo, "image/png"), "credit": "IC"}
    data |= {"focal_x": "0.5", "focal_y": "0.5"}
    for code in LANGUAGE_CODES:
        data[column_name("caption", code)] = data[column_name("alt_text", code)] = ""
    response = editor_client.post(reverse("admin:articles_photo_add"), data)
    assert response.status_code == 302, response.content[:2000]
    assert Photo.objects.get().width == 400
