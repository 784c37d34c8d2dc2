"""Originals on S3-compatible storage: a private bucket, no URLs.

Separate from articles/photos/storage.py so that boto3 is imported only when
MEDIA_STORAGE=s3 is chosen.
"""

from storages.backends.s3 import S3Storage

from articles.photos.storage import NoPublicURL


class PrivateS3Storage(NoPublicURL, S3Storage):
    """Originals in the private bucket (S3_ORIGINALS_BUCKET)."""
