"""STORAGES and TASKS come from the environment: filesystem or S3, immediate or database.

Each case starts a fresh Python with its own environment, as a deployment would.
These tests check the configuration and the URLs the storages build (which
needs no network); uploads, renditions, backups and failures against a real S3
API are the S3 phase's (tests/features/s3/).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from articles.models import Photo
out = {"STORAGES": settings.STORAGES, "TASKS": settings.TASKS,
       "apps": settings.INSTALLED_APPS,
       "rendition_url": storages["default"].url("renditions/1/lead-400.abc.avif"),
       "timeouts": [(c.connect_timeout, c.read_timeout, c.retries) for c in
                    (storages["default"].client_config, storages["originals"].client_config)]
                   if settings.STORAGES["default"]["BACKEND"].endswith("S3Storage") else [],
       "photo_storage": type(Photo._meta.get_field("image").storage._wrapped).__name__,
       "img_src": [str(s) for s in settings.SECURE_CSP["img-src"]]}
try:
    storages["originals"].url("originals/ab/abc.jpg")
    out["original_url"] = "a URL!"
except ValueError as error:
    out["original_url"] = str(error)
print(json.dumps(out, default=str))
"""


def probe(**variables) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "S3_", "AWS_"))}
    env.update({"DJANGO_SECRET_KEY": "k" * 50, "DJANGO_SETTINGS_MODULE": "newsroom.settings"})
    env.update(variables)
    return subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def settings_for(**variables) -> dict:
    result = probe(**variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_default_is_the_filesystem_with_originals_outside_media_root(tmp_path):
    found = settings_for(MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "p"))
    originals = found["STORAGES"]["originals"]
    assert originals["BACKEND"] == "articles.photos.storage.PrivateFileSystemStorage"
    assert originals["OPTIONS"]["location"] == str(tmp_path / "p")
    assert found["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert found["photo_storage"] == "PrivateFileSystemStorage"
    assert found["rendition_url"] == "/media/renditions/1/lead-400.abc.avif"
    assert "only renditions have URLs" in found["original_url"]


def test_s3_uses_a_public_bucket_for_renditions_and_a_private_one_for_originals():
    found = settings_for(
        MEDIA_STORAGE="s3",
        S3_MEDIA_BUCKET="newsroom-media",
        S3_ORIGINALS_BUCKET="newsroom-originals",
        S3_ENDPOINT_URL="https://objects.example.net",
        S3_REGION="eu-central-1",
        S3_MEDIA_CUSTOM_DOMAIN="media.news.example.org",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    default, originals = found["STORAGES"]["default"], found["STORAGES"]["originals"]
    assert default["BACKEND"] == "articles.photos.storage_s3.PublicS3Storage"
    assert default["OPTIONS"]["bucket_name"] == "newsroom-media"
    assert default["OPTIONS"]["endpoint_url"] == "https://objects.example.net"
    assert default["OPTIONS"]["querystring_auth"] is False
    assert "immutable" in default["OPTIONS"]["object_parameters"]["CacheControl"]
    assert originals["BACKEND"] == "articles.photos.storage_s3.PrivateS3Storage"
    assert originals["OPTIONS"]["bucket_name"] == "newsroom-originals"
    assert "custom_domain" not in originals["OPTIONS"]
    assert found["photo_storage"] == "PrivateS3Storage"
    assert found["rendition_url"] == "https://media.news.example.org/renditions/1/lead-400.abc.avif"
    assert "only renditions have URLs" in found["original_url"]
    # Bounded waits by default: an upload to a store that hangs fails in seconds.
    standard = {"mode": "standard", "total_max_attempts": 3}
    assert found["timeouts"] == [[3.0, 3.0, standard]] * 2


def test_s3_waits_as_long_as_told_and_its_images_are_allowed_from_its_endpoint():
    found = settings_for(
        MEDIA_STORAGE="s3",
        S3_MEDIA_BUCKET="media",
        S3_ORIGINALS_BUCKET="originals",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
        S3_TIMEOUT="1.5",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert [t[:2] for t in found["timeouts"]] == [[1.5, 1.5]] * 2
    # Path-style on an address, in the endpoint's own scheme, and allowed by the CSP.
    assert found["rendition_url"] == "http://127.0.0.1:9000/media/renditions/1/lead-400.abc.avif"
    assert "http://127.0.0.1:9000" in found["img_src"]
    buckets = {"S3_MEDIA_BUCKET": "m", "S3_ORIGINALS_BUCKET": "o"}
    refused = probe(MEDIA_STORAGE="s3", S3_TIMEOUT="0", **buckets)
    assert refused.returncode != 0 and "S3_TIMEOUT must be" in refused.stderr


def test_s3_refuses_to_start_without_two_distinct_buckets():
    missing = probe(MEDIA_STORAGE="s3", S3_MEDIA_BUCKET="media")
    assert missing.returncode != 0 and "S3_ORIGINALS_BUCKET" in missing.stderr
    same = probe(MEDIA_STORAGE="s3", S3_MEDIA_BUCKET="one", S3_ORIGINALS_BUCKET="one")
    assert same.returncode != 0 and "must differ" in same.stderr
    unknown = probe(MEDIA_STORAGE="ftp")
    assert unknown.returncode != 0 and "MEDIA_STORAGE must be" in unknown.stderr


def test_tasks_run_immediately_by_default_and_in_the_database_when_asked():
    immediate = settings_for()
    assert immediate["TASKS"]["default"]["BACKEND"].endswith("ImmediateBackend")
    assert "django_tasks_db" not in immediate["apps"]
    database = settings_for(TASKS_BACKEND="database")
    assert database["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "django_tasks_db" in database["apps"]
    wrong = probe(TASKS_BACKEND="celery")
    assert wrong.returncode != 0 and "TASKS_BACKEND must be" in wrong.stderr
