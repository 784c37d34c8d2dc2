"""Where files live: Django's STORAGES, built from the environment.

Two kinds of media, two storages, so that "originals are never served" is a
property of where they are kept rather than of a URL rule someone might forget:

- ``default``: renditions, the only files readers get. Public.
- ``originals``: uploads exactly as received (with their GPS and camera
  metadata). Private: on the filesystem they live outside MEDIA_ROOT, so no
  web server alias for /media/ can reach them; on S3 they live in a separate
  bucket that has no public policy, and their storage class has no URLs at all.

``MEDIA_STORAGE=filesystem`` (the default) needs nothing else. ``MEDIA_STORAGE=s3``
reads the S3_* variables documented in ``.env.example``; credentials are not
settings: boto3 reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance
role) itself, so they never pass through Django's settings.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

# Rendition names carry a content hash, so a stored file never changes.
IMMUTABLE = "public, max-age=31536000, immutable"


def storages_from_environment(env: environ.Env, *, debug: bool, private_root: Path) -> dict:
    """The STORAGES setting for MEDIA_STORAGE=filesystem or s3."""
    kind = env.str("MEDIA_STORAGE", default="filesystem")
    if kind == "filesystem":
        media = {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "originals": {
                "BACKEND": "articles.photos.storage.PrivateFileSystemStorage",
                "OPTIONS": {"location": str(private_root)},
            },
        }
    elif kind == "s3":
        media = _s3_storages(env)
    else:
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {kind!r}.")
    return {
        **media,
        "staticfiles": {
            "BACKEND": (
                "django.contrib.staticfiles.storage.StaticFilesStorage"
                if debug
                else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            )
        },
    }


def _s3_storages(env: environ.Env) -> dict:
    media_bucket = env.str("S3_MEDIA_BUCKET", default="")
    originals_bucket = env.str("S3_ORIGINALS_BUCKET", default="")
    if not media_bucket or not originals_bucket:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs S3_MEDIA_BUCKET (public renditions) and "
            "S3_ORIGINALS_BUCKET (private originals)."
        )
    if media_bucket == originals_bucket:
        # One bucket cannot be both publicly readable and private.
        raise ImproperlyConfigured(
            "S3_ORIGINALS_BUCKET must differ from S3_MEDIA_BUCKET: originals are never public."
        )
    timeout = env.float("S3_TIMEOUT", default=3.0)
    if timeout <= 0:
        raise ImproperlyConfigured(f"S3_TIMEOUT must be a number of seconds above 0: {timeout}.")
    shared = {
        "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("S3_REGION", default="") or None,
        # Access is decided by each bucket's policy, which also works on
        # buckets with ACLs disabled (the provider default nowadays).
        "default_acl": None,
        # Per connection attempt and per answer; an editor's upload must fail
        # with a message before the web server's worker timeout ends it.
        "timeout": timeout,
    }
    return {
        "default": {
            "BACKEND": "articles.photos.storage_s3.PublicS3Storage",
            "OPTIONS": {
                **shared,
                "bucket_name": media_bucket,
                "custom_domain": env.str("S3_MEDIA_CUSTOM_DOMAIN", default="") or None,
                "querystring_auth": False,
                "object_parameters": {"CacheControl": IMMUTABLE},
            },
        },
        "originals": {
            "BACKEND": "articles.photos.storage_s3.PrivateS3Storage",
            "OPTIONS": {**shared, "bucket_name": originals_bucket},
        },
    }


def media_origins(env: environ.Env) -> list[str]:
    """Origins, besides the site's own, that renditions are served from (for the CSP).

    Empty with MEDIA_STORAGE=filesystem. With s3: the custom (CDN) domain when set;
    otherwise the endpoint's host, in both path and virtual-host style, or AWS's
    bucket host names.
    """
    if env.str("MEDIA_STORAGE", default="filesystem") != "s3":
        return []
    if domain := env.str("S3_MEDIA_CUSTOM_DOMAIN", default=""):
        return [f"https://{domain}"]
    if endpoint := env.str("S3_ENDPOINT_URL", default=""):
        # The endpoint's own scheme: a source of https:// would not allow an
        # http:// endpoint's images (a local S3-compatible server).
        parts = urlsplit(endpoint)
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://*.{parts.netloc}"]
    bucket = env.str("S3_MEDIA_BUCKET", default="")
    region = env.str("S3_REGION", default="")
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return origins
