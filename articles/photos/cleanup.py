"""Files follow their rows: deleted after the deleting transaction commits.

Signals rather than service code because rows also go by cascade (a photo's
renditions) and by the admin's bulk delete, which call no model method.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from articles.models import Photo, Rendition
from articles.photos.staging import sweep
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
    return sweep(originals_storage(), in_use=lambda name: Photo.objects.filter(image=name).exists())
