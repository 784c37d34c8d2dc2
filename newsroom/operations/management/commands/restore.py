"""`manage.py restore PATH [--check] [--force]`: verify a backup archive, then
restore it into an empty database and empty media storage (newsroom/backup/)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database and empty "
        "media storage. Every checksum is verified before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup archive.")
        parser.add_argument(
            "--check",
            "--dry-run",
            action="store_true",
            dest="check",
            help="Only verify the archive (and that the target is empty); write nothing.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore into a non-empty target: erase the database's content first "
            "and replace media files of the same names.",
        )

    def handle(self, *args, **options):
        try:
            summary = backup_restore(
                path=Path(options["path"]),
                force=options["force"],
                check_only=options["check"],
                say=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts = (
            f"{summary.rows} rows in {len(summary.row_counts)} tables ({summary.method}), "
            + ", ".join(f"{n} {alias} media files" for alias, n in summary.media.items())
        )
        if options["check"]:
            self.stdout.write(self.style.SUCCESS(f"Archive verified, target empty: {counts}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Restored {counts}."))
