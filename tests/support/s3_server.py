"""An S3-compatible server on 127.0.0.1 for the S3 phase: moto's standalone server.

moto is a CI-only requirement (requirements-ci.txt); the tests that need it skip,
saying so, where it is not installed. The code under test talks to it as to any
S3 endpoint, through django-storages and boto3 over HTTP; only the tests' own
look into the buckets (what is stored, under which key, with which headers) use
a boto3 client of their own.

Each test gets two fresh buckets set up as docs/operations.md asks of a
deployment: renditions in a bucket whose policy lets anyone read objects,
originals in one with no policy at all. moto enforces both for requests without
credentials, so a test can show that an original cannot be fetched.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

import boto3
import environ
from bs4 import BeautifulSoup
from PIL import Image

from articles.photos.specs import ENCODINGS
from newsroom.storages import storages_from_environment
from tests.support.nodes import free_port, stop

REGION = "us-east-1"
# moto accepts any key pair; these only keep boto3 from looking for real ones.
FORMAT_OF_MIME = {e.mime_type: e.format for e in ENCODINGS.values()}
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "newsroom-tests", "AWS_SECRET_ACCESS_KEY": "newsroom-tests"}


def moto_missing() -> str | None:
    """Why the S3 tests cannot run here, or None when they can."""
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None:
        return (
            "moto's S3 server is not installed (a CI-only requirement): "
            ".venv/bin/pip install -r requirements-ci.txt"
        )
    return None


class MotoServer:
    """`python -m moto.server` on a free 127.0.0.1 port, stopped by its pid."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> MotoServer:
        with self.log.open("w") as out:
            self.process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"moto's server exited:\n{self.log.read_text()}")
            try:
                urllib.request.urlopen(f"{self.url}/moto-api/", timeout=2).close()  # noqa: S310
                return self
            except urllib.error.HTTPError:
                return self  # it answers
            except OSError:
                time.sleep(0.2)
        stop(self.process)
        raise AssertionError(f"moto's server did not answer within 60 s:\n{self.log.read_text()}")

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            stop(self.process)

    def client(self):
        """A boto3 client of the tests' own, to look into the buckets."""
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )


@dataclass
class Buckets:
    """A public bucket for renditions and a private one for originals, on one server."""

    server: MotoServer
    media: str = field(default_factory=lambda: f"media-{uuid.uuid4().hex[:10]}")
    originals: str = field(default_factory=lambda: f"originals-{uuid.uuid4().hex[:10]}")

    def __post_init__(self) -> None:
        self.client = self.server.client()

    def create(self) -> Buckets:
        for name in (self.media, self.originals):
            self.client.create_bucket(Bucket=name)
        self.allow_public_reads(self.media)
        return self

    def environment(self, endpoint: str | None = None, **overrides: str) -> dict[str, str]:
        """The variables a node needs for MEDIA_STORAGE=s3 on these buckets."""
        return {
            "MEDIA_STORAGE": "s3",
            "S3_MEDIA_BUCKET": self.media,
            "S3_ORIGINALS_BUCKET": self.originals,
            "S3_ENDPOINT_URL": endpoint or self.server.url,
            "S3_REGION": REGION,
            # Above the default: a busy CI machine must not fail a healthy request.
            "S3_TIMEOUT": "5",
            **CREDENTIALS,
            # Nothing from a developer's own AWS set-up.
            "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            **overrides,
        }

    def allow_public_reads(self, bucket: str) -> None:
        self._policy(bucket, "Allow", "s3:GetObject")

    def refuse_writes(self, bucket: str) -> None:
        """A policy denying PutObject to everyone, as a locked or misconfigured bucket does."""
        self._policy(bucket, "Deny", "s3:PutObject")

    def _policy(self, bucket: str, effect: str, action: str) -> None:
        statement = {
            "Effect": effect,
            "Principal": "*",
            "Action": action,
            "Resource": f"arn:aws:s3:::{bucket}/*",
        }
        self.client.put_bucket_policy(
            Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]})
        )

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return sorted(o["Key"] for page in pages for o in page.get("Contents", ()))

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def checksums(self, bucket: str) -> dict[str, dict[str, str]]:
        """Every object's SHA-256 and the headers it is served with, by key."""
        found = {}
        for key in self.keys(bucket):
            got = self.client.get_object(Bucket=bucket, Key=key)
            found[key] = {
                "sha256": hashlib.sha256(got["Body"].read()).hexdigest(),
                "type": got.get("ContentType", ""),
                "cache": got.get("CacheControl", ""),
            }
        return found

    def empty(self, bucket: str) -> None:
        for key in self.keys(bucket):
            self.client.delete_object(Bucket=bucket, Key=key)

    def remove(self) -> None:
        for bucket in (self.media, self.originals):
            self.client.delete_bucket_policy(Bucket=bucket)
            self.empty(bucket)
            self.client.delete_bucket(Bucket=bucket)


def fetch(url: str) -> tuple[int, Message, bytes]:
    """GET `url` without credentials, as a reader's browser would; headers by any case."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def use_s3(settings, monkeypatch, environment: dict[str, str]) -> None:
    """Point this process's storages at S3 as a deployment with `environment` would:
    the variables set, STORAGES built from them by the settings' own function."""
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    built = storages_from_environment(
        environ.Env(), debug=False, private_root=settings.PRIVATE_MEDIA_ROOT
    )
    settings.STORAGES = {
        **settings.STORAGES,
        "default": built["default"],
        "originals": built["originals"],
    }


def printed_images(page: bytes) -> list[tuple[str, str, int]]:
    """(URL, MIME type, width) of every image candidate in the page's <picture>s."""
    found = []
    for picture in BeautifulSoup(page, "html.parser").find_all("picture"):
        for source in picture.find_all("source"):
            found += _candidates(source["srcset"], source["type"])
        img = picture.find("img")
        found += _candidates(img["srcset"], "image/jpeg")
        found.append((img["src"], "image/jpeg", int(img["width"])))
    return found


def _candidates(srcset: str, mime_type: str) -> list[tuple[str, str, int]]:
    candidates = []
    for candidate in srcset.split(","):
        url, width = candidate.split()
        candidates.append((url, mime_type, int(width.removesuffix("w"))))
    return candidates


def assert_served_as_printed(s3, page: bytes) -> set[str]:
    """Every image the page prints comes from the public bucket, as it says; the keys."""
    images = printed_images(page)
    assert images, "the page shows no picture"
    keys = set()
    prefix = f"{s3.server.url}/{s3.media}/"
    for url, mime_type, width in images:
        assert url.startswith(prefix + "renditions/"), url
        status, headers, body = fetch(url)
        assert status == 200, (url, status)
        assert headers["Content-Type"] == mime_type
        assert "immutable" in headers["Cache-Control"]
        # The name carries the first 12 hex digits of the content's SHA-256.
        assert hashlib.sha256(body).hexdigest()[:12] in url.rsplit("/", 1)[1]
        with Image.open(io.BytesIO(body)) as image:
            assert (image.format, image.width) == (FORMAT_OF_MIME[mime_type].upper(), width)
        keys.add(url.removeprefix(prefix))
    return keys
