"""The staging area for originals: what a killed writer left is finished or removed."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from io import StringIO

import pytest
from django.core.management import call_command

from articles.photos import staging
from articles.photos.storage import originals_storage
from tests.support.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def dead_pid() -> int:
    finished = subprocess.Popen(["true"])  # noqa: S607 - a process that is gone once waited for
    finished.wait()
    return finished.pid


def put(root, writer: str, final_name: str, age_hours: float = 0) -> None:
    path = root / "staging" / writer / "0a1b2c" / final_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"bytes")
    if age_hours:
        moment = time.time() - age_hours * 3600
        os.utime(path, (moment, moment))


def test_sweep_moves_committed_originals_into_place_and_deletes_the_rest(settings):
    photo = PhotoFactory()
    storage = originals_storage()
    storage.delete(photo.image.name)  # killed between its commit and the move
    root = settings.PRIVATE_MEDIA_ROOT
    dead = f"{socket.gethostname()}--{dead_pid()}--dead0000"
    put(root, dead, photo.image.name)
    put(root, dead, "originals/ff/never-committed.jpg")
    # Another host's writer: alive as far as we can tell while its files are recent.
    put(root, "elsewhere--123--cafe0000", "originals/ee/recent.jpg")
    put(root, "elsewhere--124--cafe0001", "originals/dd/abandoned.jpg", age_hours=7)

    out = StringIO()
    call_command("sweep_staging", stdout=out)

    assert "1 staged original(s) moved into place, 2 deleted" in out.getvalue()
    assert storage.exists(photo.image.name)
    assert staging.staged_files(storage) == [
        "staging/elsewhere--123--cafe0000/0a1b2c/originals/ee/recent.jpg"
    ]
    assert not (root / "staging" / dead).exists()  # no empty folders left either


def test_a_live_writers_files_are_left_alone(settings):
    put(settings.PRIVATE_MEDIA_ROOT, f"{socket.gethostname()}--{os.getpid()}--live0000", "o/x.jpg")
    assert staging.sweep(originals_storage(), in_use=lambda name: False) == (0, 0)


def test_the_sweep_deletes_nothing_through_a_link(settings, tmp_path):
    outside = tmp_path / "outside"
    (outside / "0a1b2c" / "o").mkdir(parents=True)
    precious = outside / "0a1b2c" / "o" / "x.jpg"
    precious.write_bytes(b"not the sweep's")
    moment = time.time() - 7 * 3600
    os.utime(precious, (moment, moment))
    (settings.PRIVATE_MEDIA_ROOT / "staging").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "staging" / "elsewhere--9--link0000").symlink_to(outside)

    assert staging.sweep(originals_storage(), in_use=lambda name: False) == (0, 0)
    assert precious.read_bytes() == b"not the sweep's"
