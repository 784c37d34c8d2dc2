"""Compile the project's message catalogs (.po → .mo) in pure Python.

Django's own ``compilemessages`` shells out to GNU gettext's ``msgfmt``, which a
fresh machine (a newcomer's laptop, a slim CI or container image) does not
have. This command does the same job with ``polib`` from requirements.txt, so
``make setup`` and ``make test`` need nothing beyond Python.

Every ``<LOCALE_PATH>/<lang>/LC_MESSAGES/*.po`` is compiled into the ``.mo``
beside it, unless that ``.mo`` is already newer than its ``.po``. A malformed
catalog stops the command with the file and line, and leaves no ``.mo`` for it:
a broken catalog must fail here, not as a 500 on a reader's page.
"""

from __future__ import annotations

import gettext
import io
import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.operations.catalogs import PRINTF


def _placeholder_names(text: str) -> set[str | None]:
    """Names of the placeholders in ``text``; None stands for a positional one."""
    return {m["name"] for m in PRINTF.finditer(text) if m["conversion"] != "%"}


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po under LOCALE_PATHS into .mo files with "
        "polib (no GNU gettext needed). Up-to-date .mo files are left alone."
    )
    # Compiling text files needs neither the database nor a healthy project.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Recompile even up-to-date catalogs."
        )

    def handle(self, *args, force: bool = False, **options):
        verbosity = options["verbosity"]
        compiled = 0
        for po_path in self._catalogs():
            mo_path = po_path.with_suffix(".mo")
            if not force and self._is_up_to_date(po_path, mo_path):
                continue
            self._compile(po_path, mo_path)
            compiled += 1
            if verbosity >= 2:
                self.stdout.write(f"Compiled {po_path}")
        if verbosity >= 1:
            noun = "catalog" if compiled == 1 else "catalogs"
            self.stdout.write(self.style.SUCCESS(f"Compiled {compiled} message {noun}."))

    def _catalogs(self) -> list[Path]:
        found: list[Path] = []
        for locale_path in settings.LOCALE_PATHS:
            found.extend(sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")))
        return found

    @staticmethod
    def _is_up_to_date(po_path: Path, mo_path: Path) -> bool:
        # Strictly newer: with coarse file-system clocks an equal time may hide an edit.
        try:
            return mo_path.stat().st_mtime > po_path.stat().st_mtime
        except FileNotFoundError:
            return False

    def _compile(self, po_path: Path, mo_path: Path) -> None:
        try:
            catalog = polib.pofile(str(po_path))
        except (OSError, ValueError) as exc:  # ValueError covers UnicodeDecodeError
            message = str(exc)
            if str(po_path) not in message:
                message = f"{po_path}: {message}"
            raise CommandError(f"Cannot compile {message}") from exc
        self._check(po_path, catalog)
        data = catalog.to_binary()
        try:
            # Load it the way Django will: a bad charset or Plural-Forms fails here.
            gettext.GNUTranslations(io.BytesIO(data))
        except (OSError, ValueError, LookupError) as exc:
            raise CommandError(f"Cannot compile {po_path}: header: {exc}") from exc
        self._write_atomically(mo_path, data)

    @staticmethod
    def _check(po_path: Path, catalog: polib.POFile) -> None:
        """What msgfmt -c would refuse and polib lets through."""
        seen: set[tuple[str | None, str]] = set()
        for entry in catalog:
            if entry.obsolete:
                continue
            where = f"{po_path}, line {entry.linenum}"
            key = (entry.msgctxt, entry.msgid)
            if key in seen:
                raise CommandError(f"Cannot compile {where}: duplicate msgid {entry.msgid!r}")
            seen.add(key)
            if "python-format" not in entry.flags or not entry.translated():
                continue
            # An unknown name in a translation is a KeyError on the page that uses it.
            allowed = _placeholder_names(entry.msgid) | _placeholder_names(entry.msgid_plural)
            for translation in [entry.msgstr, *entry.msgstr_plural.values()]:
                unknown = _placeholder_names(translation) - allowed
                if unknown:
                    names = ", ".join(sorted("%s" if n is None else f"%({n})s" for n in unknown))
                    raise CommandError(
                        f"Cannot compile {where}: the translation of {entry.msgid!r} "
                        f"uses {names}, which the original does not have"
                    )

    @staticmethod
    def _write_atomically(mo_path: Path, data: bytes) -> None:
        """Never leave a half-written .mo that Django would then fail to load."""
        fd, tmp_name = tempfile.mkstemp(dir=mo_path.parent, prefix=".", suffix=".mo.tmp")
        try:
            with os.fdopen(fd, "wb") as tmp:
                tmp.write(data)
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, mo_path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
