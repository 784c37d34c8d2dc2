"""Writes of photos: one service per action, shared by the admin, commands and importers.

An importer does what the admin does:

    image = validate_image_upload(file, name="agency-1234.jpg")
    photo = photo_create(image=image, credit="IC", captions={"pt": "…"})

Nothing is half-written: the row is saved in a transaction, the original is
written into a staging area and moved into place only once the transaction has
committed (staging.py says why), a file written for a save that fails is removed
again, and renditions are made by a background task after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial

from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext as _

from articles.domain.languages import column_name, value_in
from articles.models import Photo, Rendition
from articles.photos.cleanup import delete_original_if_unused
from articles.photos.specs import FAMILIES
from articles.photos.staging import discard, publish_after_commit, stage
from articles.photos.tasks import enqueue_renditions
from articles.photos.upload import ValidatedImage


class PhotoStorageError(Exception):
    """The storage refused the original (full, read-only, unreachable); nothing was saved."""


def photo_create(
    *,
    image: ValidatedImage,
    credit: str,
    copyright_holder: str = "",
    captions: Mapping[str, str] | None = None,
    alt_texts: Mapping[str, str] | None = None,
    rights_expire_at: datetime | None = None,
    on_staged: Callable[[Storage, str], None] | None = None,
) -> Photo:
    """A new photo from a validated image; captions and alt texts by language code."""
    photo = Photo(
        credit=credit, copyright_holder=copyright_holder, rights_expire_at=rights_expire_at
    )
    for field, texts in (("caption", captions), ("alt_text", alt_texts)):
        for code, text in (texts or {}).items():
            setattr(photo, column_name(field, code), text)
    return photo_save(photo=photo, image=image, on_staged=on_staged)


def photo_save(
    *,
    photo: Photo,
    image: ValidatedImage | None = None,
    on_staged: Callable[[Storage, str], None] | None = None,
) -> Photo:
    """Save a new or edited photo, with `image` as its (new) original if given.

    Validates the row first (ValidationError changes nothing). A new original
    replaces every rendition; a moved focal point replaces the square ones.
    PhotoStorageError when the original cannot be written. `on_staged` is told
    the staged file, for a caller whose own transaction may still roll back.
    """
    before = Photo.objects.filter(pk=photo.pk).first() if photo.pk else None
    staged = _store_original(photo, image) if image is not None else None
    try:
        with transaction.atomic():
            photo.full_clean()
            photo.save()
            if before is not None:
                _drop_outdated_renditions(photo, before)
    except BaseException:
        if staged:
            discard(photo.image.storage, staged)
        raise
    if staged:
        # Registered before the renditions task, so the original is in place when it runs.
        storage = photo.image.storage
        transaction.on_commit(partial(publish_after_commit, storage, staged, photo.image.name))
        if on_staged:
            on_staged(storage, staged)
    if before is not None and before.image.name != photo.image.name:
        transaction.on_commit(partial(delete_original_if_unused, before.image.name))
    enqueue_renditions(photo.pk)
    return photo


def photo_texts_save(
    *,
    photo: Photo,
    captions: Mapping[str, str] | None = None,
    alt_texts: Mapping[str, str] | None = None,
) -> list[str]:
    """Write the given captions and alt texts (by language code); the rest stay as they are.

    Only the texts' own columns are written, so an edit of them never touches the
    original or the renditions. Returns the columns that changed.
    """
    changed = []
    for field, texts in (("caption", captions), ("alt_text", alt_texts)):
        for code, text in (texts or {}).items():
            if (value_in(photo, field, code) or "") != text:
                column = column_name(field, code)
                setattr(photo, column, text)
                changed.append(column)
    if changed:
        photo.save(update_fields=changed)
    return changed


@transaction.atomic
def photo_rights_expire(*, now: datetime | None = None) -> int:
    """Delete the renditions of every photo whose rights have expired; return how many.

    Readers stop seeing such a photo at once (the pages check the date); this
    also stops its files being served from storage or a CDN. The original is
    kept, so a photo whose rights are renewed gets its renditions back.
    """
    count, _by_model = Rendition.objects.filter(
        photo__in=Photo.objects.rights_expired(now)
    ).delete()
    return count


def _store_original(photo: Photo, image: ValidatedImage) -> str | None:
    """Stage the original in the private storage; return the staged name if this call wrote it."""
    storage = photo.image.storage
    name = image.storage_name
    staged = None
    try:
        if not storage.exists(name):  # the same bytes were uploaded before: share the file
            staged = stage(storage, name, image.content)
    except OSError as error:
        raise PhotoStorageError(
            _("The photo could not be stored in the storage for originals: %(reason)s.")
            % {"reason": error.strerror or error}
        ) from error
    photo.image.name = name
    photo.original_filename = image.original_filename
    photo.sha256 = image.sha256
    photo.width, photo.height = image.width, image.height
    photo.placeholder_colour = image.average_colour
    return staged


def _drop_outdated_renditions(photo: Photo, before: Photo) -> None:
    # Rows go now, in the transaction; their files after commit (cleanup.py).
    if before.image.name != photo.image.name:
        photo.renditions.all().delete()
    elif (before.focal_x, before.focal_y) != (photo.focal_x, photo.focal_y):
        squares = [spec.name for spec in FAMILIES["square"]]
        Rendition.objects.filter(photo=photo, spec__in=squares).delete()
