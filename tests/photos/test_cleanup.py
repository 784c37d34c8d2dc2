"""`sweep_staging` also deletes rendition files no row names, and only those.

A killed process can leave a rendition file behind (written before its row
committed, or replaced by a rebuild that committed but did not get to delete
the old file). The sweep takes those once they are older than the grace
period, lists them first on a dry run, and never touches a rendition being
made right now, a file a row names, or anything reached through a link or a
name outside the storage.
"""

from __future__ import annotations

import os
import time
from io import StringIO

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Rendition
from articles.photos.staging import stored_files
from articles.photos.storage import originals_storage
from tests.support.factories import PhotoFactory

pytestmark = pytest.mark.django_db

HOURS = 3600


def age(path, hours: float) -> None:
    """Date the file (or the link itself) `hours` back."""
    moment = time.time() - hours * HOURS
    os.utime(path, (moment, moment), follow_symlinks=False)


def leave(media_root, name: str, hours: float = 7) -> None:
    """A rendition file no row names, as a killed process leaves it."""
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8 rendition bytes")
    age(path, hours)


def sweep(*args: str) -> str:
    out = StringIO()
    call_command("sweep_staging", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def photo(settings):
    photo = PhotoFactory()
    for rendition in photo.renditions.all():  # made long ago: age alone never condemns a file
        age(settings.MEDIA_ROOT / rendition.file.name, 30 * 24)
    return photo


def stored_renditions() -> set[str]:
    return set(stored_files(default_storage, "renditions"))


def test_a_dry_run_lists_the_unreferenced_files_and_changes_nothing(settings, photo):
    orphan = f"renditions/{photo.pk}/lead-400.0123456789ab.avif"
    leave(settings.MEDIA_ROOT, orphan)
    before = stored_renditions()

    out = sweep("--dry-run")

    assert f"would delete {orphan}" in out
    assert "1 unreferenced rendition file(s) would be deleted" in out.splitlines()[-1]
    assert stored_renditions() == before
    for rendition in photo.renditions.all():
        assert rendition.file.name not in out


def test_the_sweep_deletes_unreferenced_files_older_than_the_grace_period(settings, photo):
    orphan = f"renditions/{photo.pk}/lead-400.0123456789ab.avif"
    gone_photo = "renditions/999999/square-200.ba9876543210.jpg"  # a photo's rows and all
    leave(settings.MEDIA_ROOT, orphan)
    leave(settings.MEDIA_ROOT, gone_photo)
    named = {r.file.name for r in photo.renditions.all()}

    out = sweep()

    assert "2 unreferenced rendition file(s) deleted" in out
    assert stored_renditions() == named
    assert not (settings.MEDIA_ROOT / "renditions" / "999999").exists()  # no empty folder left
    assert all(r.file.storage.exists(r.file.name) for r in photo.renditions.all())


def test_a_rendition_being_written_now_is_left_alone(settings, photo):
    # Its file is written before its row commits: for that moment no row names it.
    in_flight = f"renditions/{photo.pk}/lead-800.fedcba987654.webp"
    leave(settings.MEDIA_ROOT, in_flight, hours=0)
    just_inside_grace = f"renditions/{photo.pk}/lead-800.fedcba987655.webp"
    leave(settings.MEDIA_ROOT, just_inside_grace, hours=5.9)

    assert "would delete" not in sweep("--dry-run")
    assert "0 unreferenced rendition file(s) deleted" in sweep()
    assert {in_flight, just_inside_grace} <= stored_renditions()


def test_a_claimed_rendition_finished_after_the_listing_is_kept(settings, photo):
    """The rows are asked just before the files go, not when the folder was listed."""
    row = photo.renditions.first()
    name = f"renditions/{photo.pk}/{row.spec}.a1a1a1a1a1a1.jpg"
    leave(settings.MEDIA_ROOT, name)
    Rendition.objects.filter(pk=row.pk).update(file=name)  # taken up by a rebuild of these bytes

    sweep()

    assert (settings.MEDIA_ROOT / name).exists()


def test_links_are_neither_followed_nor_deleted(settings, photo, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    precious = outside / "precious.jpg"
    precious.write_bytes(b"not the sweep's to delete")
    age(precious, 100)
    folder_link = settings.MEDIA_ROOT / "renditions" / "linked-folder"
    file_link = settings.MEDIA_ROOT / "renditions" / str(photo.pk) / "linked.jpg"
    folder_link.symlink_to(outside, target_is_directory=True)
    file_link.symlink_to(precious)
    age(folder_link, 100)
    age(file_link, 100)

    assert "would delete" not in sweep("--dry-run")
    sweep()

    assert precious.read_bytes() == b"not the sweep's to delete"
    assert folder_link.is_symlink() and file_link.is_symlink()


class ListsNamesOutsideItsRoot(FileSystemStorage):
    """A storage whose listing names keys outside its root, as an object store can hold
    (`renditions/../../x`): the sweep must refuse them, not delete through them."""

    def listdir(self, path):
        dirs, files = super().listdir(path)
        if path.rstrip("/") == "renditions":
            files = [*files, "../../outside.jpg", "../../../etc/hostname"]
        return dirs, files


def test_names_outside_the_storage_root_are_never_touched(settings, tmp_path):
    outside = tmp_path / "outside.jpg"  # what renditions/../../outside.jpg leads to
    outside.write_bytes(b"outside the media root")
    age(outside, 100)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.ListsNamesOutsideItsRoot",
            "OPTIONS": {"location": str(settings.MEDIA_ROOT)},
        },
    }
    leave(settings.MEDIA_ROOT, "renditions/7/lead-400.000000000000.jpg")

    out = sweep("--dry-run")
    assert "outside" not in out and "etc" not in out
    assert "1 unreferenced rendition file(s) deleted" in sweep()
    assert outside.exists()


