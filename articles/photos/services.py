"""Writes of photos: one service per action, shared by the admin, commands and importers.

An importer does what the admin does:

    image = validate_image_upload(file, name="agency-1234.jpg")
    photo = photo_create(image=image, credit="IC", captions={"pt": "…"})

Nothing is half-written: the row is saved in a transaction, a file written for
a save that fails is removed again, and renditions are made by a background
task only once the transaction has committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction

from ..languages import column_suffix
from ..models import Photo, Rendition
from .cleanup import delete_original_if_unused
from .specs import FAMILIES
from .tasks import enqueue_renditions
from .upload import ValidatedImage


def photo_create(
    *,
    image: ValidatedImage,
    credit: str,
    copyright_holder: str = "",
    captions: Mapping[str, str] | None = None,
    alt_texts: Mapping[str, str] | None = None,
    rights_expire_at: datetime | None = None,
) -> Photo:
    """A new photo from a validated image; captions and alt texts by language code."""
    photo = Photo(
        credit=credit, copyright_holder=copyright_holder, rights_expire_at=rights_expire_at
    )
    for field, texts in (("caption", captions), ("alt_text", alt_texts)):
        for code, text in (texts or {}).items():
            setattr(photo, f"{field}_{column_suffix(code)}", text)
    return photo_save(photo=photo, image=image)


def photo_save(*, photo: Photo, image: ValidatedImage | None = None) -> Photo:
    """Save a new or edited photo, with `image` as its (new) original if given.

    Validates the row first (ValidationError changes nothing). A new original
    replaces every rendition; a moved focal point replaces the square ones.
    """
    before = Photo.objects.filter(pk=photo.pk).first() if photo.pk else None
    written = _store_original(photo, image) if image is not None else None
    try:
        with transaction.atomic():
            photo.full_clean()
            photo.save()
            if before is not None:
                _drop_outdated_renditions(photo, before)
    except BaseException:
        if written:
            photo.image.storage.delete(written)
        raise
    if before is not None and before.image.name != photo.image.name:
        transaction.on_commit(partial(delete_original_if_unused, before.image.name))
    enqueue_renditions(photo.pk)
    return photo


def _store_original(photo: Photo, image: ValidatedImage) -> str | None:
    """Put the original in the private storage; return its name if this call wrote it."""
    storage = photo.image.storage
    name = image.storage_name
    written = None
    if not storage.exists(name):  # the same bytes were uploaded before: share the file
        name = written = storage.save(name, ContentFile(image.content))
    photo.image.name = name
    photo.original_filename = image.original_filename
    photo.sha256 = image.sha256
    photo.width, photo.height = image.width, image.height
    photo.placeholder_colour = image.average_colour
    return written


def _drop_outdated_renditions(photo: Photo, before: Photo) -> None:
    # Rows go now, in the transaction; their files after commit (cleanup.py).
    if before.image.name != photo.image.name:
        photo.renditions.all().delete()
    elif (before.focal_x, before.focal_y) != (photo.focal_x, photo.focal_y):
        squares = [spec.name for spec in FAMILIES["square"]]
        Rendition.objects.filter(photo=photo, spec__in=squares).delete()
