"""The private storage for photo originals (see newsroom/storages.py for why).

A private storage has no URLs: asking for one is a bug, so it fails loudly
instead of producing a link that would either leak the original or be broken.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class NoPublicURL:
    def url(self, name):
        raise ValueError(f"{name!r} is a private original; only renditions have URLs.")


class PrivateFileSystemStorage(NoPublicURL, FileSystemStorage):
    """Originals on disk, outside MEDIA_ROOT."""


class _OriginalsStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["originals"]


_originals = _OriginalsStorage()


@receiver(setting_changed)
def _reset_originals_storage(*, setting, **kwargs):
    # Like Django's default_storage: tests that point STORAGES elsewhere must
    # get the new backend, not the one resolved when the models were loaded.
    if setting == "STORAGES":
        _originals._wrapped = empty


def originals_storage() -> Storage:
    """The storage of Photo.image; a callable so migrations do not freeze a backend."""
    return _originals
