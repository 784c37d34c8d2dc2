"""The backup archive as a file: writing members with their checksums, reading
them back without trusting anything in it.

A backup is one tar file (gzip-compressed when its name ends in .gz or .tgz):

    manifest.json              what is inside, with a SHA-256 for every other member
    database/data.json         `dumpdata` (any database), or
    database/postgres.dump     `pg_dump --format=custom` (PostgreSQL)
    media/default/<name>       public media (renditions), by storage name
    media/originals/<name>     private photo originals, by storage name

Reading refuses, before anything is restored, any member that is not a regular
file under those names (links, devices, directories, absolute paths, `..`,
backslashes, duplicates), any member the manifest does not list, any listed
member that is missing, and any whose size or SHA-256 differs. A damaged or
truncated archive surfaces as one of these or as a tar/gzip read error, which is
reported the same way.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import tarfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

FORMAT = 1  # of the manifest; a reader refuses formats it does not know
MANIFEST = "manifest.json"
MANIFEST_MAX_BYTES = 64 * 1024 * 1024
PREFIXES = ("database/", "media/default/", "media/originals/")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


@dataclass(frozen=True)
class Entry:
    size: int
    sha256: str


def compression(path: Path) -> str:
    return "gz" if path.name.endswith((".gz", ".tgz")) else ""


class _Hashing:
    """A read-only file wrapper that hashes what tarfile copies out of it."""

    def __init__(self, raw: IO[bytes]):
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Adds members to a tar and remembers their checksums for the manifest."""

    def __init__(self, tar: tarfile.TarFile):
        self.tar = tar
        self.entries: dict[str, Entry] = {}

    def add(self, name: str, source: IO[bytes], size: int) -> Entry:
        check_member_name(name)
        info = tarfile.TarInfo(name)
        info.size = size
        info.mode = 0o600
        info.mtime = int(time.time())
        hashing = _Hashing(source)
        self.tar.addfile(info, hashing)
        if hashing.size != size:
            raise BackupError(f"{name} changed size while it was being read.")
        entry = Entry(size=size, sha256=hashing.digest.hexdigest())
        self.entries[name] = entry
        return entry

    def add_bytes(self, name: str, data: bytes) -> None:
        import io

        self.add(name, io.BytesIO(data), len(data))


@contextmanager
def writing(path: Path) -> Iterator[ArchiveWriter]:
    """Write to `<path>.partial` and rename when complete: a crash never leaves a
    file under the final name that looks like a backup but is cut short."""
    partial = path.with_name(path.name + ".partial")
    mode = "w:gz" if compression(path) else "w"
    try:
        # Readable by its owner only: it holds password hashes and private originals.
        partial.touch()
        partial.chmod(0o600)
        with tarfile.open(partial, mode, format=tarfile.PAX_FORMAT) as tar:
            yield ArchiveWriter(tar)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def check_member_name(name: str) -> None:
    """Only plain relative names under the known folders; nothing that could escape."""
    if (
        not name
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or posixpath.normpath(name) != name
        or any(part in ("", ".", "..") for part in name.split("/"))
    ):
        raise BackupError(f"Refused: unsafe member name {name!r} in the archive.")
    if name != MANIFEST and not (name.startswith(PREFIXES) and name not in PREFIXES):
        raise BackupError(f"Refused: unexpected member {name!r} in the archive.")


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:*")
    except FileNotFoundError:
        raise BackupError(f"No such backup file: {path}") from None
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error}).") from None


def _damaged(path: Path, error: Exception) -> BackupError:
    return BackupError(f"{path} is damaged or truncated ({type(error).__name__}: {error}).")


def read_and_verify(path: Path) -> dict:
    """Check every member against the manifest; return the manifest. Writes nothing."""
    seen: dict[str, Entry] = {}
    manifest_bytes = None
    try:
        with _open(path) as tar:
            for info in tar:
                check_member_name(info.name)
                if not info.isreg():
                    raise BackupError(
                        f"Refused: {info.name!r} is not a regular file "
                        "(links, devices and folders are never part of a backup)."
                    )
                if info.name in seen or (info.name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"Refused: {info.name!r} appears twice in the archive.")
                source = tar.extractfile(info)
                if info.name == MANIFEST:
                    if info.size > MANIFEST_MAX_BYTES:
                        raise BackupError("Refused: the manifest is implausibly large.")
                    manifest_bytes = source.read()
                    continue
                digest, size = hashlib.sha256(), 0
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                seen[info.name] = Entry(size=size, sha256=digest.hexdigest())
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise _damaged(path, error) from None
    if manifest_bytes is None:
        raise BackupError(f"{path} has no {MANIFEST}: not a Newsroom backup, or cut short.")
    manifest = parse_manifest(manifest_bytes)
    listed = manifest["files"]
    for name in sorted(set(seen) - set(listed)):
        raise BackupError(f"Refused: {name!r} is in the archive but not in its manifest.")
    for name in sorted(set(listed) - set(seen)):
        raise BackupError(f"{name!r} is listed in the manifest but missing from the archive.")
    for name, entry in seen.items():
        expected = listed[name]
        if entry.size != expected["size"] or entry.sha256 != expected["sha256"]:
            raise BackupError(
                f"Checksum mismatch for {name!r}: the archive is corrupted "
                f"(expected {expected['sha256'][:12]}…, {expected['size']} bytes; "
                f"found {entry.sha256[:12]}…, {entry.size} bytes)."
            )
    return manifest


def parse_manifest(data: bytes) -> dict:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"Refused: the manifest is not valid JSON ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            f"Refused: not a Newsroom backup manifest of format {FORMAT} "
            f"(found format {manifest.get('format') if isinstance(manifest, dict) else None!r})."
        )
    files = manifest.get("files")
    database = manifest.get("database")
    if (
        not isinstance(files, dict)
        or not isinstance(database, dict)
        or not isinstance(manifest.get("row_counts"), dict)
        or database.get("file") not in files
        or database.get("method") not in ("dumpdata", "pg_dump")
    ):
        raise BackupError("Refused: the manifest lacks files, database or row counts.")
    for name, entry in files.items():
        check_member_name(name)
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("size"), int)
            or not isinstance(entry.get("sha256"), str)
        ):
            raise BackupError(f"Refused: the manifest's entry for {name!r} is malformed.")
    return manifest


def members(path: Path, prefix: str) -> Iterator[tuple[str, IO[bytes]]]:
    """(name, file) for each member under `prefix`, in archive order (after verification)."""
    try:
        with _open(path) as tar:
            for info in tar:
                if info.name.startswith(prefix) and info.isreg():
                    yield info.name, tar.extractfile(info)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise _damaged(path, error) from None
