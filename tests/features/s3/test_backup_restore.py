"""`backup` on S3, then `restore` into empty buckets and an empty database.

The site of tests/operations/test_backup.py (articles in several languages,
photos, renditions, revisions, users…) is built with its media on S3 and
backed up; the buckets are then emptied, as after losing them, and another
process restores the archive into them and into an empty database. Every
object comes back byte for byte (SHA-256) with the headers it was served with,
and every row and public page is the same.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tests.operations.test_backup import build_newsroom, differences, run
from tests.support.backup_fingerprint import fingerprint

pytestmark = pytest.mark.s3


# pg_dump (on PostgreSQL) reads from another process: rows must be committed.
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_empty_buckets_identical_by_checksum(s3, tmp_path, empty_target):
    build_newsroom()
    before = json.loads(json.dumps(fingerprint()))
    stored = {bucket: s3.checksums(bucket) for bucket in (s3.media, s3.originals)}
    assert len(stored[s3.originals]) == 2 and len(stored[s3.media]) > 6
    assert all("immutable" in entry["cache"] for entry in stored[s3.media].values())

    archive = tmp_path / "site.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "2 originals media files" in out.getvalue()
    assert f"{len(stored[s3.media])} default media files" in out.getvalue()

    for bucket in stored:
        s3.empty(bucket)
    env = {**empty_target, **s3.environment()}
    restored = run("manage.py", "restore", str(archive), env=env)
    assert "counts match" in restored

    assert {bucket: s3.checksums(bucket) for bucket in stored} == stored
    after = json.loads(run("-m", "tests.support.backup_fingerprint", env=env))
    for part in before:  # one part at a time, so a failure names what differs
        assert after[part] == before[part], differences(part, before[part], after[part])
