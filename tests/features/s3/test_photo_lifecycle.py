"""A photo's life on S3: uploaded through the admin, rendered, served, rebuilt, expired.

Originals go to the private bucket and have no URL anyone can fetch; renditions
go to the public bucket, and every URL a page prints is fetched from the S3
server over HTTP and checked against what the page claims (format, width) and
against its own name (which carries its content's SHA-256).
"""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Photo, Rendition
from articles.photos.services import photo_save
from tests.features.test_storage_faults import files_in, photo_form
from tests.support.factories import ArticleFactory, PhotoFactory, jpeg_bytes
from tests.support.s3_server import assert_served_as_printed, fetch, printed_images

pytestmark = [pytest.mark.s3, pytest.mark.django_db]


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "e@example.org", "pw-1"))
    return client


def test_an_admin_upload_keeps_the_original_private_and_serves_renditions_from_s3(
    s3, editor_client, client, settings, django_capture_on_commit_callbacks
):
    content = jpeg_bytes(1000, 640, color=(30, 110, 160))
    upload = SimpleUploadedFile("harbour at dawn.jpg", content, "image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:articles_photo_add"), photo_form(upload))
    assert response.status_code == 302
    photo = Photo.objects.get()

    # The original: in the private bucket only, byte for byte, under its content name.
    assert s3.keys(s3.originals) == [photo.image.name]
    assert s3.read(s3.originals, photo.image.name) == content
    assert photo.sha256 == hashlib.sha256(content).hexdigest()
    # No URL: the storage refuses to make one, and the object refuses a reader.
    with pytest.raises(ValueError, match="private original"):
        storages["originals"].url(photo.image.name)
    status, _, _ = fetch(f"{s3.server.url}/{s3.originals}/{photo.image.name}")
    assert status == 403

    # The renditions: in the public bucket, one object per ready row, nothing else.
    ready = Rendition.objects.ready().filter(photo=photo)
    assert ready.count() == photo.renditions.count() > 6
    assert s3.keys(s3.media) == sorted(r.file.name for r in ready)
    # Nothing went to the local disk on the way.
    assert files_in(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT) == []

    article = ArticleFactory(languages=("pt",), photo=photo)
    page = client.get(article.get_absolute_url("pt"))
    assert page.status_code == 200
    served = assert_served_as_printed(s3, page.content)
    lead = {r.file.name for r in ready if r.spec.startswith("lead")}
    assert served == lead
    text = page.content.decode()
    assert s3.originals not in text and photo.image.name not in text


def test_rebuild_renditions_puts_back_a_lost_file_and_leaves_no_other(
    s3, client, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(captions=("pt",))
    article = ArticleFactory(languages=("pt",), photo=photo)
    names = sorted(photo.renditions.values_list("file", flat=True))
    assert s3.keys(s3.media) == names
    lost = next(n for n in names if n.endswith(".webp"))
    s3.client.delete_object(Bucket=s3.media, Key=lost)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", stdout=out)
    assert f"1 photos, {len(names)} renditions made, 0 failed" in out.getvalue()
    rows = sorted(photo.renditions.values_list("file", flat=True))
    assert s3.keys(s3.media) == rows and lost in rows
    assert_served_as_printed(s3, client.get(article.get_absolute_url("pt")).content)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", "--spec", "square-200", stdout=(out := io.StringIO()))
    assert "1 photos, 3 renditions made, 0 failed" in out.getvalue()
    assert s3.keys(s3.media) == sorted(photo.renditions.values_list("file", flat=True))


def test_expired_rights_delete_the_renditions_from_the_bucket_and_a_renewal_brings_them_back(
    s3, client, django_capture_on_commit_callbacks
):
    photo = PhotoFactory(captions=("pt",))
    article = ArticleFactory(languages=("pt",), photo=photo)
    urls = [url for url, _, _ in printed_images(client.get(article.get_absolute_url("pt")).content)]
    assert urls and all(fetch(url)[0] == 200 for url in urls)

    made = photo.renditions.count()
    photo.rights_expire_at = timezone.now() - timedelta(minutes=1)
    photo_save(photo=photo)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("photo_rights", "--purge-expired", stdout=out)
    assert f"Renditions of expired photos deleted: {made}" in out.getvalue()
    assert s3.keys(s3.media) == []
    assert all(fetch(url)[0] in (403, 404) for url in urls)
    assert b"<picture" not in client.get(article.get_absolute_url("pt")).content
    assert s3.keys(s3.originals) == [photo.image.name]  # kept, for a renewal

    photo.rights_expire_at = None
    photo_save(photo=photo)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", "--missing-only", stdout=io.StringIO())
    assert s3.keys(s3.media) == sorted(photo.renditions.values_list("file", flat=True))
    assert_served_as_printed(s3, client.get(article.get_absolute_url("pt")).content)
