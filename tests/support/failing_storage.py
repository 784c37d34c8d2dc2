"""Storages that fail like a full or read-only disk (the tests run as root,
so chmod cannot make a folder unwritable).

A full disk fails part-way: half the bytes are on disk when the write raises,
as FileSystemStorage leaves them. The code under test must remove them.
"""

from __future__ import annotations

import errno
import os

from django.core.files.storage import FileSystemStorage

from articles.photos.storage import PrivateFileSystemStorage


class _Full:
    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        content.seek(0)
        data = content.read()
        with open(path, "wb") as partial:
            partial.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


class _ReadOnly:
    def _save(self, name, content):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)


class FullOriginals(_Full, PrivateFileSystemStorage):
    pass


class ReadOnlyOriginals(_ReadOnly, PrivateFileSystemStorage):
    pass


class FullMedia(_Full, FileSystemStorage):
    pass
