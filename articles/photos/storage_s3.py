"""Photos on S3-compatible storage: renditions in a public bucket, originals in a private one.

Separate from articles/photos/storage.py so that boto3 is imported only when
MEDIA_STORAGE=s3 is chosen.

Two things django-storages' S3Storage leaves to its user:

- **Bounded waits.** botocore waits 60 s to connect and 60 s for each answer,
  and tries up to five times: an endpoint that hangs would hold an editor's
  upload for minutes, past any web server's timeout. Here each wait is
  `timeout` seconds (S3_TIMEOUT), with botocore's standard retry mode (three
  attempts in all).
- **Failures as OSError.** A refused or unanswered request raises botocore's
  own exceptions, which code written against Django's storage API (where a full
  or read-only disk raises OSError) would not catch: the upload would end in a
  500 instead of "the storage refused the original, nothing was saved", and a
  clean-up after a failed write would itself crash. So every call that reaches
  S3 turns them into an OSError that names the bucket and what went wrong.
  "Not found" is untouched: S3Storage already answers it as Django does
  (exists() is False, open() raises FileNotFoundError).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    ReadTimeoutError,
)
from botocore.exceptions import ConnectionError as EndpointUnreachable
from storages.backends.s3 import S3Storage

from articles.photos.storage import NoPublicURL

ATTEMPTS = 3  # botocore's standard mode: the first try and two retries


class _BoundedS3Storage(S3Storage):
    """S3Storage with a `timeout` option and its failures raised as OSError."""

    def get_default_settings(self):
        return {**super().get_default_settings(), "timeout": None}

    def __init__(self, **settings):
        super().__init__(**settings)
        if self.timeout:
            self.client_config = self.client_config.merge(
                Config(
                    connect_timeout=self.timeout,
                    read_timeout=self.timeout,
                    retries={"mode": "standard", "total_max_attempts": ATTEMPTS},
                )
            )

    @contextmanager
    def _failures_as_os_error(self) -> Iterator[None]:
        try:
            yield
        except ClientError as error:
            details = error.response.get("Error", {})
            reason = details.get("Message") or details.get("Code") or "no reason given"
            raise OSError(
                errno.EIO,
                f"the S3 bucket {self.bucket_name} refused {error.operation_name} ({reason})",
            ) from error
        except (ConnectTimeoutError, ReadTimeoutError) as error:
            raise OSError(
                errno.ETIMEDOUT,
                f"the S3 bucket {self.bucket_name} did not answer within {self.timeout} s",
            ) from error
        except EndpointUnreachable as error:
            # Not botocore's message: it quotes the object's URL, staging names and all.
            raise OSError(
                errno.ECONNREFUSED, f"the S3 bucket {self.bucket_name} could not be reached"
            ) from error
        except BotoCoreError as error:
            raise OSError(errno.EIO, f"the S3 bucket {self.bucket_name}: {error}") from error

    def _open(self, name, mode="rb"):
        with self._failures_as_os_error():
            opened = super()._open(name, mode)
            if "r" in mode:
                # S3File downloads on first read; do it here, so that a failure
                # surfaces as OSError too and not later, in the reader's hands.
                opened.file  # noqa: B018
        return opened

    def _save(self, name, content):
        with self._failures_as_os_error():
            return super()._save(name, content)

    def delete(self, name):
        with self._failures_as_os_error():
            super().delete(name)

    def exists(self, name):
        with self._failures_as_os_error():
            return super().exists(name)

    def listdir(self, name):
        with self._failures_as_os_error():
            return super().listdir(name)

    def size(self, name):
        with self._failures_as_os_error():
            return super().size(name)

    def get_modified_time(self, name):
        with self._failures_as_os_error():
            return super().get_modified_time(name)


class PublicS3Storage(_BoundedS3Storage):
    """Renditions in the public bucket (S3_MEDIA_BUCKET), linked from the pages."""


class PrivateS3Storage(NoPublicURL, _BoundedS3Storage):
    """Originals in the private bucket (S3_ORIGINALS_BUCKET)."""
