"""Merge the messages the sources use into every catalog, in pure Python.

The first step of the catalog workflow (docs/workflow.md): update_catalogs,
translate what it reports, compile_catalogs, then the catalog tests. Unlike
`makemessages` it needs no GNU gettext and reads Jinja2 templates with Jinja2
(newsroom/operations/catalogs.py). A catalog that cannot be read stops the
command before anything is written.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.operations.catalogs import catalog_merge, project_messages


class Command(BaseCommand):
    help = (
        "Add the messages the sources use to every locale/*/LC_MESSAGES/django.po, drop "
        "the ones they no longer use, keep every translation (no GNU gettext needed)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        try:
            messages = project_messages(Path(settings.BASE_DIR))
        except (SyntaxError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read the sources: {exc}") from exc
        catalogs = [(path, self._read(path)) for path in self._paths()]
        for path, catalog in catalogs:
            before = str(catalog)
            changes = catalog_merge(catalog, messages)
            # Written also when only the places listed changed: they lead translators to the use.
            if str(catalog) != before and not dry_run:
                catalog.save(str(path))
            language = path.parent.parent.name
            self.stdout.write(
                f"{language}: {changes.added} new, {changes.removed} removed, "
                f"{changes.untranslated} untranslated"
            )
        noun = "message" if len({m.key for m in messages}) == 1 else "messages"
        summary = f"{len({m.key for m in messages})} {noun} in {len(catalogs)} catalogs."
        if dry_run:
            summary += " Dry run: nothing was written."
        self.stdout.write(self.style.SUCCESS(summary))

    @staticmethod
    def _paths() -> list[Path]:
        found: list[Path] = []
        for locale_path in settings.LOCALE_PATHS:
            found.extend(sorted(Path(locale_path).glob("*/LC_MESSAGES/django.po")))
        return found

    @staticmethod
    def _read(path: Path) -> polib.POFile:
        try:
            return polib.pofile(str(path), wrapwidth=79)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
