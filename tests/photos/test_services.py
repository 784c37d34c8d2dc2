"""The photo services called directly: texts written alone, renditions of expired rights removed."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.domain.languages import value_in
from articles.models import Photo, Rendition
from articles.photos.services import photo_rights_expire, photo_texts_save
from tests.support.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def _expire(photo: Photo, delta: timedelta) -> None:
    Photo.objects.filter(pk=photo.pk).update(rights_expire_at=timezone.now() + delta)


def test_photo_texts_save_writes_only_the_texts_given_and_reports_them():
    photo = PhotoFactory(captions=("pt", "en"))
    renditions = set(photo.renditions.values_list("pk", flat=True))
    caption_en = value_in(photo, "caption", "en")
    changed = photo_texts_save(
        photo=photo,
        captions={"pt": "Nova legenda", "en": caption_en},
        alt_texts={"de": "Ein Hafen bei Nacht"},
    )
    assert changed == ["caption_pt", "alt_text_de"]
    stored = Photo.objects.get(pk=photo.pk)
    assert value_in(stored, "caption", "pt") == "Nova legenda"
    assert value_in(stored, "caption", "en") == caption_en
    assert value_in(stored, "alt_text", "de") == "Ein Hafen bei Nacht"
    assert set(stored.renditions.values_list("pk", flat=True)) == renditions
    assert photo_texts_save(photo=stored, captions={"pt": "Nova legenda"}) == []


def test_photo_rights_expire_deletes_the_renditions_of_expired_photos_only():
    gone, soon, kept = PhotoFactory(), PhotoFactory(), PhotoFactory()
    _expire(gone, -timedelta(minutes=1))
    _expire(soon, timedelta(days=1))
    expected = gone.renditions.count()
    assert expected
    assert photo_rights_expire() == expected
    assert not Rendition.objects.filter(photo=gone).exists()
    assert Rendition.objects.filter(photo=soon).exists()
    assert Rendition.objects.filter(photo=kept).exists()
    assert gone.image.storage.exists(gone.image.name)  # the original stays
    assert photo_rights_expire() == 0
    # At a later moment the photo whose rights were still running is expired too.
    assert photo_rights_expire(now=timezone.now() + timedelta(days=2)) > 0
    assert not Rendition.objects.filter(photo=soon).exists()


def test_the_command_reports_what_the_service_deleted():
    gone = PhotoFactory()
    _expire(gone, -timedelta(minutes=1))
    count = gone.renditions.count()
    out = StringIO()
    call_command("photo_rights", "--purge-expired", stdout=out)
    assert f"Renditions of expired photos deleted: {count}" in out.getvalue()
    out = StringIO()
    call_command("photo_rights", "--purge-expired", stdout=out)
    assert "Renditions of expired photos deleted: 0" in out.getvalue()
