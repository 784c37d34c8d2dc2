"""The S3 phase: photos through MEDIA_STORAGE=s3 against moto's S3 server on 127.0.0.1.

Every test here is marked `s3` and skips, saying why, where moto is not
installed (it is a CI-only requirement: `.venv/bin/pip install -r
requirements-ci.txt`). Run the phase with `.venv/bin/python -m pytest tests/features/s3`.

The storages are the production ones, configured the production way: the
S3_* variables go into the environment and STORAGES comes from
`newsroom.storages.storages_from_environment`, so django-storages and boto3
talk HTTP to the server; no test double stands in for a storage call.
"""

from __future__ import annotations

import pytest

from tests.operations.test_backup import empty_target  # noqa: F401 - a fixture for restores
from tests.support.s3_server import Buckets, MotoServer, moto_missing, use_s3


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    if reason := moto_missing():
        pytest.skip(reason)
    with MotoServer(tmp_path_factory.mktemp("moto") / "moto.log") as server:
        yield server


@pytest.fixture
def s3(moto_server, settings, monkeypatch):
    """Fresh buckets, the S3_* variables set and STORAGES built from them."""
    buckets = Buckets(moto_server).create()
    use_s3(settings, monkeypatch, buckets.environment())
    yield buckets
    buckets.remove()
