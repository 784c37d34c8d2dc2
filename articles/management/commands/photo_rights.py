"""`manage.py photo_rights [--days N] [--purge-expired]`: photos whose rights run out.

Readers stop seeing a photo the moment its rights expire (the pages check the
date themselves; no job needs to run). This command tells the desk which
photos have expired or will within N days, and which articles use them. With
--purge-expired it also deletes the expired photos' renditions, so the files
stop being served from storage or a CDN too; the original is kept, so a photo
whose rights are renewed gets its renditions back (rebuild_renditions
--missing-only, or saving it in the admin). Run it daily, e.g. from cron.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.models import Photo
from articles.photos.services import photo_rights_expire


class Command(BaseCommand):
    help = "List photos whose rights have expired or will soon; optionally purge renditions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PHOTO_RIGHTS_WARNING_DAYS,
            help="How far ahead to warn (default: PHOTO_RIGHTS_WARNING_DAYS).",
        )
        parser.add_argument(
            "--purge-expired",
            action="store_true",
            help="Delete the renditions of expired photos (originals are kept).",
        )

    def handle(self, *args, **options):
        now = timezone.now()
        expired = Photo.objects.rights_expired(now).prefetch_related("articles")
        expiring = Photo.objects.rights_expiring(timedelta(days=options["days"]), now)
        self.section("Expired", expired.order_by("rights_expire_at"))
        self.section(
            f"Expiring within {options['days']} days",
            expiring.prefetch_related("articles").order_by("rights_expire_at"),
        )
        if options["purge_expired"]:
            count = photo_rights_expire(now=now)
            self.stdout.write(self.style.SUCCESS(f"Renditions of expired photos deleted: {count}"))

    def section(self, title: str, photos) -> None:
        photos = list(photos)
        self.stdout.write(self.style.MIGRATE_HEADING(f"{title}: {len(photos)}"))
        for photo in photos:
            when = timezone.localtime(photo.rights_expire_at).strftime("%Y-%m-%d %H:%M")
            used_by = ", ".join(f"#{a.pk} {a}" for a in photo.articles.all()) or "no article"
            self.stdout.write(f"  #{photo.pk} {photo} · {when} · {used_by}")
