"""Kept for the migrations: 0008 names `articles.storage.originals_storage`.

Migrations are frozen history and must keep importing what they named; the
storage itself lives in `articles/photos/storage.py`.
"""

from articles.photos.storage import originals_storage

__all__ = ["originals_storage"]
