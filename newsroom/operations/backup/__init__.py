"""Backups: one archive with the database, every media file and a manifest.

`backup_write(path=…)` writes it; `backup_restore(path=…)` verifies every member
against the manifest before touching anything, refuses a target that is not
empty (unless forced), then restores the media and the database and checks the
row counts. `manage.py backup` and `manage.py restore` are thin shells over these.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.utils import timezone

from articles.cache.middleware import forget_stored_pages
from newsroom.operations.backup import archive, database, media
from newsroom.operations.backup.archive import BackupError

__all__ = ["BackupError", "Summary", "backup_restore", "backup_verify", "backup_write"]

JSON_MEMBER = "database/data.json"
PG_MEMBER = "database/postgres.dump"

Say = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


@dataclass
class Summary:
    method: str
    media: dict[str, int] = field(default_factory=dict)
    media_bytes: int = 0
    row_counts: dict[str, int] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.row_counts.values())


def backup_write(*, path: Path, method: str = "auto", say: Say = _quiet) -> Summary:
    """Write a backup archive to `path` (replaced atomically when complete)."""
    path = Path(path)
    if method == "auto":
        usable, why = database.pg_dump_usable()
        method = "pg_dump" if usable else "dumpdata"
        say(f"database: {method} ({why})")
    elif method == "pg_dump":
        usable, why = database.pg_dump_usable()
        if not usable:
            raise BackupError(f"Cannot use pg_dump: {why}.")
    summary = Summary(method=method)
    with tempfile.TemporaryDirectory(prefix="newsroom-backup-") as scratch:
        dump = Path(scratch) / ("postgres.dump" if method == "pg_dump" else "data.json")
        if method == "pg_dump":
            database.dump_postgres(dump)
            member = PG_MEMBER
        else:
            database.dump_json(dump)
            member = JSON_MEMBER
        summary.row_counts = database.row_counts()
        migrations = database.applied_migrations()
        with archive.writing(path) as writer, dump.open("rb") as source:
            writer.add(member, source, dump.stat().st_size)
            say(f"database: {summary.rows} rows in {len(summary.row_counts)} tables")
            for alias in media.STORAGES:
                store = media.storage(alias)
                count = 0
                for name in media.walk(store):
                    with store.open(name, "rb") as handle:
                        entry = writer.add(media.member_name(alias, name), handle, store.size(name))
                    count += 1
                    summary.media_bytes += entry.size
                    if count % 500 == 0:
                        say(f"media/{alias}: {count} files…")
                summary.media[alias] = count
                say(f"media/{alias}: {count} files")
            summary.manifest = {
                "format": archive.FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": {
                    "vendor": connection.vendor,
                    "method": method,
                    "file": member,
                    "migrations": migrations,
                },
                "row_counts": summary.row_counts,
                "media": summary.media,
                "files": {
                    name: {"size": e.size, "sha256": e.sha256}
                    for name, e in sorted(writer.entries.items())
                },
            }
            writer.add_bytes(
                archive.MANIFEST,
                json.dumps(summary.manifest, indent=1, sort_keys=True).encode("utf-8"),
            )
    return summary


def backup_verify(*, path: Path) -> Summary:
    """Check the archive against its manifest; write nothing. Raises BackupError."""
    manifest = archive.read_and_verify(Path(path))
    files = manifest["files"]
    if manifest["database"]["method"] == "dumpdata":
        _check_fixture_models(Path(path), manifest["database"]["file"], manifest["row_counts"])
    return Summary(
        method=manifest["database"]["method"],
        media={
            alias: sum(1 for n in files if n.startswith(f"media/{alias}/"))
            for alias in media.STORAGES
        },
        media_bytes=sum(e["size"] for n, e in files.items() if n.startswith("media/")),
        row_counts=manifest["row_counts"],
        manifest=manifest,
    )


def _check_fixture_models(path: Path, member: str, row_counts: dict[str, int]) -> None:
    """The dump may only hold rows of models a backup holds (a crafted archive
    could otherwise plant sessions, permissions or any other table's rows), and
    as many rows per table as the manifest says."""
    models = {m._meta.label_lower: m for m in database.dumped_models()}
    for _, source in archive.members(path, member):
        try:
            rows = json.load(source)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(f"Refused: {member} is not valid JSON ({error}).") from None
        if not isinstance(rows, list):
            raise BackupError(f"Refused: {member} is not a list of rows.")
        found: dict[str, int] = dict.fromkeys(row_counts, 0)
        for row in rows:
            label = row.get("model") if isinstance(row, dict) else None
            if label not in models or not isinstance(row.get("fields"), dict):
                raise BackupError(f"Refused: {member} holds rows of {label!r}.")
            model = models[label]
            found[model._meta.db_table] = found.get(model._meta.db_table, 0) + 1
            for m2m in model._meta.local_many_to_many:
                table = m2m.remote_field.through._meta.db_table
                found[table] = found.get(table, 0) + len(row["fields"].get(m2m.name) or ())
        if found != row_counts:
            differing = sorted(
                t for t in found.keys() | row_counts.keys() if found.get(t) != row_counts.get(t)
            )
            raise BackupError(
                f"Refused: the manifest's row counts do not match {member} "
                f"({', '.join(differing[:5])})."
            )


def _check_counts(expected: dict[str, int]) -> None:
    counts = database.row_counts()
    differing = {
        table: (number, counts.get(table))
        for table, number in expected.items()
        if counts.get(table) != number
    }
    if differing:
        raise BackupError(
            "Row counts differ from the manifest (table: expected, found): "
            + ", ".join(f"{t}: {e}, {f}" for t, (e, f) in sorted(differing.items()))
        )


def backup_restore(
    *, path: Path, force: bool = False, check_only: bool = False, say: Say = _quiet
) -> Summary:
    """Restore into an empty database and empty media storages.

    Everything is verified first; a refusal changes nothing. With `force` the
    target's database content is erased and media files of the same names replaced.
    """
    path = Path(path)
    say(f"verifying {path.name}")
    summary = backup_verify(path=path)
    manifest = summary.manifest
    say(
        f"verified: {len(manifest['files'])} members, checksums match "
        f"({summary.rows} rows, {sum(summary.media.values())} media files; "
        f"backup taken {manifest.get('created_at', '?')} on {manifest['database'].get('vendor')} "
        f"with {manifest['database']['method']})"
    )
    db = manifest["database"]
    if db["method"] == "dumpdata":
        database.check_migrations(db["migrations"])
    elif connection.vendor != "postgresql":
        raise BackupError(
            "This backup holds a pg_dump archive: restore it into PostgreSQL "
            f"(the configured database is {connection.vendor})."
        )
    media_members = sorted(n for n in manifest["files"] if n.startswith("media/"))
    if not force:
        rows = database.content_rows() if database.has_tables() else 0
        if rows:
            raise BackupError(
                f"The target database is not empty: it holds {rows} rows of content "
                "(articles, photos, users…). "
                "Restore into an empty database, or pass --force to erase its content first."
            )
        taken = media.existing(media_members)
        if taken:
            raise BackupError(
                f"{len(taken)} media files already exist in the target storage "
                f"(e.g. {taken[0]}). Restore into empty media storage, or pass --force "
                "to replace them."
            )
    if check_only:
        return summary

    written: list[str] = []
    with tempfile.TemporaryDirectory(prefix="newsroom-restore-") as scratch:
        dump = Path(scratch) / ("data.json" if db["method"] == "dumpdata" else "postgres.dump")
        for _, source in archive.members(path, db["file"]):
            with dump.open("wb") as target:
                while chunk := source.read(archive.CHUNK):
                    target.write(chunk)
        try:
            for number, (member, source) in enumerate(archive.members(path, "media/"), 1):
                media.write(member, source, replace=force)
                written.append(member)
                if number % 500 == 0:
                    say(f"media: {number}/{len(media_members)} files…")
            say(f"media: {len(written)} files written")
            say(f"database: restoring with {db['method']}")
            if db["method"] == "pg_dump":
                database.restore_postgres(dump, force=force, out=say)
            else:
                # Counted inside the load's transaction: a mismatch undoes the load.
                database.restore_json(
                    dump,
                    db["migrations"],
                    force=force,
                    out=say,
                    verify=lambda: _check_counts(manifest["row_counts"]),
                )
        except BaseException:
            # Nothing half-written: media written for a restore that failed go again.
            for member in written:
                media.delete(member)
            raise
    if db["method"] == "pg_dump":
        # After the fact: pg_restore's transaction has committed by now.
        _check_counts(manifest["row_counts"])
    counts = database.row_counts()
    say(f"database: {sum(counts.values())} rows in {len(counts)} tables, counts match")
    # The rows are in at the backup's schema; now any newer migrations of this code.
    database.migrate()
    forget_stored_pages()
    say("page cache: emptied (its pages came from the database that was replaced)")
    return summary
