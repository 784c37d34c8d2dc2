"""A bucket that refuses writes, or hangs: the editor is told, and nothing is half-written.

The same guarantee as tests/features/test_storage_faults.py gives for a full or
read-only disk: an original the private bucket will not take refuses the whole
save, with a message naming the bucket and why, and leaves no row and no object
behind; renditions the public bucket will not take leave the photo saved
without them, and `rebuild_renditions --missing-only` makes them once the
bucket takes writes again.
"""

from __future__ import annotations

import io
import logging

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Photo, Rendition
from tests.features.test_storage_faults import files_in, photo_form
from tests.support.factories import ArticleFactory, jpeg_bytes
from tests.support.s3_server import use_s3
from tests.support.stalling_proxy import StallingProxy

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw-1"))
    return client


def upload(editor_client, django_capture_on_commit_callbacks):
    """The admin's add form, posted with a JPEG and a Portuguese caption; the response."""
    picture = SimpleUploadedFile("harbour.jpg", jpeg_bytes(640, 400), "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        return editor_client.post(reverse("admin:articles_photo_add"), photo_form(picture))


def assert_refused(response, *reasons: str) -> None:
    """The form again, with what the editor typed and an error giving the reason."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    errors = " ".join(e.get_text() for e in page.select(".errorlist"))
    assert "storage for originals" in errors and "Nothing was saved" in errors
    for reason in reasons:
        assert reason in errors
    caption = page.select_one("[name=caption_pt]")
    assert (caption.get("value") or caption.get_text()).strip() == "Caption"


def assert_nothing_written(s3, settings) -> None:
    assert not Photo.objects.exists() and not Rendition.objects.exists()
    assert s3.keys(s3.originals) == [] and s3.keys(s3.media) == []
    assert files_in(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []


def test_an_originals_bucket_that_refuses_writes_refuses_the_upload(
    s3, editor_client, settings, django_capture_on_commit_callbacks
):
    s3.refuse_writes(s3.originals)
    response = upload(editor_client, django_capture_on_commit_callbacks)
    assert_refused(response, f"the S3 bucket {s3.originals} refused PutObject")
    assert_nothing_written(s3, settings)


def test_a_missing_originals_bucket_refuses_the_upload(
    s3, editor_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    use_s3(settings, monkeypatch, s3.environment(S3_ORIGINALS_BUCKET="originals-never-made"))
    response = upload(editor_client, django_capture_on_commit_callbacks)
    assert_refused(
        response,
        "the S3 bucket originals-never-made refused PutObject",
        "The specified bucket does not exist",
    )
    assert_nothing_written(s3, settings)


def test_an_endpoint_that_hangs_on_writes_fails_the_upload_within_its_timeout(
    s3, editor_client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    host, port = s3.server.url.removeprefix("http://").split(":")
    with StallingProxy((host, int(port))) as proxy:
        use_s3(settings, monkeypatch, s3.environment(endpoint=proxy.url, S3_TIMEOUT="1"))
        response = upload(editor_client, django_capture_on_commit_callbacks)
        assert proxy.stalled >= 1  # the write reached the hanging endpoint
    assert_refused(response, f"the S3 bucket {s3.originals} did not answer within 1.0 s")
    assert_nothing_written(s3, settings)


def test_a_media_bucket_that_refuses_writes_leaves_the_photo_saved_and_renditions_to_rebuild(
    s3, editor_client, client, settings, caplog, django_capture_on_commit_callbacks
):
    s3.refuse_writes(s3.media)
    with caplog.at_level(logging.ERROR):
        response = upload(editor_client, django_capture_on_commit_callbacks)
    assert response.status_code == 302  # the editor's work is saved
    photo = Photo.objects.get()
    assert s3.keys(s3.originals) == [photo.image.name]
    assert f"Making the renditions of photo {photo.pk} failed" in caplog.text
    assert f"the S3 bucket {s3.media} refused PutObject" in caplog.text
    # No rendition rows (the claims were given up) and no objects.
    assert not Rendition.objects.exists() and s3.keys(s3.media) == []
    article = ArticleFactory(languages=("pt",), photo=photo)
    page = client.get(article.get_absolute_url("pt"))
    assert page.status_code == 200 and b"<picture" not in page.content

    err = io.StringIO()
    with pytest.raises(CommandError, match="1 photo"):
        call_command("rebuild_renditions", "--missing-only", stdout=io.StringIO(), stderr=err)
    assert f"Photo #{photo.pk}" in err.getvalue() and "refused PutObject" in err.getvalue()
    assert not Rendition.objects.exists() and s3.keys(s3.media) == []

    s3.allow_public_reads(s3.media)  # the deployment's policy, without the deny
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", "--missing-only", stdout=io.StringIO())
    ready = Rendition.objects.ready().filter(photo=photo)
    assert ready.count() == photo.renditions.count() > 0
    assert s3.keys(s3.media) == sorted(r.file.name for r in ready)
    assert b"<picture" in client.get(article.get_absolute_url("pt")).content
