"""`manage.py export_ninjs`: public language versions out as ninjs 3.1 documents.

NDJSON on standard output by default (the counts then go to standard error,
so the output stays clean for a pipe); with -o DIR one file per language
version, DIR/<language>/<article id>.json. Only what readers may see is
exported (`Article.objects.public_in`).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _

from articles.domain.languages import LANGUAGE_CODES, match_language
from articles.ninjs.export import ninjs_export


class Command(BaseCommand):
    help = (
        "Export public language versions as IPTC ninjs 3.1: NDJSON on standard output, "
        "or one file each with -o DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", metavar="L", help=("Only this language (default: all)."))
        parser.add_argument(
            "--since",
            metavar="DATETIME",
            help=("Only articles changed at or after this time (ISO 8601)."),
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="DIR",
            help=("Write one file per language version into DIR."),
        )
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help=("Site address for absolute links (default: NEWSROOM_BASE_URL)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=("Count what would be exported, without writing it."),
        )

    def handle(self, *args, **options):
        languages = self.languages(options["language"])
        since = self.since(options["since"])
        base_url = options["base_url"] or settings.NEWSROOM_BASE_URL
        if not base_url:
            raise CommandError(
                "Exports need the site's address for their links: set NEWSROOM_BASE_URL "
                "or pass --base-url https://news.example.org."
            )
        output = Path(options["output"]) if options["output"] else None
        report = self.stdout if output or options["dry_run"] else self.stderr
        live = output is not None and self.stdout.isatty()
        counts = dict.fromkeys(languages, 0)
        exported = ninjs_export(
            languages=languages, base_url=base_url, since=since, documents=not options["dry_run"]
        )
        shown = None  # the language whose progress line is open
        for version in exported:
            language = version.language
            counts[language] += 1
            if version.document is None:
                continue
            text = json.dumps(version.document, ensure_ascii=False)
            if output is None:
                self.stdout.write(text)
                continue
            self.write_file(output / language / f"{version.article_id}.json", text)
            if live:
                if shown not in (None, language):
                    self.stdout.write("")
                shown = language
                self.stdout.write(f"\r{language}: {counts[language]}   ", ending="")
        if shown is not None:
            self.stdout.write("")
        for language, count in counts.items():
            if count:
                report.write(f"{language}: {count}")
        total = sum(counts.values())
        message = (
            _("Would export %(count)d language version(s).")
            if options["dry_run"]
            else _("Exported %(count)d language version(s).")
        )
        report.write(self.style.SUCCESS(message % {"count": total}))

    def languages(self, tag: str | None) -> tuple[str, ...]:
        if tag is None:
            return LANGUAGE_CODES
        code = match_language(tag)
        if code is None:
            raise CommandError(
                _("--language %(tag)s is not one of the site's languages (%(codes)s)")
                % {"tag": tag, "codes": ", ".join(LANGUAGE_CODES)}
            )
        return (code,)

    def since(self, value: str | None):
        if not value:
            return None
        try:
            moment = parse_datetime(value)
        except ValueError:
            moment = None
        if moment is None:
            raise CommandError(
                _("--since %(value)s is not a date and time (such as 2026-11-26T08:00:00Z)")
                % {"value": value}
            )
        return make_aware(moment) if is_naive(moment) else moment

    def write_file(self, path: Path, text: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(
                _("cannot write %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
            ) from None
