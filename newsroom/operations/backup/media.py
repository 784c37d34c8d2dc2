"""The media half of a backup: every file in the two media storages, through
Django's storage API, so it works the same on the filesystem and on S3.

``default`` holds the public renditions (MEDIA_ROOT), ``originals`` the private
photo originals (PRIVATE_MEDIA_ROOT or the private bucket). Files are listed with
`listdir` and read with `open`; on restore they are written back with `save`
under exactly their old names (names carry content hashes, and rows point at them).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.files import File
from django.core.files.storage import Storage, storages

from newsroom.operations.backup.archive import BackupError

STORAGES = ("default", "originals")


def storage(alias: str) -> Storage:
    return storages[alias]


def walk(store: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in `store`, sorted, depth first."""
    try:
        folders, files = store.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from walk(store, f"{folder}/{sub}" if folder else sub)


def member_name(alias: str, name: str) -> str:
    return f"media/{alias}/{name}"


def split_member(member: str) -> tuple[str, str]:
    _, alias, name = member.split("/", 2)
    if alias not in STORAGES:
        raise BackupError(f"Refused: {member!r} names no known storage.")
    return alias, name


def existing(names: list[str]) -> list[str]:
    """The archive's media members whose names are already taken in the target."""
    taken = []
    for member in names:
        alias, name = split_member(member)
        if storage(alias).exists(name):
            taken.append(member)
    return taken


def write(member: str, source, *, replace: bool) -> None:
    alias, name = split_member(member)
    store = storage(alias)
    if replace and store.exists(name):
        store.delete(name)
    saved = store.save(name, File(source, name=name.rsplit("/", 1)[-1]))
    if saved != name:
        store.delete(saved)
        raise BackupError(f"{member!r} could not be written under its own name (got {saved!r}).")


def delete(member: str) -> None:
    alias, name = split_member(member)
    storage(alias).delete(name)
