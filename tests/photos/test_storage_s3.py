"""The S3 storages fail like a disk: an OSError naming the bucket and why, within their timeout.

No S3 server is needed for these (the S3 phase, tests/features/s3/, has one):
an address nothing listens on, and a socket that accepts connections but never
answers, are enough to show what an editor's upload gets back.
"""

from __future__ import annotations

import socket

import pytest
from django.core.files.base import ContentFile

from articles.photos.storage_s3 import PrivateS3Storage, PublicS3Storage
from tests.support.nodes import free_port

KEYS = {"access_key": "tests", "secret_key": "tests", "region_name": "us-east-1"}


@pytest.fixture
def silent_endpoint():
    """An endpoint whose kernel accepts connections that no one ever answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_an_endpoint_nobody_listens_on_could_not_be_reached():
    storage = PrivateS3Storage(
        bucket_name="originals", endpoint_url=f"http://127.0.0.1:{free_port()}", timeout=1, **KEYS
    )
    with pytest.raises(ConnectionRefusedError) as refused:
        storage.save("originals/ab/photo.jpg", ContentFile(b"\xff\xd8 a photo"))
    # Not botocore's text, which quotes the object's URL.
    assert refused.value.strerror == "the S3 bucket originals could not be reached"


def test_an_endpoint_that_never_answers_times_out_after_the_configured_wait(silent_endpoint):
    storage = PublicS3Storage(
        bucket_name="media", endpoint_url=silent_endpoint, timeout=0.2, **KEYS
    )
    assert storage.client_config.retries == {"mode": "standard", "total_max_attempts": 3}
    with pytest.raises(TimeoutError) as waited:
        storage.exists("renditions/1/lead-400.abc.jpg")
    assert waited.value.strerror == "the S3 bucket media did not answer within 0.2 s"
    for call in (storage.listdir, storage.size, storage.open, storage.delete):
        with pytest.raises(OSError, match="did not answer"):
            call("renditions/1/lead-400.abc.jpg")
