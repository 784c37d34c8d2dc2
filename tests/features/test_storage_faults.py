"""Media storage full or unwritable: a clear error naming what failed, nothing half-written.

Originals (the private storage) are written during the upload or import, so a
failure there refuses the whole save. Renditions (the public storage) are made
after the commit, so a failure there leaves the photo saved without them, is
logged, and `rebuild_renditions --missing-only` makes them once there is room.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.domain.languages import LANGUAGE_CODES, column_name
from articles.models import Article, Photo, Rendition
from tests.support.factories import ArticleFactory, jpeg_bytes
from tests.support.ninjs_support import picture_bytes, text_doc, write_json

pytestmark = pytest.mark.django_db

FAILURES = {
    "full": ("tests.support.failing_storage.FullOriginals", "No space left on device"),
    "read-only": ("tests.support.failing_storage.ReadOnlyOriginals", "Permission denied"),
}


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw-1"))
    return client


def break_storage(settings, alias: str, backend: str) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        alias: {**settings.STORAGES[alias], "BACKEND": backend},
    }


def files_in(*roots: Path) -> list[Path]:
    return [p for root in roots if root.exists() for p in root.rglob("*") if p.is_file()]


def photo_form(upload) -> dict:
    data = {"upload": upload, "credit": "IC", "focal_x": "0.5", "focal_y": "0.5"}
    for code in LANGUAGE_CODES:
        data[column_name("caption", code)] = "Caption" if code == "pt" else ""
        data[column_name("alt_text", code)] = ""
    return data


@pytest.mark.parametrize("failure", FAILURES)
def test_admin_upload_into_a_broken_originals_storage_is_a_form_error(
    editor_client, settings, django_capture_on_commit_callbacks, failure
):
    backend, reason = FAILURES[failure]
    break_storage(settings, "originals", backend)
    upload = SimpleUploadedFile("harbour.jpg", jpeg_bytes(), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:articles_photo_add"), photo_form(upload))
    assert response.status_code == 200  # the form again, with what the editor typed
    page = BeautifulSoup(response.content, "html.parser")
    errors = " ".join(e.get_text() for e in page.select(".errorlist"))
    assert reason in errors and "originals" in errors and "Nothing was saved" in errors
    caption = page.select_one("[name=caption_pt]")
    assert (caption.get("value") or caption.get_text()).strip() == "Caption"
    assert not Photo.objects.exists()
    assert files_in(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


@pytest.mark.parametrize("failure", FAILURES)
def test_import_into_a_broken_originals_storage_imports_nothing(settings, tmp_path, failure):
    backend, reason = FAILURES[failure]
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "bridge.jpg").write_bytes(picture_bytes((640, 400)))
    picture = {
        "uri": "urn:test:picture",
        "type": "picture",
        "by": "Tomas Reed",
        "renditions": [{"href": "bridge.jpg", "contentType": "image/jpeg"}],
    }
    write_json(
        tmp_path / "wire" / "items.json",
        [text_doc("urn:test:a", associations=[picture]), text_doc("urn:test:b")],
    )
    break_storage(settings, "originals", backend)
    with pytest.raises(CommandError) as refused:
        call_command("import_ninjs", str(tmp_path / "wire"), "--publish")
    message = str(refused.value)
    assert "Nothing was imported" in message and reason in message and "bridge.jpg" in message
    assert not Article.objects.exists() and not Photo.objects.exists()
    assert files_in(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_a_full_media_storage_leaves_the_photo_saved_and_the_renditions_to_rebuild(
    editor_client, settings, django_capture_on_commit_callbacks, caplog, client
):
    break_storage(settings, "default", "tests.support.failing_storage.FullMedia")
    upload = SimpleUploadedFile("harbour.jpg", jpeg_bytes(), "image/jpeg")
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:articles_photo_add"), photo_form(upload))
    assert response.status_code == 302  # the editor's work is saved
    photo = Photo.objects.get()
    assert photo.image.storage.exists(photo.image.name)
    assert f"Making the renditions of photo {photo.pk} failed" in caplog.text
    assert "No space left on device" in caplog.text
    # No rendition rows (the claims were given up) and no partial files.
    assert not Rendition.objects.exists()
    assert files_in(settings.MEDIA_ROOT) == []
    # Readers get the article without a (broken) picture.
    article = ArticleFactory(languages=("pt",), photo=photo)
    page = client.get(article.get_absolute_url("pt"))
    assert page.status_code == 200 and b"<picture" not in page.content

    # Still full: the rebuild says which photo and why, and changes nothing.
    with pytest.raises(CommandError, match="1 photo"):
        call_command(
            "rebuild_renditions", "--missing-only", stdout=_Sink(), stderr=(err := _Sink())
        )
    assert f"Photo #{photo.pk}" in err.text and "No space left on device" in err.text
    assert files_in(settings.MEDIA_ROOT) == [] and not Rendition.objects.exists()

    break_storage(settings, "default", "django.core.files.storage.FileSystemStorage")
    call_command("rebuild_renditions", "--missing-only", stdout=_Sink())
    assert Rendition.objects.ready().filter(photo=photo).count() == photo.renditions.count() > 0
    assert b"<picture" in client.get(article.get_absolute_url("pt")).content


class _Sink:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
