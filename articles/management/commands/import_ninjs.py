"""`manage.py import_ninjs PATH [PATH …]`: agency copy in IPTC ninjs into articles.

A thin shell over `articles.ninjs.importer.ninjs_import`: it parses the
arguments, shows progress on a terminal and prints the summary.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.domain.languages import LANGUAGE_CODES, match_language
from articles.ninjs.importer import ACTIONS, ImportReport, NinjsImportError, ninjs_import
from articles.ninjs.iptc_schema import SchemaUnavailable
from articles.ninjs.reader import read_paths
from articles.photos.services import PhotoStorageError

PHASES = {"check": gettext_lazy("Checking"), "write": gettext_lazy("Writing")}
ACTION_LABELS = {
    "created": gettext_lazy("created"),
    "updated": gettext_lazy("updated"),
    "skipped": gettext_lazy("skipped"),
    "failed": gettext_lazy("failed"),
}


# How an item's line reads, by (outcome or action, dry run).
ITEM_LABELS = {
    ("created", False): gettext_lazy("created"),
    ("created", True): gettext_lazy("would be created"),
    ("updated", False): gettext_lazy("updated"),
    ("updated", True): gettext_lazy("would be updated"),
    ("skipped", False): gettext_lazy("skipped"),
    ("skipped", True): gettext_lazy("would be skipped"),
    ("refused", False): gettext_lazy("refused"),
    ("refused", True): gettext_lazy("refused"),
}


class Command(BaseCommand):
    help = (
        "Import IPTC ninjs documents (agency copy) as articles. PATH is a .json file "
        "(one document or an array), an .ndjson/.jsonl file, a folder (read recursively) "
        "or - for standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--language",
            metavar="L",
            help=("Language of documents that name none (a BCP 47 tag)."),
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help=("Publish the imported language versions (default: drafts)."),
        )
        parser.add_argument(
            "--section",
            metavar="SLUG",
            help=("Section for new articles, created if missing (default: wire)."),
        )
        parser.add_argument(
            "--fetch-media",
            action="store_true",
            help=("Download pictures whose renditions are http(s) URLs."),
        )
        parser.add_argument(
            "--media-root",
            metavar="DIR",
            help=(
                "Folder that pictures of documents read from standard input (-) are read "
                "from; they must stay inside it. Without it such documents may name no "
                "local picture file."
            ),
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=(
                "Import the valid documents and list the refused ones "
                "(exit status 1 if any were refused)."
            ),
        )
        parser.add_argument(
            "--overwrite-photo-text",
            action="store_true",
            help=(
                "Let the feed replace the credit, copyright holder, captions and alt texts "
                "of photos the desk has edited in the admin (default: the feed only fills "
                "in what is empty, and the summary lists what it left alone)."
            ),
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help=(
                "Refuse every item that does not conform, as sent, to the IPTC's schema of "
                "the ninjs version it declares (files in the folder NINJS_SCHEMA_DIR names), "
                "and API envelopes, instead of repairing the dialects of known wire systems "
                "with a warning."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=("Check everything and report, without writing."),
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.live = self.stdout.isatty()
        self.last_shown = -1
        language = options["language"]
        if language is not None and match_language(language) is None:
            raise CommandError(
                _("--language %(tag)s is not one of the site's languages (%(codes)s)")
                % {"tag": language, "codes": ", ".join(LANGUAGE_CODES)}
            )
        media_root = options["media_root"]
        if media_root is not None and not Path(media_root).is_dir():
            raise CommandError(_("--media-root %(path)s is not a folder") % {"path": media_root})
        try:
            report = ninjs_import(
                documents=read_paths(
                    options["paths"],
                    media_root=Path(media_root) if media_root is not None else None,
                ),
                publish=options["publish"],
                default_language=match_language(language) if language else None,
                section=options["section"],
                fetch_media=options["fetch_media"],
                skip_invalid=options["skip_invalid"],
                dry_run=options["dry_run"],
                overwrite_photo_text=options["overwrite_photo_text"],
                strict=options["strict"],
                progress=self.progress if self.live else None,
            )
        except (PhotoStorageError, SchemaUnavailable) as error:
            self.end_progress()
            raise CommandError(_("Nothing was imported: %(reason)s") % {"reason": error}) from None
        except NinjsImportError as error:
            self.end_progress()
            self.list_refused(error.report)
            raise CommandError(
                _("Nothing was imported: %(count)d document(s) refused (see above).")
                % {"count": len(error.report.refused)}
            ) from None
        self.end_progress()
        self.summary(report)
        if report.refused:
            raise CommandError(
                _("%(count)d document(s) refused; the others were imported.")
                % {"count": len(report.refused)},
                returncode=1,
            )

    # -- output ------------------------------------------------------------

    def progress(self, phase: str, done: int, total: int) -> None:
        # A terminal only: rewrite one line, at most every 1% of the work.
        step = max(1, total // 100) if total else 50
        if done % step and done != total:
            return
        counter = f"{done}/{total}" if total else str(done)
        self.stdout.write(f"\r{PHASES[phase]}… {counter}   ", ending="")
        self.stdout.flush()
        self.last_shown = done

    def end_progress(self) -> None:
        if self.live and self.last_shown >= 0:
            self.stdout.write("")

    def summary(self, report: ImportReport) -> None:
        if report.dry_run:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
        self.table(report)
        if self.verbosity >= 1:
            self.item_lines(report)
        created = _("Section “%(slug)s” would be created.") if report.dry_run else None
        for slug in report.sections_created:
            self.stdout.write((created or _("Section “%(slug)s” created.")) % {"slug": slug})
        if report.photos_created:
            self.stdout.write(_("Photos stored: %(count)d") % {"count": report.photos_created})
        if report.not_articles:
            self.stdout.write(
                _("Not articles, skipped: %(count)d") % {"count": len(report.not_articles)}
            )
            for where, reason in report.not_articles:
                self.stdout.write(f"  {where}: {reason}")
        if self.verbosity >= 2:
            for where, reason in report.skipped:
                self.stdout.write(f"  {where}: {reason}")
        if report.photo_texts_kept:
            self.stdout.write(
                _(
                    "Photo texts edited by the desk, left alone "
                    "(--overwrite-photo-text to replace them): %(count)d"
                )
                % {"count": len(report.photo_texts_kept)}
            )
            for where, message in report.photo_texts_kept:
                self.stdout.write(f"  {where}: {message}")
        for where, message in report.warnings:
            self.stdout.write(self.style.WARNING(f"{where}: {message}"))
        self.list_refused(report)

    def table(self, report: ImportReport) -> None:
        known = [code for code in LANGUAGE_CODES if code in report.counts]
        others = sorted(label for label in report.counts if label not in LANGUAGE_CODES)
        rows = [(label, report.counts[label]) for label in (*known, *others)]
        width = max([len(str(_("language"))), *(len(label) for label, _row in rows)])
        self.stdout.write(
            f"{_('language'):<{width}}"
            + "".join(f" {ACTION_LABELS[action]:>8}" for action in ACTIONS)
        )
        for label, row in rows:
            self.stdout.write(f"{label:<{width}}" + "".join(f" {row[a]:>8}" for a in ACTIONS))
        # Outside the f-string: xgettext (makemessages) does not look inside one.
        total = _("total")
        self.stdout.write(
            self.style.SUCCESS(
                f"{total:<{width}}" + "".join(f" {report.total(a):>8}" for a in ACTIONS)
            )
        )

    def item_lines(self, report: ImportReport) -> None:
        """One line per item: imported (language, created/updated), skipped or refused, and why."""
        for line in report.item_lines():
            if line.outcome == "imported":
                label = ITEM_LABELS[(line.detail, report.dry_run)]
                text = _("imported (%(language)s, %(action)s)") % {
                    "language": line.language,
                    "action": label,
                }
            else:
                text = f"{ITEM_LABELS[(line.outcome, report.dry_run)]}: {line.detail}"
            self.stdout.write(f"  {line.where}: {text}")

    def list_refused(self, report: ImportReport) -> None:
        if not report.refused:
            return
        self.stderr.write(_("Refused: %(count)d") % {"count": len(report.refused)})
        for where, reason in report.refused:
            self.stderr.write(f"  {where}: {reason}")
