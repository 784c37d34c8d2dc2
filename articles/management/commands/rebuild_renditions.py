"""`manage.py rebuild_renditions [--spec S] [--missing-only]`: make renditions again.

Without --missing-only every rendition is rendered afresh (after the specs or
encoder settings changed) and renditions of specs no longer defined are
removed. A photo whose original cannot be read is reported and skipped; the
run goes on, and ends with a non-zero status if any photo failed.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from articles.models import Photo
from articles.photos.renditions import ensure_renditions, rebuild_renditions
from articles.photos.specs import SPECS


class Command(BaseCommand):
    help = "Render photo renditions again (all, or only the missing ones)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--spec",
            action="append",
            choices=sorted(SPECS),
            help="Only this spec (repeat for several). Default: all.",
        )
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="Only make renditions that do not exist yet.",
        )

    def handle(self, *args, **options):
        specs = set(options["spec"]) if options["spec"] else None
        work = ensure_renditions if options["missing_only"] else rebuild_renditions
        photos = Photo.objects.order_by("pk")
        total = photos.count()
        made, failures = 0, []
        for done, photo in enumerate(photos.iterator(), start=1):
            try:
                made += len(work(photo, specs=specs))
            except Exception as error:  # a broken original must not stop the run
                failures.append((photo, error))
            self.progress(done, total)
        self.stdout.write(
            self.style.SUCCESS(f"{total} photos, {made} renditions made, {len(failures)} failed")
        )
        for photo, error in failures:
            self.stderr.write(f"Photo #{photo.pk} ({photo.image.name}): {error}")
        if failures:
            raise CommandError(f"{len(failures)} photo(s) could not be rendered; see above.")

    def progress(self, done: int, total: int) -> None:
        """A bar on a terminal; nothing in logs and pipes."""
        if not self.stdout.isatty():
            return
        filled = 30 * done // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", ending="")
        if done == total:
            self.stdout.write("")
