"""Originals are written into a staging area and moved into place after commit.

Why: an original is written while its Photo row is still uncommitted (the
row needs the file's name, and a file must exist before a row points at it).
If the transaction rolls back, the code that wrote the file deletes it; but a
process killed with `kill -9` (an import, a web worker past its timeout) runs
no clean-up, and a file left at its final name would be an orphan that looks
like a real original. Worse, originals are named by their content, so a later
upload of the same bytes would share a file that was never finished.

So a file is first written as `staging/<writer>/<nonce>/<final name>`, where
<writer> names the host and process (and the nonce keeps two stagings of the
same bytes apart). After commit it is moved to its final name (a
rename on a filesystem, copy-and-delete on object storage). A kill leaves files
only under `staging/`, never at a name the database could mean; the next
import (or `manage.py sweep_staging`, from cron) then finishes what a dead writer
left: a staged file whose final name a committed Photo uses but which is not
yet there is moved into place (the kill fell between commit and move), any
other is deleted. A writer counts as dead when it ran on this host and its
process is gone, or when its files are older than STALE_AFTER (another host,
or a reused process id). A partial file from a failed write (disk full) is
deleted at once and never reaches its final name.

Alternatives considered: sweeping originals no row uses would race with
uploads whose transaction has not committed yet (their files look unused);
writing the file only after commit leaves a committed row without a file when
the process dies in between, which this design repairs by rolling forward.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.utils import timezone

logger = logging.getLogger(__name__)

STAGING = "staging"
# No transaction that stages a file lasts this long: older files are abandoned.
STALE_AFTER = timedelta(hours=6)
_WRITER = f"{socket.gethostname()}--{os.getpid()}--{uuid.uuid4().hex[:8]}"
# Files this process staged and has not moved yet, by final name. Until the
# commit only this process can see the rows that use them, so only this
# process may need to read them (renditions made inside the same transaction).
_pending: dict[str, str] = {}


def _writer() -> str:
    # Recomputed after a fork (gunicorn workers), so each process has its own.
    global _WRITER
    if _WRITER.rsplit("--", 2)[1] != str(os.getpid()):
        _WRITER = f"{socket.gethostname()}--{os.getpid()}--{uuid.uuid4().hex[:8]}"
    return _WRITER


def stage(storage: Storage, final_name: str, content: bytes) -> str:
    """Write `content` into the staging area for `final_name`; return the staged name.

    On failure (a full or read-only disk) the partial file is deleted and the
    error raised: nothing is left behind.
    """
    staged = f"{STAGING}/{_writer()}/{uuid.uuid4().hex[:12]}/{final_name}"
    try:
        storage.save(staged, ContentFile(content))
    except BaseException:
        delete_quietly(storage, staged)
        raise
    _pending[final_name] = staged
    return staged


def pending() -> dict[str, str]:
    """Staged files of this process not moved into place yet: {final name: staged name}."""
    return dict(_pending)


def discard(storage: Storage, staged: str) -> None:
    """Delete a staged file whose transaction rolled back."""
    for final_name in [f for f, s in _pending.items() if s == staged]:
        del _pending[final_name]
    storage.delete(staged)


def open_stored(storage: Storage, name: str):
    """Open `name` for reading, or its staged file while its transaction is open."""
    staged = _pending.get(name)
    if staged is not None and not storage.exists(name) and storage.exists(staged):
        return storage.open(staged, "rb")
    return storage.open(name, "rb")


def publish(storage: Storage, staged: str, final_name: str) -> None:
    """Move a staged file to its final name (after the commit that made it needed)."""
    if _pending.get(final_name) == staged:
        del _pending[final_name]
    if storage.exists(final_name):  # the same bytes arrived meanwhile (names are content)
        storage.delete(staged)
        return
    if isinstance(storage, FileSystemStorage):
        target = storage.path(final_name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(storage.path(staged), target)  # atomic: never a partial final file
        return
    try:
        with storage.open(staged, "rb") as source:
            stored = storage.save(final_name, source)
    except BaseException:
        delete_quietly(storage, final_name)
        raise
    if stored != final_name:  # written by someone else between exists() and save()
        storage.delete(stored)
    storage.delete(staged)


def publish_after_commit(storage: Storage, staged: str, final_name: str) -> None:
    """`publish`, logging instead of raising: the sweep finishes a move that failed."""
    try:
        publish(storage, staged, final_name)
    except Exception:
        logger.exception("Moving %s into place failed; `sweep_staging` will retry", final_name)


@dataclass(frozen=True)
class Leftover:
    """A file a dead writer left staged: moved to `final_name`, or deleted when it is None."""

    staged: str
    final_name: str | None


def leftovers(storage: Storage, *, in_use: Callable[[str], bool]) -> list[Leftover]:
    """What `sweep` would do, without doing it (a dry run lists these).

    `in_use(final_name)` says whether a committed row uses that name.
    """
    found = []
    for writer in _listdir(storage, STAGING)[0]:
        if writer == _writer() or _leads_elsewhere(storage, f"{STAGING}/{writer}"):
            continue
        if not _abandoned(storage, writer):
            continue
        for staged in stored_files(storage, f"{STAGING}/{writer}"):
            parts = staged.split("/", 3)  # staging, <writer>, <nonce>, the final name
            final_name = parts[3] if len(parts) == 4 else ""
            if final_name and in_use(final_name) and not storage.exists(final_name):
                found.append(Leftover(staged, final_name))
            else:
                found.append(Leftover(staged, None))
    return found


def sweep(storage: Storage, *, in_use: Callable[[str], bool]) -> tuple[int, int]:
    """Finish what dead writers left in the staging area: (moved, deleted).

    `in_use(final_name)` says whether a committed row uses that name.
    """
    moved = deleted = 0
    writers = set()
    for leftover in leftovers(storage, in_use=in_use):
        if leftover.final_name:
            publish(storage, leftover.staged, leftover.final_name)
            moved += 1
        else:
            storage.delete(leftover.staged)
            deleted += 1
        writers.add(leftover.staged.split("/", 2)[1])
    for writer in writers:
        remove_empty_dirs(storage, f"{STAGING}/{writer}")
    return moved, deleted


def staged_files(storage: Storage) -> list[str]:
    """Every file in the staging area (for tests and reports)."""
    return list(stored_files(storage, STAGING))


def delete_quietly(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not delete %s after a failed write", name)


def _abandoned(storage: Storage, writer: str) -> bool:
    host, pid, _nonce = ([*writer.rsplit("--", 2), "", ""])[:3]
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
        return True
    newest = None
    for name in stored_files(storage, f"{STAGING}/{writer}"):
        moment = storage.get_modified_time(name)
        newest = moment if newest is None or moment > newest else newest
    return newest is None or timezone.now() - newest > STALE_AFTER


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _listdir(storage: Storage, path: str) -> tuple[list[str], list[str]]:
    try:
        return storage.listdir(path)
    except (FileNotFoundError, NotADirectoryError):
        return [], []


def stored_files(storage: Storage, path: str) -> Iterator[str]:
    """Every file under the folder `path` of `storage`, by its name in the storage.

    Names that lead elsewhere are neither followed nor listed: on a
    filesystem a symbolic link below `path` (it may point outside the
    storage), and on any storage a name it refuses as outside its root. A
    sweep that deleted through them would delete files it was never given.
    """
    dirs, files = _listdir(storage, path)
    for name in files:
        if not _leads_elsewhere(storage, f"{path}/{name}"):
            yield f"{path}/{name}"
    for name in dirs:
        if not _leads_elsewhere(storage, f"{path}/{name}"):
            yield from stored_files(storage, f"{path}/{name}")


def _leads_elsewhere(storage: Storage, name: str) -> bool:
    if not isinstance(storage, FileSystemStorage):
        return False  # object storage has no links; it refuses escaping names itself
    try:
        return os.path.islink(storage.path(name))
    except SuspiciousFileOperation:
        return True


def remove_empty_dirs(storage: Storage, path: str) -> None:
    """Remove the empty folders under `path`, and `path` itself if empty.

    Object storage has no folders; on a filesystem, a sweep leaves no empty tree behind.
    """
    if not isinstance(storage, FileSystemStorage) or _leads_elsewhere(storage, path):
        return
    for root, _dirs, _files in os.walk(storage.path(path), topdown=False):
        try:
            os.rmdir(root)
        except OSError:
            pass
