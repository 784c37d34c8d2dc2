"""Publish what is due, take down what expired. Safe from cron every minute,
and safe when two run at once: each state change is a conditional update."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.services.scheduling import publish_due


class Command(BaseCommand):
    help = "Record scheduled language versions that are due as published; take down expired ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Keep running, once every SECONDS (for hosts without cron).",
        )
        parser.add_argument(
            "--times",
            type=int,
            default=0,
            help="With --every: stop after this many runs (0: never).",
        )

    def handle(self, *args, every=None, times=0, **options):
        if every is not None and every < 1:
            raise CommandError("--every takes a whole number of seconds, 1 or more.")
        runs = 0
        while True:
            run = publish_due()
            runs += 1
            self.stdout.write(
                self.style.SUCCESS(
                    f"Published {len(run.published)}, taken down {len(run.taken_down)}."
                )
            )
            for pk, language in run.published:
                self.stdout.write(f"  published article {pk} [{language}]", self.style.NOTICE)
            for pk, language in run.taken_down:
                self.stdout.write(f"  took down article {pk} [{language}]", self.style.NOTICE)
            if every is None or (times and runs >= times):
                return
            time.sleep(every)
