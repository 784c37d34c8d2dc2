"""`manage.py machine_translate --from pt --to en,fr (--article ID | --missing)`.

Options: `--publish` (publish the new versions; default drafts), `--dry-run`.

Fills missing language versions with machine drafts from the configured
engine (MT_ENGINE), through the same service as the translate view's
"Machine draft" and save (articles/services/machine_drafts.py). Versions that
exist are never overwritten. A pair the engine cannot translate is refused
per language with the reason and nothing of it is sent. Each version is
saved on its own, whole or not at all; an engine that is down, over quota or
refusing the key stops the run, and what was saved before stays saved.
"""

from __future__ import annotations

import functools
import operator
from collections import Counter

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles.domain.availability import has_language, has_text_in
from articles.domain.languages import LANGUAGE_CODES
from articles.domain.status import Status
from articles.machine_translation.base import MachineTranslationError
from articles.machine_translation.engines import engine_from_settings
from articles.models import Article
from articles.services.articles import EditConflict
from articles.services.machine_drafts import machine_draft_make, translation_save


def _language(code: str) -> str:
    code = code.strip().lower()
    if code not in LANGUAGE_CODES:
        raise CommandError(f"Unknown language {code!r}: use one of {', '.join(LANGUAGE_CODES)}.")
    return code


class Command(BaseCommand):
    help = "Fill missing language versions with machine translations from the configured engine."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="Source language code.")
        parser.add_argument(
            "--to", required=True, help="Target language codes, comma-separated (en,fr,fi)."
        )
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--article", type=int, help="Only this article (its id).")
        which.add_argument(
            "--missing",
            action="store_true",
            help="Every article with source text that lacks one of the target languages.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the new versions (default: drafts; the embargo still holds).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be translated; send nothing."
        )

    def handle(self, *args, **options):
        source = _language(options["source"])
        targets = list(dict.fromkeys(_language(c) for c in options["to"].split(",") if c.strip()))
        if not targets:
            raise CommandError("--to names no language.")
        if source in targets:
            raise CommandError(f"--to includes the source language {source}.")
        try:
            engine = engine_from_settings()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        refused = {code: engine.refusal(source, code) for code in targets}
        refused = {code: reason for code, reason in refused.items() if reason}
        targets = [code for code in targets if code not in refused]
        for code, reason in refused.items():
            self.stderr.write(f"{code}: refused, nothing sent: {reason}")
        if not targets:
            raise CommandError("No target language can be translated from " + source + ".")
        articles = self._articles(source, targets, options["article"])
        counts: dict[str, Counter] = {code: Counter() for code in targets}
        failures: list[str] = []
        total = len(articles) * len(targets)
        state = Status.PUBLISHED if options["publish"] else Status.DRAFT
        actor = f"machine_translate ({engine.name})"
        done = 0
        stopped = None
        for article in articles:
            for code in targets:
                done += 1
                self.progress(done, total)
                if has_text_in(article, code):
                    counts[code]["exists"] += 1
                    continue
                if options["dry_run"]:
                    counts[code]["would translate"] += 1
                    continue
                try:
                    draft = machine_draft_make(
                        article=article, source=source, target=code, engine=engine
                    )
                    translation_save(
                        article=article,
                        language=code,
                        texts=draft.texts,
                        source=source,
                        state=state,
                        actor=actor,
                        machine=draft,
                    )
                except (MachineTranslationError, ValidationError, EditConflict) as error:
                    counts[code]["failed"] += 1
                    failures.append(f"article #{article.pk} {code}: {_message(error)}")
                    # What the failed save set in memory was rolled back in the database.
                    article = Article.objects.select_related("photo").get(pk=article.pk)
                    if getattr(error, "stops_run", False):
                        stopped = error
                        break
                else:
                    counts[code]["made"] += 1
            if stopped:
                break
        if total and self.stdout.isatty():
            self.stdout.write("")
        self._summary(counts, refused, options["dry_run"])
        for failure in failures:
            self.stderr.write(failure)
        if stopped:
            raise CommandError(f"Stopped: {stopped}")
        if failures:
            raise CommandError(f"{len(failures)} version(s) failed; see above.")

    def _articles(self, source: str, targets: list[str], pk: int | None) -> list[Article]:
        articles = Article.objects.select_related("photo").order_by("pk")
        if pk is not None:
            article = articles.filter(pk=pk).first()
            if article is None:
                raise CommandError(f"There is no article #{pk}.")
            if not has_text_in(article, source):
                raise CommandError(f"Article #{pk} has no {source} text to translate.")
            return [article]
        lacking = functools.reduce(operator.or_, (~has_language(code) for code in targets))
        return list(articles.filter(has_language(source)).filter(lacking))

    def _summary(self, counts: dict[str, Counter], refused: dict[str, str], dry_run: bool):
        self.stdout.write("Dry run: nothing was sent or saved." if dry_run else "Done.")
        for code, count in counts.items():
            parts = [f"{n} {what}" for what, n in sorted(count.items())] or ["nothing to do"]
            line = f"{code}: {', '.join(parts)}"
            self.stdout.write(self.style.ERROR(line) if count["failed"] else line)
        for code, reason in refused.items():
            self.stdout.write(self.style.WARNING(f"{code}: refused ({reason})"))

    def progress(self, done: int, total: int) -> None:
        """A bar on a terminal; nothing in logs and pipes."""
        if not self.stdout.isatty():
            return
        filled = 30 * done // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", ending="")


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    if isinstance(error, EditConflict):
        return error.message
    return str(error)