def test_a_row_naming_a_file_outside_the_storage_breaks_nothing(settings, photo):
    row = photo.renditions.first()
    Rendition.objects.filter(pk=row.pk).update(file="../../../etc/hostname")
    leave(settings.MEDIA_ROOT, f"renditions/{photo.pk}/stray.jpg")

    # The stray file and the one the row named until now; nothing the row names now.
    assert "2 unreferenced rendition file(s) deleted" in sweep()
    assert os.path.exists("/etc/hostname")


def test_a_name_with_control_characters_is_listed_escaped(settings):
    leave(settings.MEDIA_ROOT, "renditions/3/evil\x1b[2Jname.jpg")

    out = sweep("--dry-run")

    assert "\x1b" not in out
    assert "evil\\x1b[2Jname.jpg" in out


def test_a_dry_run_lists_staged_originals_without_moving_them(settings):
    photo = PhotoFactory()
    storage = originals_storage()
    storage.delete(photo.image.name)  # killed between its commit and the move
    staged = f"staging/elsewhere--1--dead0000/0a1b2c/{photo.image.name}"
    abandoned = "staging/elsewhere--1--dead0000/0a1b2c/originals/ff/never-committed.jpg"
    for name in (staged, abandoned):
        path = settings.PRIVATE_MEDIA_ROOT / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"bytes")
        age(path, 7)

    out = sweep("--dry-run")

    assert f"would move {staged} → {photo.image.name}" in out
    assert f"would delete {abandoned}" in out
    assert "1 staged original(s) would be moved into place, 1 deleted" in out
    assert storage.exists(staged) and storage.exists(abandoned)
    assert not storage.exists(photo.image.name)


def test_the_sweep_asks_the_database_in_batches_not_per_file(settings, photo):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            sweep("--dry-run")
        return len(captured)

    leave(settings.MEDIA_ROOT, "renditions/1/a.jpg")
    few = queries()
    for number in range(30):
        leave(settings.MEDIA_ROOT, f"renditions/{number}/b.jpg")
    assert queries() == few
