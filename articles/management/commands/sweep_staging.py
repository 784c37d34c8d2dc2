"""`manage.py sweep_staging`: finish what killed uploads and imports left staged.

Originals are written into a staging area and moved into place after their
transaction commits (articles/photos/staging.py). A process killed in between
leaves them there; this moves into place those whose photo was committed and
deletes the rest. `import_ninjs` does the same before it writes; run this from
cron (hourly is plenty) for what the admin's web workers leave.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.photos.cleanup import sweep_staged_originals


class Command(BaseCommand):
    help = "Move committed staged originals into place and delete abandoned ones."

    def handle(self, *args, **options):
        moved, deleted = sweep_staged_originals()
        self.stdout.write(
            self.style.SUCCESS(f"{moved} staged original(s) moved into place, {deleted} deleted")
        )
