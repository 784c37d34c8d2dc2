"""Files follow their rows: deleted after the deleting transaction commits.

Signals rather than service code because rows also go by cascade (a photo's
renditions) and by the admin's bulk delete, which call no model method.

What a killed process leaves is swept later (`manage.py sweep_staging`):
staged originals (articles/photos/staging.py), and rendition files that no
row names. Those come from a process killed after writing a rendition but
before its row committed, or after a rebuild committed but before it deleted
the file the row named until then. A rendition is written before its row
commits, so a file no row names may be one being made right now: only files
older than RENDITION_GRACE are swept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from functools import partial

from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Photo, Rendition
from articles.photos.staging import Leftover, leftovers, remove_empty_dirs, stored_files, sweep
from articles.photos.storage import originals_storage


@receiver(post_delete, sender=Rendition)
def _delete_rendition_file(sender, instance: Rendition, **kwargs) -> None:
    if instance.file.name:
        transaction.on_commit(partial(instance.file.storage.delete, instance.file.name))


@receiver(post_delete, sender=Photo)
def _delete_original(sender, instance: Photo, **kwargs) -> None:
    if instance.image.name:
        transaction.on_commit(partial(delete_original_if_unused, instance.image.name))


def delete_original_if_unused(name: str) -> None:
    """Originals are shared by photos uploaded from the same bytes: keep it while one uses it."""
    if not Photo.objects.filter(image=name).exists():
        originals_storage().delete(name)


def sweep_staged_originals() -> tuple[int, int]:
    """Finish the originals that killed writers left staged: (moved into place, deleted)."""
    return sweep(originals_storage(), in_use=_photo_uses)


def staged_leftovers() -> list[Leftover]:
    """What `sweep_staged_originals` would do now (for a dry run)."""
    return leftovers(originals_storage(), in_use=_photo_uses)


def _photo_uses(name: str) -> bool:
    return Photo.objects.filter(image=name).exists()


# As long as the staging area waits (STALE_AFTER there): no transaction that
# writes a rendition lasts this long.
RENDITION_GRACE = timedelta(hours=6)
# Names looked up per query: well under every database's parameter limit.
_BATCH = 500


def unreferenced_renditions() -> Iterator[str]:
    """Rendition files no row names, older than RENDITION_GRACE; nothing is deleted."""
    for batch in _old_rendition_batches():
        yield from _unreferenced(batch)


def sweep_unreferenced_renditions() -> list[str]:
    """Delete the rendition files `unreferenced_renditions` finds; return their names.

    Each batch is checked against the rows just before its files go, so a
    file that a rebuild of the same bytes took up meanwhile is kept.
    """
    storage = _renditions_storage()
    deleted = []
    for batch in _old_rendition_batches():
        for name in _unreferenced(batch):
            storage.delete(name)
            deleted.append(name)
    for folder in {name.rsplit("/", 1)[0] for name in deleted}:
        if folder != _renditions_folder():
            remove_empty_dirs(storage, folder)
    return deleted


def _renditions_storage():
    return Rendition._meta.get_field("file").storage


def _renditions_folder() -> str:
    return Rendition._meta.get_field("file").upload_to.strip("/")


def _old_rendition_batches() -> Iterator[list[str]]:
    storage = _renditions_storage()
    cutoff = timezone.now() - RENDITION_GRACE
    batch = []
    for name in stored_files(storage, _renditions_folder()):
        try:
            modified = storage.get_modified_time(name)
        except (OSError, SuspiciousOperation):
            # Gone since the listing, or a name that leads outside the
            # storage (object stores accept keys with `..`): not ours to touch.
            continue
        if modified < cutoff:
            batch.append(name)
            if len(batch) == _BATCH:
                yield batch
                batch = []
    if batch:
        yield batch


def _unreferenced(names: list[str]) -> list[str]:
    named = set(Rendition.objects.filter(file__in=names).values_list("file", flat=True))
    return [name for name in names if name not in named]
