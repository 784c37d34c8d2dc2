"""`manage.py backup [PATH] [--method auto|dumpdata|pg_dump]`: one archive with the
database, all media and a manifest of checksums (newsroom/backup/)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from newsroom.operations.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Back up the database and all media (renditions and originals) into one archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Archive to write (.tar.gz compressed, .tar not). "
            "Default: newsroom-backup-<UTC time>.tar.gz in the current folder.",
        )
        parser.add_argument(
            "--method",
            choices=["auto", "dumpdata", "pg_dump"],
            default="auto",
            help="auto: pg_dump on PostgreSQL when its major version matches the server, "
            "else dumpdata.",
        )

    def handle(self, *args, **options):
        path = Path(options["path"] or f"newsroom-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        if path.exists():
            raise CommandError(f"{path} exists; choose another name (backups are never replaced).")
        try:
            summary = backup_write(path=path, method=options["method"], say=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {path} ({path.stat().st_size / 1e6:.1f} MB): "
                f"{summary.rows} rows in {len(summary.row_counts)} tables ({summary.method}), "
                + ", ".join(f"{n} {alias} media files" for alias, n in summary.media.items())
            )
        )
