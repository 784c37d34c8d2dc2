"""Oversized or absurd requests get a quick 400 or 413, never a 500."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

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


def test_too_many_form_fields_is_a_400(client):
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post("/admin/login/", data).status_code == 400


def test_too_much_form_data_is_a_400(client):
    data = {"username": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    assert client.post("/admin/login/", data).status_code == 400


def test_a_body_over_the_limit_is_a_413_before_it_is_read(client):
    response = client.generic(
        "POST",
        "/admin/login/",
        b"",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BODY_BYTES + 1),
    )
    assert response.status_code == 413


def test_an_invalid_content_length_is_a_400(client):
    response = client.generic("POST", "/admin/login/", b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400


def test_a_photo_sized_upload_is_not_refused_by_the_body_limit(client):
    response = client.generic(
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


def test_too_many_fields_in_a_multipart_upload_is_a_400(client):
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    data["upload"] = SimpleUploadedFile("a.jpg", b"x", "image/jpeg")
    assert client.post("/admin/login/", data).status_code == 400


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
