"""`manage.py sweep_staging [--dry-run]`: finish what killed uploads, imports and renders left.

Originals are written into a staging area and moved into place after their
transaction commits (articles/photos/staging.py). A process killed in between
leaves them there; this moves into place those whose photo was committed and
deletes the rest. It also deletes rendition files that no row names and that
are older than the grace period (articles/photos/cleanup.py), so a rendition
being made right now is never taken. `import_ninjs` sweeps the staging area
before it writes; run this from cron (hourly is plenty) for the rest.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.photos.cleanup import (
    staged_leftovers,
    sweep_staged_originals,
    sweep_unreferenced_renditions,
    unreferenced_renditions,
)


def shown(name: str) -> str:
    """A stored name as a terminal may print it: control characters escaped."""
    return name if name.isprintable() else ascii(name)


class Command(BaseCommand):
    help = (
        "Move committed staged originals into place, delete abandoned ones, and delete "
        "rendition files no row names (older than the grace period)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List what would be moved or deleted; change nothing.",
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if dry_run:
            self.dry_run()
            return
        moved, deleted = sweep_staged_originals()
        renditions = sweep_unreferenced_renditions()
        if verbosity >= 2:
            for name in renditions:
                self.stdout.write(f"deleted {shown(name)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{moved} staged original(s) moved into place, {deleted} deleted; "
                f"{len(renditions)} unreferenced rendition file(s) deleted"
            )
        )

    def dry_run(self):
        moves = deletes = 0
        for leftover in staged_leftovers():
            if leftover.final_name:
                self.stdout.write(
                    f"would move {shown(leftover.staged)} → {shown(leftover.final_name)}"
                )
                moves += 1
            else:
                self.stdout.write(f"would delete {shown(leftover.staged)}")
                deletes += 1
        renditions = 0
        for name in unreferenced_renditions():
            self.stdout.write(f"would delete {shown(name)}")
            renditions += 1
        self.stdout.write(
            self.style.WARNING(
                f"Dry run, nothing changed: {moves} staged original(s) would be moved into place, "
                f"{deletes} deleted; {renditions} unreferenced rendition file(s) would be deleted"
            )
        )
